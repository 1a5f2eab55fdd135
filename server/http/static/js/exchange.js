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

/** The import format a file's name suggests, if it is one of `formats`. */
function formatOf(/** @type {string} */ name, /** @type {string[]} */ formats, current = '') {
  const ext = name.toLowerCase().split('.').pop() ?? '';
  if (ext === 'xlf' || ext === 'xliff') return current.startsWith('xliff') ? current : 'xliff12';
  return formats.includes(ext) ? ext : undefined;
}

/**
 * Posts the file as the request body with XMLHttpRequest (fetch reports no upload progress),
 * calling `onSent(fraction)` as it goes and `onSent(1)` once all of it has been sent.
 * @param {string} url
 * @param {File} file
 * @param {(fraction: number) => void} onSent
 * @returns {Promise<{ status: number, body: any }>} `body` is undefined if the reply is not JSON
 */
function upload(url, file, onSent) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader('X-CSRF-Token', csrfToken());
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable && e.total > 0) onSent(e.loaded / e.total);
    });
    xhr.upload.addEventListener('load', () => onSent(1));
    xhr.addEventListener('load', () => {
      let body;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      resolve({ status: xhr.status, body });
    });
    xhr.addEventListener('error', () => reject(new Error(xhr.statusText || 'network error')));
    xhr.addEventListener('abort', () => reject(new Error('aborted')));
    xhr.send(file);
  });
}

if (form instanceof HTMLFormElement && result instanceof HTMLElement) {
  const formatSelect = form.elements.namedItem('format');
  const fileInput = form.elements.namedItem('file');
  // The format follows the chosen file's extension (the user can still change it).
  if (formatSelect instanceof HTMLSelectElement && fileInput instanceof HTMLInputElement) {
    fileInput.addEventListener('change', () => {
      const name = fileInput.files?.[0]?.name;
      const options = [...formatSelect.options].map((o) => o.value);
      const format = name ? formatOf(name, options, formatSelect.value) : undefined;
      if (format) formatSelect.value = format;
    });
  }
  let busy = false;
  /** While a file is sent and imported the form is disabled: a second click imports nothing. */
  const setBusy = (/** @type {boolean} */ on) => {
    busy = on;
    form.setAttribute('aria-busy', String(on));
    for (const control of form.querySelectorAll('input, select, button'))
      /** @type {HTMLInputElement} */ (control).disabled = on;
  };
  const progress = document.createElement('progress');
  progress.max = 1;
  const progressText = el('span', '');
  const showProgress = (/** @type {number} */ sent) => {
    if (sent < 1) {
      progress.value = sent;
      progressText.textContent = `${msg(result, 'uploading')} ${Math.floor(sent * 100)} %`;
    } else {
      // All sent: the server parses and stores the file now (no percentage to show).
      progress.removeAttribute('value');
      progressText.textContent = msg(result, 'processing');
    }
  };
  const fail = (/** @type {string} */ text) =>
    result.replaceChildren(el('p', `${msg(result, 'error')}: ${text}`, 'error'));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    const data = new FormData(form);
    const file = data.get('file');
    if (!(file instanceof File)) return;
    result.hidden = false;
    // A file over the limit is refused here, not after minutes of uploading it.
    if (file.size > Number(form.dataset.maxBytes ?? Infinity)) {
      result.replaceChildren(el('p', msg(result, 'tooLarge'), 'error'));
      return;
    }
    const params = new URLSearchParams({ format: String(data.get('format') ?? 'tmx') });
    if (data.get('dryRun')) params.set('dryRun', '1');
    // A new document is titled after the file when the file names no title of its own.
    if (!form.dataset.documentId) params.set('name', file.name);
    setBusy(true);
    let leaving = false;
    showProgress(0);
    const line = el('p', '', 'import-progress');
    line.append(progress, ' ', progressText);
    result.replaceChildren(line);
    try {
      const { status, body } = await upload(
        `${form.dataset.importUrl}?${params}`,
        file,
        showProgress,
      );
      if (status < 200 || status >= 300) {
        const where = body?.error?.line
          ? ` (${msg(result, 'line')} ${body.error.line}:${body.error.column})`
          : '';
        fail(`${body?.error?.message ?? `HTTP ${status}`}${where}`);
        return;
      }
      if (body?.document) {
        result.replaceChildren(el('p', msg(result, 'done')));
        leaving = true;
        window.location.assign(`/documents/${body.document.id}`);
        return;
      }
      showReport(result, body);
    } catch (e) {
      fail(e instanceof Error ? e.message : String(e));
    } finally {
      // On to the new document: the form stays disabled while the page is left.
      if (!leaving) setBusy(false);
    }
  });
}
