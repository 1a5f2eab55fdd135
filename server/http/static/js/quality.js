// @ts-check
/** Fills the quality panel of the review page from GET /api/documents/:id/quality. */
const panel = /** @type {HTMLElement | null} */ (document.getElementById('quality-panel'));
if (panel) void fill(panel);

/** @param {HTMLElement} panel */
async function fill(panel) {
  /** @type {Record<string, string>} */
  const s = JSON.parse(document.getElementById('quality-i18n')?.textContent ?? '{}');
  const res = await fetch(`/api/documents/${panel.dataset.documentId}/quality`, {
    headers: { Accept: 'application/json' },
  });
  if (!res.ok) return;
  const q = await res.json();
  const figures = /** @type {HTMLElement} */ (panel.querySelector('[data-role="quality-figures"]'));
  /** @type {[string, string, string?][]} */
  const rows = [
    [s.score ?? 'Score', `${q.score} — ${q.pass ? s.pass : s.fail}`, q.pass ? 'pass' : 'fail'],
    [s.threshold ?? 'Threshold', String(q.model.threshold)],
    [
      s.errors ?? 'Errors',
      `${q.errors.total} (${s.minor} ${q.errors.minor} · ${s.major} ${q.errors.major} · ${s.critical} ${q.errors.critical})`,
    ],
    [s.penalty ?? 'Penalty', String(q.penalty)],
    [s.per100 ?? 'per 100 words', String(q.penaltyPer100Words)],
    [s.per1000 ?? 'per 1,000 chars', String(q.penaltyPer1000SourceChars)],
    [
      s.sourceIssues ?? 'Source issues',
      `${q.sourceIssues.open} / ${q.sourceIssues.open + q.sourceIssues.resolved}`,
    ],
    [s.resolved ?? 'Resolved, not counted', String(q.resolvedNotCounted)],
  ];
  figures.replaceChildren(
    ...rows.flatMap(([label, value, cls]) => {
      const dt = document.createElement('dt');
      dt.textContent = label;
      const dd = document.createElement('dd');
      dd.textContent = value;
      if (cls) dd.className = `quality-${cls}`;
      return [dt, dd];
    }),
  );
  const table = /** @type {HTMLTableElement} */ (
    panel.querySelector('[data-role="quality-table"]')
  );
  const body = table.tBodies[0];
  const entries = Object.entries(
    /** @type {Record<string, {count: number, penalty: number}>} */ (q.byCategory),
  );
  if (body && entries.length > 0) {
    body.replaceChildren(
      ...entries.map(([category, v]) => {
        const tr = document.createElement('tr');
        for (const text of [category, String(v.count), String(v.penalty)]) {
          const td = document.createElement('td');
          td.textContent = text;
          tr.append(td);
        }
        return tr;
      }),
    );
    table.hidden = false;
  }
}
