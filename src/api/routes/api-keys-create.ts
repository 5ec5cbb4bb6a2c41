import { z } from 'zod';
import { getStore } from '../../catalog/index.ts';
import { requireUser } from '../auth/access.ts';
import { createApiKey } from '../auth/api-keys.ts';
import type { RouteModule } from '../route-context.ts';
import { apiKeySchema } from '../schemas.ts';

export const apiKeysCreateRoute: RouteModule = (app, deps) => {
  app.post('/v1/api-keys', {
    config: { access: { users: ['admin'] } },
    schema: {
      tags: ['access'],
      summary: 'Create an API key for a POS or e-shop',
      description: 'The token is returned once, in this response only. Omit `store` for a chain-wide key.',
      body: z.object({
        name: z.string().trim().min(1).max(200).meta({ example: 'Tills of store MSK-001' }),
        store: z.string().min(1).max(100).nullable().optional().describe('Store id or code the key is limited to'),
      }),
      response: { 201: z.object({ api_key: apiKeySchema, token: z.string().describe('Send as Authorization: Bearer <token>') }) },
    },
    handler: async (request, reply) => {
      const storeId = request.body.store ? (await getStore(deps.pool, request.body.store)).id : null;
      const { key, token } = await createApiKey(deps.pool, { name: request.body.name, storeId, createdBy: requireUser(request).id });
      return reply.code(201).send({ api_key: key, token });
    },
  });
};
