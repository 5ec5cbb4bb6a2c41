import { z } from 'zod';
import { allRoles, requireUser } from '../auth/access.ts';
import type { RouteModule } from '../route-context.ts';
import { userSchema } from '../schemas.ts';

export const meGetRoute: RouteModule = (app, deps) => {
  app.get('/v1/me', {
    config: { access: { users: allRoles } },
    schema: {
      tags: ['access'],
      summary: 'The signed-in user and the chain-wide settings the web app needs',
      response: {
        200: z.object({
          user: userSchema,
          settings: z.object({ currency: z.string(), time_zone: z.string(), default_locale: z.enum(['ru', 'en']) }),
        }),
      },
    },
    handler: async (request) => ({
      user: requireUser(request),
      settings: { currency: deps.config.currency, time_zone: deps.config.timeZone, default_locale: deps.config.locale },
    }),
  });
};
