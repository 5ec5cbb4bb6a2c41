import { z } from 'zod';
import { addMemberCard } from '../../processing/index.ts';
import { idempotentWrite } from '../idempotency.ts';
import { customerSchema, idempotencyHeaders } from '../protocol-schemas.ts';
import type { RouteModule } from '../route-context.ts';
import { customerRefParams } from './customers-get.ts';

export const customersAddCardRoute: RouteModule = (app, deps) => {
  app.post('/v1/customers/:ref/cards', {
    config: { access: { apiKeys: true, users: ['admin', 'support'] } },
    schema: {
      tags: ['customers'],
      summary: 'Issue another card to a member (a member may have several)',
      params: customerRefParams,
      headers: idempotencyHeaders,
      body: z.object({ number: z.string().regex(/^[0-9A-Za-z]{4,32}$/) }).strict(),
      response: { 201: z.object({ customer: customerSchema }) },
    },
    handler: async (request, reply) =>
      idempotentWrite(deps.pool, request, reply, async (client) => ({
        status: 201,
        body: { customer: await addMemberCard(client, request.params.ref, request.body.number, new Date()) },
      })),
  });
};
