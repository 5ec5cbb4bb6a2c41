import type { FastifyReply, FastifyRequest } from 'fastify';
import { PatronError, requestHash } from '../core/index.ts';
import { withTransaction, type Pool, type PoolClient } from '../db/index.ts';

const keyPattern = /^[\x21-\x7e]{1,200}$/;

export interface WriteResult<T> {
  status: number;
  body: T;
  /** The domain itself recognised a repeat (a receipt sent again under another key). */
  replayed?: boolean;
}

function principalId(request: FastifyRequest): string {
  const p = request.principal;
  if (!p) throw new PatronError('auth_required', 'No credentials');
  return p.kind === 'api_key' ? p.keyId : p.user.id;
}

/**
 * Runs a write once per Idempotency-Key. The key row is inserted first and the answer stored in
 * the same transaction as the write, so a replay gets exactly the first answer (with the header
 * `Idempotent-Replayed: true`), a concurrent duplicate waits for the first to commit and then
 * gets its answer, and a failed write stores nothing, leaving the key free for a retry. The same
 * key with another body is refused with 409 idempotency_key_reused.
 */
export async function idempotentWrite<T>(
  pool: Pool,
  request: FastifyRequest,
  reply: FastifyReply,
  write: (client: PoolClient) => Promise<WriteResult<T>>,
): Promise<T> {
  const key = request.headers['idempotency-key'];
  if (typeof key !== 'string' || !keyPattern.test(key)) {
    throw new PatronError('idempotency_key_required', 'Send an Idempotency-Key header (1–200 printable characters) with every write');
  }
  const principal = principalId(request);
  const path = request.routeOptions.url ?? request.url;
  const hash = requestHash({ method: request.method, url: request.url.split('?')[0], body: request.body ?? null });

  const outcome = await withTransaction(pool, async (client) => {
    const inserted = await client.query(
      `INSERT INTO idempotency_keys (principal, key, method, path, request_hash, status_code, response)
       VALUES ($1, $2, $3, $4, $5, 0, 'null') ON CONFLICT DO NOTHING`,
      [principal, key, request.method, path, hash],
    );
    if (inserted.rowCount === 0) {
      const stored = (await client.query<{ request_hash: string; status_code: number; response: T }>(
        'SELECT request_hash, status_code, response FROM idempotency_keys WHERE principal = $1 AND key = $2',
        [principal, key],
      )).rows[0]!;
      if (stored.request_hash !== hash) {
        throw new PatronError('idempotency_key_reused', `Idempotency-Key ${key} was already used for a different request`);
      }
      return { status: stored.status_code, body: stored.response, replayed: true };
    }
    const result = await write(client);
    await client.query('UPDATE idempotency_keys SET status_code = $3, response = $4 WHERE principal = $1 AND key = $2', [
      principal,
      key,
      result.status,
      JSON.stringify(result.body),
    ]);
    return result;
  });
  reply.code(outcome.status);
  if (outcome.replayed) reply.header('idempotent-replayed', 'true');
  return outcome.body;
}

/** Idempotency keys are kept for 30 days: long enough for any till's retry queue. */
export async function deleteOldIdempotencyKeys(pool: Pool, now: Date): Promise<number> {
  return (await pool.query("DELETE FROM idempotency_keys WHERE created_at < $1::timestamptz - interval '30 days'", [now])).rowCount ?? 0;
}
