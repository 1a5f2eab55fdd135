import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildTraditionalLocales, localeNamespaces } from '../server/cli/locales.js';
import { ROLES } from '../server/domain/document/index.js';
import { UI_LANGUAGES, localeKeys, type LocaleTree } from '../server/domain/i18n/index.js';
import { SEGMENT_STATUSES } from '../server/domain/segment/index.js';
import { LOCALES_DIR } from '../server/http/i18n.js';

const load = (lng: string, ns: string) =>
  JSON.parse(fs.readFileSync(path.join(LOCALES_DIR, lng, `${ns}.json`), 'utf8')) as LocaleTree;
const NAMESPACES = localeNamespaces('en');
/** Every key of every namespace, as `ns:dotted.key` (`translation` keys also without prefix). */
const englishKeys = new Set(
  NAMESPACES.flatMap((ns) =>
    [...localeKeys(load('en', ns))].flatMap((k) =>
      ns === 'translation' ? [k, `${ns}:${k}`] : [`${ns}:${k}`],
    ),
  ),
);

describe('locales', () => {
  it.each(UI_LANGUAGES.filter((l) => l !== 'en'))('%s has the same namespaces as en', (lng) => {
    expect(localeNamespaces(lng)).toEqual(NAMESPACES);
  });

  it.each(UI_LANGUAGES.filter((l) => l !== 'en').flatMap((l) => NAMESPACES.map((ns) => [l, ns])))(
    '%s/%s has exactly the keys of en',
    (lng, ns) => {
      expect([...localeKeys(load(lng, ns))].sort()).toEqual([...localeKeys(load('en', ns))].sort());
    },
  );

  it('zh-Hant is what npm run locales generates from zh-Hans (not stale)', () => {
    for (const [ns, expected] of Object.entries(buildTraditionalLocales())) {
      expect(fs.readFileSync(path.join(LOCALES_DIR, 'zh-Hant', `${ns}.json`), 'utf8'), ns).toBe(
        expected,
      );
    }
  });

  it('every key used in a view or client script exists in en', () => {
    const roots = [
      path.resolve(LOCALES_DIR, '../views'),
      path.resolve(LOCALES_DIR, '../server/http/static/js'),
    ];
    const used = new Set<string>();
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(p);
        else {
          // Client modules translate with the namespace named like their folder or file.
          const ns = NAMESPACES.find((n) => p.includes(`/js/${n}/`) || p.endsWith(`/js/${n}.js`));
          for (const m of fs.readFileSync(p, 'utf8').matchAll(/\bt\('((?:\w+:)?\w+(?:\.\w+)+)'/g)) {
            used.add(ns && !m[1]!.includes(':') ? `${ns}:${m[1]}` : m[1]!);
          }
        }
      }
    };
    roots.forEach(walk);
    expect(used.size).toBeGreaterThan(20);
    for (const key of used) expect(englishKeys.has(key), key).toBe(true);
  });

  it('has a label for every status and role the views look up dynamically', () => {
    for (const s of SEGMENT_STATUSES) expect(englishKeys.has(`status.${s}`)).toBe(true);
    for (const r of ROLES) expect(englishKeys.has(`role.${r}`)).toBe(true);
  });
});
