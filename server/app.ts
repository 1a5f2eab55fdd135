import { fileURLToPath } from 'node:url';
import cookieParser from 'cookie-parser';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { i18n } from 'i18next';
import type { Config } from './config.js';
import type { Db } from './store/db.js';
import { i18nMiddleware } from './http/i18n.js';
import { authenticate, requireUser } from './http/middleware/authenticate.js';
import { csrfProtection } from './http/middleware/csrf.js';
import { errorHandler, notFoundHandler } from './http/middleware/error-handler.js';
import { requireJsonBody } from './http/middleware/require-json.js';
import { staticHeaders } from './http/middleware/static-headers.js';
import { notFound } from './http/errors.js';
import { authRoutes, signOutRoutes } from './http/routes/auth.js';
import { API_ROUTERS, PAGE_ROUTERS } from './http/routes/index.js';
import { UI_LANGUAGES } from './domain/i18n/index.js';

const VIEWS_DIR = fileURLToPath(new URL('../views', import.meta.url));
const STATIC_DIR = fileURLToPath(new URL('./http/static', import.meta.url));

/** What the app needs from its surroundings. */
export interface AppDeps {
  config: Config;
  db: Db;
  i18n: i18n;
  /** Where unexpected errors are reported; console.error by default. */
  log?: (message: string) => void;
}

/** Builds the Express app without listening: `server/main.ts` listens, tests use supertest. */
export function createApp({ config, db, i18n, log }: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  // Every reply is no-store (unpublished texts), so ETags would only cost a hash per reply.
  app.set('etag', false);
  app.set('trust proxy', config.trustProxy);
  app.set('views', VIEWS_DIR);
  app.set('view engine', 'ejs');
  // Templates compiled once, not per render (Express caches them only when NODE_ENV is
  // production, and EJS then compiles every include per call: a 5,000-paragraph editor page
  // compiled its row template 5,000 times, 2.5–3.5 s with the event loop blocked).
  app.enable('view cache');
  app.locals.uiLanguages = UI_LANGUAGES;

  // Helmet's headers do not depend on the request here: computed once, set with one loop.
  app.use(
    staticHeaders(
      helmet({
        contentSecurityPolicy: {
          useDefaults: true,
          directives: {
            'script-src': ["'self'"],
            'style-src': ["'self'"],
            'img-src': ["'self'", 'data:'],
            'connect-src': ["'self'"],
            'form-action': ["'self'"],
            'frame-ancestors': ["'none'"],
            // Only meaningful behind HTTPS; on plain http://localhost it would break the page.
            'upgrade-insecure-requests': config.trustProxy ? [] : null,
          },
        },
        frameguard: { action: 'deny' },
        // Not no-referrer: with it Chromium sends `Origin: null` on form posts, which defeats
        // same-origin checks and SameSite cookies. same-origin leaks nothing to other sites.
        referrerPolicy: { policy: 'same-origin' },
        strictTransportSecurity: config.trustProxy,
      }),
    ),
  );
  app.use('/static', express.static(STATIC_DIR, { maxAge: '1h', index: false }));
  app.get('/favicon.ico', (_req, res) => res.redirect(301, '/static/favicon.svg'));
  app.use(cookieParser());
  // Before the body parsers, so even their errors are reported in the user's language.
  app.use(i18nMiddleware(i18n));
  app.use('/api', requireJsonBody());
  app.use(express.json({ limit: '2mb' }));
  app.use(express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 50 }));
  app.use(authenticate(db));
  app.use((_req, res, next) => {
    // Pages and API replies carry unpublished texts: never store them in shared caches.
    res.set('Cache-Control', 'no-store');
    next();
  });

  app.use(authRoutes(db, config));
  app.use(requireUser());
  app.use(csrfProtection());
  app.use(signOutRoutes(db));
  for (const routes of API_ROUTERS) app.use('/api', routes(db, config));
  app.use('/api', (_req, _res, next) => next(notFound('API endpoint')));
  for (const routes of PAGE_ROUTERS) app.use(routes(db, config));

  app.use(notFoundHandler());
  app.use(errorHandler(log));
  return app;
}
