// @ts-check
/**
 * Reviewer annotations in the editor: highlights on both sides (a mirror layer behind each
 * English field, since a textarea cannot hold marks), the notes panel with filters, threads,
 * resolve/reopen, edit/delete, and the form that creates a note from a selection.
 */
import { api, errorMessage } from './api.js';
import { t } from './i18n.js';

/**
 * @typedef {{ id: number, username: string, displayName: string } | null} Author
 * @typedef {{ id: number, body: string, bodyHtml: string, author: Author, createdAt: string }} Reply
 * @typedef {{ id: number, segmentId: number, side: 'source' | 'target', start: number, end: number, exact: string,
 *   category: string, severity: string, body: string, bodyHtml: string, status: 'open' | 'resolved', orphaned: boolean,
 *   author: Author, createdAt: string, replies: Reply[] }} Annotation
 */

/**
 * @param {string} tag
 * @param {Record<string, string>} [attrs]
 * @param {string} [text]
 */
function el(tag, attrs = {}, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * Wraps characters [start, end) of an element's text in `mark` elements, one per text node
 * crossed, leaving the text itself untouched.
 * @param {HTMLElement} root
 * @param {number} start
 * @param {number} end
 * @param {(mark: HTMLElement) => void} decorate
 */
export function markRange(root, start, end, decorate) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  /** @type {{ node: Text, from: number, to: number }[]} */
  const pieces = [];
  let offset = 0;
  for (
    let node = /** @type {Text | null} */ (walker.nextNode());
    node;
    node = /** @type {Text | null} */ (walker.nextNode())
  ) {
    const len = node.data.length;
    const from = Math.max(start, offset);
    const to = Math.min(end, offset + len);
    if (from < to) pieces.push({ node, from: from - offset, to: to - offset });
    offset += len;
    if (offset >= end) break;
  }
  for (const { node, from, to } of pieces) {
    const range = document.createRange();
    range.setStart(node, from);
    range.setEnd(node, to);
    const mark = document.createElement('mark');
    decorate(mark);
    range.surroundContents(mark);
  }
}

/** @param {HTMLElement} editor */
export function setUpAnnotations(editor) {
  const documentId = editor.dataset.documentId;
  const userId = Number(editor.dataset.userId);
  const canReview = editor.dataset.canReview === 'true';
  const isAdmin = editor.dataset.userRole === 'admin';
  const panel = /** @type {HTMLElement} */ (document.getElementById('notes-panel'));
  const list = /** @type {HTMLElement} */ (panel.querySelector('[data-role="notes-list"]'));
  const summary = /** @type {HTMLElement} */ (panel.querySelector('[data-role="notes-summary"]'));
  const toggle = /** @type {HTMLElement | null} */ (
    document.querySelector('[data-action="notes"]')
  );
  const filters = /** @type {Record<string, HTMLSelectElement>} */ (
    Object.fromEntries(
      [...panel.querySelectorAll('select[data-filter]')].map((s) => [
        s.getAttribute('data-filter'),
        s,
      ]),
    )
  );
  /** @type {Annotation[]} */
  let annotations = [];
  /** @type {Map<number, Annotation[]>} the annotations by paragraph, as of the last load */
  let bySegment = new Map();
  /** @type {Map<number, HTMLElement>} */
  let rowIndex = new Map();
  // Rows by id from one pass over the page, made again when a row is missing or was replaced
  // (split, merge): a search per annotation was quadratic on a long, much-annotated document.
  const rowOf = (/** @type {number} */ id) => {
    let row = rowIndex.get(id);
    if (!row?.isConnected) {
      rowIndex = new Map();
      for (const r of editor.querySelectorAll('[data-segment-id]')) {
        const el = /** @type {HTMLElement} */ (r);
        rowIndex.set(Number(el.dataset.segmentId), el);
      }
      row = rowIndex.get(id);
    }
    return row ?? null;
  };

  async function load() {
    const reply = await api('GET', `/api/documents/${documentId}/annotations`);
    if (!reply.ok) return;
    annotations = reply.body.annotations;
    bySegment = new Map();
    for (const a of annotations) {
      const list = bySegment.get(a.segmentId);
      if (list) list.push(a);
      else bySegment.set(a.segmentId, [a]);
    }
    for (const row of editor.querySelectorAll('[data-segment-id]'))
      paint(/** @type {HTMLElement} */ (row));
    fillChoices();
    render();
  }

  /** Paints one row's highlights from the current annotations. */
  function paint(/** @type {HTMLElement} */ row) {
    const id = Number(row.dataset.segmentId);
    const own = bySegment.get(id) ?? [];
    const source = /** @type {HTMLElement} */ (row.querySelector('[data-side="source"]'));
    source
      .querySelectorAll('mark[data-annotation-id]')
      .forEach((m) => m.replaceWith(...m.childNodes));
    source.normalize();
    const area = /** @type {HTMLTextAreaElement} */ (
      row.querySelector('textarea[data-side="target"]')
    );
    const backdrop = /** @type {HTMLElement | null} */ (row.querySelector('.target-backdrop'));
    if (backdrop) backdrop.textContent = `${area.value}\n`;
    const mine = own.filter((a) => !a.orphaned && a.status === 'open');
    let open = 0;
    for (const a of mine) {
      const host = a.side === 'source' ? source : backdrop;
      if (!host) continue;
      open += 1;
      markRange(host, a.start, a.end, (mark) => {
        mark.className = `anno sev-${a.severity}`;
        mark.dataset.annotationId = String(a.id);
        mark.title = `${t(`category.${a.category}`)} · ${t(`severity.${a.severity}`)}: ${a.body.slice(0, 200)}`;
      });
    }
    row.dataset.openNotes = String(own.filter((a) => a.status === 'open').length);
    return open;
  }

  // Keep the mirror layer's text in step with typing; marks come back after the save.
  editor.addEventListener('input', (e) => {
    const area = e.target;
    if (!(area instanceof HTMLTextAreaElement)) return;
    const backdrop = area.parentElement?.querySelector('.target-backdrop');
    if (backdrop) backdrop.textContent = `${area.value}\n`;
  });
  editor.addEventListener('duizhao:saved', () => void load());

  function fillChoices() {
    const authors = new Map(
      annotations.flatMap((a) => (a.author ? [[a.author.username, a.author.displayName]] : [])),
    );
    const keep = (/** @type {HTMLSelectElement} */ s) => s.value;
    const a = keep(filters.author ?? document.createElement('select'));
    filters.author?.replaceChildren(
      el('option', { value: 'all' }, t('notes.all')),
      ...[...authors].map(([u, n]) => el('option', { value: u }, n)),
    );
    if (filters.author) filters.author.value = [...authors.keys(), 'all'].includes(a) ? a : 'all';
    const p = keep(filters.paragraph ?? document.createElement('select'));
    const rows = [...editor.querySelectorAll('[data-segment-id]')].map(
      (r) => /** @type {HTMLElement} */ (r),
    );
    filters.paragraph?.replaceChildren(
      el('option', { value: 'all' }, t('notes.allParagraphs')),
      ...rows.map((r) =>
        el(
          'option',
          { value: r.dataset.segmentId ?? '' },
          t('notes.paragraphN', { n: r.dataset.position ?? '' }),
        ),
      ),
    );
    if (filters.paragraph) filters.paragraph.value = p || 'all';
  }

  function visible() {
    const f = Object.fromEntries(Object.entries(filters).map(([k, s]) => [k, s.value]));
    return annotations.filter(
      (a) =>
        (f.status === 'all' || a.status === f.status) &&
        (f.category === 'all' || a.category === f.category) &&
        (f.severity === 'all' || a.severity === f.severity) &&
        (f.author === 'all' || a.author?.username === f.author) &&
        (f.paragraph === 'all' || String(a.segmentId) === f.paragraph),
    );
  }

  function render() {
    const shown = visible();
    const open = annotations.filter((a) => a.status === 'open').length;
    const count = document.querySelector('[data-role="notes-count"]');
    if (count) count.textContent = `(${open})`;
    summary.textContent =
      shown.length === 0
        ? t('notes.empty')
        : t('notes.summary', { shown: shown.length, total: annotations.length });
    list.replaceChildren(...shown.map(item));
  }

  /** @param {Annotation} a */
  function item(a) {
    const li = el('li', {
      class: `note sev-${a.severity} status-${a.status}`,
      'data-annotation-id': String(a.id),
      tabindex: '-1',
    });
    const row = rowOf(a.segmentId);
    const head = el('p', { class: 'note-head' });
    const link = el(
      'a',
      { href: `#seg-${a.segmentId}` },
      t('notes.paragraphN', { n: row?.dataset.position ?? '?' }),
    );
    head.append(
      link,
      ` · ${t(`category.${a.category}`)} · `,
      el('strong', { class: 'sev-label' }, t(`severity.${a.severity}`)),
      ` · ${t(`notes.${a.status}`)}`,
    );
    li.append(head);
    if (a.orphaned) li.append(el('p', { class: 'orphaned' }, t('notes.orphaned')));
    li.append(
      el(
        'blockquote',
        { class: 'note-quote', lang: a.side === 'source' ? 'zh-CN' : 'en' },
        a.exact,
      ),
    );
    li.append(meta(a.author, a.createdAt));
    const body = el('div', { class: 'note-body' });
    body.innerHTML = a.bodyHtml; // sanitized by the server (marked + sanitize-html), and the CSP forbids inline script
    li.append(body);
    const actions = el('div', { class: 'note-actions' });
    if (canReview) {
      const toggleStatus = el(
        'button',
        { type: 'button', 'data-action': 'resolve' },
        t(a.status === 'open' ? 'notes.resolve' : 'notes.reopen'),
      );
      toggleStatus.addEventListener(
        'click',
        () => void change(a, { status: a.status === 'open' ? 'resolved' : 'open' }),
      );
      actions.append(toggleStatus);
    }
    if (a.author?.id === userId || isAdmin) {
      const edit = el('button', { type: 'button', 'data-action': 'edit' }, t('notes.edit'));
      edit.addEventListener('click', () =>
        editInPlace(body, a.body, (text) => change(a, { body: text })),
      );
      const del = el('button', { type: 'button', 'data-action': 'delete' }, t('notes.delete'));
      del.addEventListener('click', async () => {
        if (!window.confirm(t('notes.deleteConfirm'))) return;
        const r = await api('DELETE', `/api/annotations/${a.id}`);
        if (r.ok) await load();
        else summary.textContent = errorMessage(r, t);
      });
      actions.append(edit, del);
    }
    li.append(actions);
    const replies = el('ol', { class: 'replies' });
    for (const r of a.replies) {
      const rl = el('li', { 'data-reply-id': String(r.id) });
      const rb = el('div', { class: 'note-body' });
      rb.innerHTML = r.bodyHtml; // sanitized by the server
      rl.append(meta(r.author, r.createdAt), rb);
      if (r.author?.id === userId || isAdmin) {
        const re = el(
          'button',
          { type: 'button', class: 'tool', 'data-action': 'edit-reply' },
          t('notes.edit'),
        );
        re.addEventListener('click', () =>
          editInPlace(rb, r.body, (text) => send('PATCH', `/api/replies/${r.id}`, { body: text })),
        );
        const rd = el(
          'button',
          { type: 'button', class: 'tool', 'data-action': 'delete-reply' },
          t('notes.delete'),
        );
        rd.addEventListener('click', async () => {
          if (window.confirm(t('notes.deleteConfirm')))
            await send('DELETE', `/api/replies/${r.id}`);
        });
        rl.append(re, rd);
      }
      replies.append(rl);
    }
    li.append(replies);
    const form = el('form', { class: 'reply-form' });
    const input = /** @type {HTMLTextAreaElement} */ (
      el('textarea', {
        rows: '2',
        'aria-label': t('notes.reply'),
        placeholder: t('notes.replyPlaceholder'),
      })
    );
    form.append(input, el('button', { type: 'submit' }, t('notes.send')));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      if (input.value.trim() === '') return;
      await send('POST', `/api/annotations/${a.id}/replies`, { body: input.value });
    });
    li.append(form);
    return li;
  }

  /** @param {Author} author @param {string} when */
  function meta(author, when) {
    return el(
      'p',
      { class: 'muted small' },
      t('notes.by', {
        name: author?.displayName ?? '—',
        when: new Date(when).toLocaleString(document.documentElement.lang),
      }),
    );
  }

  /**
   * @param {HTMLElement} body
   * @param {string} text
   * @param {(text: string) => Promise<void>} save
   */
  function editInPlace(body, text, save) {
    const area = /** @type {HTMLTextAreaElement} */ (
      el('textarea', { rows: '4', 'aria-label': t('notes.edit') })
    );
    area.value = text;
    const ok = el('button', { type: 'button', class: 'primary' }, t('notes.save'));
    const cancel = el('button', { type: 'button' }, t('notes.cancel'));
    const box = el('div', { class: 'edit-box' });
    box.append(area, ok, cancel);
    body.replaceWith(box);
    area.focus();
    ok.addEventListener('click', () => void save(area.value));
    cancel.addEventListener('click', () => box.replaceWith(body));
  }

  /** @param {Annotation} a @param {Record<string, string>} patch */
  async function change(a, patch) {
    await send('PATCH', `/api/annotations/${a.id}`, patch);
  }

  /** @param {string} method @param {string} url @param {unknown} [body] */
  async function send(method, url, body) {
    const r = await api(method, url, body);
    if (!r.ok) {
      summary.textContent = errorMessage(r, t);
      return;
    }
    const focusId = document.activeElement
      ?.closest('[data-annotation-id]')
      ?.getAttribute('data-annotation-id');
    await load();
    if (focusId)
      /** @type {HTMLElement | null} */ (
        list.querySelector(`[data-annotation-id="${focusId}"]`)
      )?.focus();
  }

  function openPanel(
    /** @type {string | undefined} */ segmentId,
    /** @type {string | undefined} */ annotationId,
  ) {
    panel.hidden = false;
    document.body.classList.add('notes-open');
    toggle?.setAttribute('aria-expanded', 'true');
    if (segmentId && filters.paragraph) {
      filters.paragraph.value = segmentId;
      if (filters.status) filters.status.value = 'all';
    }
    render();
    const target = annotationId
      ? /** @type {HTMLElement | null} */ (
          list.querySelector(`[data-annotation-id="${annotationId}"]`)
        )
      : null;
    (target ?? /** @type {HTMLElement | null} */ (panel.querySelector('select')))?.focus();
  }
  function closePanel() {
    panel.hidden = true;
    document.body.classList.remove('notes-open');
    toggle?.setAttribute('aria-expanded', 'false');
    toggle?.focus();
  }
  toggle?.addEventListener('click', () =>
    panel.hidden ? openPanel(undefined, undefined) : closePanel(),
  );
  panel.querySelector('[data-action="notes-close"]')?.addEventListener('click', closePanel);
  for (const s of Object.values(filters)) s.addEventListener('change', render);

  // Clicking a highlight (source mark, or the English text over its mirror mark) opens its note.
  editor.addEventListener('click', (e) => {
    const target = /** @type {HTMLElement} */ (e.target);
    const mark = target.closest('mark[data-annotation-id]');
    if (mark)
      return openPanel(
        mark.closest('[data-segment-id]')?.getAttribute('data-segment-id') ?? undefined,
        mark.getAttribute('data-annotation-id') ?? undefined,
      );
    if (target instanceof HTMLTextAreaElement && target.selectionStart === target.selectionEnd) {
      const row = /** @type {HTMLElement} */ (target.closest('[data-segment-id]'));
      const at = target.selectionStart;
      const hit = annotations.find(
        (a) =>
          a.segmentId === Number(row.dataset.segmentId) &&
          a.side === 'target' &&
          !a.orphaned &&
          a.status === 'open' &&
          a.start <= at &&
          at < a.end,
      );
      if (hit && !panel.hidden) openPanel(String(hit.segmentId), String(hit.id));
    }
  });

  setUpCreate(editor, canReview, load);
  void load();
  return { openPanel };
}

/**
 * The "new note" form: from a mouse selection (a floating button appears) or from the row's
 * Annotate… button, where the span is chosen with the keyboard in a read-only copy of the text.
 * @param {HTMLElement} editor
 * @param {boolean} canReview
 * @param {() => Promise<void>} reload
 */
function setUpCreate(editor, canReview, reload) {
  const dialog = /** @type {HTMLDialogElement | null} */ (
    document.getElementById('annotation-dialog')
  );
  const float = /** @type {HTMLButtonElement | null} */ (
    document.querySelector('[data-action="annotate-selection"]')
  );
  if (!dialog || !float || !canReview) return;
  const q = (/** @type {string} */ role) =>
    /** @type {HTMLInputElement} */ (dialog.querySelector(`[data-role="${role}"]`));
  const text = /** @type {HTMLTextAreaElement} */ (/** @type {unknown} */ (q('annotation-text')));
  const body = /** @type {HTMLTextAreaElement} */ (/** @type {unknown} */ (q('annotation-body')));
  const preview = /** @type {HTMLElement} */ (/** @type {unknown} */ (q('annotation-preview')));
  const error = /** @type {HTMLElement} */ (/** @type {unknown} */ (q('annotation-error')));
  /** @type {HTMLElement | undefined} */
  let row;
  /** @type {{ side: 'source' | 'target', start: number, end: number } | undefined} */
  let pending;

  const sideText = (/** @type {HTMLElement} */ r, /** @type {string} */ side) =>
    side === 'source'
      ? (r.querySelector('[data-side="source"]')?.getAttribute('data-original') ??
        r.querySelector('[data-side="source"]')?.textContent ??
        '')
      : /** @type {HTMLTextAreaElement} */ (r.querySelector('textarea[data-side="target"]')).value;

  function open(
    /** @type {HTMLElement} */ r,
    /** @type {'source' | 'target'} */ side,
    /** @type {number} */ start,
    /** @type {number} */ end,
  ) {
    row = r;
    for (const radio of dialog?.querySelectorAll('input[name="annotation-side"]') ?? []) {
      /** @type {HTMLInputElement} */ (radio).checked =
        /** @type {HTMLInputElement} */ (radio).value === side;
    }
    text.value = sideText(r, side);
    body.value = '';
    preview.hidden = true;
    error.hidden = true;
    dialog?.showModal();
    text.focus();
    text.setSelectionRange(start, end);
  }

  for (const radio of dialog.querySelectorAll('input[name="annotation-side"]')) {
    radio.addEventListener('change', () => {
      if (row) text.value = sideText(row, /** @type {HTMLInputElement} */ (radio).value);
    });
  }

  // Offsets of the current selection inside a source element's text.
  function sourceOffsets(/** @type {HTMLElement} */ host, /** @type {Range} */ range) {
    const before = document.createRange();
    before.selectNodeContents(host);
    before.setEnd(range.startContainer, range.startOffset);
    const start = before.toString().length;
    return { start, end: start + range.toString().length };
  }

  document.addEventListener('selectionchange', () => {
    const active = document.activeElement;
    if (
      active instanceof HTMLTextAreaElement &&
      active.dataset.side === 'target' &&
      active.selectionStart !== active.selectionEnd
    ) {
      pending = { side: 'target', start: active.selectionStart, end: active.selectionEnd };
      row = /** @type {HTMLElement} */ (active.closest('[data-segment-id]'));
      return place(active.getBoundingClientRect());
    }
    const sel = document.getSelection();
    const range = sel && sel.rangeCount > 0 ? sel.getRangeAt(0) : undefined;
    const host =
      range && !range.collapsed
        ? range.commonAncestorContainer.parentElement?.closest('[data-side="source"]')
        : null;
    if (range && host instanceof HTMLElement && editor.contains(host)) {
      pending = { side: 'source', ...sourceOffsets(host, range) };
      row = /** @type {HTMLElement} */ (host.closest('[data-segment-id]'));
      return place(range.getBoundingClientRect());
    }
    if (document.activeElement !== float) float.hidden = true;
  });

  function place(/** @type {DOMRect} */ rect) {
    if (!float) return;
    float.hidden = false;
    float.style.top = `${window.scrollY + rect.bottom + 6}px`;
    float.style.left = `${window.scrollX + rect.left}px`;
  }
  float.addEventListener('mousedown', (e) => e.preventDefault());
  float.addEventListener('click', () => {
    float.hidden = true;
    if (row && pending) open(row, pending.side, pending.start, pending.end);
  });
  editor.addEventListener('click', (e) => {
    const button = /** @type {HTMLElement} */ (e.target).closest('button[data-action="annotate"]');
    const r = /** @type {HTMLElement | null} */ (button?.closest('[data-segment-id]') ?? null);
    if (r) open(r, 'source', 0, 0);
  });

  dialog
    .querySelector('[data-action="annotation-preview"]')
    ?.addEventListener('click', async () => {
      const r = await api('POST', '/api/markdown/preview', { body: body.value });
      preview.hidden = false;
      if (r.ok)
        preview.innerHTML = r.body.html; // sanitized by the server
      else preview.textContent = errorMessage(r, t);
    });
  dialog.querySelector('[data-action="annotation-save"]')?.addEventListener('click', async () => {
    if (!row) return;
    const side =
      /** @type {HTMLInputElement | null} */ (
        dialog.querySelector('input[name="annotation-side"]:checked')
      )?.value ?? 'source';
    const fail = (/** @type {string} */ m) => {
      error.hidden = false;
      error.textContent = m;
    };
    if (text.selectionStart === text.selectionEnd) return fail(t('annotate.noSpan'));
    if (body.value.trim() === '') return fail(t('annotate.noBody'));
    const r = await api('POST', `/api/segments/${row.dataset.segmentId}/annotations`, {
      side,
      start: text.selectionStart,
      end: text.selectionEnd,
      category: q('annotation-category').value,
      severity: q('annotation-severity').value,
      body: body.value,
    });
    if (!r.ok) return fail(errorMessage(r, t));
    dialog.close();
    await reload();
  });
}
