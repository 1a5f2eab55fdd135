/**
 * `npm run wasm`: compiles wasm/term-scan.ts and writes server/domain/glossary/term-scan-wasm.ts
 * (see wasm.ts). `--check` only reports whether that file is up to date.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { compileTermScan, termScanModule, WASM_MODULE } from './wasm.js';

const { values } = parseArgs({ options: { check: { type: 'boolean', default: false } } });
const expected = termScanModule(await compileTermScan());
const current = fs.existsSync(WASM_MODULE) ? fs.readFileSync(WASM_MODULE, 'utf8') : '';
if (current === expected) console.log(`${WASM_MODULE} is up to date`);
else if (values.check) {
  console.error(`${WASM_MODULE} is stale: run npm run wasm`);
  process.exit(1);
} else {
  fs.writeFileSync(WASM_MODULE, expected);
  console.log(`${WASM_MODULE} written`);
}
