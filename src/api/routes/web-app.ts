import { existsSync } from 'node:fs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { join } from 'node:path';
import { PatronError, webBuildFolder } from '../../core/index.ts';
import type { RouteModule } from '../route-context.ts';

const apiPrefixes = ['/v1/', '/v1', '/openapi.json', '/docs', '/healthz', '/readyz'];

/**
 * The React app built by Vite: hashed assets are cached forever, every other path gets
 * index.html so that the app's own router can show it (reloading /customers/… works).
 */
export const webAppRoute: RouteModule = (app) => {
  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const path = decodeURIComponent(request.url.split('?')[0]!);
    if (apiPrefixes.some((p) => path === p || path.startsWith(p.endsWith('/') ? p : p + '/'))) {
      throw new PatronError('not_found', `No route ${request.method} ${path}`);
    }
    if (!existsSync(join(webBuildFolder, 'index.html'))) {
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send('The web app is not built. Run `npm run build` (the README start command does it).');
    }
    const file = path.replace(/^\/+/, '');
    if (file && !file.includes('..') && existsSync(join(webBuildFolder, file))) {
      const immutable = file.startsWith('assets/');
      return reply.sendFile(file, { maxAge: immutable ? 365 * 86400_000 : 0, immutable });
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html', { maxAge: 0 });
  };
  app.get('/', { config: { access: { public: true } }, schema: { hide: true }, handler });
  app.get('/*', { config: { access: { public: true } }, schema: { hide: true }, handler });
};
