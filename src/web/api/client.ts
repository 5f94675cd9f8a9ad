/**
 * The typed API of the Gerbang server, one object the pages call (`api.agreement(id)`), composed of one module of
 * routes per feature; the transport (typed calls, CSRF, errors) lives in request.ts.
 */
import { accessRoutes } from './routes-access';
import { applicationsRoutes } from './routes-applications';
import { casesRoutes } from './routes-cases';
import { publicRoutes } from './routes-public';
import { sessionRoutes } from './routes-session';

export * from './request';

export const api = {
  ...sessionRoutes,
  ...casesRoutes,
  ...publicRoutes,
  ...applicationsRoutes,
  ...accessRoutes,
};

// The names of the wire types, declared beside their routes and derived from the generated OpenAPI types.
export type * from './routes-session';
export type * from './routes-cases';
export type * from './routes-public';
export type * from './routes-applications';
export type * from './routes-access';
