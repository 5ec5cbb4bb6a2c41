import { z } from 'zod';
import { replaceMemberCard } from '../../processing/index.ts';
import { idempotentWrite } from '../idempotency.ts';
import { customerSchema, idempotencyHeaders } from '../protocol-schemas.ts';
import type { RouteModule } from '../route-context.ts';

export const cardsReplaceRoute: RouteModule = (app, deps) => {
  app.post('/v1/cards/:number/replace', {
    config: { access: { apiKeys: true, users: ['admin', 'support'] } },
    schema: {
      tags: ['customers'],
      summary: 'Replace a card with a new one for the same member',
      params: z.object({ number: z.string().regex(/^[0-9A-Za-z]{4,32}$/) }),
      headers: idempotencyHeaders,
      body: z.object({ new_number: z.string().regex(/^[0-9A-Za-z]{4,32}$/) }).strict(),
      response: { 200: z.object({ customer: customerSchema }) },
    },
    handler: async (request, reply) =>
      idempotentWrite(deps.pool, request, reply, async (client) => ({
        status: 200,
        body: { customer: await replaceMemberCard(client, request.params.number, request.body.new_number, new Date()) },
      })),
  });
};
