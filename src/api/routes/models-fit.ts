import { z } from 'zod';
import { customerModelNames, fitModelSummary, sourcePattern, type ModelDataOptions } from '../../analytics/index.ts';
import { assertChainWide } from '../auth/access.ts';
import { requireAnalytics } from '../require-analytics.ts';
import type { RouteModule } from '../route-context.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** The data preparation, as every model endpoint takes it (the CLI's flags). */
export const modelDataBody = z.object({
  calibration_end: isoDate.optional().describe('Last day of calibration (default: the last day with purchases)'),
  holdout_end: isoDate.optional().describe('Last day of the holdout period (default: the last day with purchases)'),
  time_unit: z.enum(['day', 'week']).default('week'),
  merge_same_day: z.boolean().default(true),
  spend_includes_first: z.boolean().default(false),
  source: z.string().regex(sourcePattern).optional(),
});

export function modelDataOptions(body: z.infer<typeof modelDataBody>): ModelDataOptions {
  return {
    timeUnit: body.time_unit,
    mergeSameDay: body.merge_same_day,
    spendIncludesFirst: body.spend_includes_first,
    ...(body.calibration_end ? { calibrationEnd: body.calibration_end } : {}),
    ...(body.holdout_end ? { holdoutEnd: body.holdout_end } : {}),
    ...(body.source ? { source: body.source } : {}),
  };
}

export const modelsFitRoute: RouteModule = (app, deps) => {
  app.post('/v1/models/fit', {
    config: { access: { users: ['admin', 'marketer', 'analyst'], apiKeys: true } },
    schema: {
      tags: ['models'],
      summary: 'Fit BG/NBD, Pareto/NBD or Gamma-Gamma by maximum likelihood: parameters with standard errors, log-likelihood, holdout check',
      body: modelDataBody.extend({ model: z.enum(customerModelNames) }).strict(),
      response: { 200: z.record(z.string(), z.unknown()) },
    },
    handler: async (request) => {
      assertChainWide(request.principal);
      return { ...(await fitModelSummary(requireAnalytics(deps.analytics), request.body.model, modelDataOptions(request.body))) };
    },
  });
};
