// @ts-check
import { renderDiff } from './diff-view.js';
import { t } from './i18n.js';

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
 * Shows a 409 under the row: their text, mine, the word diff between them, and the three
 * ways out. Nothing typed is dropped: "mine" stays in the field until a choice is made.
 * @param {import('./row-saver.js').RowSaver} saver
 * @param {import('./row-saver.js').Conflict} conflict
 */
export function showConflict(saver, conflict) {
  saver.row.querySelector('.conflict-panel')?.remove();
  const mine = saver.textarea.value;
  const { current } = conflict;
  const panel = el('section', {
    class: 'conflict-panel',
    role: 'alertdialog',
    'aria-label': t('conflict.title'),
  });
  panel.append(el('h3', {}, t('conflict.title')));
  panel.append(el('p', {}, t('conflict.intro', { name: t('conflict.someone') })));
  const grid = el('div', { class: 'conflict-grid' });
  const theirsBox = el('div', { class: 'conflict-theirs', 'data-role': 'theirs' });
  theirsBox.append(el('h4', {}, t('conflict.theirs')), el('p', { lang: 'en' }, current.target));
  const mineBox = el('div', { class: 'conflict-mine', 'data-role': 'mine' });
  mineBox.append(el('h4', {}, t('conflict.mine')), el('p', { lang: 'en' }, mine));
  grid.append(theirsBox, mineBox);
  panel.append(grid);
  if (conflict.diff) {
    const diff = el('p', { class: 'diff-view', lang: 'en' });
    renderDiff(diff, conflict.diff);
    panel.append(el('h4', {}, t('conflict.diff')), diff);
  }
  const actions = el('div', { class: 'dialog-actions' });
  const keepTheirs = el(
    'button',
    { type: 'button', 'data-action': 'keep-theirs' },
    t('conflict.keepTheirs'),
  );
  const keepMine = el(
    'button',
    { type: 'button', 'data-action': 'keep-mine', class: 'primary' },
    t('conflict.keepMine'),
  );
  const merge = el(
    'button',
    { type: 'button', 'data-action': 'merge-by-hand' },
    t('conflict.merge'),
  );
  actions.append(keepTheirs, keepMine, merge);
  panel.append(actions);

  const close = () => {
    panel.remove();
    saver.textarea.focus();
  };
  keepTheirs.addEventListener('click', () => {
    void saver.resolve(current, 'theirs');
    close();
  });
  keepMine.addEventListener('click', () => {
    void saver.resolve(current, 'mine', mine);
    close();
  });
  merge.addEventListener('click', () => {
    const area = /** @type {HTMLTextAreaElement} */ (
      el('textarea', {
        class: 'merge-text',
        lang: 'en',
        rows: '4',
        'aria-label': t('conflict.merge'),
      })
    );
    area.value = mine;
    const save = el(
      'button',
      { type: 'button', class: 'primary', 'data-action': 'save-merged' },
      t('conflict.saveMerged'),
    );
    save.addEventListener('click', () => {
      void saver.resolve(current, 'mine', area.value);
      close();
    });
    actions.replaceChildren(save);
    panel.insertBefore(area, actions);
    area.focus();
  });
  saver.row.append(panel);
  keepMine.focus();
}
