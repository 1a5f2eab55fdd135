// @ts-check
/**
 * Import page: reads the chosen file and sends it as the raw request body (the import API
 * takes the file itself, not a form), then shows the report. Messages come from data-msg-*
 * attributes rendered by the server in the user's language.
 */
import { csrfToken } from './app.js';

const form = document.querySelector('form.import-form');
const result = document.querySelector('.import-result');

/** @param {string} tag @param {string} text @param {string} [cls] */
function el(tag, text, cls) {
  const node = document.createElement(tag);
  node.textContent = text;
  if (cls) node.className = cls;
  return node;
}

/** @param {HTMLElement} box @param {string} key */
function msg(box, key) {
  return box.dataset[`msg${key[0]?.toUpperCase()}${key.slice(1)}`] ?? key;
}

/** @param {HTMLElement} box @param {any} report */
function showReport(box, report) {
  box.replaceChildren(el('p', msg(box, report.dryRun ? 'dry' : 'done')));
  const dl = document.createElement('dl');
  for (const key of ['updated', 'unchanged', 'conflicts', 'locked', 'unknown']) {
    dl.append(el('dt', msg(box, key)), el('dd', String(report.summary?.[key] ?? 0)));
  }
  box.append(dl);
  if (Array.isArray(report.conflicts) && report.conflicts.length > 0) {
    const list = document.createElement('ul');
    for (const c of report.conflicts) {
      const item = document.createElement('li');
      const link = document.createElement('a');
      link.href = `#segment-${c.segmentId}`;
      link.textContent = `#${c.position} (${c.reason})`;
      item.append(
        link,
        el('div', `${msg(box, 'current')}: ${c.current}`),
        el('div', `${msg(box, 'incoming')}: ${c.incoming}`),
      );
      list.append(item);
    }
    box.append(list);
  }
}

if (form instanceof HTMLFormElement && result instanceof HTMLElement) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const file = data.get('file');
    if (!(file instanceof File)) return;
    const params = new URLSearchParams({ format: String(data.get('format') ?? 'tmx') });
    if (data.get('dryRun')) params.set('dryRun', '1');
    result.hidden = false;
    try {
      const res = await fetch(`${form.dataset.importUrl}?${params}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/octet-stream', 'X-CSRF-Token': csrfToken() },
        body: file,
      });
      const body = await res.json();
      if (!res.ok) {
        const where = body.error?.line
          ? ` (${msg(result, 'line')} ${body.error.line}:${body.error.column})`
          : '';
        result.replaceChildren(
          el('p', `${msg(result, 'error')}: ${body.error?.message ?? res.status}${where}`, 'error'),
        );
        return;
      }
      if (body.document) {
        window.location.assign(`/documents/${body.document.id}`);
        return;
      }
      showReport(result, body);
    } catch (e) {
      result.replaceChildren(el('p', `${msg(result, 'error')}: ${String(e)}`, 'error'));
    }
  });
}
