import { z } from 'zod';
import { voidMemberHold } from '../../processing/index.ts';
import { idempotentWrite } from '../idempotency.ts';
import { holdResponseSchema, idempotencyHeaders } from '../protocol-schemas.ts';
import type { RouteModule } from '../route-context.ts';

export const holdsVoidRoute: RouteModule = (app, deps) => {
  app.post('/v1/holds/:id/void', {
    config: { access: { apiKeys: true, users: ['admin', 'support'] } },
    schema: {
      tags: ['processing'],
      summary: 'Void a hold: its points become spendable again',
      params: z.object({ id: z.string().min(1).max(64) }),
      headers: idempotencyHeaders,
      response: { 200: holdResponseSchema },
    },
    handler: async (request, reply) =>
      idempotentWrite(deps.pool, request, reply, async (client) => ({ status: 200, body: await voidMemberHold(client, request.params.id, new Date()) })),
  });
};
