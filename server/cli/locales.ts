import fs from 'node:fs';
import path from 'node:path';
import * as OpenCC from 'opencc-js';
import { convertLocale, type LocaleTree } from '../domain/i18n/index.js';
import { LOCALES_DIR } from '../http/i18n.js';

/** The zh-Hant locale file as `npm run locales` writes it (JSON text with a final newline). */
export function buildTraditionalLocale(dir: string = LOCALES_DIR): string {
  const read = (p: string) => JSON.parse(fs.readFileSync(path.join(dir, p), 'utf8')) as unknown;
  const hans = read('zh-Hans/translation.json') as LocaleTree;
  const overrides = read('zh-Hant.overrides.json') as Record<string, string>;
  const toTraditional = OpenCC.Converter({ from: 'cn', to: 'twp' });
  return `${JSON.stringify(convertLocale(hans, toTraditional, overrides), null, 2)}\n`;
}
