import type { FastifyInstance, FastifyRequest } from 'fastify';
import { PatronError } from '../../core/index.ts';
import type { Pool } from '../../db/index.ts';
import { authenticateApiKey } from './api-keys.ts';
import { findSessionUser, sessionCookieName } from './sessions.ts';
import type { User, UserRole } from './users.ts';

/**
 * Every route declares who may call it in `config.access`; a route without a declaration makes
 * start-up fail, so nothing is ever reachable without credentials by oversight.
 */
export interface Access {
  public?: true;
  /** Roles of signed-in web users allowed to call the route. */
  users?: readonly UserRole[];
  /** Whether POS / e-shop API keys may call the route. */
  apiKeys?: true;
}

export type Principal =
  | { kind: 'user'; user: User }
  | { kind: 'api_key'; keyId: string; storeId: string | null };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export const allRoles: readonly UserRole[] = ['admin', 'marketer', 'analyst', 'support'];

function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  const apiKey = request.headers['x-api-key'];
  return typeof apiKey === 'string' ? apiKey.trim() : undefined;
}

/** Browsers send Origin on cross-site writes; a session must not be used from another site. */
function assertSameOrigin(request: FastifyRequest): void {
  if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return;
  const origin = request.headers.origin;
  if (!origin) return;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    originHost = '';
  }
  if (originHost !== request.headers.host) {
    throw new PatronError('forbidden_credential_kind', 'A signed-in session cannot be used from another site (Origin mismatch)');
  }
}

export function registerAccessControl(app: FastifyInstance, pool: Pool): void {
  app.decorateRequest('principal', null);

  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    // The API documentation (swagger-ui's own routes) is public by design.
    if (!access && route.url.startsWith('/docs')) {
      route.config = { ...route.config, access: { public: true } };
      return;
    }
    if (!access) {
      throw new Error(`Route ${route.method} ${route.url} declares no access (config.access); every route must`);
    }
  });

  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config?.access;
    // Unknown URLs (404) have no route config: nothing to protect.
    if (!access || access.public) return;

    const token = bearerToken(request);
    const cookie = request.cookies?.[sessionCookieName];
    if (token) {
      const key = await authenticateApiKey(pool, token);
      if (!key) throw new PatronError('auth_invalid_credentials', 'The API key is unknown or revoked');
      request.principal = { kind: 'api_key', ...key };
    } else if (cookie) {
      const user = await findSessionUser(pool, cookie);
      if (!user) throw new PatronError('auth_invalid_credentials', 'The session has expired or was ended; sign in again');
      request.principal = { kind: 'user', user };
    } else {
      throw new PatronError('auth_required', 'This endpoint needs an API key (Authorization: Bearer …) or a signed-in session');
    }

    const principal = request.principal;
    if (principal.kind === 'api_key' && !access.apiKeys) {
      throw new PatronError('forbidden_credential_kind', 'This endpoint is for signed-in users, not API keys');
    }
    if (principal.kind === 'user') {
      if (!access.users) throw new PatronError('forbidden_credential_kind', 'This endpoint is for API keys, not signed-in users');
      if (!access.users.includes(principal.user.role)) {
        throw new PatronError('forbidden_role', `The role ${principal.user.role} may not do this; allowed: ${access.users.join(', ')}`);
      }
      assertSameOrigin(request);
    }
  });
}

/** The store a caller is limited to: an API key's store, or null for a chain-wide key or a user. */
export function storeScopeOf(principal: Principal | null): string | null {
  return principal?.kind === 'api_key' ? principal.storeId : null;
}

/** For routes acting on one store: a store-scoped key may only act on its own store. */
export function assertStoreAccess(principal: Principal | null, storeId: string): void {
  if (principal?.kind === 'api_key' && principal.storeId !== null && principal.storeId !== storeId) {
    throw new PatronError('forbidden_store_scope', 'This API key is scoped to another store', { details: { store_id: storeId } });
  }
}

export function requireUser(request: FastifyRequest): User {
  if (request.principal?.kind !== 'user') throw new PatronError('forbidden_credential_kind', 'Only for signed-in users');
  return request.principal.user;
}

/** For chain-wide data (the catalog): a key limited to one store may not change it. */
export function assertChainWide(principal: Principal | null): void {
  if (principal?.kind === 'api_key' && principal.storeId !== null) {
    throw new PatronError('forbidden_store_scope', 'This is chain-wide data: use a chain-wide API key');
  }
}
