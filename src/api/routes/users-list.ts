import { z } from 'zod';
import { listUsers } from '../auth/users.ts';
import type { RouteModule } from '../route-context.ts';
import { userSchema } from '../schemas.ts';

export const usersListRoute: RouteModule = (app, deps) => {
  app.get('/v1/users', {
    config: { access: { users: ['admin'] } },
    schema: { tags: ['access'], summary: 'Users of the web app', response: { 200: z.object({ users: z.array(userSchema) }) } },
    handler: async () => ({ users: await listUsers(deps.pool) }),
  });
};
