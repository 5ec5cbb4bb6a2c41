import { z } from 'zod';
import { exportFormats, exportMediaTypes, exportRows, runCube, runReport } from '../../analytics/index.ts';
import { assertChainWide } from '../auth/access.ts';
import type { RouteModule } from '../route-context.ts';
import { cubeBody } from './cube-run.ts';
import { requireAnalytics } from '../require-analytics.ts';

const extension = { csv: 'csv', xlsx: 'xlsx', parquet: 'parquet' } as const;

/** Reports and pivots as files: CSV, an .xlsx workbook or Parquet, with the name to save them under. */
export const analyticsExportRoute: RouteModule = (app, deps) => {
  app.post('/v1/reports/:id/export', {
    config: { access: { users: ['admin', 'marketer', 'analyst'], apiKeys: true } },
    schema: {
      tags: ['analytics'],
      summary: 'A report’s rows as a CSV, XLSX or Parquet file',
      params: z.object({ id: z.string().regex(/^[a-z]+\.[a-z0-9-]+$/) }),
      body: z.object({ params: z.record(z.string().regex(/^[a-z_]{1,40}$/), z.string().max(200)).default({}), format: z.enum(exportFormats) }).strict(),
    },
    handler: async (request, reply) => {
      assertChainWide(request.principal);
      const store = requireAnalytics(deps.analytics);
      const { report, rows } = await runReport(store, request.params.id, request.body.params);
      const file = await exportRows(store, request.body.format, report.columns.map((c) => c.name), rows, report.title.en);
      return reply
        .type(exportMediaTypes[request.body.format])
        .header('content-disposition', `attachment; filename="${report.id}.${extension[request.body.format]}"`)
        .send(file);
    },
  });

  app.post('/v1/cube/export', {
    config: { access: { users: ['admin', 'marketer', 'analyst'], apiKeys: true } },
    schema: {
      tags: ['analytics'],
      summary: 'A pivot’s rows as a CSV, XLSX or Parquet file',
      body: cubeBody.extend({ format: z.enum(exportFormats) }).strict(),
    },
    handler: async (request, reply) => {
      assertChainWide(request.principal);
      const store = requireAnalytics(deps.analytics);
      const { format, ...query } = request.body;
      const result = await runCube(store, query);
      const file = await exportRows(store, format, [...result.dimensions, ...result.measures], result.rows, 'Pivot');
      return reply.type(exportMediaTypes[format]).header('content-disposition', `attachment; filename="pivot.${extension[format]}"`).send(file);
    },
  });
};
