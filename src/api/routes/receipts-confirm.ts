import { confirmReceipt } from '../../processing/index.ts';
import { idempotentWrite } from '../idempotency.ts';
import { processingContext } from '../processing-context.ts';
import { confirmBodySchema, confirmResponseSchema, idempotencyHeaders } from '../protocol-schemas.ts';
import type { RouteModule } from '../route-context.ts';

export const receiptsConfirmRoute: RouteModule = (app, deps) => {
  app.post('/v1/receipts', {
    config: { access: { apiKeys: true, users: ['admin', 'support'] } },
    schema: {
      tags: ['processing'],
      summary: 'Confirm a receipt: record it, redeem and earn points atomically',
      description:
        'Records the receipt and its lines, redeems the requested points (a number or "max", or those of a hold), earns points ' +
        'as pending lots, and writes the outbox event, all in one transaction. A receipt is unique by store + terminal + number: ' +
        'sending the same one again returns the first answer with `Idempotent-Replayed: true`; other contents under the same number ' +
        'are refused with 409 `idempotency_key_reused`.',
      headers: idempotencyHeaders,
      body: confirmBodySchema,
      response: { 201: confirmResponseSchema, 200: confirmResponseSchema },
    },
    handler: async (request, reply) =>
      idempotentWrite(deps.pool, request, reply, async (client) => {
        const { response, replayed } = await confirmReceipt(client, request.body, processingContext(request));
        return { status: replayed ? 200 : 201, body: response, replayed };
      }),
  });
};
