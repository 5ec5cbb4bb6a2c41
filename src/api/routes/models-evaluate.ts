import { z } from 'zod';
import { keptChurnEvaluation, keptRecommenderEvaluation } from '../../analytics/index.ts';
import { assertChainWide } from '../auth/access.ts';
import type { RouteModule } from '../route-context.ts';
import { modelDataBody } from './models-fit.ts';
import { requireAnalytics } from '../require-analytics.ts';

export const modelsEvaluateRoute: RouteModule = (app, deps) => {
  app.post('/v1/models/evaluate/churn', {
    config: { access: { users: ['admin', 'marketer', 'analyst'], apiKeys: true } },
    schema: {
      tags: ['models'],
      summary: 'Churn score against BG/NBD on a time split: AUC, Brier score, log loss, calibration',
      body: z.object({ window_days: z.number().int().min(7).max(730).default(90), source: modelDataBody.shape.source }).strict(),
      response: { 200: z.record(z.string(), z.unknown()) },
    },
    handler: async (request) => {
      assertChainWide(request.principal);
      // Computed anew and kept: the model reports then read it while the data stand.
      return { ...(await keptChurnEvaluation(requireAnalytics(deps.analytics), { windowDays: request.body.window_days, ...(request.body.source ? { source: request.body.source } : {}) }, true)).result };
    },
  });

  app.post('/v1/models/evaluate/recommenders', {
    config: { access: { users: ['admin', 'marketer', 'analyst'], apiKeys: true } },
    schema: {
      tags: ['models'],
      summary: 'Each recommender against the popularity baseline on a time split: precision, recall, MAP at k, coverage',
      body: z.object({ test_days: z.number().int().min(1).max(730).default(90), k: z.number().int().min(1).max(100).default(10), source: modelDataBody.shape.source }).strict(),
      response: { 200: z.record(z.string(), z.unknown()) },
    },
    handler: async (request) => {
      assertChainWide(request.principal);
      const b = request.body;
      return { ...(await keptRecommenderEvaluation(requireAnalytics(deps.analytics), { testDays: b.test_days, k: b.k, ...(b.source ? { source: b.source } : {}) }, true)).result };
    },
  });
};
