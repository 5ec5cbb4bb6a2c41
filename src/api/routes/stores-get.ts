import { z } from 'zod';
import { getStore } from '../../catalog/index.ts';
import { allRoles, assertStoreAccess } from '../auth/access.ts';
import type { RouteModule } from '../route-context.ts';
import { storeSchema } from '../schemas.ts';

export const storesGetRoute: RouteModule = (app, deps) => {
  app.get('/v1/stores/:ref', {
    config: { access: { users: allRoles, apiKeys: true } },
    schema: {
      tags: ['catalog'],
      summary: 'One store by id or by its code',
      params: z.object({ ref: z.string().min(1).max(100) }),
      response: { 200: z.object({ store: storeSchema }) },
    },
    handler: async (request) => {
      const store = await getStore(deps.pool, request.params.ref);
      assertStoreAccess(request.principal, store.id);
      return { store };
    },
  });
};
