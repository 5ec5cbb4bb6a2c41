import { randomBytes, timingSafeEqual } from 'node:crypto';
import { PatronError, newId } from '../../core/index.ts';
import { isoUtc, type Pool } from '../../db/index.ts';
import { hashToken } from './sessions.ts';

/**
 * API keys for POS and e-shop systems. The token is `<key id>.<secret>`: the id finds the row
 * without scanning, the secret is compared by hash in constant time. A key acts for one store
 * or, with no store, for the whole chain.
 */
export interface ApiKey {
  id: string;
  name: string;
  store_id: string | null;
  store_code: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked: boolean;
}

export interface ApiKeyPrincipal {
  keyId: string;
  storeId: string | null;
}

const columns = `k.id, k.name, k.store_id, s.code AS store_code, k.revoked_at IS NOT NULL AS revoked,
  ${isoUtc('k.created_at')} AS created_at,
  ${isoUtc('k.last_used_at')} AS last_used_at`;

export async function createApiKey(
  pool: Pool,
  input: { name: string; storeId: string | null; createdBy: string | null },
): Promise<{ key: ApiKey; token: string }> {
  const id = newId('key');
  const secret = randomBytes(24).toString('base64url');
  await pool.query('INSERT INTO api_keys (id, name, secret_hash, store_id, created_by) VALUES ($1, $2, $3, $4, $5)', [
    id,
    input.name,
    hashToken(secret),
    input.storeId,
    input.createdBy,
  ]);
  const key = (await pool.query<ApiKey>(`SELECT ${columns} FROM api_keys k LEFT JOIN stores s ON s.id = k.store_id WHERE k.id = $1`, [id]))
    .rows[0]!;
  return { key, token: `${id}.${secret}` };
}

export async function listApiKeys(pool: Pool): Promise<ApiKey[]> {
  return (await pool.query<ApiKey>(`SELECT ${columns} FROM api_keys k LEFT JOIN stores s ON s.id = k.store_id ORDER BY k.created_at`))
    .rows;
}

export async function revokeApiKey(pool: Pool, id: string): Promise<ApiKey> {
  verifiedKeys.delete(id);
  const result = await pool.query('UPDATE api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1', [id]);
  if (result.rowCount === 0) throw new PatronError('not_found', `No API key ${id}`);
  return (await pool.query<ApiKey>(`SELECT ${columns} FROM api_keys k LEFT JOIN stores s ON s.id = k.store_id WHERE k.id = $1`, [id]))
    .rows[0]!;
}

// last_used_at is written at most once a minute per key: a till calling every second must not
// turn every read into a write.
const lastUsedWrittenAt = new Map<string, number>();

/**
 * Keys verified in the last few seconds, so that a till's every request does not look its key
 * up again. A revocation in this process takes effect at once; one made by another process (the
 * CLI beside a running server) within keyCacheMs.
 */
const keyCacheMs = 5_000;
const verifiedKeys = new Map<string, { secretHash: Buffer; storeId: string | null; until: number }>();

export async function authenticateApiKey(pool: Pool, token: string): Promise<ApiKeyPrincipal | null> {
  const dot = token.indexOf('.');
  if (dot < 0) return null;
  const id = token.slice(0, dot);
  const secret = token.slice(dot + 1);
  const cached = verifiedKeys.get(id);
  if (cached && cached.until > Date.now()) {
    return timingSafeEqual(cached.secretHash, hashToken(secret)) ? { keyId: id, storeId: cached.storeId } : null;
  }
  const row = (
    await pool.query<{ secret_hash: Buffer; store_id: string | null }>(
      'SELECT secret_hash, store_id FROM api_keys WHERE id = $1 AND revoked_at IS NULL',
      [id],
    )
  ).rows[0];
  if (!row || !timingSafeEqual(row.secret_hash, hashToken(secret))) return null;
  const now = Date.now();
  verifiedKeys.set(id, { secretHash: row.secret_hash, storeId: row.store_id, until: now + keyCacheMs });
  if ((lastUsedWrittenAt.get(id) ?? 0) < now - 60_000) {
    lastUsedWrittenAt.set(id, now);
    await pool.query('UPDATE api_keys SET last_used_at = now() WHERE id = $1', [id]);
  }
  return { keyId: id, storeId: row.store_id };
}
