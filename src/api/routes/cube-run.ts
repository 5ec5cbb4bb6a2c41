import { z } from 'zod';
import { runCube } from '../../analytics/index.ts';
import { assertChainWide } from '../auth/access.ts';
import { requireAnalytics } from '../require-analytics.ts';
import type { RouteModule } from '../route-context.ts';

/** A pivot query as the API takes it (also for its export). */
export const cubeBody = z.object({
  measures: z.array(z.string().max(40)).min(1).max(10),
  dimensions: z.array(z.string().max(40)).max(4).default([]),
  filters: z.record(z.string().max(40), z.array(z.string().max(200)).max(1000)).default({}),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  limit: z.number().int().min(1).max(100_000).optional(),
});

export const cubeRunRoute: RouteModule = (app, deps) => {
  app.post('/v1/cube', {
    config: { access: { users: ['admin', 'marketer', 'analyst'], apiKeys: true } },
    schema: {
      tags: ['analytics'],
      summary: 'A pivot: measures by dimensions over receipt lines, filtered by dimension values (long format: one row per combination)',
      body: cubeBody.strict(),
      response: { 200: z.object({ dimensions: z.array(z.string()), measures: z.array(z.string()), rows: z.array(z.record(z.string(), z.unknown())), from: z.string(), to: z.string(), seconds: z.number() }) },
    },
    handler: async (request) => {
      assertChainWide(request.principal);
      const started = performance.now();
      const result = await runCube(requireAnalytics(deps.analytics), request.body);
      return { ...result, seconds: (performance.now() - started) / 1000 };
    },
  });
};
