import { z } from 'zod';
import { returnReceiptLines } from '../../processing/index.ts';
import { idempotentWrite } from '../idempotency.ts';
import { processingContext } from '../processing-context.ts';
import { idempotencyHeaders, returnBodySchema, returnResponseSchema } from '../protocol-schemas.ts';
import type { RouteModule } from '../route-context.ts';

export const receiptsReturnRoute: RouteModule = (app, deps) => {
  app.post('/v1/receipts/:id/returns', {
    config: { access: { apiKeys: true, users: ['admin', 'support'] } },
    schema: {
      tags: ['processing'],
      summary: 'Return some lines of a receipt (partial return)',
      description:
        'Gives back the points that paid for the returned goods and claws back the points earned on them, in exact proportion; ' +
        'what happens when earned points were already spent follows the program setting `return_policy` ' +
        '(pending_only, up_to_balance, allow_negative). Several returns can never return more than was bought.',
      params: z.object({ id: z.string().min(1).max(64) }),
      headers: idempotencyHeaders,
      body: returnBodySchema,
      response: { 201: returnResponseSchema },
    },
    handler: async (request, reply) =>
      idempotentWrite(deps.pool, request, reply, async (client) => ({
        status: 201,
        body: await returnReceiptLines(client, request.params.id, request.body, processingContext(request)),
      })),
  });
};
