import { withTransaction } from '../../db/index.ts';
import { memberBalance } from '../../processing/index.ts';
import { allRoles } from '../auth/access.ts';
import { memberBalanceSchema } from '../protocol-schemas.ts';
import type { RouteModule } from '../route-context.ts';
import { customerRefParams } from './customers-get.ts';

export const customersBalanceRoute: RouteModule = (app, deps) => {
  app.get('/v1/customers/:ref/balance', {
    config: { access: { apiKeys: true, users: allRoles } },
    schema: {
      tags: ['customers'],
      summary: "A member's points: available, pending, held, spendable, and lots with their expiry dates",
      params: customerRefParams,
      response: { 200: memberBalanceSchema },
    },
    handler: async (request) => withTransaction(deps.pool, (client) => memberBalance(client, request.params.ref, new Date())),
  });
};
