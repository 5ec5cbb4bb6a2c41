import { z } from 'zod';
import { reportCatalog } from '../../analytics/index.ts';
import { assertChainWide } from '../auth/access.ts';
import type { RouteModule } from '../route-context.ts';

const text = z.object({ ru: z.string(), en: z.string() });

export const reportsListRoute: RouteModule = (app) => {
  app.get('/v1/reports', {
    config: { access: { users: ['admin', 'marketer', 'analyst'], apiKeys: true } },
    schema: {
      tags: ['analytics'],
      summary: 'The report catalog: each report with its definition, parameters, columns and chart',
      response: {
        200: z.object({
          reports: z.array(
            z.object({
              id: z.string(),
              group: z.string(),
              title: text,
              description: text,
              params: z.array(z.object({ name: z.string(), title: text, type: z.string(), default: z.union([z.string(), z.number(), z.null()]), values: z.array(z.string()).optional(), min: z.number().optional(), max: z.number().optional() })),
              columns: z.array(z.object({ name: z.string(), title: text, unit: z.string() })),
              chart: z.object({ type: z.string(), x: z.string(), y: z.string() }),
            }),
          ),
        }),
      },
    },
    handler: async (request) => {
      assertChainWide(request.principal);
      return {
        reports: reportCatalog.map((r) => ({
          id: r.id,
          group: r.group,
          title: r.title,
          description: r.description,
          params: r.params.map((p) => ({
            name: p.name,
            title: p.title,
            type: p.type,
            default: p.default,
            ...(p.type === 'enum' ? { values: [...p.values] } : {}),
            ...(p.type === 'number' ? { min: p.min, max: p.max } : {}),
          })),
          columns: r.columns.map((c) => ({ ...c })),
          chart: r.chart,
        })),
      };
    },
  });
};
