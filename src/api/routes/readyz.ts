import { z } from 'zod';
import { PatronError } from '../../core/index.ts';
import type { RouteModule } from '../route-context.ts';

const checkState = z.enum(['ok', 'failed', 'not_in_this_role']);

/** Readiness: PostgreSQL and (in roles that hold it) DuckDB answer a query. */
export const readyzRoute: RouteModule = (app, deps) => {
  app.get('/readyz', {
    config: { access: { public: true } },
    schema: {
      tags: ['operations'],
      summary: 'Readiness probe: PostgreSQL and DuckDB answer',
      description: 'Answers 200 when every store this process uses answers a query, 503 `not_ready` otherwise.',
      response: { 200: z.object({ status: z.literal('ready'), checks: z.object({ postgres: checkState, duckdb: checkState }) }) },
    },
    handler: async () => {
      const postgres = await deps.pool.query('SELECT 1').then(
        () => 'ok' as const,
        () => 'failed' as const,
      );
      const duckdb = deps.analytics
        ? await deps.analytics.check().then(
            () => 'ok' as const,
            () => 'failed' as const,
          )
        : ('not_in_this_role' as const);
      const checks = { postgres, duckdb };
      if (postgres === 'failed' || duckdb === 'failed') {
        throw new PatronError('not_ready', 'A store does not answer', { details: { checks } });
      }
      return { status: 'ready' as const, checks };
    },
  });
};
