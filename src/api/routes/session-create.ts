import { z } from 'zod';
import { PatronError } from '../../core/index.ts';
import { verifyPassword } from '../auth/passwords.ts';
import { createSession, sessionCookieName } from '../auth/sessions.ts';
import { findUserForLogin } from '../auth/users.ts';
import type { RouteModule } from '../route-context.ts';
import { userSchema } from '../schemas.ts';

/** Sign-in for the web app: checks the password and sets an HttpOnly session cookie. */
export const sessionCreateRoute: RouteModule = (app, deps) => {
  app.post('/v1/session', {
    config: { access: { public: true } },
    schema: {
      tags: ['access'],
      summary: 'Sign in (web app)',
      body: z.object({
        email: z.string().min(3).max(320).meta({ example: 'admin@patron.local' }),
        password: z.string().min(1).max(1000),
      }),
      response: { 200: z.object({ user: userSchema, expires_at: z.string() }) },
    },
    handler: async (request, reply) => {
      const { email, password } = request.body;
      deps.loginThrottle.assertAllowed(email);
      const user = await findUserForLogin(deps.pool, email);
      // An unknown e-mail still costs one scrypt, so timing does not reveal which e-mails exist.
      const ok = user ? await verifyPassword(password, user.password_hash) : await verifyPassword(password, dummyHash);
      if (!user || !ok) {
        deps.loginThrottle.recordFailure(email);
        throw new PatronError('auth_invalid_credentials', 'Wrong e-mail or password');
      }
      deps.loginThrottle.recordSuccess(email);
      const session = await createSession(deps.pool, user.id, deps.config.sessionTtlHours);
      reply.setCookie(sessionCookieName, session.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: deps.config.cookieSecure,
        expires: session.expiresAt,
      });
      const { password_hash: _hash, ...publicUser } = user;
      return { user: publicUser, expires_at: session.expiresAt.toISOString() };
    },
  });
};

const dummyHash = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
