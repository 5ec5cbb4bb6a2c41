import { z } from 'zod';
import { blockMemberCard } from '../../processing/index.ts';
import { idempotentWrite } from '../idempotency.ts';
import { customerSchema, idempotencyHeaders } from '../protocol-schemas.ts';
import type { RouteModule } from '../route-context.ts';

export const cardsBlockRoute: RouteModule = (app, deps) => {
  app.post('/v1/cards/:number/block', {
    config: { access: { apiKeys: true, users: ['admin', 'support'] } },
    schema: {
      tags: ['customers'],
      summary: 'Block a lost or stolen card (the points stay with the member)',
      params: z.object({ number: z.string().regex(/^[0-9A-Za-z]{4,32}$/) }),
      headers: idempotencyHeaders,
      body: z.object({ reason: z.string().trim().min(1).max(200) }).strict(),
      response: { 200: z.object({ customer: customerSchema }) },
    },
    handler: async (request, reply) =>
      idempotentWrite(deps.pool, request, reply, async (client) => ({
        status: 200,
        body: { customer: await blockMemberCard(client, request.params.number, request.body.reason, new Date()) },
      })),
  });
};
