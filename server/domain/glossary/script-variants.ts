import * as OpenCC from 'opencc-js';
import { hasHan } from './char-class.js';

type Convert = (text: string) => string;

/**
 * Simplified ⇄ Traditional variants of a term. DESIGN.md "Measured facts": an OpenCC converter
 * costs ~150–200 ms and tens of MB to build and converts ~4–5 M chars/s, so terms are converted
 * (once each, cached) and texts never are; each converter is built on first use.
 */
const SPECS = {
  toT: { from: 'cn', to: 't' },
  toTwp: { from: 'cn', to: 'twp' },
  toHk: { from: 'cn', to: 'hk' },
  tToCn: { from: 't', to: 'cn' },
  twToCn: { from: 'tw', to: 'cn' },
  hkToCn: { from: 'hk', to: 'cn' },
} as const satisfies Record<string, { from: string; to: string }>;

const converters = new Map<keyof typeof SPECS, Convert>();
const cache = new Map<string, string[]>();

function converter(name: keyof typeof SPECS): Convert {
  const built = converters.get(name);
  if (built) return built;
  const c: Convert = OpenCC.Converter(SPECS[name] as Parameters<typeof OpenCC.Converter>[0]);
  converters.set(name, c);
  return c;
}

/** The Simplified form of a term (Traditional characters of any region converted). */
export function toSimplified(term: string): string {
  if (!hasHan(term)) return term;
  return converter('hkToCn')(converter('twToCn')(converter('tToCn')(term)));
}

/**
 * Every script variant of a term: itself, its Simplified form, and the Traditional forms
 * (OpenCC standard, Taiwan, Taiwan with phrases such as 数据集 → 資料集, Hong Kong), without
 * duplicates and with the term first. Latin-only terms have no variants.
 */
export function scriptVariants(term: string): string[] {
  if (!hasHan(term)) return [term];
  const hit = cache.get(term);
  if (hit) return hit;
  const simplified = toSimplified(term);
  const forms = [term, simplified];
  // Taiwan characters without phrases are the `t` forms in nearly every case, so `tw` is not
  // built: one converter less (~50 MB, ~190 ms).
  for (const name of ['toT', 'toTwp', 'toHk'] as const) forms.push(converter(name)(simplified));
  const variants = [...new Set(forms)];
  cache.set(term, variants);
  return variants;
}
