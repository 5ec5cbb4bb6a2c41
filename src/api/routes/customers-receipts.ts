import { z } from 'zod';
import { findCustomer } from '../../customers/index.ts';
import { customerReceipts } from '../../processing/index.ts';
import type { RouteModule } from '../route-context.ts';
import { customerRefParams } from './customers-get.ts';

const receiptSchema = z.object({
  id: z.string(), purchased_at: z.string(), store_code: z.string(), status: z.string(), total_kopecks: z.number(), points_earned: z.number(), points_redeemed: z.number(),
  lines: z.array(z.object({ line_no: z.number(), sku: z.string(), name: z.string(), qty: z.number(), amount_kopecks: z.number(), returned_qty: z.number() })),
});

export const customersReceiptsRoute: RouteModule = (app, deps) => {
  app.get('/v1/customers/:ref/receipts', {
    config: { access: { users: ['admin', 'marketer', 'analyst', 'support'] } },
    schema: {
      tags: ['customers'],
      summary: "A member's latest receipts with their lines (members merged into it included), newest first",
      params: customerRefParams,
      querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(30) }),
      response: { 200: z.object({ customer_id: z.string(), receipts: z.array(receiptSchema) }) },
    },
    handler: async (request) => {
      const { customer } = await findCustomer(deps.pool, request.params.ref);
      const merged = (await deps.pool.query<{ id: string }>('SELECT id FROM customers WHERE merged_into = $1', [customer.id])).rows.map((r) => r.id);
      return { customer_id: customer.id, receipts: await customerReceipts(deps.pool, [customer.id, ...merged], request.query.limit) };
    },
  });
};
