import { holdMemberPoints } from '../../processing/index.ts';
import { idempotentWrite } from '../idempotency.ts';
import { processingContext } from '../processing-context.ts';
import { holdBodySchema, holdResponseSchema, idempotencyHeaders } from '../protocol-schemas.ts';
import type { RouteModule } from '../route-context.ts';

export const holdsCreateRoute: RouteModule = (app, deps) => {
  app.post('/v1/holds', {
    config: { access: { apiKeys: true, users: ['admin', 'support'] } },
    schema: {
      tags: ['processing'],
      summary: 'Reserve points for an e-shop order',
      description:
        'Sets points aside (they stop being spendable) until the order is paid — capture, or confirm a receipt with `hold_id` — ' +
        'or abandoned — void. A hold not resolved within the program setting `hold_ttl_minutes` times out and frees its points.',
      headers: idempotencyHeaders,
      body: holdBodySchema,
      response: { 201: holdResponseSchema },
    },
    handler: async (request, reply) =>
      idempotentWrite(deps.pool, request, reply, async (client) => ({
        status: 201,
        body: await holdMemberPoints(client, request.body, processingContext(request).now),
      })),
  });
};
