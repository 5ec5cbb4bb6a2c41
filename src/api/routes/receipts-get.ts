import { z } from 'zod';
import { receiptDetails } from '../../processing/index.ts';
import { allRoles } from '../auth/access.ts';
import { processingContext } from '../processing-context.ts';
import { confirmResponseSchema } from '../protocol-schemas.ts';
import type { RouteModule } from '../route-context.ts';

const receiptSchema = confirmResponseSchema.shape.receipt.extend({
  status: z.enum(['confirmed', 'cancelled']),
  cancelled_at: z.string().nullable(),
  lines: z.array(confirmResponseSchema.shape.receipt.shape.lines.element.extend({ returned_qty: z.number() })),
});

export const receiptsGetRoute: RouteModule = (app, deps) => {
  app.get('/v1/receipts/:id', {
    config: { access: { apiKeys: true, users: allRoles } },
    schema: {
      tags: ['processing'],
      summary: 'A confirmed receipt with its lines, what was returned of each, and its returns',
      params: z.object({ id: z.string().min(1).max(64) }),
      response: {
        200: z.object({
          receipt: receiptSchema,
          returns: z.array(z.object({ id: z.string(), kind: z.string(), amount_kopecks: z.number(), points_clawed_back: z.number(), points_refunded: z.number(), created_at: z.string() })),
        }),
      },
    },
    handler: async (request) => receiptDetails(deps.pool, request.params.id, processingContext(request).storeScope),
  });
};
