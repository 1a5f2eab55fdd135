import type { Router } from 'express';
import type { Config } from '../../config.js';
import type { Db } from '../../store/db.js';
import { annotationRoutes } from './annotations.js';
import { apiRoutes } from './api.js';
import { exchangePageRoutes, exchangeRoutes } from './exchange.js';
import { consistencyApiRoutes, consistencyPageRoutes } from './consistency.js';
import { glossaryApiRoutes, glossaryPageRoutes } from './glossary.js';
import { pageRoutes } from './pages.js';
import { segmentRoutes } from './segments.js';
import { userApiRoutes, userPageRoutes } from './users.js';

/** A router factory: every feature exports one for the API and/or one for pages. */
export type RouterFactory = (db: Db, config: Config) => Router;

/** Routers mounted under `/api`, in order; the last one answers unknown endpoints with 404. */
// Segments first: autosave is by far the most frequent request.
export const API_ROUTERS: RouterFactory[] = [
  segmentRoutes,
  glossaryApiRoutes,
  consistencyApiRoutes,
  userApiRoutes,
  annotationRoutes,
  exchangeRoutes,
  apiRoutes,
];

/** Routers for signed-in pages, in order. */
export const PAGE_ROUTERS: RouterFactory[] = [
  glossaryPageRoutes,
  consistencyPageRoutes,
  exchangePageRoutes,
  userPageRoutes,
  pageRoutes,
];
