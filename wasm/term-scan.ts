/**
 * The source-term scan as WebAssembly (AssemblyScript, compiled by `npm run wasm` into
 * server/domain/glossary/term-scan-wasm.ts, the binary as base64; a test fails when that file
 * is not this source's build). A line-for-line port of `scanTerms` (server/domain/glossary/source-scan.ts) and
 * `keepLongest` (longest-match.ts) over raw linear memory, no AssemblyScript runtime: the
 * host (server/domain/glossary/wasm-scan.ts) copies a glossary's `ScanTables` into memory
 * once, then per scan writes the text's UTF-16 code units at `textP` and reads the hits as
 * four Int32 arrays (start, end, entry, pattern: the `TermHits` shape) of `hitCap` each from
 * `hitsP`, which grow in place at the end of memory. Candidates needing a boundary or case
 * check call the host's `check`. Read the JS version for why each table has its shape: the
 * two must give the same hits (differential tests in tests/domain/glossary/wasm-scan.test.ts).
 *
 * Why at all: the JS scan is bound by mispredicted branches and typed-array bounds checks,
 * and stayed at 0.19–0.24× a bare `charCodeAt` loop on a quiet machine; this one does the
 * same steps at 0.37–0.50× (bench termScan). AssemblyScript has no labelled break/continue,
 * so the loops use flags.
 */

// @ts-ignore: decorator
@external("env", "check")
declare function check(pattern: i32, start: i32, end: i32): i32;

const HEADER: i32 = 5;
const SMALL: i32 = 8;
const GOLD: u32 = 0x9e3779b1;

let startsP: usize = 0;
let pairsP: usize = 0;
let innerP: usize = 0;
let singleP: usize = 0;
let rootRawP: usize = 0;
let dfaP: usize = 0;
let emitsP: usize = 0;
let startShift: u32 = 0;
let pairShift: u32 = 0;
let innerShift: u32 = 0;
let pairMask: u32 = 0;
let anySingle: i32 = 0;
let firstOutput: i32 = 0;
let maxEmits: i32 = 0;
let textP: usize = 0;
let hitsP: usize = 0;
const order: usize = memory.data(4 * SMALL);

export function heapBase(): usize {
  return __heap_base;
}

export function setTables(
  starts: usize, sShift: u32, pairs: usize, pShift: u32, pSlots: u32,
  inner: usize, iShift: u32, single: usize, anySgl: i32, rootRaw: usize,
  dfa: usize, firstOut: i32, emits: usize, maxEm: i32,
): void {
  startsP = starts; startShift = sShift;
  pairsP = pairs; pairShift = pShift; pairMask = pSlots - 1;
  innerP = inner; innerShift = iShift;
  singleP = single; anySingle = anySgl; rootRawP = rootRaw;
  dfaP = dfa; firstOutput = firstOut; emitsP = emits; maxEmits = maxEm;
}

export function setBuffers(text: usize, hits: usize, cap: i32): void {
  textP = text;
  hitsP = hits;
  setCap(cap);
}

// @ts-ignore: decorator
@inline function ld(p: usize, i: i32): i32 {
  return load<i32>(p + (<usize>i << 2));
}

// @ts-ignore: decorator
@inline function unit(p: usize, i: i32): i32 {
  return <i32>load<u16>(p + (<usize>i << 1));
}

// @ts-ignore: decorator
@inline function bit(set: usize, b: u32): u32 {
  return (<u32>load<i32>(set + (<usize>(b >> 5) << 2)) >> b) & 1;
}

// Hits as four arrays (start, end, entry, pattern) of `hitCap` ints each from `hitsP`.
let hitCap: i32 = 0;
let endP: usize = 0;
let entryP: usize = 0;
let patternP: usize = 0;

export function hitsCap(): i32 {
  return hitCap;
}

// @ts-ignore: decorator
@inline function hS(k: i32): i32 { return load<i32>(hitsP + (<usize>k << 2)); }
// @ts-ignore: decorator
@inline function hE(k: i32): i32 { return load<i32>(endP + (<usize>k << 2)); }

// @ts-ignore: decorator
@inline function put(k: i32, s: i32, e: i32, entry: i32, pattern: i32): void {
  const o = <usize>k << 2;
  store<i32>(hitsP + o, s);
  store<i32>(endP + o, e);
  store<i32>(entryP + o, entry);
  store<i32>(patternP + o, pattern);
}

// @ts-ignore: decorator
@inline function move(from: i32, at: i32): void {
  const a = <usize>from << 2;
  const b = <usize>at << 2;
  store<i32>(hitsP + b, load<i32>(hitsP + a));
  store<i32>(endP + b, load<i32>(endP + a));
  store<i32>(entryP + b, load<i32>(entryP + a));
  store<i32>(patternP + b, load<i32>(patternP + a));
}

/** Makes sure memory reaches byte `end`. */
function ensure(end: usize): void {
  const have = <usize>memory.size() << 16;
  if (end > have) {
    const pages = <i32>((end - have + 0xffff) >> 16);
    if (memory.grow(pages) < 0) unreachable();
  }
}

function setCap(cap: i32): void {
  hitCap = cap;
  endP = hitsP + (<usize>cap << 2);
  entryP = endP + (<usize>cap << 2);
  patternP = entryP + (<usize>cap << 2);
}

/** Grows the four arrays to hold `need` (moving the first `keep` of each up). */
function growHits(need: i32, keep: i32): i32 {
  let cap = hitCap;
  while (cap < need) cap *= 2;
  if (cap == hitCap) return cap;
  ensure(hitsP + (<usize>cap << 4) + 65536);
  const old = hitCap;
  const bytes = <usize>keep << 2;
  memory.copy(hitsP + (<usize>(3 * cap) << 2), hitsP + (<usize>(3 * old) << 2), bytes);
  memory.copy(hitsP + (<usize>(2 * cap) << 2), hitsP + (<usize>(2 * old) << 2), bytes);
  memory.copy(hitsP + (<usize>cap << 2), hitsP + (<usize>old << 2), bytes);
  setCap(cap);
  return cap;
}

// @ts-ignore: decorator
@inline function pairSlot(h: u32, key: i32): i32 {
  let p = h >> pairShift;
  while (true) {
    const a = pairsP + (<usize>p << 4);
    if (load<i32>(a, 4) == 0) return -1;
    if (load<i32>(a) == key) return <i32>(p << 2);
    p = (p + 1) & pairMask;
  }
  return -1;
}

function emitRange(s: i32, at: i32, count: i32): i32 {
  const dfa = dfaP;
  const emits = emitsP;
  for (let k = ld(dfa, s + 3), last = ld(dfa, s + 4); k < last; k += 3) {
    const from = at - ld(emits, k + 1);
    let e = ld(emits, k + 2);
    if (e < 0) e = check(ld(emits, k), from, at);
    if (e < 0) continue;
    put(count, from, at, e, ld(emits, k));
    count++;
  }
  return count;
}

export function scan(n: i32): i32 {
  const starts = startsP;
  const sShift = startShift;
  const inner = innerP;
  const iShift = innerShift;
  const single = singleP;
  const dfa = dfaP;
  const emits = emitsP;
  const text = textP;
  const fo = firstOutput;
  const anySgl = anySingle;
  const room = 64 + maxEmits;
  let count = 0;
  let kept = 0;
  let cap = hitCap;
  let i = 0;
  while (true) {
    if (count - kept > 1) {
      const lastEnd = hE(count - 1);
      let k = count - 1;
      while (k > kept && hE(k - 1) == lastEnd) k--;
      const first = hS(k);
      let j = kept;
      while (j < count && hS(j) >= first) j++;
      if (j == count) {
        if (k != kept) move(k, kept);
        count = kept + 1;
      } else count = keepLongest(kept, count);
    }
    kept = count;
    if (i >= n) break;
    let s = 0;
    let slot = -1;
    let found = false;
    if (!anySgl) {
      const from = i;
      let both: u32 = 3 ^ (i & 1);
      i -= i & 1;
      let w0 = load<i32>(text + (<usize>i << 1));
      for (; i + 2 < n; i += 2) {
        const w1 = load<i32>(text + (<usize>i << 1), 4);
        const k1 = w0;
        const k2 = (<i32>(<u32>w0 >> 16)) | (w1 << 16);
        const h1 = <u32>k1 * GOLD;
        const h2 = <u32>k2 * GOLD;
        const b1 = h1 >> sShift;
        const b2 = h2 >> sShift;
        const bits = (bit(starts, b1) | (bit(starts, b2) << 1)) & both;
        both = 3;
        if (bits != 0) {
          if ((bits & 1) != 0) {
            slot = pairSlot(h1, k1);
            if (slot >= 0) {
              i += 2;
              found = true;
              break;
            }
          }
          if ((bits & 2) != 0) {
            slot = pairSlot(h2, k2);
            if (slot >= 0) {
              i += 3;
              found = true;
              break;
            }
          }
        }
        w0 = w1;
      }
      if (!found && i < from) i = from;
    }
    if (!found) {
      let c0 = unit(text, i);
      let end = false;
      while (true) {
        if (i + 1 >= n) {
          if (i >= n || !anySgl || bit(single, <u32>c0) == 0) {
            end = true;
            break;
          }
          s = ld(rootRawP, c0);
          i++;
          break;
        }
        const c1 = unit(text, i + 1);
        const key = c0 | (c1 << 16);
        const h = <u32>key * GOLD;
        const b = h >> sShift;
        if (anySgl && bit(single, <u32>c0) != 0) {
          if (count + room > cap) cap = growHits(count + room, count);
          count = emitRange(ld(rootRawP, c0), i + 1, count);
        }
        if (bit(starts, b) != 0) {
          slot = pairSlot(h, key);
          if (slot >= 0) {
            i += 2;
            break;
          }
        }
        c0 = c1;
        i++;
      }
      if (end) break;
    }
    if (slot >= 0) {
      const pa = pairsP + (<usize>slot << 2);
      s = load<i32>(pa, 4);
      const pat = load<i32>(pa, 8);
      if (pat >= 0) {
        if (count + room > cap) cap = growHits(count + room, count);
        put(count, i - 2, i, load<i32>(pa, 12), pat);
        count++;
      } else if (s >= fo) {
        if (count + room > cap) cap = growHits(count + room, count);
        count = emitRange(s, i, count);
      }
    } else if (s >= fo) {
      if (count + room > cap) cap = growHits(count + room, count);
      count = emitRange(s, i, count);
    }
    let prev = unit(text, i - 1);
    while (true) {
      if (i == n) break;
      const raw = unit(text, i);
      const ih = (<u32>(prev | (raw << 16)) * GOLD) >> iShift;
      if (bit(inner, ih) == 0) break;
      let next = 0;
      do {
        const sp = dfa + (<usize>s << 2);
        if (((<u32>load<i32>(sp) >> <u32>raw) & 1) != 0) {
          const width = load<i32>(sp, 4);
          const at = s + HEADER;
          if (width >= 0) {
            for (let k = at, e = at + width; k < e; k += 2) {
              const label = ld(dfa, k);
              if (label >= raw) {
                if (label == raw) next = ld(dfa, k + 1);
                break;
              }
            }
          } else {
            const mask = (1 << (32 + width)) - 1;
            let h = <i32>((<u32>raw * GOLD) >> <u32>(-width));
            while (true) {
              const label = ld(dfa, at + 2 * h);
              if (label == raw) {
                next = ld(dfa, at + 2 * h + 1);
                break;
              }
              if (label < 0) break;
              h = (h + 1) & mask;
            }
          }
        }
        s = load<i32>(sp, 8);
      } while (next == 0 && s != 0);
      if (next == 0) break;
      s = next;
      prev = raw;
      i++;
      if (s >= fo) {
        if (count + room > cap) cap = growHits(count + room, count);
        const sp = dfa + (<usize>s << 2);
        for (let k = load<i32>(sp, 12), last = load<i32>(sp, 16); k < last; k += 3) {
          const from = i - ld(emits, k + 1);
          let e = ld(emits, k + 2);
          if (e < 0) e = check(ld(emits, k), from, i);
          if (e < 0) continue;
          put(count, from, i, e, ld(emits, k));
          count++;
        }
      }
    }
  }
  if (count - kept > 1) count = keepLongest(kept, count);
  return count;
}

// ---- keepLongest (longest-match.ts) ----

let flagsP: usize = 0;

// @ts-ignore: decorator
@inline function flag(k: i32): i32 { return <i32>load<u8>(flagsP + <usize>k); }
// @ts-ignore: decorator
@inline function setFlag(k: i32, v: i32): void { store<u8>(flagsP + <usize>k, <u8>v); }

function keepLongest(from: i32, to: i32): i32 {
  const m = to - from;
  if (m == 2) return keepOfTwo(from);
  if (m == 3) return keepOfThree(from);
  // Scratch past the candidates: flags, then pickLarge's arrays.
  flagsP = hitsP + (<usize>hitCap << 4);
  ensure(flagsP + <usize>m + 64);
  if (m <= SMALL) pickSmall(from, to, from);
  else {
    let last = to;
    let minStart = 0x7fffffff;
    for (let k = to - 1; k >= from; k--) {
      minStart = min(minStart, hS(k));
      if (k > from && minStart < hE(k - 1)) continue;
      if (last - k == 1) setFlag(k - from, 1);
      else if (last - k <= SMALL) pickSmall(k, last, from);
      else pickLarge(k, last, from, m);
      last = k;
    }
  }
  let w = from;
  for (let k = from; k < to; k++) {
    if (flag(k - from) == 0) continue;
    if (w != k) move(k, w);
    w++;
  }
  return w;
}

// @ts-ignore: decorator
@inline function ord(j: i32): i32 { return load<i32>(order + (<usize>j << 2)); }
// @ts-ignore: decorator
@inline function setOrd(j: i32, v: i32): void { store<i32>(order + (<usize>j << 2), v); }

function pickSmall(first: i32, last: i32, base: i32): void {
  const m = last - first;
  for (let k = 0; k < m; k++) {
    const x = first + k;
    const sx = hS(x);
    const lx = hE(x) - sx;
    let j = k;
    for (; j > 0; j--) {
      const y = ord(j - 1);
      const ly = hE(y) - hS(y);
      if (lx < ly || (lx == ly && sx > hS(y))) break;
      setOrd(j, y);
    }
    setOrd(j, x);
  }
  for (let r = 0; r < m; r++) {
    const k = ord(r);
    const s = hS(k);
    const e = hE(k);
    let free = 1;
    for (let q = 0; q < r; q++) {
      const t = ord(q);
      if (flag(t - base) == 1 && hS(t) < e && s < hE(t)) {
        free = 0;
        break;
      }
    }
    setFlag(k - base, free);
  }
}

function pickLarge(first: i32, last: i32, base: i32, m: i32): void {
  let maxLen = 0;
  let lo = 0x7fffffff;
  let hi = 0;
  for (let k = first; k < last; k++) {
    maxLen = max(maxLen, hE(k) - hS(k));
    lo = min(lo, hS(k));
    hi = max(hi, hE(k));
  }
  const slotP = (flagsP + <usize>m + 7) & ~<usize>7;
  const sortedP = slotP + (<usize>(maxLen + 2) << 2);
  const usedP = sortedP + (<usize>(last - first) << 2);
  ensure(usedP + <usize>(hi - lo) + 64);
  memory.fill(slotP, 0, <usize>(maxLen + 2) << 2);
  memory.fill(usedP, 0, <usize>(hi - lo));
  for (let k = first; k < last; k++) {
    const a = slotP + (<usize>(maxLen - (hE(k) - hS(k)) + 1) << 2);
    store<i32>(a, load<i32>(a) + 1);
  }
  for (let l = 1; l <= maxLen + 1; l++) {
    const a = slotP + (<usize>l << 2);
    store<i32>(a, load<i32>(a) + load<i32>(a - 4));
  }
  for (let k = first; k < last; k++) {
    const a = slotP + (<usize>(maxLen - (hE(k) - hS(k))) << 2);
    const at = load<i32>(a);
    store<i32>(a, at + 1);
    store<i32>(sortedP + (<usize>at << 2), k);
  }
  const cnt = last - first;
  for (let r = 0; r < cnt; r++) {
    const k = load<i32>(sortedP + (<usize>r << 2));
    setFlag(k - base, 0);
    const s = hS(k) - lo;
    const e = hE(k) - lo;
    let taken = false;
    for (let i = s; i < e; i++) {
      if (load<u8>(usedP + <usize>i) != 0) {
        taken = true;
        break;
      }
    }
    if (taken) continue;
    memory.fill(usedP + <usize>s, 1, <usize>(e - s));
    setFlag(k - base, 1);
  }
}

// @ts-ignore: decorator
@inline function better(x: i32, y: i32): bool {
  const sx = hS(x);
  const sy = hS(y);
  const lx = hE(x) - sx;
  const ly = hE(y) - sy;
  return lx > ly || (lx == ly && sx < sy);
}

// @ts-ignore: decorator
@inline function overlap(x: i32, y: i32): bool {
  return hS(x) < hE(y) && hS(y) < hE(x);
}

function keepOfTwo(a: i32): i32 {
  const b = a + 1;
  if (!overlap(a, b)) return a + 2;
  if (better(b, a)) move(b, a);
  return a + 1;
}

function keepOfThree(a: i32): i32 {
  let p = a;
  let q = a + 1;
  let r = a + 2;
  if (better(q, p)) {
    q = p;
    p = a + 1;
  }
  if (better(r, q)) {
    const t = q;
    q = r;
    r = t;
    if (better(q, p)) {
      const u = p;
      p = q;
      q = u;
    }
  }
  const keepQ = !overlap(q, p);
  const keepR = !overlap(r, p) && !(keepQ && overlap(r, q));
  let w = a;
  for (let k = a; k < a + 3; k++) {
    if (k == p || (k == q && keepQ) || (k == r && keepR)) {
      if (w != k) move(k, w);
      w++;
    }
  }
  return w;
}
