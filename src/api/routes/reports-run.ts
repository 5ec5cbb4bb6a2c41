import { z } from 'zod';
import { runReport } from '../../analytics/index.ts';
import { assertChainWide } from '../auth/access.ts';
import { requireAnalytics } from '../require-analytics.ts';
import type { RouteModule } from '../route-context.ts';

export const reportsRunRoute: RouteModule = (app, deps) => {
  app.post('/v1/reports/:id/run', {
    config: { access: { users: ['admin', 'marketer', 'analyst'], apiKeys: true } },
    schema: {
      tags: ['analytics'],
      summary: 'Run a report of the catalog; parameters as text, validated by the report’s definition',
      params: z.object({ id: z.string().regex(/^[a-z]+\.[a-z0-9-]+$/) }),
      body: z.object({ params: z.record(z.string().regex(/^[a-z_]{1,40}$/), z.string().max(200)).default({}) }).strict(),
      response: { 200: z.object({ report: z.string(), rows: z.array(z.record(z.string(), z.unknown())), seconds: z.number() }) },
    },
    handler: async (request) => {
      assertChainWide(request.principal);
      const started = performance.now();
      const { report, rows } = await runReport(requireAnalytics(deps.analytics), request.params.id, request.body.params);
      return { report: report.id, rows, seconds: (performance.now() - started) / 1000 };
    },
  });
};
