// @ts-check
/** Account and user-management pages: forms sent to the JSON API with the CSRF token. */
import { api, errorMessage } from './editor/api.js';

/** @type {Record<string, string>} */
const strings = JSON.parse(document.getElementById('admin-i18n')?.textContent ?? '{}');
const message = /** @type {HTMLElement | null} */ (
  document.querySelector('[data-role="admin-message"], [data-role="account-message"]')
);
/** @param {string} key @param {Record<string, string | number>} [vars] */
const t = (key, vars = {}) =>
  (strings[key] ?? key).replace(/\{\{(\w+)\}\}/g, (_, k) => String(vars[k] ?? ''));

/** @param {import('./editor/api.js').ApiReply} reply */
function report(reply) {
  if (message)
    message.textContent = reply.ok
      ? t('saved')
      : errorMessage(reply, (k, v) => `${k} ${JSON.stringify(v ?? {})}`);
  if (message) message.className = reply.ok ? 'flash-ok' : 'flash-error';
  return reply.ok;
}

/** @param {HTMLFormElement} form */
const fields = (form) =>
  Object.fromEntries([...new FormData(form)].map(([k, v]) => [k, String(v)]));

document.querySelector('form[data-form="create-user"]')?.addEventListener('submit', async (e) => {
  e.preventDefault();
  const form = /** @type {HTMLFormElement} */ (e.target);
  const body = fields(form);
  if (!body.displayName) delete body.displayName;
  if (report(await api('POST', '/api/users', body))) window.location.reload();
});

document
  .querySelector('form[data-form="change-password"]')
  ?.addEventListener('submit', async (e) => {
    e.preventDefault();
    const form = /** @type {HTMLFormElement} */ (e.target);
    if (report(await api('POST', '/api/me/password', fields(form)))) form.reset();
  });

for (const row of document.querySelectorAll('tr[data-user-id]')) {
  const id = row.getAttribute('data-user-id');
  row.querySelector('select[data-field="role"]')?.addEventListener('change', async (e) => {
    report(
      await api('PATCH', `/api/users/${id}`, {
        role: /** @type {HTMLSelectElement} */ (e.target).value,
      }),
    );
  });
  row.querySelector('[data-action="toggle-active"]')?.addEventListener('click', async (e) => {
    const active = /** @type {HTMLElement} */ (e.target).getAttribute('data-active') === 'true';
    if (report(await api('PATCH', `/api/users/${id}`, { active: !active })))
      window.location.reload();
  });
  row.querySelector('[data-action="reset-password"]')?.addEventListener('click', async () => {
    const password = window.prompt(t('newPassword'));
    if (password) report(await api('PATCH', `/api/users/${id}`, { password }));
  });
}

for (const row of document.querySelectorAll('tr[data-token-id]')) {
  row.querySelector('[data-action="revoke-token"]')?.addEventListener('click', async () => {
    if (report(await api('DELETE', `/api/me/tokens/${row.getAttribute('data-token-id')}`)))
      window.location.reload();
  });
}
