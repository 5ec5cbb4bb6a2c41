import { z } from 'zod';
import { adjustMemberPoints } from '../../processing/index.ts';
import { idempotentWrite } from '../idempotency.ts';
import { actorOf } from '../processing-context.ts';
import { idempotencyHeaders, memberBalanceSchema } from '../protocol-schemas.ts';
import type { RouteModule } from '../route-context.ts';
import { customerRefParams } from './customers-get.ts';

export const customersAdjustRoute: RouteModule = (app, deps) => {
  app.post('/v1/customers/:ref/adjustments', {
    config: { access: { users: ['admin', 'support'] } },
    schema: {
      tags: ['customers'],
      summary: "Correct a member's points by hand, with the reason on record",
      params: customerRefParams,
      headers: idempotencyHeaders,
      body: z
        .object({
          amount: z.number().int().min(-1_000_000).max(1_000_000).refine((n) => n !== 0, 'must not be 0'),
          comment: z.string().trim().min(3).max(500),
        })
        .strict(),
      response: { 200: memberBalanceSchema.omit({ customer_id: true, expires_by_inactivity_at: true }) },
    },
    handler: async (request, reply) =>
      idempotentWrite(deps.pool, request, reply, async (client) => ({
        status: 200,
        body: await adjustMemberPoints(client, request.params.ref, { ...request.body, by: actorOf(request) }, new Date()),
      })),
  });
};
