// @ts-check
import { api, errorMessage } from './api.js';
import { renderDiff } from './diff-view.js';
import { t } from './i18n.js';

const dialog = /** @type {HTMLDialogElement | null} */ (document.getElementById('history-dialog'));

/**
 * Opens a paragraph's history: every revision with author and time, a diff between any two
 * (words for English, characters for Chinese, computed by the server), and restore as a new
 * revision.
 * @param {import('./row-saver.js').RowSaver} saver
 */
export async function openHistory(saver) {
  if (!dialog) return;
  const list = /** @type {HTMLElement} */ (dialog.querySelector('[data-role="history-list"]'));
  const diffBox = /** @type {HTMLElement} */ (dialog.querySelector('[data-role="history-diff"]'));
  const message = /** @type {HTMLElement} */ (
    dialog.querySelector('[data-role="history-message"]')
  );
  const title = /** @type {HTMLElement} */ (dialog.querySelector('#history-title'));
  title.textContent = t('history.title', { n: saver.row.dataset.position ?? '' });
  list.replaceChildren();
  diffBox.replaceChildren();
  message.textContent = '';
  if (!dialog.open) dialog.showModal();
  await saver.flush();
  const reply = await api('GET', `/api/segments/${saver.id}/revisions`);
  if (!reply.ok) {
    message.textContent = errorMessage(reply, t);
    return;
  }
  /** @type {{ id: number, version: number, target: string, status: string, kind: string, author: { displayName: string } | null, createdAt: string }[]} */
  const revisions = reply.body.revisions;
  if (revisions.length === 0) list.textContent = t('history.empty');
  const table = document.createElement('table');
  table.className = 'history-table';
  revisions.forEach((rev, i) => {
    const tr = document.createElement('tr');
    tr.dataset.revisionId = String(rev.id);
    const pick = (/** @type {'from' | 'to'} */ side, /** @type {boolean} */ checked) => {
      const td = document.createElement('td');
      const input = document.createElement('input');
      input.type = 'radio';
      input.name = `history-${side}`;
      input.value = String(rev.id);
      input.checked = checked;
      input.setAttribute(
        'aria-label',
        `${t(`history.${side}`)} ${t('history.version', { version: rev.version })}`,
      );
      input.addEventListener('change', () => void compare());
      td.append(input);
      return td;
    };
    const info = document.createElement('td');
    const when = new Date(rev.createdAt).toLocaleString(document.documentElement.lang);
    const head = document.createElement('strong');
    head.textContent = `${t('history.version', { version: rev.version })} · ${t(`history.kind.${rev.kind}`)} · ${rev.status}`;
    const meta = document.createElement('span');
    meta.className = 'muted small';
    meta.textContent = ` ${rev.author ? t('history.by', { name: rev.author.displayName }) : ''} · ${when}`;
    const text = document.createElement('p');
    text.lang = 'en';
    text.className = 'history-text';
    text.textContent = rev.target;
    info.append(head, meta, text);
    const actions = document.createElement('td');
    if (i > 0 && !saver.textarea.readOnly) {
      const restore = document.createElement('button');
      restore.type = 'button';
      restore.dataset.action = 'restore';
      restore.textContent = t('history.restore');
      restore.addEventListener('click', async () => {
        const r = await api('POST', `/api/segments/${saver.id}/restore`, {
          revisionId: rev.id,
          version: saver.version,
        });
        if (!r.ok) {
          message.textContent = errorMessage(r, t);
          return;
        }
        saver.textarea.value = r.body.target;
        saver.accept(r.body);
        saver.clearBackup();
        saver.setState('saved');
        message.textContent = t('history.restored', { version: rev.version });
        await openHistory(saver);
        message.textContent = t('history.restored', { version: rev.version });
      });
      actions.append(restore);
    }
    tr.append(
      pick('from', i === 1 || (revisions.length === 1 && i === 0)),
      pick('to', i === 0),
      info,
      actions,
    );
    table.append(tr);
  });
  list.append(table);

  async function compare() {
    const from = /** @type {HTMLInputElement | null} */ (
      list.querySelector('input[name="history-from"]:checked')
    )?.value;
    const to = /** @type {HTMLInputElement | null} */ (
      list.querySelector('input[name="history-to"]:checked')
    )?.value;
    if (!from || !to) return;
    const r = await api('GET', `/api/segments/${saver.id}/diff?from=${from}&to=${to}`);
    if (r.ok) renderDiff(diffBox, r.body.target);
    else message.textContent = errorMessage(r, t);
  }
  await compare();
}
