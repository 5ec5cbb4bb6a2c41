import { z } from 'zod';
import { listImports } from '../../analytics/index.ts';
import { assertChainWide } from '../auth/access.ts';
import type { RouteModule } from '../route-context.ts';
import { requireAnalytics } from '../require-analytics.ts';

const count = z.number().nullable();
export const importRecordSchema = z.object({
  source: z.string().describe('import:<first 12 hex digits of the file’s SHA-256>'),
  file: z.string().nullable().describe('the file’s name as uploaded; null for imports made before the read side recorded them'),
  preset: z.string().nullable(), encoding: z.string().nullable(), imported_at: z.string().nullable(),
  rows: count, imported: count, rejected: count, receipts: count, lines: count, customers: count,
  first_day: z.string().nullable().describe('first day of the file’s receipts'), last_day: z.string().nullable(),
});

export const importSourcesListRoute: RouteModule = (app, deps) => {
  app.get('/v1/import-sources', {
    config: { access: { users: ['admin', 'marketer', 'analyst'], apiKeys: true } },
    schema: { tags: ['analytics'], summary: 'The files the read side holds, the latest first: layout, period and counts', response: { 200: z.object({ imports: z.array(importRecordSchema) }) } },
    handler: async (request) => {
      assertChainWide(request.principal);
      return { imports: await listImports(requireAnalytics(deps.analytics)) };
    },
  });
};
