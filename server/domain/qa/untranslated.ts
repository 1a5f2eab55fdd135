import { finding, type QaCheck } from './finding.js';

const HAN_RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g;

/** Chinese characters left in the English: an untranslated or half-translated paragraph. */
export const untranslated: QaCheck = {
  id: 'untranslated',
  severity: 'error',
  run(seg) {
    return [...seg.target.matchAll(HAN_RUN)].map((m) =>
      finding(
        this,
        seg,
        m[0],
        `Chinese left in the English: "${m[0]}"`,
        { text: m[0] },
        { side: 'target', start: m.index, end: m.index + m[0].length },
      ),
    );
  },
};
