/**
 * `npm run locales`: writes locales/zh-Hant/translation.json from locales/zh-Hans with OpenCC
 * (Simplified → Traditional with Taiwan phrasing), then applies the reviewed overrides in
 * locales/zh-Hant.overrides.json. `--check` only reports whether the file is up to date.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { LOCALES_DIR } from '../http/i18n.js';
import { buildTraditionalLocale } from './locales.js';

const { values } = parseArgs({ options: { check: { type: 'boolean', default: false } } });
const file = path.join(LOCALES_DIR, 'zh-Hant', 'translation.json');
const expected = buildTraditionalLocale();
const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
if (values.check) {
  if (current !== expected) {
    console.error(`${file} is stale: run npm run locales`);
    process.exit(1);
  }
  console.log(`${file} is up to date`);
} else {
  fs.writeFileSync(file, expected);
  console.log(current === expected ? `${file} unchanged` : `${file} written`);
}
