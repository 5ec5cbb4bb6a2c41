import { z } from 'zod';
import { searchCustomers } from '../../customers/index.ts';
import { customerSchema } from '../protocol-schemas.ts';
import type { RouteModule } from '../route-context.ts';

export const customersSearchRoute: RouteModule = (app, deps) => {
  app.get('/v1/customers', {
    config: { access: { users: ['admin', 'marketer', 'analyst', 'support'] } },
    schema: {
      tags: ['customers'],
      summary: 'Find members by card, phone (any notation), id, external id, or the start of a name or e-mail',
      querystring: z.object({ q: z.string().trim().min(2).max(100), limit: z.coerce.number().int().min(1).max(100).default(20) }),
      response: { 200: z.object({ customers: z.array(customerSchema) }) },
    },
    handler: async (request) => ({ customers: await searchCustomers(deps.pool, request.query.q, request.query.limit) }),
  });
};
