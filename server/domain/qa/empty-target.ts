import { finding, isBlank, type QaCheck } from './finding.js';

/** A source paragraph with no English. */
export const emptyTarget: QaCheck = {
  id: 'empty_target',
  severity: 'error',
  run(seg) {
    if (isBlank(seg.source) || !isBlank(seg.target)) return [];
    return [finding(this, seg, 'empty', 'The English is empty')];
  },
};
