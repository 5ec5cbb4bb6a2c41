import type { FastifyRequest } from 'fastify';
import type { ProcessingContext } from '../processing/index.ts';
import { storeScopeOf } from './auth/access.ts';

/** The processing context of a request: now, and the store an API key is limited to. */
export function processingContext(request: FastifyRequest): ProcessingContext {
  return { now: new Date(), storeScope: storeScopeOf(request.principal) };
}

/** Who did it, for audit fields. */
export function actorOf(request: FastifyRequest): string {
  const p = request.principal;
  if (!p) return 'anonymous';
  return p.kind === 'api_key' ? `key:${p.keyId}` : `user:${p.user.email}`;
}
