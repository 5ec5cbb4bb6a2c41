import { z } from 'zod';
import { findCustomer } from '../../customers/index.ts';
import { allRoles } from '../auth/access.ts';
import { customerSchema } from '../protocol-schemas.ts';
import type { RouteModule } from '../route-context.ts';

export const customerRefParams = z.object({ ref: z.string().min(1).max(64).describe('Card number, phone (+7…), member id (cus_…) or ext:<external id>') });

export const customersGetRoute: RouteModule = (app, deps) => {
  app.get('/v1/customers/:ref', {
    config: { access: { apiKeys: true, users: allRoles } },
    schema: {
      tags: ['customers'],
      summary: 'A member by card, phone, id or external id',
      params: customerRefParams,
      response: { 200: z.object({ customer: customerSchema, identified_by: z.string() }) },
    },
    handler: async (request) => {
      const { customer, by } = await findCustomer(deps.pool, request.params.ref);
      return { customer, identified_by: by };
    },
  });
};
