import { z } from 'zod';
import { revokeApiKey } from '../auth/api-keys.ts';
import type { RouteModule } from '../route-context.ts';
import { apiKeySchema, idParams } from '../schemas.ts';

export const apiKeysRevokeRoute: RouteModule = (app, deps) => {
  app.post('/v1/api-keys/:id/revoke', {
    config: { access: { users: ['admin'] } },
    schema: {
      tags: ['access'],
      summary: 'Revoke an API key (takes effect on the next request)',
      params: idParams,
      response: { 200: z.object({ api_key: apiKeySchema }) },
    },
    handler: async (request) => ({ api_key: await revokeApiKey(deps.pool, request.params.id) }),
  });
};
