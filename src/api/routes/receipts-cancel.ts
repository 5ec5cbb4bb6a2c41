import { z } from 'zod';
import { cancelReceipt } from '../../processing/index.ts';
import { idempotentWrite } from '../idempotency.ts';
import { processingContext } from '../processing-context.ts';
import { idempotencyHeaders, returnResponseSchema } from '../protocol-schemas.ts';
import type { RouteModule } from '../route-context.ts';

export const receiptsCancelRoute: RouteModule = (app, deps) => {
  app.post('/v1/receipts/:id/cancel', {
    config: { access: { apiKeys: true, users: ['admin', 'support'] } },
    schema: {
      tags: ['processing'],
      summary: 'Cancel (void) a whole receipt',
      description: 'Reverses everything the receipt posted that was not already returned, and closes the receipt.',
      params: z.object({ id: z.string().min(1).max(64) }),
      headers: idempotencyHeaders,
      response: { 200: returnResponseSchema },
    },
    handler: async (request, reply) =>
      idempotentWrite(deps.pool, request, reply, async (client) => ({
        status: 200,
        body: await cancelReceipt(client, request.params.id, processingContext(request)),
      })),
  });
};
