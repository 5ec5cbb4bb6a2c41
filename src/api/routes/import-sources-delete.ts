import { join } from 'node:path';
import { z } from 'zod';
import { importJobsFor } from '../../analytics/index.ts';
import { assertChainWide } from '../auth/access.ts';
import type { RouteModule } from '../route-context.ts';
import { requireAnalytics } from '../require-analytics.ts';

export const importSourcesDeleteRoute: RouteModule = (app, deps) => {
  app.delete('/v1/import-sources/:source', {
    config: { access: { users: ['admin', 'analyst'], apiKeys: true } },
    schema: {
      tags: ['analytics'],
      summary: 'Take an imported file off the read side: every row it put there, in one transaction (after any import running)',
      params: z.object({ source: z.string().max(40).describe('import:<hash>, as the file’s import or the list named it') }),
      response: { 200: z.object({ removed: z.string() }) },
    },
    handler: async (request) => {
      assertChainWide(request.principal);
      await importJobsFor(requireAnalytics(deps.analytics), join(deps.config.home, 'imports')).remove(request.params.source);
      return { removed: request.params.source };
    },
  });
};
