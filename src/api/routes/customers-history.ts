import { z } from 'zod';
import { withTransaction } from '../../db/index.ts';
import { memberHistory } from '../../processing/index.ts';
import { allRoles } from '../auth/access.ts';
import { historySchema } from '../protocol-schemas.ts';
import type { RouteModule } from '../route-context.ts';
import { customerRefParams } from './customers-get.ts';

export const customersHistoryRoute: RouteModule = (app, deps) => {
  app.get('/v1/customers/:ref/history', {
    config: { access: { apiKeys: true, users: allRoles } },
    schema: {
      tags: ['customers'],
      summary: "A member's points movements, newest first",
      description: 'Pages backwards: pass the last `id` seen as `before`.',
      params: customerRefParams,
      querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50), before: z.string().max(64).optional() }),
      response: { 200: historySchema },
    },
    handler: async (request) =>
      withTransaction(deps.pool, (client) =>
        memberHistory(client, request.params.ref, { limit: request.query.limit, ...(request.query.before ? { before: request.query.before } : {}) }),
      ),
  });
};
