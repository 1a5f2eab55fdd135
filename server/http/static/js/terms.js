// @ts-check
/**
 * Glossary terms in the side-by-side editor. Self-starting: on a page with
 * `.editor[data-document-id]` it fetches `GET /api/documents/:id/terms`, wraps each source
 * match in `<mark data-entry-id>` with a tooltip (preferred · alternatives · note), marks the
 * renderings in targets that are not being edited, and lists a row's terms in a small panel
 * when its target is a textarea. Clicking a source mark or a panel term dispatches
 * `duizhao:insert-term` ({segmentId, text}) on the row: the editor inserts it at the caret.
 * Listens for `duizhao:segment-saved` and `duizhao:terms-refresh` on the document to refresh.
 */

/**
 * @typedef {{ entryId: number, side: 'source' | 'target', start: number, end: number, text: string, kind?: string }} TermMatch
 * @typedef {{ segmentId: number, matches: TermMatch[] }} SegmentTerms
 * @typedef {{ id: number, source: string, target: string, alternatives: string[], forbidden: string[], note: string }} TermEntry
 * @typedef {{ segments: SegmentTerms[], entries: TermEntry[], labels?: { panel?: string, insert?: string } }} TermsReply
 */

/** Tooltip text of an entry: preferred · alternatives · note. */
export function tooltip(/** @type {TermEntry} */ entry) {
  return [entry.target, entry.alternatives.join(', '), entry.note].filter(Boolean).join(' · ');
}

/** Replaces the term marks inside `el` by their text (before marking again). */
export function unmark(/** @type {Element} */ el) {
  for (const mark of el.querySelectorAll('mark[data-entry-id]')) {
    mark.replaceWith(document.createTextNode(mark.textContent ?? ''));
  }
  el.normalize();
}

/**
 * Wraps each match (UTF-16 offsets into the element's text) in a `<mark>`. Works across any
 * markup already inside the element, as long as a match lies within one text node; a match
 * whose text differs from the element's (the text changed since) is skipped.
 * @param {Element} el
 * @param {TermMatch[]} matches
 * @param {Map<number, TermEntry>} entries
 * @returns {number} how many marks were made
 */
export function markMatches(el, matches, entries) {
  /** @type {{ node: Text, start: number }[]} */
  const nodes = [];
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  let offset = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const node = /** @type {Text} */ (n);
    nodes.push({ node, start: offset });
    offset += node.data.length;
  }
  const text = nodes.map((n) => n.node.data).join('');
  let made = 0;
  // From the end, so earlier offsets stay valid while nodes are split.
  for (const m of [...matches].sort((a, b) => b.start - a.start)) {
    if (text.slice(m.start, m.end) !== m.text) continue;
    const host = nodes.find((n) => n.start <= m.start && m.end <= n.start + n.node.data.length);
    if (!host) continue;
    const mark = document.createElement('mark');
    mark.className = `term term-${m.side}${m.kind ? ` term-${m.kind}` : ''}`;
    mark.dataset.entryId = String(m.entryId);
    const entry = entries.get(m.entryId);
    if (entry) mark.title = tooltip(entry);
    // Split by hand, not with a Range: every Range made stays live (updated on each DOM
    // change) until collected, so marking a long document got slower with every mark
    // (8.7 s for 5,000 rows). The host keeps the text before the match, so earlier (not yet
    // marked) matches still find it.
    const node = host.node;
    if (m.end - host.start < node.data.length) node.splitText(m.end - host.start);
    const middle = m.start > host.start ? node.splitText(m.start - host.start) : node;
    middle.replaceWith(mark);
    mark.append(middle);
    made += 1;
  }
  return made;
}

/** Whether a target element is being edited (then it gets no marks). */
function isEditable(/** @type {Element | null} */ el) {
  return (
    !el ||
    el instanceof HTMLTextAreaElement ||
    el instanceof HTMLInputElement ||
    (el instanceof HTMLElement && el.isContentEditable)
  );
}

/**
 * Shows a row's terms as buttons in a panel inside `.seg-meta` (for rows whose target is a
 * textarea, where marks cannot go).
 * @param {Element} row
 * @param {TermMatch[]} sourceMatches
 * @param {Map<number, TermEntry>} entries
 * @param {TermsReply['labels']} labels
 */
export function renderPanel(row, sourceMatches, entries, labels = {}) {
  row.querySelector('[data-role="term-panel"]')?.remove();
  const ids = [...new Set(sourceMatches.map((m) => m.entryId))];
  if (ids.length === 0) return;
  const panel = document.createElement('span');
  panel.className = 'term-panel';
  panel.dataset.role = 'term-panel';
  if (labels.panel) panel.setAttribute('aria-label', labels.panel);
  for (const id of ids) {
    const entry = entries.get(id);
    if (!entry) continue;
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'term-chip';
    b.dataset.entryId = String(id);
    // The source term only: the meta column is narrow; the English is in the tooltip.
    b.textContent = entry.source;
    b.title = [labels.insert, tooltip(entry)].filter(Boolean).join(': ');
    panel.append(b);
  }
  (row.querySelector('.seg-meta') ?? row).append(panel);
}

/** Sends the preferred English of an entry to the editor of a row. */
export function insertTerm(/** @type {Element} */ row, /** @type {TermEntry} */ entry) {
  const segmentId = Number(/** @type {HTMLElement} */ (row).dataset.segmentId);
  row.dispatchEvent(
    new CustomEvent('duizhao:insert-term', {
      bubbles: true,
      detail: { segmentId, text: entry.target },
    }),
  );
}

/**
 * Per row, what `applyTerms` last drew into it and how many marks that made.
 * @type {WeakMap<Element, { drawn: string, marks: number }>}
 */
const applied = new WeakMap();

/**
 * Applies a /terms reply to the page.
 * @param {ParentNode} root
 * @param {TermsReply} reply
 */
export function applyTerms(root, reply) {
  const entries = new Map(reply.entries.map((e) => [e.id, e]));
  // Rows found in one pass: a search per segment was quadratic (a 5,000-paragraph document
  // froze the page for 25–50 s at every refresh, i.e. after every save).
  /** @type {Map<string, Element>} */
  const rows = new Map();
  for (const row of root.querySelectorAll('[data-segment-id]'))
    rows.set(row.getAttribute('data-segment-id') ?? '', row);
  for (const seg of reply.segments) {
    const row = rows.get(String(seg.segmentId));
    if (!row) continue;
    const source = row.querySelector('[data-side="source"]');
    const target = row.querySelector('[data-side="target"]');
    // A row whose matches, texts, entries and marks are what was last drawn is left as it is:
    // a refresh after one save redraws that row, not the document.
    const drawn = JSON.stringify([
      seg.matches,
      [...new Set(seg.matches.map((m) => m.entryId))].map((id) => entries.get(id) ?? null),
      source?.textContent ?? null,
      isEditable(target) ? null : (target?.textContent ?? null),
      reply.labels ?? null,
    ]);
    const last = applied.get(row);
    if (last?.drawn === drawn && last.marks === row.querySelectorAll('mark[data-entry-id]').length)
      continue;
    const own = seg.matches.filter((m) => m.side === 'source');
    if (source) {
      unmark(source);
      markMatches(source, own, entries);
    }
    if (target && !isEditable(target)) {
      unmark(target);
      markMatches(
        target,
        seg.matches.filter((m) => m.side === 'target'),
        entries,
      );
      row.querySelector('[data-role="term-panel"]')?.remove();
    } else {
      renderPanel(row, own, entries, reply.labels);
    }
    applied.set(row, { drawn, marks: row.querySelectorAll('mark[data-entry-id]').length });
  }
  return entries;
}

/** @type {Map<number, TermEntry>} */
let current = new Map();

function onClick(/** @type {Event} */ event) {
  const el = event.target instanceof Element ? event.target : null;
  const hit = el?.closest('[data-side="source"] mark[data-entry-id], .term-chip[data-entry-id]');
  const row = hit?.closest('[data-segment-id]');
  if (!hit || !row || !(hit instanceof HTMLElement)) return;
  const entry = current.get(Number(hit.dataset.entryId));
  if (entry) insertTerm(row, entry);
}

/** Fetches and shows the terms of the editor's document. */
export async function refreshTerms(root = document) {
  const editor = root.querySelector('.editor[data-document-id]');
  if (!(editor instanceof HTMLElement)) return;
  const res = await fetch(`/api/documents/${editor.dataset.documentId}/terms`, {
    headers: { Accept: 'application/json' },
  });
  if (!res.ok) return;
  current = applyTerms(editor, /** @type {TermsReply} */ (await res.json()));
}

/** Starts once per page. */
export function start() {
  const editor = document.querySelector('.editor[data-document-id]');
  if (!editor || editor.hasAttribute('data-terms-ready')) return;
  editor.setAttribute('data-terms-ready', '');
  // The highlight styles live with the glossary's; a <link> to 'self' is allowed by the CSP.
  if (!document.querySelector('link[href="/static/css/glossary.css"]')) {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = '/static/css/glossary.css';
    document.head.append(link);
  }
  editor.addEventListener('click', onClick);
  document.addEventListener('duizhao:segment-saved', () => void refreshTerms());
  document.addEventListener('duizhao:terms-refresh', () => void refreshTerms());
  void refreshTerms();
}

start();
