import * as OpenCC from 'opencc-js';

/** Chinese script variants a text can be shown or exported in. */
export const CHINESE_VARIANTS = ['zh-CN', 'zh-TW', 'zh-HK'] as const;
export type ChineseVariant = (typeof CHINESE_VARIANTS)[number];

const TARGETS = { 'zh-TW': 'twp', 'zh-HK': 'hk' } as const;
const converters = new Map<ChineseVariant, (text: string) => string>();

/**
 * Converts Simplified Chinese into the variant's script (Taiwan with its phrasing, or Hong
 * Kong). Each converter costs ~150 ms and ~85 MB to build, so it is built once, on first use.
 */
export function toChineseVariant(text: string, variant: ChineseVariant): string {
  if (variant === 'zh-CN') return text;
  const convert = converters.get(variant) ?? OpenCC.Converter({ from: 'cn', to: TARGETS[variant] });
  converters.set(variant, convert);
  return convert(text);
}
