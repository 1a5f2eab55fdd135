// @ts-check
import { t } from './i18n.js';

const STATUSES = ['new', 'draft', 'translated', 'reviewed', 'approved'];
const BAR_ORDER = ['approved', 'reviewed', 'translated', 'draft'];
const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;
const HAN = /\p{Script=Han}/gu;

/**
 * Recomputes the progress bar, counts by status, and word and character counts from the rows
 * as they are now, so they move as the user works.
 * @param {HTMLElement[]} rows
 */
export function updateProgress(rows) {
  const box = document.querySelector('[data-progress]');
  if (!box) return;
  /** @type {Record<string, number>} */
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0]));
  let words = 0;
  let chars = 0;
  for (const row of rows) {
    const status = row.dataset.status ?? 'new';
    counts[status] = (counts[status] ?? 0) + 1;
    const area = /** @type {HTMLTextAreaElement | null} */ (
      row.querySelector('[data-side="target"]')
    );
    words += area?.value.match(WORD)?.length ?? 0;
    chars +=
      (
        row.querySelector('[data-side="source"]')?.getAttribute('data-original') ??
        row.querySelector('[data-side="source"]')?.textContent ??
        ''
      ).match(HAN)?.length ?? 0;
  }
  const total = rows.length;
  const done = (counts.translated ?? 0) + (counts.reviewed ?? 0) + (counts.approved ?? 0);
  const percent = total === 0 ? 0 : Math.floor((done * 100) / total);
  for (const s of STATUSES) {
    const b = box.querySelector(`[data-count="${s}"] b`);
    if (b) b.textContent = String(counts[s] ?? 0);
  }
  const bar = box.querySelector('.progress-bar');
  if (bar) {
    bar.setAttribute('aria-valuenow', String(percent));
    bar.querySelectorAll('rect:not(.progress-track)').forEach((r) => r.remove());
    let x = 0;
    for (const s of BAR_ORDER) {
      const n = counts[s] ?? 0;
      if (n === 0 || total === 0) continue;
      const w = (n * 100) / total;
      const rect = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
      rect.setAttribute('class', `status-${s}`);
      rect.setAttribute('x', x.toFixed(3));
      rect.setAttribute('y', '0');
      rect.setAttribute('width', w.toFixed(3));
      rect.setAttribute('height', '4');
      bar.append(rect);
      x += w;
    }
  }
  const strong = box.querySelector('.progress-text strong');
  if (strong)
    strong.textContent = strong.textContent?.replace(/\d+(?=\s*%)/, String(percent)) ?? '';
  const wc = document.querySelector('[data-role="word-count"]');
  if (wc) wc.textContent = t('toolbar.words', { words, chars });
}
