/**
 * Character classes for term matching. A "word character" is a Latin-script letter or a digit
 * (ASCII, Latin-1, Latin Extended, full-width forms): Latin terms must not touch one on either
 * side. CJK characters, punctuation, spaces and emoji are all boundaries, so `BIS` matches in
 * `不是BIS。` but not in `BISON` — Chinese is written without spaces, English with them
 * (Weblate's glossary applies word boundaries only to languages written with spaces).
 */
export function isWordChar(code: number): boolean {
  if (code < 0x80) {
    return (code >= 0x30 && code <= 0x39) || ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a);
  }
  if (code >= 0xc0 && code <= 0x24f) return code !== 0xd7 && code !== 0xf7;
  // Full-width digits and letters (０-９, Ａ-Ｚ, ａ-ｚ).
  return (
    (code >= 0xff10 && code <= 0xff19) ||
    (code >= 0xff21 && code <= 0xff3a) ||
    (code >= 0xff41 && code <= 0xff5a)
  );
}

/** CJK ideographs (unified, extension A, compatibility). */
export function isHan(code: number): boolean {
  return (
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0xf900 && code <= 0xfaff)
  );
}

/** Whether a string contains any Han character. */
export function hasHan(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (isHan(text.charCodeAt(i))) return true;
  return false;
}

let widthTable: Uint16Array | undefined;
let foldTable: Uint16Array | undefined;

/** Full-width ASCII forms (U+FF01–FF5E) and the ideographic space as their ASCII twins. */
function widthFoldCode(c: number): number {
  if (c >= 0xff01 && c <= 0xff5e) return c - 0xfee0;
  if (c === 0x3000) return 0x20;
  return c;
}

/** Folds width only: used to check case-sensitive terms. */
export function widthFold(code: number): number {
  widthTable ??= buildTable(widthFoldCode);
  return widthTable[code]!;
}

/** Folds width and letter case, one code unit to one, so offsets into the text stay exact. */
export function caseFold(code: number): number {
  return caseFoldTable()[code]!;
}

/** `caseFold` as a 65,536-entry table, for hot loops that index it directly. */
export function caseFoldTable(): Uint16Array {
  foldTable ??= buildTable((c) => {
    const w = widthFoldCode(c);
    if (w > 0x24f) return w;
    const lower = String.fromCharCode(w).toLowerCase();
    return lower.length === 1 ? lower.charCodeAt(0) : w;
  });
  return foldTable;
}

let preimages: { start: Int32Array; units: Uint16Array } | undefined;

/**
 * For every code unit c, the code units that `caseFold` maps to c, as `units[start[c] ..
 * start[c + 1]]`, c itself first when it folds to itself: for `a`, a, A, ａ and Ａ. Lets a
 * matcher take raw text by expanding its labels instead of folding the text.
 */
export function foldPreimageTable(): { start: Int32Array; units: Uint16Array } {
  if (!preimages) {
    const fold = caseFoldTable();
    const start = new Int32Array(65537);
    for (let c = 0; c < 65536; c++) start[fold[c]! + 1]!++;
    for (let c = 0; c < 65536; c++) start[c + 1]! += start[c]!;
    const units = new Uint16Array(65536);
    const fill = start.slice(0, 65536);
    for (let c = 0; c < 65536; c++) if (fold[c] === c) units[fill[c]!++] = c;
    for (let c = 0; c < 65536; c++) if (fold[c] !== c) units[fill[fold[c]!]!++] = c;
    preimages = { start, units };
  }
  return preimages;
}

/** The code units that `caseFold` maps to `folded` (see `foldPreimageTable`). */
export function foldPreimages(folded: number): Uint16Array {
  const { start, units } = foldPreimageTable();
  return units.subarray(start[folded]!, start[folded + 1]!);
}

function buildTable(f: (c: number) => number): Uint16Array {
  const t = new Uint16Array(65536);
  for (let c = 0; c < 65536; c++) t[c] = f(c);
  return t;
}

/** Applies a code-unit fold to a whole string. */
export function foldString(text: string, fold: (c: number) => number): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += String.fromCharCode(fold(text.charCodeAt(i)));
  return out;
}
