import { finding, type QaCheck } from './finding.js';

/** A deprecated rendering of a glossary term used in the English. */
export const glossaryForbidden: QaCheck = {
  id: 'glossary_forbidden',
  severity: 'error',
  run(seg, ctx) {
    return (ctx.terms.get(seg.id)?.target ?? [])
      .filter((r) => r.kind === 'forbidden')
      .map((r) => {
        const e = ctx.entries.get(r.entryId);
        const target = e?.target ?? '';
        return finding(
          this,
          seg,
          `${e?.source ?? ''}:${r.form.toLowerCase()}`,
          `"${r.text}" is a forbidden rendering of "${e?.source ?? ''}"; use "${target}"`,
          { term: e?.source ?? '', rendering: r.text, target },
          { side: 'target', start: r.start, end: r.end },
        );
      });
  },
};
