import { z } from 'zod';
import { mergeMembers } from '../../processing/index.ts';
import { idempotentWrite } from '../idempotency.ts';
import { customerSchema, idempotencyHeaders } from '../protocol-schemas.ts';
import type { RouteModule } from '../route-context.ts';
import { customerRefParams } from './customers-get.ts';

export const customersMergeRoute: RouteModule = (app, deps) => {
  app.post('/v1/customers/:ref/merge', {
    config: { access: { users: ['admin', 'support'] } },
    schema: {
      tags: ['customers'],
      summary: 'Merge another member into this one',
      description: "The other member's cards, points (with their dates), holds and missing contact details move here; its history is kept.",
      params: customerRefParams,
      headers: idempotencyHeaders,
      body: z.object({ from: z.string().min(1).max(64) }).strict(),
      response: { 200: z.object({ customer: customerSchema }) },
    },
    handler: async (request, reply) =>
      idempotentWrite(deps.pool, request, reply, async (client) => ({
        status: 200,
        body: { customer: await mergeMembers(client, request.body.from, request.params.ref, new Date()) },
      })),
  });
};
