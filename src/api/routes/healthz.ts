import { z } from 'zod';
import type { RouteModule } from '../route-context.ts';

/** Liveness: the process answers HTTP. Says nothing about the databases (that is /readyz). */
export const healthzRoute: RouteModule = (app, deps) => {
  app.get('/healthz', {
    config: { access: { public: true } },
    schema: {
      tags: ['operations'],
      summary: 'Liveness probe',
      response: { 200: z.object({ status: z.literal('ok'), version: z.string(), uptime_seconds: z.number() }) },
    },
    handler: async () => ({ status: 'ok' as const, version: deps.version, uptime_seconds: Math.round(process.uptime()) }),
  });
};
