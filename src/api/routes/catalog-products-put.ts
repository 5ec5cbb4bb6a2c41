import { z } from 'zod';
import { upsertProducts } from '../../catalog/index.ts';
import { assertChainWide } from '../auth/access.ts';
import { withTransaction } from '../../db/index.ts';
import type { RouteModule } from '../route-context.ts';

const kopecks = z.number().int().min(0).max(10_000_000_000);

export const catalogProductsPutRoute: RouteModule = (app, deps) => {
  app.put('/v1/catalog/products', {
    config: { access: { users: ['admin'], apiKeys: true } },
    schema: {
      tags: ['catalog'],
      summary: 'Create or update products by SKU',
      body: z
        .object({
          products: z
            .array(
              z
                .object({
                  sku: z.string().regex(/^[^\x00-\x1f]{1,64}$/),
                  name: z.string().trim().min(1).max(300),
                  category_code: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/).nullable().optional(),
                  brand: z.string().trim().max(200).nullable().optional(),
                  price_kopecks: kopecks.nullable().optional(),
                  cost_kopecks: kopecks.nullable().optional(),
                  non_promotable: z.boolean().optional(),
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
      return { upserted: await withTransaction(deps.pool, (client) => upsertProducts(client, request.body.products)) };
    },
  });
};
