import { z } from 'zod';
import { defaultScoreOptions, scoreCustomers, writeRecommendations } from '../../analytics/index.ts';
import { frequencyModelNames } from '../../models/index.ts';
import { assertChainWide } from '../auth/access.ts';
import type { RouteModule } from '../route-context.ts';
import { modelDataBody, modelDataOptions } from './models-fit.ts';
import { requireAnalytics } from '../require-analytics.ts';

export const modelsScoreRoute: RouteModule = (app, deps) => {
  app.post('/v1/models/score', {
    config: { access: { users: ['admin', 'marketer', 'analyst'], apiKeys: true } },
    schema: {
      tags: ['models'],
      summary: 'Fit on everything to the as-of day and write every customer’s P(alive), expected purchases and spend, CLV, next purchase date and churn score',
      body: modelDataBody
        .extend({
          model: z.enum(frequencyModelNames).default('bgnbd'),
          horizon_days: z.number().positive().max(3650).default(defaultScoreOptions.horizonDays),
          clv_months: z.number().int().positive().max(120).default(defaultScoreOptions.clvMonths),
          discount_rate: z.number().min(0).max(1).default(defaultScoreOptions.annualDiscountRate),
        })
        .strict(),
      response: { 200: z.record(z.string(), z.unknown()) },
    },
    handler: async (request) => {
      assertChainWide(request.principal);
      const b = request.body;
      return {
        ...(await scoreCustomers(requireAnalytics(deps.analytics), {
          ...defaultScoreOptions, ...modelDataOptions(b), model: b.model, horizonDays: b.horizon_days, clvMonths: b.clv_months, annualDiscountRate: b.discount_rate,
        })),
      };
    },
  });

  app.post('/v1/models/recommend', {
    config: { access: { users: ['admin', 'marketer', 'analyst'], apiKeys: true } },
    schema: {
      tags: ['models'],
      summary: 'Train the recommenders on all purchases and write each active shopper’s top k per method',
      body: z.object({ k: z.number().int().min(1).max(100).default(10), active_days: z.number().int().min(1).max(3650).default(365), source: modelDataBody.shape.source }).strict(),
      response: { 200: z.record(z.string(), z.unknown()) },
    },
    handler: async (request) => {
      assertChainWide(request.principal);
      const b = request.body;
      return { ...(await writeRecommendations(requireAnalytics(deps.analytics), { k: b.k, activeDays: b.active_days, ...(b.source ? { source: b.source } : {}) })) };
    },
  });
};
