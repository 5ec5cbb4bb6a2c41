import { z } from 'zod';
import { listProductsWithPaths } from '../../catalog/index.ts';
import { allRoles } from '../auth/access.ts';
import type { RouteModule } from '../route-context.ts';

export const catalogProductsListRoute: RouteModule = (app, deps) => {
  app.get('/v1/catalog/products', {
    config: { access: { users: allRoles, apiKeys: true } },
    schema: {
      tags: ['catalog'],
      summary: 'The catalog: every product with its category path, price and whether it may earn or be paid with points',
      response: {
        200: z.object({
          products: z.array(z.object({ sku: z.string(), name: z.string(), category_code: z.string().nullable(), category_path: z.array(z.string()), brand: z.string().nullable(), price_kopecks: z.number().nullable(), non_promotable: z.boolean() })),
        }),
      },
    },
    // Costs stay out: a till or an e-shop has no business with the chain's margins.
    handler: async () => ({ products: (await listProductsWithPaths(deps.pool)).map(({ cost_kopecks: _cost, ...p }) => p) }),
  });
};
