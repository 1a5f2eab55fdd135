// @ts-check
/**
 * The side-by-side editor: every English paragraph is a text field that saves itself. Works
 * on the server-rendered rows (hooks: data-segment-id, data-status, data-side), so the page
 * reads fine before this script runs.
 */
import { setUpAnnotations } from './annotations.js';
import { api } from './api.js';
import { showConflict } from './conflict-panel.js';
import { applyFilter, setUpReplace, setUpSearch } from './find.js';
import { openHistory } from './history-dialog.js';
import { t } from './i18n.js';
import { updateProgress } from './progress.js';
import { RowSaver } from './row-saver.js';
import { setUpSplitMerge } from './split-merge.js';

const editor = /** @type {HTMLElement | null} */ (
  document.querySelector('.editor[data-document-id]')
);
if (editor) start(editor);

/** @param {HTMLElement} editor */
function start(editor) {
  const documentId = editor.dataset.documentId;
  const canReview = editor.dataset.canReview === 'true';
  const rows = /** @type {HTMLElement[]} */ ([...editor.querySelectorAll('[data-segment-id]')]);
  const pageState = /** @type {HTMLElement | null} */ (
    document.querySelector('[data-role="page-save-state"]')
  );

  let progressQueued = false;
  function changed() {
    if (progressQueued) return;
    progressQueued = true;
    requestAnimationFrame(() => {
      progressQueued = false;
      updateProgress(rows);
      const pending = savers.filter((s) => s.pending).length;
      if (pageState)
        pageState.textContent =
          pending === 0 ? t('save.allSaved') : t('save.pending', { count: pending });
      document.body.dataset.pendingSaves = String(pending);
    });
  }

  /** @type {RowSaver[]} */
  const savers = [];
  /** @type {Map<HTMLElement, RowSaver>} */
  const byRow = new Map();
  for (const row of rows) {
    const saver = new RowSaver(row, { onConflict: showConflict, onChange: changed });
    savers.push(saver);
    byRow.set(row, saver);
  }
  changed();

  /** Saves every row; true when all are saved (no conflict or failure left). */
  async function flushAll() {
    await Promise.all(savers.map((s) => s.flush()));
    return savers.every((s) => !s.pending);
  }

  // Leaving with unsaved work asks first (the text is also kept in localStorage).
  window.addEventListener('beforeunload', (e) => {
    if (savers.some((s) => s.pending)) {
      for (const s of savers) void s.flush();
      e.preventDefault();
      e.returnValue = t('save.leave');
    }
  });

  const splitMerge = setUpSplitMerge(flushAll);
  editor.addEventListener('click', (e) => {
    const button = /** @type {HTMLElement} */ (e.target).closest('button[data-action]');
    const row = /** @type {HTMLElement | null} */ (button?.closest('[data-segment-id]') ?? null);
    const saver = row && byRow.get(row);
    if (!button || !saver) return;
    const action = button.getAttribute('data-action');
    if (action === 'history') void openHistory(saver);
    else if (action === 'split') void splitMerge.split(saver);
    else if (action === 'merge') void splitMerge.merge(saver);
  });

  // A term clicked in the source (terms.js) is inserted at the caret of the row's English.
  editor.addEventListener('duizhao:insert-term', (e) => {
    const detail = /** @type {CustomEvent<{ segmentId: number, text: string }>} */ (e).detail;
    const saver = savers.find((s) => s.id === Number(detail.segmentId));
    if (!saver || saver.textarea.readOnly) return;
    const area = saver.textarea;
    area.focus();
    area.setRangeText(detail.text, area.selectionStart, area.selectionEnd, 'end');
    area.dispatchEvent(new Event('input', { bubbles: true }));
  });

  /**
   * The next visible row after `from` (or before it, with step -1) matching `test`.
   * @param {HTMLElement} from
   * @param {1 | -1} step
   * @param {(row: HTMLElement) => boolean} [test]
   */
  function neighbour(from, step, test = () => true) {
    for (let i = rows.indexOf(from) + step; i >= 0 && i < rows.length; i += step) {
      const row = rows[i];
      if (row && !row.hidden && test(row)) return row;
    }
    return undefined;
  }

  /** @param {HTMLElement | undefined} row */
  function focusRow(row) {
    const area = /** @type {HTMLTextAreaElement | null | undefined} */ (
      row?.querySelector('textarea[data-side="target"]')
    );
    if (!area) return;
    area.focus();
    area.scrollIntoView({ block: 'center' });
  }

  const needsWork = canReview
    ? (/** @type {HTMLElement} */ row) =>
        !['reviewed', 'approved'].includes(row.dataset.status ?? '')
    : (/** @type {HTMLElement} */ row) =>
        ['new', 'draft'].includes(row.dataset.status ?? '') && !row.hasAttribute('data-locked');

  editor.addEventListener('keydown', (e) => {
    const area = /** @type {HTMLElement} */ (e.target);
    if (!(area instanceof HTMLTextAreaElement) || area.dataset.side !== 'target') return;
    const row = /** @type {HTMLElement} */ (area.closest('[data-segment-id]'));
    const saver = byRow.get(row);
    if (!saver) return;
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      if (!area.readOnly) saver.setStatus(canReview ? 'reviewed' : 'translated');
      focusRow(neighbour(row, 1, needsWork) ?? neighbour(row, 1));
    } else if (e.altKey && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
      e.preventDefault();
      focusRow(neighbour(row, e.key === 'ArrowDown' ? 1 : -1));
    }
  });

  const shortcuts = /** @type {HTMLDialogElement | null} */ (
    document.getElementById('shortcuts-dialog')
  );
  const search = /** @type {HTMLInputElement} */ (document.querySelector('[data-role="search"]'));
  document.addEventListener('keydown', (e) => {
    const typing =
      e.target instanceof HTMLInputElement ||
      e.target instanceof HTMLTextAreaElement ||
      e.target instanceof HTMLSelectElement;
    if (e.key === '?' && !typing && !e.ctrlKey && !e.altKey && !e.metaKey) {
      e.preventDefault();
      shortcuts?.showModal();
    } else if (e.key.toLowerCase() === 'f' && e.ctrlKey && e.shiftKey) {
      e.preventDefault();
      search?.focus();
    }
  });

  const toolbar = document.querySelector('.editor-toolbar');
  const filter = /** @type {HTMLSelectElement} */ (document.querySelector('[data-role="filter"]'));
  filter?.addEventListener('change', () => applyFilter(rows, filter.value));
  setUpSearch(
    rows,
    search,
    /** @type {HTMLSelectElement} */ (document.querySelector('[data-role="search-scope"]')),
    /** @type {HTMLElement} */ (document.querySelector('[data-role="hits"]')),
  );
  const replace = setUpReplace(savers);

  /** @type {Map<string, string> | undefined} */
  let traditional;
  toolbar?.addEventListener('click', async (e) => {
    const button = /** @type {HTMLElement} */ (e.target).closest('button[data-action]');
    const action = button?.getAttribute('data-action');
    if (action === 'shortcuts') shortcuts?.showModal();
    else if (action === 'replace') replace.open();
    else if (action === 'traditional' && button) {
      const on = button.getAttribute('aria-pressed') !== 'true';
      if (on && !traditional) {
        const reply = await api('GET', `/api/documents/${documentId}/source?variant=zh-TW`);
        if (!reply.ok) return;
        traditional = new Map(
          reply.body.segments.map((/** @type {{id: number, source: string}} */ s) => [
            String(s.id),
            s.source,
          ]),
        );
      }
      for (const row of rows) {
        const source = /** @type {HTMLElement} */ (row.querySelector('[data-side="source"]'));
        if (on) {
          // Display only: keep the original markup (term marks) to put back.
          if (!source.hasAttribute('data-original'))
            source.setAttribute('data-original', source.textContent ?? '');
          source.dataset.originalHtml ??= source.innerHTML;
          source.textContent = traditional?.get(row.dataset.segmentId ?? '') ?? source.textContent;
          source.lang = 'zh-TW';
        } else if (source.dataset.originalHtml !== undefined) {
          source.innerHTML = source.dataset.originalHtml;
          source.lang = 'zh-CN';
        }
      }
      button.setAttribute('aria-pressed', String(on));
    }
  });

  setUpAnnotations(editor);

  // Open at the paragraph named in the URL (#seg-12), e.g. after a split or from the review page.
  const fromHash = window.location.hash.startsWith('#seg-')
    ? document.getElementById(window.location.hash.slice(1))
    : null;
  if (fromHash) focusRow(fromHash);
}
