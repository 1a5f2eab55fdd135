/** The languages of the user interface. */
export const UI_LANGUAGES = ['en', 'zh-Hans', 'zh-Hant'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

/** Regions whose Chinese is written in Traditional characters (BCP 47 region subtags). */
const TRADITIONAL_REGIONS = new Set(['tw', 'hk', 'mo']);

/**
 * Maps a BCP 47 tag from a browser, a cookie or `?lng=` to a UI language: the script subtag
 * decides for Chinese when present (zh-Hant-HK, zh-Hans-SG), else the region (zh-TW, zh-HK,
 * zh-MO are Traditional; zh, zh-CN, zh-SG Simplified). Unknown tags come back undefined.
 */
export function toUiLanguage(tag: string): UiLanguage | undefined {
  const parts = tag.trim().replace(/_/g, '-').toLowerCase().split('-');
  const [lang, ...rest] = parts;
  if (lang === 'en') return 'en';
  if (lang !== 'zh') return undefined;
  if (rest.includes('hant')) return 'zh-Hant';
  if (rest.includes('hans')) return 'zh-Hans';
  return rest.some((p) => TRADITIONAL_REGIONS.has(p)) ? 'zh-Hant' : 'zh-Hans';
}
