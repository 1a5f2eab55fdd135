import * as OpenCC from 'opencc-js';

/** Chinese variants an export can write, with the OpenCC target for Simplified input. */
export const VARIANTS = {
  'zh-CN': undefined,
  // Taiwan standard with Taiwan phrasing (软件 → 軟體), as a reader in Taiwan expects.
  'zh-TW': 'twp',
  'zh-HK': 'hk',
} as const;

export type Variant = keyof typeof VARIANTS;

const converters = new Map<Variant, (text: string) => string>();

/**
 * The converter from Simplified Chinese to `variant` (identity for zh-CN). Built once per
 * process and only when first asked for: one opencc-js converter costs ~85 MB (DESIGN.md).
 */
export function variantConverter(variant: Variant): (text: string) => string {
  const to = VARIANTS[variant];
  if (!to) return (t) => t;
  const cached = converters.get(variant);
  if (cached) return cached;
  const convert: (text: string) => string = OpenCC.Converter({ from: 'cn', to });
  converters.set(variant, convert);
  return convert;
}
