import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import i18next, { type i18n } from 'i18next';
import FsBackend from 'i18next-fs-backend';
import { LanguageDetector, handle } from 'i18next-http-middleware';
import type { RequestHandler } from 'express';
import { UI_LANGUAGES, toUiLanguage } from '../domain/i18n/index.js';

export const LOCALES_DIR = fileURLToPath(new URL('../../locales', import.meta.url));

/** Name of the cookie that remembers the UI language chosen with `?lng=`. */
export const LANGUAGE_COOKIE = 'dz_lng';

/**
 * Creates the i18next instance: every locale preloaded from `locales/<lng>/translation.json`,
 * the language taken from `?lng=`, then the cookie, then Accept-Language (mapped so that
 * zh-TW/zh-HK get Traditional and zh-CN Simplified), English as the fallback.
 */
export async function createI18n(options: { secureCookie: boolean }): Promise<i18n> {
  const instance = i18next.createInstance();
  await instance
    .use(FsBackend)
    .use(LanguageDetector)
    .init({
      backend: { loadPath: path.join(LOCALES_DIR, '{{lng}}/{{ns}}.json') },
      supportedLngs: [...UI_LANGUAGES],
      preload: [...UI_LANGUAGES],
      fallbackLng: 'en',
      load: 'currentOnly',
      ns: fs
        .readdirSync(path.join(LOCALES_DIR, 'en'))
        .filter((f) => f.endsWith('.json'))
        .map((f) => f.slice(0, -'.json'.length)),
      defaultNS: 'translation',
      // Templates escape; escaping here too would show &amp; on the page.
      interpolation: { escapeValue: false },
      returnNull: false,
      detection: {
        order: ['querystring', 'cookie', 'header'],
        lookupQuerystring: 'lng',
        lookupCookie: LANGUAGE_COOKIE,
        caches: ['cookie'],
        cookieSecure: options.secureCookie,
        cookieSameSite: 'lax',
        cookiePath: '/',
        convertDetectedLanguage: (tag: string) => toUiLanguage(tag) ?? tag,
      },
    });
  return instance;
}

/** Per-request i18n: `req.t`, `req.language`, and `t`/`language` for the views. */
export function i18nMiddleware(instance: i18n): RequestHandler {
  return handle(instance, {
    // Changes through the API reply in JSON with English error messages and never render text:
    // skip cloning an i18next instance per request on that hot path (autosave).
    ignoreRoutes: (req: { method?: string; url?: string }) =>
      req.method !== 'GET' && (req.url ?? '').startsWith('/api/'),
  }) as unknown as RequestHandler;
}
