// @ts-check
/**
 * The consistency review page: accept a QA finding with a reason, withdraw an acceptance, add
 * a candidate term to the glossary, and notice when the document changed in another tab.
 * Everything else (filters, links to the editor) works without this script.
 */
import { sendJson as send } from './app.js';

/** @type {Record<string, string>} */
const i18n = JSON.parse(document.getElementById('review-i18n')?.textContent || '{}');
const head = /** @type {HTMLElement | null} */ (document.querySelector('[data-document-id]'));
const documentId = head?.dataset.documentId;

function flash(/** @type {string} */ message) {
  const el = document.querySelector('[data-role="flash"]');
  if (el) el.textContent = message;
}
const failed = (/** @type {unknown} */ e) =>
  flash((i18n.failed ?? '{{message}}').replace('{{message}}', /** @type {Error} */ (e).message));

document.addEventListener('click', async (event) => {
  const button =
    event.target instanceof Element ? event.target.closest('button[data-action]') : null;
  if (!(button instanceof HTMLButtonElement)) return;
  const action = button.dataset.action;
  try {
    if (action === 'accept-finding') {
      const li = /** @type {HTMLElement | null} */ (button.closest('[data-check]'));
      const reason = window.prompt(i18n.acceptReason ?? '');
      if (!li || !reason) return;
      await send('POST', `/api/documents/${documentId}/findings/accept`, {
        segmentId: Number(li.dataset.segmentId),
        check: li.dataset.check,
        key: li.dataset.key,
        reason,
      });
      window.location.reload();
    } else if (action === 'withdraw-acceptance') {
      const li = /** @type {HTMLElement | null} */ (button.closest('[data-acceptance-id]'));
      if (!li) return;
      await send('DELETE', `/api/qa-acceptances/${li.dataset.acceptanceId}`);
      window.location.reload();
    } else if (action === 'add-candidate') {
      const target = window.prompt(button.dataset.source ?? '', button.dataset.target ?? '');
      if (!target) return;
      await send('POST', '/api/glossary', { source: button.dataset.source, target });
      flash(i18n.added ?? '');
      button.disabled = true;
    }
  } catch (e) {
    failed(e);
  }
});

/**
 * When the tab comes back into view, asks the API whether the review changed (someone edited
 * the document or the glossary meanwhile) and offers a reload.
 */
async function checkForChanges() {
  if (!head || document.visibilityState !== 'visible') return;
  const res = await fetch(`/api/documents/${documentId}/consistency?view=summary`, {
    headers: { Accept: 'application/json' },
  });
  if (!res.ok) return;
  const data = await res.json();
  const now = JSON.stringify({ s: data.summary, c: data.counts });
  if (now === head.dataset.summary) return;
  const flashEl = document.querySelector('[data-role="flash"]');
  if (!flashEl || flashEl.querySelector('button')) return;
  const reload = document.createElement('button');
  reload.type = 'button';
  reload.textContent = i18n.reload ?? '';
  reload.addEventListener('click', () => window.location.reload());
  flashEl.replaceChildren(`${i18n.refresh ?? ''} `, reload);
}
document.addEventListener('visibilitychange', () => void checkForChanges());
window.addEventListener('focus', () => void checkForChanges());
