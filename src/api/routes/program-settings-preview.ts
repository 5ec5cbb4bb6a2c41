import { z } from 'zod';
import { withTransaction } from '../../db/index.ts';
import { evaluateReceiptInput, programSettingsSchema, receiptFigures } from '../../processing/index.ts';
import { processingContext } from '../processing-context.ts';
import { calculateBodySchema, receiptFiguresSchema } from '../protocol-schemas.ts';
import type { RouteModule } from '../route-context.ts';

/** A sample receipt under draft settings beside the settings in force: what a change would do, before it is saved. */
export const programSettingsPreviewRoute: RouteModule = (app, deps) => {
  app.post('/v1/program/settings/preview', {
    config: { access: { users: ['admin', 'marketer'] } },
    schema: {
      tags: ['program'],
      summary: 'Calculate a sample receipt under draft settings and under the current ones; nothing is saved',
      body: z.object({ settings: programSettingsSchema, receipt: calculateBodySchema }).strict(),
      response: { 200: z.object({ draft: receiptFiguresSchema, current: receiptFiguresSchema }) },
    },
    handler: async (request) =>
      withTransaction(deps.pool, async (client) => {
        const ctx = processingContext(request);
        const draft = await evaluateReceiptInput(client, request.body.receipt, ctx, { lockMember: false, draftSettings: request.body.settings });
        const current = await evaluateReceiptInput(client, request.body.receipt, ctx, { lockMember: false, store: draft.store });
        return { draft: receiptFigures(draft), current: receiptFigures(current) };
      }),
  });
};
