import { z } from 'zod';
import { minPasswordLength } from '../auth/passwords.ts';
import { createUser, userRoles } from '../auth/users.ts';
import type { RouteModule } from '../route-context.ts';
import { userSchema } from '../schemas.ts';

export const usersCreateRoute: RouteModule = (app, deps) => {
  app.post('/v1/users', {
    config: { access: { users: ['admin'] } },
    schema: {
      tags: ['access'],
      summary: 'Create a user of the web app',
      description: 'Roles: admin (everything), marketer (campaigns, offers, reports), analyst (reports, read-only), support (customers).',
      body: z.object({
        email: z.email().max(320),
        name: z.string().trim().min(1).max(200),
        role: z.enum(userRoles),
        password: z.string().min(minPasswordLength).max(1000),
        locale: z.enum(['ru', 'en']).optional(),
      }),
      response: { 201: z.object({ user: userSchema }) },
    },
    handler: async (request, reply) => {
      const user = await createUser(deps.pool, request.body);
      return reply.code(201).send({ user });
    },
  });
};
