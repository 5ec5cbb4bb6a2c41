import { z } from 'zod';
import { withTransaction } from '../../db/index.ts';
import { currentSettings, evaluateReceiptInput, programSettingsSchema, receiptFigures } from '../../processing/index.ts';
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
      description: 'The receipt is computed for a sample member of `tier` (the draft’s base tier by default) with `spendable_points` to redeem, unless it names a real customer.',
      body: z.object({ settings: programSettingsSchema, receipt: calculateBodySchema, tier: z.string().max(32).optional(), spendable_points: z.number().int().min(0).max(1e9).default(100_000) }).strict(),
      response: { 200: z.object({ draft: receiptFiguresSchema, current: receiptFiguresSchema }) },
    },
    handler: async (request) =>
      withTransaction(deps.pool, async (client) => {
        const ctx = processingContext(request);
        const { settings, receipt, spendable_points } = request.body;
        const tier = request.body.tier ?? settings.tiers.find((t) => t.threshold_kopecks === 0)!.code;
        const draft = await evaluateReceiptInput(client, receipt, ctx, { lockMember: false, draftSettings: settings, sampleMember: { tierCode: tier, spendablePoints: spendable_points } });
        // The same member under the settings in force: their tier if it still exists, else the base tier there.
        const inForce = (await currentSettings(client)).settings;
        const currentTier = inForce.tiers.some((t) => t.code === tier) ? tier : inForce.tiers.find((t) => t.threshold_kopecks === 0)!.code;
        const current = await evaluateReceiptInput(client, receipt, ctx, { lockMember: false, store: draft.store, sampleMember: { tierCode: currentTier, spendablePoints: spendable_points } });
        return { draft: receiptFigures(draft), current: receiptFigures(current) };
      }),
  });
};
