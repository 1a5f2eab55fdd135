import { finding, type QaCheck } from './finding.js';

/** Leading or trailing whitespace and doubled spaces in the English. */
export const whitespace: QaCheck = {
  id: 'whitespace',
  severity: 'warning',
  run(seg) {
    const t = seg.target;
    if (t === '') return [];
    const out = [];
    const lead = /^\s+/.exec(t);
    if (lead)
      out.push(
        finding(
          this,
          seg,
          'leading',
          'Whitespace at the start of the English',
          { kind: 'leading' },
          { side: 'target', start: 0, end: lead[0].length },
        ),
      );
    const trail = /\s+$/.exec(t);
    if (trail && trail.index > 0)
      out.push(
        finding(
          this,
          seg,
          'trailing',
          'Whitespace at the end of the English',
          { kind: 'trailing' },
          { side: 'target', start: trail.index, end: t.length },
        ),
      );
    const double = /\S( {2,}|\t)(?=\S)/.exec(t);
    if (double)
      out.push(
        finding(
          this,
          seg,
          'double',
          'Doubled space or tab inside the English',
          { kind: 'double' },
          { side: 'target', start: double.index + 1, end: double.index + 1 + double[1]!.length },
        ),
      );
    return out;
  },
};
