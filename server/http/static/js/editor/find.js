// @ts-check
import { t } from './i18n.js';

/** @typedef {import('./row-saver.js').RowSaver} RowSaver */

/** Which statuses each filter keeps; `notes` keeps rows with open annotations. */
const FILTERS = /** @type {Record<string, (row: HTMLElement) => boolean>} */ ({
  all: () => true,
  untranslated: (row) => row.dataset.status === 'new',
  draft: (row) => row.dataset.status === 'draft',
  review: (row) => row.dataset.status === 'translated',
  notes: (row) => Number(row.dataset.openNotes ?? 0) > 0,
  align: (row) => row.hasAttribute('data-align-check'),
});

/**
 * @param {HTMLElement[]} rows
 * @param {string} filter
 */
export function applyFilter(rows, filter) {
  const keep = FILTERS[filter] ?? FILTERS.all;
  for (const row of rows) row.hidden = !(keep?.(row) ?? true);
}

/**
 * Escapes a string for use inside a RegExp.
 * @param {string} s
 */
function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A RegExp for a find-and-replace query.
 * @param {string} query
 * @param {{ matchCase: boolean, wholeWord: boolean }} opts
 */
export function queryRegExp(query, opts) {
  const body = escapeRegExp(query);
  return new RegExp(
    opts.wholeWord ? `(?<![\\p{L}\\p{N}_])${body}(?![\\p{L}\\p{N}_])` : body,
    `gu${opts.matchCase ? '' : 'i'}`,
  );
}

/**
 * Search: hits in the source are highlighted with the CSS Custom Highlight API (no change to
 * the DOM, so term marks and the caret are untouched); rows with hits in the English are
 * marked, and Enter selects the next hit inside its text field.
 * @param {HTMLElement[]} rows
 * @param {HTMLInputElement} input
 * @param {HTMLSelectElement} scope
 * @param {HTMLElement} hitsEl
 */
export function setUpSearch(rows, input, scope, hitsEl) {
  /** @type {{ row: HTMLElement, side: 'source' | 'target', start: number, end: number }[]} */
  let hits = [];
  let cursor = -1;
  const supportsHighlights = typeof CSS !== 'undefined' && 'highlights' in CSS;

  function run() {
    const q = input.value;
    hits = [];
    cursor = -1;
    /** @type {Range[]} */
    const ranges = [];
    for (const row of rows) row.classList.remove('has-hit');
    if (q !== '') {
      const re = queryRegExp(q, { matchCase: false, wholeWord: false });
      for (const row of rows) {
        if (scope.value !== 'target') {
          const source = /** @type {HTMLElement} */ (row.querySelector('[data-side="source"]'));
          for (const m of (source.textContent ?? '').matchAll(re)) {
            hits.push({ row, side: 'source', start: m.index, end: m.index + m[0].length });
            const range = rangeIn(source, m.index, m.index + m[0].length);
            if (range) ranges.push(range);
            row.classList.add('has-hit');
          }
        }
        if (scope.value !== 'source') {
          const target = /** @type {HTMLTextAreaElement} */ (
            row.querySelector('[data-side="target"]')
          );
          for (const m of target.value.matchAll(re)) {
            hits.push({ row, side: 'target', start: m.index, end: m.index + m[0].length });
            row.classList.add('has-hit');
          }
        }
      }
    }
    if (supportsHighlights) {
      if (ranges.length > 0) CSS.highlights.set('duizhao-search', new Highlight(...ranges));
      else CSS.highlights.delete('duizhao-search');
    }
    hitsEl.textContent =
      q === ''
        ? ''
        : hits.length === 0
          ? t('toolbar.noHits')
          : t('toolbar.hits', { count: hits.length });
  }

  function next() {
    if (hits.length === 0) return;
    cursor = (cursor + 1) % hits.length;
    const hit = hits[cursor];
    if (!hit) return;
    hit.row.hidden = false;
    hit.row.scrollIntoView({ block: 'center' });
    if (hit.side === 'target') {
      const target = /** @type {HTMLTextAreaElement} */ (
        hit.row.querySelector('[data-side="target"]')
      );
      target.focus();
      target.setSelectionRange(hit.start, hit.end);
    }
    hitsEl.textContent = `${cursor + 1} / ${hits.length}`;
  }

  input.addEventListener('input', run);
  scope.addEventListener('change', run);
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      next();
    }
  });
  return { run };
}

/**
 * A DOM Range over characters [start, end) of an element's text, across its text nodes.
 * @param {Node} root
 * @param {number} start
 * @param {number} end
 */
function rangeIn(root, start, end) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let offset = 0;
  let started = false;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const len = node.textContent?.length ?? 0;
    if (!started && start <= offset + len) {
      range.setStart(node, start - offset);
      started = true;
    }
    if (started && end <= offset + len) {
      range.setEnd(node, end - offset);
      return range;
    }
    offset += len;
  }
  return undefined;
}

/**
 * Find and replace in the English: a preview of every change, then normal versioned saves
 * (one per paragraph, through the same save queue as typing). Locked rows are skipped and
 * listed.
 * @param {RowSaver[]} savers
 */
export function setUpReplace(savers) {
  const dialog = /** @type {HTMLDialogElement | null} */ (
    document.getElementById('replace-dialog')
  );
  if (!dialog) return { open() {} };
  const q = (/** @type {string} */ role) =>
    /** @type {HTMLInputElement} */ (dialog.querySelector(`[data-role="${role}"]`));
  const list = /** @type {HTMLElement} */ (dialog.querySelector('[data-role="replace-list"]'));
  const message = /** @type {HTMLElement} */ (
    dialog.querySelector('[data-role="replace-message"]')
  );
  const apply = /** @type {HTMLButtonElement} */ (
    dialog.querySelector('[data-action="replace-apply"]')
  );
  /** @type {{ saver: RowSaver, after: string }[]} */
  let planned = [];

  function preview() {
    list.replaceChildren();
    message.textContent = '';
    planned = [];
    const find = q('replace-find').value;
    if (find === '') return;
    const re = queryRegExp(find, {
      matchCase: q('replace-case').checked,
      wholeWord: q('replace-word').checked,
    });
    const replacement = q('replace-with').value;
    for (const saver of savers) {
      const before = saver.textarea.value;
      re.lastIndex = 0;
      if (!re.test(before)) continue;
      const li = document.createElement('li');
      li.dataset.segmentId = String(saver.id);
      if (saver.textarea.readOnly) {
        li.className = 'muted';
        li.textContent = t('replace.locked', { n: saver.row.dataset.position ?? '' });
        list.append(li);
        continue;
      }
      const after = before.replace(re, () => replacement);
      planned.push({ saver, after });
      li.lang = 'en';
      let last = 0;
      for (const m of before.matchAll(re)) {
        li.append(document.createTextNode(before.slice(last, m.index)));
        const del = document.createElement('del');
        del.textContent = m[0];
        const ins = document.createElement('ins');
        ins.textContent = replacement;
        li.append(del, ins);
        last = m.index + m[0].length;
      }
      li.append(document.createTextNode(before.slice(last)));
      list.append(li);
    }
    apply.hidden = planned.length === 0;
    apply.textContent = t('replace.apply', { count: planned.length });
    if (planned.length === 0) message.textContent = t('replace.none');
  }

  dialog.querySelector('[data-action="replace-preview"]')?.addEventListener('click', preview);
  q('replace-find').addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      preview();
    }
  });
  apply.addEventListener('click', async () => {
    apply.disabled = true;
    let ok = 0;
    let failed = 0;
    for (const { saver, after } of planned) {
      saver.textarea.value = after;
      saver.backup();
      await saver.flush();
      if (saver.state === 'saved') ok += 1;
      else failed += 1;
    }
    planned = [];
    apply.hidden = true;
    apply.disabled = false;
    message.textContent = t('replace.done', { ok, failed });
  });
  return {
    open() {
      list.replaceChildren();
      message.textContent = '';
      apply.hidden = true;
      dialog.showModal();
      q('replace-find').focus();
    },
  };
}
