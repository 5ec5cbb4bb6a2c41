import { z } from 'zod';
import { allRoles } from '../auth/access.ts';
import { deleteSession, sessionCookieName } from '../auth/sessions.ts';
import type { RouteModule } from '../route-context.ts';

export const sessionDeleteRoute: RouteModule = (app, deps) => {
  app.delete('/v1/session', {
    config: { access: { users: allRoles } },
    schema: { tags: ['access'], summary: 'Sign out', response: { 200: z.object({ signed_out: z.literal(true) }) } },
    handler: async (request, reply) => {
      const token = request.cookies[sessionCookieName];
      if (token) await deleteSession(deps.pool, token);
      reply.clearCookie(sessionCookieName, { path: '/' });
      return { signed_out: true as const };
    },
  });
};
