import { z } from 'zod';
import { listApiKeys } from '../auth/api-keys.ts';
import type { RouteModule } from '../route-context.ts';
import { apiKeySchema } from '../schemas.ts';

export const apiKeysListRoute: RouteModule = (app, deps) => {
  app.get('/v1/api-keys', {
    config: { access: { users: ['admin'] } },
    schema: { tags: ['access'], summary: 'API keys (secrets are never shown again)', response: { 200: z.object({ api_keys: z.array(apiKeySchema) }) } },
    handler: async () => ({ api_keys: await listApiKeys(deps.pool) }),
  });
};
