// @ts-check
/**
 * The /glossary page: add, edit and delete entries in a dialog, import a TBX or CSV file with a
 * report. The page lists, searches and exports without this script.
 */
import { sendJson as send } from './app.js';

/** @typedef {{ id: number, source: string, target: string, alternatives: string[], forbidden: string[], note: string, caseSensitive: boolean, domain: string }} Entry */

/** @type {Record<string, string>} */
const i18n = JSON.parse(document.getElementById('glossary-i18n')?.textContent || '{}');
const fill = (/** @type {string} */ s, /** @type {Record<string, string | number>} */ v) =>
  s.replace(/\{\{(\w+)\}\}/g, (_m, k) => String(v[k] ?? ''));

/** Lines of a textarea as a list, blanks dropped. */
export const lines = (/** @type {string} */ s) =>
  s
    .split('\n')
    .map((x) => x.trim())
    .filter(Boolean);

function flash(/** @type {string} */ message) {
  const el = document.querySelector('[data-role="flash"]');
  if (el) el.textContent = message;
}

// A message to show after the reload that follows a change.
const pending = sessionStorage.getItem('glossary-flash');
if (pending) {
  sessionStorage.removeItem('glossary-flash');
  flash(pending);
}
const reloadWith = (/** @type {string} */ message) => {
  sessionStorage.setItem('glossary-flash', message);
  window.location.reload();
};

const dialog = /** @type {HTMLDialogElement | null} */ (
  document.querySelector('[data-role="entry-dialog"]')
);
const form = /** @type {HTMLFormElement | null} */ (
  document.querySelector('[data-role="entry-form"]')
);
/** @type {number | null} */
let editing = null;

function field(/** @type {string} */ name) {
  return /** @type {HTMLInputElement | HTMLTextAreaElement} */ (form?.elements.namedItem(name));
}

/** Opens the dialog, empty or filled with an entry. */
export function openDialog(/** @type {Entry | null} */ entry) {
  if (!dialog || !form) return;
  editing = entry ? entry.id : null;
  form.reset();
  const title = form.querySelector('h2');
  if (title && entry) title.textContent = i18n.edit ?? title.textContent;
  field('source').value = entry?.source ?? '';
  field('target').value = entry?.target ?? '';
  field('alternatives').value = (entry?.alternatives ?? []).join('\n');
  field('forbidden').value = (entry?.forbidden ?? []).join('\n');
  field('note').value = entry?.note ?? '';
  field('domain').value = entry?.domain ?? '';
  /** @type {HTMLInputElement} */ (field('caseSensitive')).checked = entry?.caseSensitive ?? false;
  const error = form.querySelector('[data-role="form-error"]');
  if (error) error.textContent = '';
  dialog.showModal();
}

form?.addEventListener('submit', async (event) => {
  event.preventDefault();
  const body = {
    source: field('source').value,
    target: field('target').value,
    alternatives: lines(field('alternatives').value),
    forbidden: lines(field('forbidden').value),
    note: field('note').value,
    domain: field('domain').value,
    caseSensitive: /** @type {HTMLInputElement} */ (field('caseSensitive')).checked,
  };
  try {
    if (editing === null) await send('POST', '/api/glossary', body);
    else await send('PATCH', `/api/glossary/${editing}`, body);
    reloadWith(i18n.saved ?? '');
  } catch (e) {
    const error = form.querySelector('[data-role="form-error"]');
    if (error)
      error.textContent = fill(i18n.failed ?? '{{message}}', {
        message: /** @type {Error} */ (e).message,
      });
  }
});
form?.querySelector('[data-action="cancel"]')?.addEventListener('click', () => dialog?.close());
document
  .querySelector('[data-action="add-entry"]')
  ?.addEventListener('click', () => openDialog(null));

document.querySelector('[data-role="entries"]')?.addEventListener('click', async (event) => {
  const button =
    event.target instanceof Element ? event.target.closest('button[data-action]') : null;
  const row = button?.closest('tr[data-entry]');
  if (!button || !(row instanceof HTMLElement)) return;
  /** @type {Entry} */
  const entry = JSON.parse(row.dataset.entry ?? '{}');
  if (button.getAttribute('data-action') === 'edit-entry') openDialog(entry);
  if (button.getAttribute('data-action') === 'delete-entry') {
    if (!window.confirm(fill(i18n.confirmDelete ?? '', { source: entry.source }))) return;
    try {
      await send('DELETE', `/api/glossary/${entry.id}`);
      reloadWith(i18n.deleted ?? '');
    } catch (e) {
      flash(fill(i18n.failed ?? '{{message}}', { message: /** @type {Error} */ (e).message }));
    }
  }
});

/**
 * Renders an import report: a count per outcome and the invalid rows with their lines.
 * @param {HTMLElement} el
 * @param {{ added: any[], updated: any[], unchanged: any[], invalid: { line: number, source: string, message?: string }[] }} report
 * @param {string} headline
 */
export function renderReport(el, report, headline) {
  el.replaceChildren();
  const p = document.createElement('p');
  p.textContent = headline;
  const dl = document.createElement('dl');
  dl.className = 'report-counts';
  for (const k of /** @type {const} */ (['added', 'updated', 'unchanged', 'invalid'])) {
    const dt = document.createElement('dt');
    dt.textContent = i18n[k] ?? k;
    const dd = document.createElement('dd');
    dd.dataset.count = k;
    dd.textContent = String(report[k].length);
    dl.append(dt, dd);
  }
  const ul = document.createElement('ul');
  for (const r of report.invalid) {
    const li = document.createElement('li');
    li.textContent = `${fill(i18n.line ?? '{{line}}', { line: r.line })}: ${r.source} — ${r.message ?? ''}`;
    ul.append(li);
  }
  el.append(p, dl, ul);
}

const importForm = /** @type {HTMLFormElement | null} */ (
  document.querySelector('[data-role="import-form"]')
);
/** Whether an import is under way (its buttons are disabled: one click, one import). */
let importing = false;
importForm?.addEventListener('submit', async (event) => {
  event.preventDefault();
  if (importing) return;
  const submitter = /** @type {SubmitEvent} */ (event).submitter;
  const preview = submitter instanceof HTMLButtonElement && submitter.value === 'preview';
  const input = /** @type {HTMLInputElement} */ (importForm.elements.namedItem('file'));
  const select = /** @type {HTMLSelectElement} */ (importForm.elements.namedItem('format'));
  const file = input.files?.[0];
  const out = /** @type {HTMLElement | null} */ (
    document.querySelector('[data-role="import-report"]')
  );
  if (!file || !out) return;
  const format = /\.csv$/i.test(file.name)
    ? 'csv'
    : /\.(tbx|xml)$/i.test(file.name)
      ? 'tbx'
      : select.value;
  select.value = format;
  const buttons = importForm.querySelectorAll('button');
  importing = true;
  importForm.setAttribute('aria-busy', 'true');
  for (const b of buttons) b.disabled = true;
  try {
    const url = `/api/glossary/import?format=${format}${preview ? '&dryRun=1' : ''}`;
    const data = await send('POST', url, { content: await file.text() });
    renderReport(out, data.report, preview ? (i18n.previewed ?? '') : (i18n.applied ?? ''));
  } catch (e) {
    const data = /** @type {any} */ (e).data;
    if (data?.error?.report) renderReport(out, data.error.report, i18n.rejected ?? '');
    else
      out.textContent = fill(i18n.failed ?? '{{message}}', {
        message: /** @type {Error} */ (e).message,
      });
  } finally {
    importing = false;
    importForm.setAttribute('aria-busy', 'false');
    for (const b of buttons) b.disabled = false;
  }
});
