import { z } from 'zod';
import { captureMemberHold } from '../../processing/index.ts';
import { idempotentWrite } from '../idempotency.ts';
import { captureBodySchema, holdResponseSchema, idempotencyHeaders } from '../protocol-schemas.ts';
import type { RouteModule } from '../route-context.ts';

export const holdsCaptureRoute: RouteModule = (app, deps) => {
  app.post('/v1/holds/:id/capture', {
    config: { access: { apiKeys: true, users: ['admin', 'support'] } },
    schema: {
      tags: ['processing'],
      summary: 'Capture a hold: redeem its points (all, or `amount` of them, releasing the rest)',
      params: z.object({ id: z.string().min(1).max(64) }),
      headers: idempotencyHeaders,
      body: captureBodySchema.optional(),
      response: { 200: holdResponseSchema },
    },
    handler: async (request, reply) =>
      idempotentWrite(deps.pool, request, reply, async (client) => ({
        status: 200,
        body: await captureMemberHold(client, request.params.id, request.body?.amount, new Date()),
      })),
  });
};
