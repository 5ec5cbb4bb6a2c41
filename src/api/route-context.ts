import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AnalyticsStore } from '../analytics/index.ts';
import type { Config } from '../config/index.ts';
import type { Pool } from '../db/index.ts';
import type { LoginThrottle } from './auth/login-throttle.ts';

/** What every route may use. The analytics store is absent in processes whose role lacks it. */
export interface ApiDeps {
  config: Config;
  pool: Pool;
  analytics: AnalyticsStore | undefined;
  loginThrottle: LoginThrottle;
  version: string;
}

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** One route per file: each exports a function that registers it. */
export type RouteModule = (app: App, deps: ApiDeps) => void;
