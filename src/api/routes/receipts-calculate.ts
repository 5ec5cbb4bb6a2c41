import { withTransaction } from '../../db/index.ts';
import { evaluateReceiptInput, receiptFigures } from '../../processing/index.ts';
import { processingContext } from '../processing-context.ts';
import { balanceSummarySchema, calculateBodySchema, receiptFiguresSchema } from '../protocol-schemas.ts';
import type { RouteModule } from '../route-context.ts';

export const receiptsCalculateRoute: RouteModule = (app, deps) => {
  app.post('/v1/receipts/calculate', {
    config: { access: { apiKeys: true, users: ['admin', 'marketer', 'support'] } },
    schema: {
      tags: ['processing'],
      summary: 'Calculate a receipt: points to earn and redeem, without side effects',
      description:
        'Gives per-line points to earn, the maximum redeemable points, the balance and an explanation of the settings applied. ' +
        'Nothing is written: call it as often as the basket changes. A later confirm of the same receipt gives the same figures.',
      body: calculateBodySchema,
      response: { 200: receiptFiguresSchema.extend({ balance: balanceSummarySchema.nullable() }) },
    },
    handler: async (request) =>
      withTransaction(deps.pool, async (client) => {
        const ctx = processingContext(request);
        const evaluated = await evaluateReceiptInput(client, request.body, ctx, { lockMember: false });
        return { ...receiptFigures(evaluated), balance: evaluated.balanceBefore };
      }),
  });
};
