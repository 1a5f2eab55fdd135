/** A locale file: nested objects whose leaves are strings. */
export type LocaleTree = { [key: string]: string | LocaleTree };

/**
 * Derives one locale from another leaf by leaf: `convert` each string (e.g. OpenCC
 * Simplified → Traditional, Taiwan phrasing), except where `overrides` (keyed by dotted path,
 * reviewed by a person) gives the exact text. Interpolation placeholders such as `{{name}}`
 * are ASCII and pass through any CJK converter unchanged.
 * @throws Error when an override names a key that does not exist (a stale override hides a fix)
 */
export function convertLocale(
  tree: LocaleTree,
  convert: (text: string) => string,
  overrides: Record<string, string> = {},
): LocaleTree {
  const used = new Set<string>();
  const walk = (node: LocaleTree, prefix: string): LocaleTree => {
    const out: LocaleTree = {};
    for (const [key, value] of Object.entries(node)) {
      const path = prefix + key;
      if (typeof value !== 'string') {
        out[key] = walk(value, `${path}.`);
      } else if (path in overrides) {
        used.add(path);
        out[key] = overrides[path] ?? value;
      } else {
        out[key] = convert(value);
      }
    }
    return out;
  };
  const result = walk(tree, '');
  const stale = Object.keys(overrides).filter((k) => !used.has(k));
  if (stale.length > 0)
    throw new Error(`Overrides for keys that do not exist: ${stale.join(', ')}`);
  return result;
}

/** Every leaf key as a dotted path, with plural suffixes (`_one`, `_other`…) removed. */
export function localeKeys(tree: LocaleTree, prefix = ''): Set<string> {
  const keys = new Set<string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix + key;
    if (typeof value === 'string') keys.add(path.replace(/_(zero|one|two|few|many|other)$/, ''));
    else for (const k of localeKeys(value, `${path}.`)) keys.add(k);
  }
  return keys;
}
