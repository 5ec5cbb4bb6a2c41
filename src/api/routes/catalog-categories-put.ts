import { z } from 'zod';
import { upsertCategories } from '../../catalog/index.ts';
import { assertChainWide } from '../auth/access.ts';
import { withTransaction } from '../../db/index.ts';
import type { RouteModule } from '../route-context.ts';

export const catalogCategoriesPutRoute: RouteModule = (app, deps) => {
  app.put('/v1/catalog/categories', {
    config: { access: { users: ['admin'], apiKeys: true } },
    schema: {
      tags: ['catalog'],
      summary: 'Create or update product categories (a tree; parents may come in the same batch)',
      body: z
        .object({
          categories: z
            .array(
              z
                .object({
                  code: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/),
                  parent_code: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/).nullable().optional(),
                  name: z.string().trim().min(1).max(200),
                  non_promotable: z.boolean().optional().describe('Tobacco, alcohol: neither earn nor may be paid with points'),
                })
                .strict(),
            )
            .min(1)
            .max(10_000),
        })
        .strict(),
      response: { 200: z.object({ upserted: z.number() }) },
    },
    handler: async (request) => {
      assertChainWide(request.principal);
      return { upserted: await withTransaction(deps.pool, (client) => upsertCategories(client, request.body.categories)) };
    },
  });
};
