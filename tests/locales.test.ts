import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildTraditionalLocale } from '../server/cli/locales.js';
import { UI_LANGUAGES, localeKeys, type LocaleTree } from '../server/domain/i18n/index.js';
import { LOCALES_DIR } from '../server/http/i18n.js';
import { SEGMENT_STATUSES } from '../server/domain/segment/index.js';
import { ROLES } from '../server/domain/document/index.js';

const load = (lng: string) =>
  JSON.parse(
    fs.readFileSync(path.join(LOCALES_DIR, lng, 'translation.json'), 'utf8'),
  ) as LocaleTree;

describe('locales', () => {
  const english = [...localeKeys(load('en'))].sort();

  it.each(UI_LANGUAGES.filter((l) => l !== 'en'))('%s has exactly the keys of en', (lng) => {
    expect([...localeKeys(load(lng))].sort()).toEqual(english);
  });

  it('zh-Hant is what npm run locales generates from zh-Hans (not stale)', () => {
    const file = fs.readFileSync(path.join(LOCALES_DIR, 'zh-Hant', 'translation.json'), 'utf8');
    expect(file).toBe(buildTraditionalLocale());
  });

  it('every key used in a view exists in en', () => {
    const viewsDir = path.resolve(LOCALES_DIR, '../views');
    const used = new Set<string>();
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(p);
        else
          for (const m of fs.readFileSync(p, 'utf8').matchAll(/\bt\('(\w+(?:\.\w+)+)'/g))
            used.add(m[1]!);
      }
    };
    walk(viewsDir);
    expect(used.size).toBeGreaterThan(20);
    for (const key of used) expect(english, key).toContain(key);
  });

  it('has a label for every status and role the views look up dynamically', () => {
    for (const s of SEGMENT_STATUSES) expect(english).toContain(`status.${s}`);
    for (const r of ROLES) expect(english).toContain(`role.${r}`);
  });
});
