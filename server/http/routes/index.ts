import type { Router } from 'express';
import type { Db } from '../../store/db.js';
import { apiRoutes } from './api.js';
import { pageRoutes } from './pages.js';
import { segmentRoutes } from './segments.js';

/** A router factory: every feature exports one for the API and/or one for pages. */
export type RouterFactory = (db: Db) => Router;

/** Routers mounted under `/api`, in order; the last one answers unknown endpoints with 404. */
export const API_ROUTERS: RouterFactory[] = [segmentRoutes, apiRoutes];

/** Routers for signed-in pages, in order. */
export const PAGE_ROUTERS: RouterFactory[] = [pageRoutes];
