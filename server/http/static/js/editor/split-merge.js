// @ts-check
import { api, errorMessage } from './api.js';
import { t } from './i18n.js';

const dialog = /** @type {HTMLDialogElement | null} */ (document.getElementById('split-dialog'));
/** @type {import('./row-saver.js').RowSaver | undefined} */
let splitting;

/**
 * Split and merge change the rows themselves; after one succeeds the page reloads from the
 * server (all other rows are flushed first, so nothing unsaved is thrown away).
 * @param {() => Promise<boolean>} flushAll resolves true when every row is saved
 */
export function setUpSplitMerge(flushAll) {
  dialog?.querySelector('[data-action="split-submit"]')?.addEventListener('click', async () => {
    if (!splitting || !dialog) return;
    const source = /** @type {HTMLTextAreaElement} */ (
      dialog.querySelector('[data-role="split-source"]')
    );
    const target = /** @type {HTMLTextAreaElement} */ (
      dialog.querySelector('[data-role="split-target"]')
    );
    const error = /** @type {HTMLElement} */ (dialog.querySelector('[data-role="split-error"]'));
    const reply = await api('POST', `/api/segments/${splitting.id}/split`, {
      sourceOffset: source.selectionStart,
      targetOffset: target.selectionStart,
      version: splitting.version,
    });
    if (!reply.ok) {
      error.hidden = false;
      error.textContent = errorMessage(reply, t);
      return;
    }
    reloadAt(splitting.id);
  });

  return {
    /** @param {import('./row-saver.js').RowSaver} saver */
    async split(saver) {
      if (!dialog) return;
      if (!(await flushAll())) return;
      splitting = saver;
      const source = /** @type {HTMLTextAreaElement} */ (
        dialog.querySelector('[data-role="split-source"]')
      );
      const target = /** @type {HTMLTextAreaElement} */ (
        dialog.querySelector('[data-role="split-target"]')
      );
      /** @type {HTMLElement} */ (dialog.querySelector('#split-title')).textContent = t(
        'split.title',
        { n: saver.row.dataset.position ?? '' },
      );
      /** @type {HTMLElement} */ (dialog.querySelector('[data-role="split-error"]')).hidden = true;
      source.value =
        saver.row.querySelector('[data-side="source"]')?.getAttribute('data-original') ??
        saver.row.querySelector('[data-side="source"]')?.textContent ??
        '';
      target.value = saver.textarea.value;
      dialog.showModal();
      source.focus();
      source.setSelectionRange(
        Math.floor(source.value.length / 2),
        Math.floor(source.value.length / 2),
      );
    },
    /** @param {import('./row-saver.js').RowSaver} saver */
    async merge(saver) {
      if (!window.confirm(t('row.mergeConfirm', { n: saver.row.dataset.position ?? '' }))) return;
      if (!(await flushAll())) return;
      const reply = await api('POST', `/api/segments/${saver.id}/merge-next`, {
        version: saver.version,
      });
      if (!reply.ok) {
        saver.setState('failed', errorMessage(reply, t));
        return;
      }
      reloadAt(saver.id);
    },
  };
}

/** @param {number} id */
function reloadAt(id) {
  window.location.hash = `seg-${id}`;
  window.location.reload();
}
