import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileGlossary, type CompiledGlossary } from '../../../server/domain/glossary/index.js';
import { scanTerms } from '../../../server/domain/glossary/source-scan.js';
import { wasmScanner } from '../../../server/domain/glossary/wasm-scan.js';
import { asEntries, chineseText, glossaryEntries } from '../../../bench/lib.js';
import { compileTermScan, termScanModule, WASM_MODULE } from '../../../server/cli/wasm.js';
import { seededRandom } from '../../seeded-random.js';

/**
 * The WebAssembly build of the term scan (wasm/term-scan.ts → term-scan-wasm.ts): the committed
 * binary is the build of the committed source, and it gives the JS scan's hits exactly where
 * its own code paths differ from the small cases of source-scan.test.ts (run there on both):
 * a book-sized text, hits and memory growing, large clusters, one instance per glossary.
 */

/** Both scans' hits of `text`, as plain arrays (each copied before the next scan). */
function bothScans(g: CompiledGlossary, text: string) {
  const copy = (h: { count: number; start: Int32Array; end: Int32Array; entry: Int32Array }) => ({
    count: h.count,
    start: Array.from(h.start.subarray(0, h.count)),
    end: Array.from(h.end.subarray(0, h.count)),
    entry: Array.from(h.entry.subarray(0, h.count)),
  });
  const scanner = wasmScanner(g.sourceTables, g.sourceCheck);
  if (!scanner) throw new Error('no WebAssembly scanner');
  const wasm = copy(scanner.scan(text));
  const js = copy(scanTerms(g.sourceTables, text, g.sourceCheck));
  return { wasm, js };
}

describe('the WebAssembly term scan', () => {
  it('is the build of wasm/term-scan.ts (`npm run wasm`)', async () => {
    // If this fails after a change to wasm/term-scan.ts: run `npm run wasm` and commit both.
    expect(fs.readFileSync(WASM_MODULE, 'utf8')).toBe(termScanModule(await compileTermScan()));
  }, 60_000);

  it('gives the JS scan’s hits on 300,000 characters of news text with 3,000 entries', () => {
    const rand = seededRandom(8);
    const text = chineseText(rand, 300_000);
    const g = compileGlossary(asEntries(glossaryEntries(rand, 3000)));
    const { wasm, js } = bothScans(g, text);
    expect(js.count).toBeGreaterThan(20_000);
    expect(wasm).toEqual(js);
  });

  it('grows its hits and memory past their first size, then scans short texts again', () => {
    const g = compileGlossary(asEntries([{ source: '模型', target: 'model' }]));
    const scanner = wasmScanner(g.sourceTables, g.sourceCheck)!;
    // 120,000 hits (the first room is for 65,536), then a text larger than any before.
    expect(scanner.scan('模型。'.repeat(120_000)).count).toBe(120_000);
    const long = '模型，'.repeat(200_000);
    const hits = scanner.scan(long);
    expect(hits.count).toBe(200_000);
    expect(hits.start[199_999]).toBe(long.length - 3);
    expect(hits.end[199_999]).toBe(long.length - 1);
    const short = scanner.scan('开源模型');
    expect(short.count).toBe(1);
    expect([short.start[0], short.end[0]]).toEqual([2, 4]);
  });

  it('resolves large clusters of overlapping candidates as the JS scan does', () => {
    // Every 2–6-gram of a text over a few characters: every position starts several terms.
    const rand = seededRandom(5);
    const alphabet = '模型权重开源数据';
    let base = '';
    for (let i = 0; i < 3000; i++) base += alphabet[Math.floor(rand() * alphabet.length)];
    const sources = new Set<string>();
    while (sources.size < 1500) {
      const n = 2 + Math.floor(rand() * 5);
      const at = Math.floor(rand() * (base.length - n));
      sources.add(base.slice(at, at + n));
    }
    const g = compileGlossary(asEntries([...sources].map((source) => ({ source, target: 'x' }))));
    const text = base.repeat(20);
    const { wasm, js } = bothScans(g, text);
    expect(js.count).toBeGreaterThan(5000);
    expect(wasm).toEqual(js);
  });

  it('keeps one instance per glossary: hits of one survive a scan with another', () => {
    const a = compileGlossary(asEntries([{ source: '模型', target: 'model' }]));
    const b = compileGlossary(asEntries([{ source: '数据', target: 'data' }]));
    const first = wasmScanner(a.sourceTables, a.sourceCheck)!.scan('模型和模型');
    const second = wasmScanner(b.sourceTables, b.sourceCheck)!.scan('数据');
    expect(second.count).toBe(1);
    expect(first.count).toBe(2);
    expect([first.start[0], first.start[1]]).toEqual([0, 3]);
    expect(wasmScanner(a.sourceTables, a.sourceCheck)).toBe(
      wasmScanner(a.sourceTables, a.sourceCheck),
    );
  });

  it('calls back for boundary and case checks with the text being scanned', () => {
    const g = compileGlossary([
      ...asEntries([{ source: 'BIS', target: 'BIS' }]),
      {
        id: 9,
        source: 'AI',
        target: 'AI',
        alternatives: [],
        forbidden: [],
        note: '',
        caseSensitive: true,
        domain: '',
      },
    ]);
    const text = 'BIS和BISON、bis，AI与ai及AIM';
    const { wasm, js } = bothScans(g, text);
    expect(wasm).toEqual(js);
    // BIS, bis (the entry is not case-sensitive), AI; not BISON, ai or AIM.
    expect(wasm.start).toEqual([0, 10, 14]);
  });
});
