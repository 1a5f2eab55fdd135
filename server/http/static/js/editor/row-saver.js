// @ts-check
import { api, errorMessage } from './api.js';
import { t } from './i18n.js';

/** Autosave waits this long after the last keystroke. */
export const SAVE_DELAY_MS = 1000;
const RETRY_MS = [2000, 4000, 8000, 15000, 30000];
const BACKUP_PREFIX = 'duizhao:v1:segment:';

/**
 * @typedef {'idle' | 'dirty' | 'saving' | 'saved' | 'failed' | 'retrying' | 'conflict'} SaveState
 * @typedef {{ id: number, target: string, status: string, version: number, updatedBy: number | null, updatedAt: string, alignCheck?: boolean }} Segment
 * @typedef {{ current: Segment, diff?: { op: 'equal' | 'insert' | 'delete', text: string }[] }} Conflict
 */

/**
 * Keeps one paragraph's English saved: debounced autosave, saves on leaving the field, a
 * queue of one in-flight request per paragraph, retries with backoff when the network or
 * server fails, and a copy of unsaved text in localStorage so even a closed tab or a crash of
 * the browser loses nothing. A 409 stops autosave for the row until the user chooses.
 */
export class RowSaver {
  /**
   * @param {HTMLElement} row
   * @param {{ onConflict: (saver: RowSaver, conflict: Conflict) => void, onChange: () => void }} hooks
   */
  constructor(row, hooks) {
    this.row = row;
    this.id = Number(row.dataset.segmentId);
    this.hooks = hooks;
    this.textarea = /** @type {HTMLTextAreaElement} */ (
      row.querySelector('textarea[data-side="target"]')
    );
    this.select = /** @type {HTMLSelectElement | null} */ (
      row.querySelector('select[data-role="status"]')
    );
    this.stateEl = /** @type {HTMLElement | null} */ (
      row.querySelector('[data-role="save-state"]')
    );
    this.version = Number(row.dataset.version);
    // What the server sent, not what the fields hold now: on a long page the script runs
    // last, and what was typed or chosen before it ran is unsaved work (see below).
    this.savedTarget = this.textarea.defaultValue;
    this.savedStatus = row.dataset.status ?? 'new';
    /** @type {string | undefined} */
    this.pendingStatus = undefined;
    /** @type {SaveState} */
    this.state = 'idle';
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    this.timer = undefined;
    this.inFlight = false;
    this.again = false;
    this.failures = 0;
    this.blocked = false;

    this.textarea.addEventListener('input', () => {
      this.backup();
      this.setState('dirty');
      this.schedule(SAVE_DELAY_MS);
    });
    this.textarea.addEventListener('blur', () => this.flush());
    this.select?.addEventListener('change', () =>
      this.setStatus(this.select?.value ?? this.savedStatus),
    );
    this.restoreBackup();
    if (this.state === 'idle' && !this.textarea.readOnly) {
      const status = this.select?.value;
      if (status !== undefined && status !== this.savedStatus) this.pendingStatus = status;
      if (this.textarea.value !== this.savedTarget || this.pendingStatus !== undefined) {
        this.backup();
        this.setState('dirty');
        this.schedule(SAVE_DELAY_MS);
      }
    }
  }

  /** @returns {boolean} whether this row has work not yet acknowledged by the server */
  get pending() {
    return (
      this.state === 'dirty' ||
      this.state === 'saving' ||
      this.state === 'failed' ||
      this.state === 'retrying' ||
      this.state === 'conflict' ||
      this.timer !== undefined
    );
  }

  /** @param {string} status */
  setStatus(status) {
    this.pendingStatus = status;
    this.setState('dirty');
    this.flush();
  }

  /** @param {number} ms */
  schedule(ms) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.send();
    }, ms);
  }

  /** Saves now (leaving the field, Ctrl+Enter, before navigation). */
  flush() {
    clearTimeout(this.timer);
    this.timer = undefined;
    return this.send();
  }

  /** @returns {Promise<void>} */
  async send() {
    if (this.blocked) return;
    if (this.inFlight) {
      this.again = true;
      return;
    }
    /** @type {{ version: number, target?: string, status?: string }} */
    const body = { version: this.version };
    const target = this.textarea.value;
    if (target !== this.savedTarget) body.target = target;
    if (this.pendingStatus !== undefined && this.pendingStatus !== this.savedStatus)
      body.status = this.pendingStatus;
    if (body.target === undefined && body.status === undefined) {
      this.pendingStatus = undefined;
      if (this.state !== 'idle') this.setState('saved');
      this.clearBackup();
      return;
    }
    this.inFlight = true;
    this.setState('saving');
    const reply = await api('PATCH', `/api/segments/${this.id}`, body);
    this.inFlight = false;
    if (reply.ok) {
      this.failures = 0;
      this.accept(reply.body);
      if (this.pendingStatus === this.savedStatus) this.pendingStatus = undefined;
      if (
        this.textarea.value !== this.savedTarget ||
        this.pendingStatus !== undefined ||
        this.again
      ) {
        this.again = false;
        return this.send();
      }
      this.clearBackup();
      this.setState('saved');
      return;
    }
    this.again = false;
    if (reply.status === 409 && reply.body?.current) {
      this.blocked = true;
      this.setState('conflict');
      this.hooks.onConflict(this, reply.body);
      return;
    }
    if (reply.status === 0 || reply.status === 401 || reply.status === 429 || reply.status >= 500) {
      const wait = RETRY_MS[Math.min(this.failures, RETRY_MS.length - 1)] ?? 30000;
      this.failures += 1;
      this.setState(
        'retrying',
        reply.status === 401
          ? t('save.signedOut')
          : t('save.retrying', { seconds: Math.round(wait / 1000) }),
      );
      this.schedule(wait);
      return;
    }
    // 400, 403, 404: retrying cannot help. Keep the text, show why, undo a refused status.
    if (body.status !== undefined) {
      this.pendingStatus = undefined;
      if (this.select) this.select.value = this.savedStatus;
    }
    this.setState('failed', t('save.failed', { message: errorMessage(reply, t) }));
  }

  /** @param {Segment} seg the server's copy after a save */
  accept(seg) {
    this.version = seg.version;
    this.savedTarget = seg.target;
    this.savedStatus = seg.status;
    this.row.dataset.version = String(seg.version);
    this.row.dataset.status = seg.status;
    if (seg.alignCheck === false) {
      // Confirmed by a person: the aligner's doubt no longer applies.
      this.row.removeAttribute('data-align-check');
      this.row.querySelector('[data-role="align-badge"]')?.remove();
    }
    if (this.select) {
      this.select.value = seg.status;
      this.select.className = `status-select status-${seg.status}`;
    }
    this.hooks.onChange();
    this.row.dispatchEvent(new CustomEvent('duizhao:saved', { bubbles: true, detail: seg }));
    // terms.js refreshes its marks on this one.
    document.dispatchEvent(new CustomEvent('duizhao:segment-saved', { detail: seg }));
  }

  /**
   * Ends a conflict: keep their text, or save `text` (mine or a hand merge) on their version.
   * @param {Segment} current
   * @param {'theirs' | 'mine'} choice
   * @param {string} [text]
   */
  resolve(current, choice, text) {
    this.blocked = false;
    this.accept(current);
    if (choice === 'theirs') {
      this.textarea.value = current.target;
      this.clearBackup();
      this.setState('saved');
      return Promise.resolve();
    }
    this.textarea.value = text ?? this.textarea.value;
    this.backup();
    return this.flush();
  }

  /**
   * @param {SaveState} state
   * @param {string} [message]
   */
  setState(state, message) {
    this.state = state;
    this.row.dataset.saveState = state;
    if (this.stateEl) this.stateEl.textContent = message ?? t(`save.${state}`);
    this.hooks.onChange();
  }

  backup() {
    try {
      localStorage.setItem(
        BACKUP_PREFIX + this.id,
        JSON.stringify({ text: this.textarea.value, version: this.version, at: Date.now() }),
      );
    } catch {
      // Storage full or disabled: the server save still runs; nothing else to do.
    }
  }

  clearBackup() {
    try {
      localStorage.removeItem(BACKUP_PREFIX + this.id);
    } catch {
      // ignore
    }
  }

  /**
   * Text typed here but never acknowledged (tab closed, browser crashed, server down) comes
   * back: saved at once when the paragraph has not changed since, else sent on its old
   * version so the server answers 409 and the conflict panel shows both texts.
   */
  restoreBackup() {
    let saved;
    try {
      saved = JSON.parse(localStorage.getItem(BACKUP_PREFIX + this.id) ?? 'null');
    } catch {
      saved = null;
    }
    if (!saved || typeof saved.text !== 'string' || typeof saved.version !== 'number') return;
    if (saved.text === this.textarea.value || this.textarea.readOnly) return this.clearBackup();
    this.textarea.value = saved.text;
    this.version = Math.min(saved.version, this.version);
    this.setState('dirty', t('save.restored'));
    this.schedule(50);
  }
}
