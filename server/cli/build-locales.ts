/**
 * `npm run locales`: writes every locales/zh-Hant/<ns>.json from locales/zh-Hans with OpenCC
 * (Simplified → Traditional with Taiwan phrasing), then applies the reviewed overrides in
 * locales/zh-Hant.overrides.json. `--check` only reports whether the files are up to date.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { LOCALES_DIR } from '../http/i18n.js';
import { buildTraditionalLocales } from './locales.js';

const { values } = parseArgs({ options: { check: { type: 'boolean', default: false } } });
let stale = 0;
for (const [ns, expected] of Object.entries(buildTraditionalLocales())) {
  const file = path.join(LOCALES_DIR, 'zh-Hant', `${ns}.json`);
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  if (current === expected) continue;
  stale += 1;
  if (values.check) console.error(`${file} is stale: run npm run locales`);
  else {
    fs.writeFileSync(file, expected);
    console.log(`${file} written`);
  }
}
if (values.check && stale > 0) process.exit(1);
console.log(stale === 0 ? 'zh-Hant is up to date' : values.check ? '' : `${stale} file(s) updated`);
