import { z } from 'zod';
import { customerPredictions, customerSegments } from '../../analytics/index.ts';
import { findCustomer } from '../../customers/index.ts';
import { allRoles } from '../auth/access.ts';
import type { RouteModule } from '../route-context.ts';
import { customerRefParams } from './customers-get.ts';
import { requireAnalytics } from '../require-analytics.ts';

export const customersPredictionsRoute: RouteModule = (app, deps) => {
  app.get('/v1/customers/:ref/predictions', {
    config: { access: { apiKeys: true, users: allRoles } },
    schema: {
      tags: ['customers', 'models'],
      summary: 'A member’s latest model scores (P(alive), expected purchases and spend, CLV, next purchase, churn score), personal recommendations, RFM segment and campaign groups',
      params: customerRefParams,
      response: { 200: z.record(z.string(), z.unknown()) },
    },
    handler: async (request) => {
      const { customer } = await findCustomer(deps.pool, request.params.ref);
      const store = requireAnalytics(deps.analytics);
      return { ...(await customerPredictions(store, customer.id)), segments: await customerSegments(store, customer.id) };
    },
  });
};
