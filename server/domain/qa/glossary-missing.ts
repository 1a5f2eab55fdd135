import { finding, isBlank, type QaCheck } from './finding.js';

/** A glossary term in the source with none of its admitted renderings in the English. */
export const glossaryMissing: QaCheck = {
  id: 'glossary_missing',
  severity: 'error',
  run(seg, ctx) {
    if (isBlank(seg.target)) return [];
    const seen = new Map<number, number>();
    return (ctx.terms.get(seg.id)?.occurrences ?? []).flatMap((o) => {
      const nth = (seen.get(o.entryId) ?? 0) + 1;
      seen.set(o.entryId, nth);
      if (o.verdict !== 'missing') return [];
      const e = ctx.entries.get(o.entryId);
      const target = e?.target ?? '';
      return [
        finding(
          this,
          seg,
          `${e?.source ?? o.text}#${nth}`,
          `"${o.text}" should be rendered "${target}"`,
          { term: o.text, target },
          { side: 'source', start: o.start, end: o.end },
        ),
      ];
    });
  },
};
