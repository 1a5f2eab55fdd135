// @ts-check
/** Client-side strings: the `editor` namespace, embedded by the server in #editor-i18n. */

/** @type {Record<string, unknown>} */
let strings = {};
const el = document.getElementById('editor-i18n');
if (el?.textContent) strings = JSON.parse(el.textContent);
const plural = new Intl.PluralRules(document.documentElement.lang || 'en');

/**
 * @param {string} path dotted key
 * @returns {string | undefined}
 */
function lookup(path) {
  /** @type {unknown} */
  let node = strings;
  for (const part of path.split('.')) {
    if (!node || typeof node !== 'object') return undefined;
    node = /** @type {Record<string, unknown>} */ (node)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/**
 * Translates a key of the editor namespace, with `{{name}}` interpolation and i18next-style
 * plural keys (`key_one`, `key_other`) chosen by `vars.count`.
 * @param {string} key
 * @param {Record<string, string | number>} [vars]
 */
export function t(key, vars = {}) {
  let text;
  if (typeof vars.count === 'number') {
    text = lookup(`${key}_${plural.select(vars.count)}`) ?? lookup(`${key}_other`);
  }
  text ??= lookup(key) ?? key;
  return text.replace(/\{\{(\w+)\}\}/g, (_, name) => String(vars[name] ?? ''));
}
