import { getStore } from '../../catalog/index.ts';
import { registerMember } from '../../processing/index.ts';
import { assertStoreAccess, storeScopeOf } from '../auth/access.ts';
import { idempotentWrite } from '../idempotency.ts';
import { customerBodySchema, customerSchema, idempotencyHeaders } from '../protocol-schemas.ts';
import type { RouteModule } from '../route-context.ts';
import { z } from 'zod';

export const customersCreateRoute: RouteModule = (app, deps) => {
  app.post('/v1/customers', {
    config: { access: { apiKeys: true, users: ['admin', 'support'] } },
    schema: {
      tags: ['customers'],
      summary: 'Register a member (at a till, in the app or the e-shop)',
      description: 'A member needs at least one identity: phone (any Russian notation, stored as E.164), card number or external id.',
      headers: idempotencyHeaders,
      body: customerBodySchema,
      response: { 201: z.object({ customer: customerSchema }) },
    },
    handler: async (request, reply) =>
      idempotentWrite(deps.pool, request, reply, async (client) => {
        const { registered_store, ...input } = request.body;
        const storeRef = registered_store ?? storeScopeOf(request.principal);
        const store = storeRef ? await getStore(client, storeRef) : null;
        if (store) assertStoreAccess(request.principal, store.id);
        const customer = await registerMember(client, { ...input, registered_store_id: store?.id ?? null }, new Date());
        return { status: 201, body: { customer } };
      }),
  });
};
