import { finding, type QaCheck } from './finding.js';

const PAIRS: [string, string][] = [
  ['(', ')'],
  ['[', ']'],
  ['{', '}'],
  ['“', '”'],
];

/**
 * Unbalanced brackets and quotes in the English: each closer must follow its opener, and
 * straight double quotes must come in pairs. Single curly quotes are not checked: ’ is also
 * the apostrophe.
 */
export const brackets: QaCheck = {
  id: 'brackets',
  severity: 'warning',
  run(seg) {
    const out = [];
    for (const [open, close] of PAIRS) {
      let depth = 0;
      let at = -1;
      for (let i = 0; i < seg.target.length && depth >= 0; i++) {
        const c = seg.target[i];
        if (c === open) {
          if (depth === 0) at = i;
          depth++;
        } else if (c === close) {
          depth--;
          if (depth < 0) at = i;
        }
      }
      if (depth !== 0)
        out.push(
          finding(
            this,
            seg,
            `${open}${close}`,
            `Unbalanced ${open} ${close} in the English`,
            { open, close },
            { side: 'target', start: at, end: at + 1 },
          ),
        );
    }
    const straight = seg.target.split('"').length - 1;
    if (straight % 2 === 1)
      out.push(
        finding(this, seg, '""', 'Odd number of " in the English', { open: '"', close: '"' }),
      );
    return out;
  },
};
