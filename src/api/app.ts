import { existsSync } from 'node:fs';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { newId, webBuildFolder } from '../core/index.ts';
import { registerAccessControl } from './auth/access.ts';
import { registerOpenApi } from './openapi.ts';
import { registerProblemHandlers } from './problem.ts';
import { registerNulGuard } from './reject-nul.ts';
import type { ApiDeps, App } from './route-context.ts';
import { registerRoutes } from './routes/index.ts';

const requestIdPattern = /^[A-Za-z0-9_.:-]{1,100}$/;

export interface BuildAppOptions {
  /** pino options or a ready logger; false in tests that want silence. */
  logger?: FastifyServerOptions['logger'];
}

/** The Fastify application: everything HTTP, nothing else. Domain work is in the modules. */
export async function buildApp(deps: ApiDeps, options: BuildAppOptions = {}): Promise<App> {
  const app = Fastify({
    logger: options.logger ?? { level: deps.config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'] },
    // A caller's own request id (a POS's receipt trace) is kept when it is sane.
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && requestIdPattern.test(given) ? given : newId('req');
    },
    bodyLimit: 5 * 1024 * 1024,
    trustProxy: false,
  }).withTypeProvider<ZodTypeProvider>();

  // Bodies are JSON only: a form or text body is refused with 415 rather than half-parsed, which
  // also keeps cross-site HTML forms from writing with a user's session.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  registerProblemHandlers(app);
  registerNulGuard(app);
  await app.register(fastifyCookie);
  // The web app may not be built (API-only checkouts, tests); its route then says so.
  if (existsSync(webBuildFolder)) await app.register(fastifyStatic, { root: webBuildFolder, serve: false });
  registerAccessControl(app, deps.pool);
  await registerOpenApi(app, deps.version);
  registerRoutes(app, deps);
  await app.ready();
  return app;
}
