import { finding, isBlank, type Finding, type QaCheck, type QaSegment } from './finding.js';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const SMALL = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
];

const toAsciiDigits = (s: string) =>
  s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** "May", "Sept.", "Sep" … for month m (1-based), as a RegExp source. */
function monthPattern(m: number): string {
  const name = MONTHS[m - 1]!;
  return `(?:${name}|${name.slice(0, 3)}\\.?${name === 'September' ? '|Sept\\.?' : ''})`;
}

interface Rule {
  re: RegExp;
  /** RegExp sources, any of which satisfies the source match in the English. */
  expect(m: RegExpExecArray): string[] | null;
}

// Order matters: dates and scores consume their digits before the plain-number rule sees them.
const RULES: Rule[] = [
  {
    // 5月23日 / 5月23号 ↔ May 23, 23 May
    re: /(\d{1,2})\s*月\s*(\d{1,2})\s*[日号號]/g,
    expect: (m) => {
      const month = Number(m[1]);
      if (month < 1 || month > 12) return null;
      const mp = monthPattern(month);
      return [
        `\\b${mp}\\s+${Number(m[2])}(?:st|nd|rd|th)?\\b`,
        `\\b${Number(m[2])}(?:st|nd|rd|th)?\\s+(?:of\\s+)?${mp}\\b`,
      ];
    },
  },
  {
    // 43比3 ↔ 43-3, 43–3, 43:3, 43 to 3
    re: /(\d+)\s*比\s*(\d+)/g,
    expect: (m) => [`\\b${m[1]}\\s*(?:[-–—:]|to)\\s*${m[2]}\\b`],
  },
  {
    // 5月 alone ↔ May
    re: /(\d{1,2})\s*月(?!\s*\d)/g,
    expect: (m) =>
      Number(m[1]) >= 1 && Number(m[1]) <= 12 ? [`\\b${monthPattern(Number(m[1]))}\\b`] : null,
  },
  {
    // 3万 ↔ 30,000 / 30 thousand; 2亿 ↔ 200 million / 0.2 billion
    re: /(\d+(?:\.\d+)?)\s*([万亿億])/g,
    expect: (m) => {
      const value = Number(m[1]) * (m[2] === '万' ? 1e4 : 1e8);
      return numberForms(value);
    },
  },
  {
    re: /\d+(?:[.,]\d+)*/g,
    expect: (m) => numberForms(Number(m[0].replace(/,/g, ''))).concat(escape(m[0])),
  },
];

/** English ways of writing a number: digits with or without separators, millions, small words. */
function numberForms(value: number): string[] {
  const forms = [`${value}`, value.toLocaleString('en-US')].map(
    (f) => `(?<![\\d.,])${escape(f)}(?![\\d]|[.,]\\d)`,
  );
  for (const [unit, size] of [
    ['thousand', 1e3],
    ['million', 1e6],
    ['billion', 1e9],
  ] as const) {
    const v = value / size;
    if (v >= 1 && Number.isInteger(v * 100)) forms.push(`\\b${escape(String(v))}\\s*${unit}\\b`);
  }
  if (Number.isInteger(value) && value < SMALL.length) forms.push(`\\b${SMALL[value]}\\b`);
  return forms;
}

/** Numbers and dates of the source missing from the English (5月23日 ↔ May 23, 43比3 ↔ 43-3). */
export const numbers: QaCheck = {
  id: 'numbers',
  severity: 'error',
  run(seg) {
    if (isBlank(seg.target)) return [];
    return checkNumbers(this, seg);
  },
};

function checkNumbers(check: QaCheck, seg: QaSegment): Finding[] {
  let source = toAsciiDigits(seg.source);
  const out: Finding[] = [];
  for (const rule of RULES) {
    for (const m of source.matchAll(rule.re)) {
      const forms = rule.expect(m as RegExpExecArray);
      // Blank out what this rule consumed, keeping offsets, so later rules do not see it.
      source =
        source.slice(0, m.index) + ' '.repeat(m[0].length) + source.slice(m.index + m[0].length);
      if (!forms) continue;
      if (forms.some((f) => new RegExp(f, 'i').test(seg.target))) continue;
      out.push(
        finding(
          check,
          seg,
          m[0],
          `"${m[0]}" has no counterpart in the English`,
          { text: m[0] },
          { side: 'source', start: m.index, end: m.index + m[0].length },
        ),
      );
    }
  }
  return out;
}
