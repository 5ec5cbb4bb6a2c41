import { z } from 'zod';
import { listStores } from '../../catalog/index.ts';
import { allRoles, storeScopeOf } from '../auth/access.ts';
import type { RouteModule } from '../route-context.ts';
import { storeSchema } from '../schemas.ts';

export const storesListRoute: RouteModule = (app, deps) => {
  app.get('/v1/stores', {
    config: { access: { users: allRoles, apiKeys: true } },
    schema: {
      tags: ['catalog'],
      summary: "The chain's stores (a store-scoped API key sees only its own)",
      response: { 200: z.object({ stores: z.array(storeSchema) }) },
    },
    handler: async (request) => {
      return { stores: await listStores(deps.pool, storeScopeOf(request.principal)) };
    },
  });
};
