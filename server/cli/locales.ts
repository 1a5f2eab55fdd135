import fs from 'node:fs';
import path from 'node:path';
import * as OpenCC from 'opencc-js';
import { convertLocale, type LocaleTree } from '../domain/i18n/index.js';
import { LOCALES_DIR } from '../http/i18n.js';

/** The namespaces (one JSON file each, e.g. `translation`, `editor`) of a locale folder. */
export function localeNamespaces(lng = 'en', dir: string = LOCALES_DIR): string[] {
  return fs
    .readdirSync(path.join(dir, lng))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

/**
 * Every zh-Hant namespace file as `npm run locales` writes it (JSON text with a final
 * newline), keyed by namespace. Overrides in `locales/zh-Hant.overrides.json` are grouped by
 * namespace: `{ "translation": { "nav.signOut": "登出" } }`.
 */
export function buildTraditionalLocales(dir: string = LOCALES_DIR): Record<string, string> {
  const read = (p: string) => JSON.parse(fs.readFileSync(path.join(dir, p), 'utf8')) as unknown;
  const overrides = read('zh-Hant.overrides.json') as Record<string, Record<string, string>>;
  const unknown = Object.keys(overrides).filter(
    (ns) => !localeNamespaces('zh-Hans', dir).includes(ns),
  );
  if (unknown.length > 0)
    throw new Error(`Overrides for unknown namespaces: ${unknown.join(', ')}`);
  const toTraditional = OpenCC.Converter({ from: 'cn', to: 'twp' });
  const out: Record<string, string> = {};
  for (const ns of localeNamespaces('zh-Hans', dir)) {
    const hans = read(`zh-Hans/${ns}.json`) as LocaleTree;
    out[ns] =
      `${JSON.stringify(convertLocale(hans, toTraditional, overrides[ns] ?? {}), null, 2)}\n`;
  }
  return out;
}
