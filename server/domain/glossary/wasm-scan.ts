import type { ScanTables } from './scan-tables.js';
import type { CandidateCheck } from './source-scan.js';
import type { TermHits } from './term-hits.js';
import { TERM_SCAN_WASM } from './term-scan-wasm.js';

/**
 * Host side of the WebAssembly build of the source-term scan (source in wasm/term-scan.ts,
 * built by `npm run wasm` into term-scan-wasm.ts as base64): the same hits as `scanTerms`
 * (source-scan.ts, kept as the fallback and the tests' reference) about twice as fast —
 * measured in one process,
 * paired, on 1 M characters with 5,000 entries: 7.5–11 ms against 14–21 ms, 0.37–0.50× a bare
 * `charCodeAt` loop against 0.19–0.24× (bench termScan). The JS scan is bound by mispredicted
 * branches and the bounds and type checks around every typed-array access; the WebAssembly
 * one takes the same steps without the checks.
 *
 * Per compiled glossary one instance, its `ScanTables` copied into the instance's memory
 * once (1.5–9 ms, ~2 MB for 5,000 entries); per scan the text's code units are written into
 * that memory by one native call (~0.07 ms per million characters) and the hits read through
 * `Int32Array` views of it.
 */

/** The compiled module, or undefined where it cannot be had (then the JS scan runs). */
const wasmModule = compileModule();

function compileModule(): WebAssembly.Module | undefined {
  try {
    return new WebAssembly.Module(Buffer.from(TERM_SCAN_WASM, 'base64'));
  } catch (error) {
    console.warn(
      `Term matching runs without WebAssembly (about half as fast): ${(error as Error).message}`,
    );
    return undefined;
  }
}

interface Exports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  setTables(
    starts: number,
    startShift: number,
    pairs: number,
    pairShift: number,
    pairSlots: number,
    inner: number,
    innerShift: number,
    single: number,
    anySingle: number,
    rootRaw: number,
    dfa: number,
    firstOutput: number,
    emits: number,
    maxEmits: number,
  ): void;
  setBuffers(text: number, hits: number, capacity: number): void;
  scan(length: number): number;
  hitsCap(): number;
}

/** Byte alignment of what the host places in memory (a cache line). */
const ALIGN = 64;
const align = (at: number) => (at + ALIGN - 1) & ~(ALIGN - 1);
const PAGE = 65536;

/** Room for this many hits before the first growth. */
const FIRST_CAPACITY = 1 << 16;

/** One glossary's scanner: its tables in the instance's memory, text and hits after them. */
export class WasmTermScanner {
  private readonly x: Exports;
  /** Where the text goes (after the tables), and how many code units fit. */
  private readonly textAt: number;
  private textCapacity = 0;
  private hitsAt = 0;
  private capacity = 0;
  /** The memory's buffer the views below were made on (growing the memory replaces it). */
  private buffer: ArrayBuffer | undefined;
  private textBytes = Buffer.alloc(0);
  /** The text being scanned, for `check`. */
  private text = '';
  private readonly hits: TermHits = {
    count: 0,
    start: new Int32Array(0),
    end: new Int32Array(0),
    entry: new Int32Array(0),
    pattern: new Int32Array(0),
  };

  constructor(module: WebAssembly.Module, t: ScanTables, check: CandidateCheck) {
    const instance = new WebAssembly.Instance(module, {
      env: { check: (p: number, s: number, e: number) => check(p, this.text, s, e) },
    });
    const x = (this.x = instance.exports as unknown as Exports);
    let at = align(x.heapBase());
    const place = (table: Int32Array) => {
      const from = at;
      at = align(at + 4 * table.length);
      this.reach(at);
      new Int32Array(x.memory.buffer, from, table.length).set(table);
      return from;
    };
    x.setTables(
      place(t.starts),
      t.startShift,
      place(t.pairs),
      t.pairShift,
      t.pairs.length >>> 2,
      place(t.inner),
      t.innerShift,
      place(t.single),
      t.anySingle ? 1 : 0,
      place(t.rootRaw),
      place(t.dfa),
      t.firstOutput,
      place(t.emits),
      t.maxEmits,
    );
    this.textAt = at;
  }

  /** Grows the memory to at least `end` bytes. */
  private reach(end: number): void {
    const memory = this.x.memory;
    const have = memory.buffer.byteLength;
    if (end > have) memory.grow(Math.ceil((end - have) / PAGE));
  }

  /** The hits of `text`, in views of this scanner's memory: read them before its next scan. */
  scan(text: string): TermHits {
    const n = text.length;
    const x = this.x;
    if (this.textCapacity < n + 2) {
      // At least one unit past the text: the scan reads the 32-bit word holding the last one.
      this.textCapacity = Math.max(n + 2, 2 * this.textCapacity, 4096);
      this.hitsAt = align(this.textAt + 2 * this.textCapacity + 8);
      this.capacity = Math.max(this.capacity, FIRST_CAPACITY);
      this.reach(this.hitsAt + 16 * this.capacity + PAGE);
      x.setBuffers(this.textAt, this.hitsAt, this.capacity);
      this.buffer = undefined;
    }
    if (this.buffer !== x.memory.buffer) this.views();
    this.textBytes.write(text, 0, 'utf16le');
    this.text = text;
    let count: number;
    try {
      count = x.scan(n);
    } finally {
      this.text = '';
    }
    // The scan grows the hits (and so the memory) where a text has more than they hold.
    const capacity = x.hitsCap();
    if (this.buffer !== x.memory.buffer || capacity !== this.capacity) {
      this.capacity = capacity;
      this.views();
    }
    this.hits.count = count;
    return this.hits;
  }

  private views(): void {
    const buffer = (this.buffer = this.x.memory.buffer);
    this.textBytes = Buffer.from(buffer, this.textAt, 2 * this.textCapacity);
    const array = (k: number) =>
      new Int32Array(buffer, this.hitsAt + 4 * k * this.capacity, this.capacity);
    this.hits.start = array(0);
    this.hits.end = array(1);
    this.hits.entry = array(2);
    this.hits.pattern = array(3);
  }
}

/** Per scan tables: its scanner, or null where none could be made (the JS scan runs). */
const scanners = new WeakMap<ScanTables, WasmTermScanner | null>();

/**
 * The WebAssembly scanner for these tables, made on first use; undefined when WebAssembly is
 * unavailable, or instantiating failed (warned once per glossary), so the caller falls back to
 * `scanTerms`.
 */
export function wasmScanner(t: ScanTables, check: CandidateCheck): WasmTermScanner | undefined {
  let scanner = scanners.get(t);
  if (scanner === undefined) {
    scanner = null;
    if (wasmModule)
      try {
        scanner = new WasmTermScanner(wasmModule, t, check);
      } catch (error) {
        console.warn(`Term matching falls back to JS: ${(error as Error).message}`);
      }
    scanners.set(t, scanner);
  }
  return scanner ?? undefined;
}
