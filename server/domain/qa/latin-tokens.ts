import { finding, isBlank, type QaCheck } from './finding.js';

// Latin words, acronyms and model names such as ENFORCE, GPT-4, OpenAI, IP, R&D.
const LATIN = /[A-Za-zＡ-Ｚａ-ｚ][A-Za-z0-9Ａ-Ｚａ-ｚ０-９]*(?:[-.&][A-Za-z0-9]+)*/g;

const fold = (s: string) =>
  s.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Latin-script tokens of the source (names, acronyms, model names) that do not appear in the
 * English. Tokens inside a glossary term whose rendering was found are left to the glossary:
 * its rendering may legitimately spell the token out.
 */
export const latinTokens: QaCheck = {
  id: 'latin_tokens',
  severity: 'error',
  run(seg, ctx) {
    if (isBlank(seg.target)) return [];
    const ok = (ctx.terms.get(seg.id)?.occurrences ?? []).filter((o) => o.verdict !== 'missing');
    const seen = new Set<string>();
    const out = [];
    for (const m of seg.source.matchAll(LATIN)) {
      const token = fold(m[0]);
      const end = m.index + m[0].length;
      if (seen.has(token) || ok.some((o) => o.start <= m.index && end <= o.end)) continue;
      seen.add(token);
      const re = new RegExp(`(?<![A-Za-z0-9])${escape(token)}(?![A-Za-z0-9])`, 'i');
      if (!re.test(seg.target))
        out.push(
          finding(
            this,
            seg,
            token,
            `"${token}" from the source is missing in the English`,
            { token },
            { side: 'source', start: m.index, end },
          ),
        );
    }
    return out;
  },
};
