import { createHash } from 'node:crypto';
import pg from 'pg';
import { PatronError } from '../core/index.ts';

export type Pool = pg.Pool;
export type PoolClient = pg.PoolClient;
/** Either the pool or a client inside a transaction: for reads that work in both. */
export type Queryable = Pool | PoolClient;

const INT8_OID = 20;
const NUMERIC_OID = 1700;

/** Amounts are integers; a bigint beyond 2^53 would silently lose kopecks as a JS number. */
function parseSafeInteger(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`integer ${text} exceeds 2^53`);
  return value;
}

const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID && format !== 'binary') return parseSafeInteger;
    if (oid === NUMERIC_OID && format !== 'binary') return (text: string) => text;
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

const statementNames = new Map<string, string>();

/**
 * Every parameterised query becomes a named prepared statement, named by its text: PostgreSQL
 * then parses and plans each of Patron's statements once per connection instead of on every
 * receipt. Patron's SQL texts are fixed strings, so the set of names is small and bounded.
 */
class PreparingClient extends pg.Client {
  override query(...args: unknown[]): never {
    const [text, values] = args;
    if (typeof text === 'string' && Array.isArray(values) && values.length > 0) {
      let name = statementNames.get(text);
      if (!name) {
        name = 'p_' + createHash('sha1').update(text).digest('hex').slice(0, 20);
        statementNames.set(text, name);
      }
      return (super.query as (...a: unknown[]) => never)({ name, text, values }, ...args.slice(2));
    }
    return (super.query as (...a: unknown[]) => never)(...args);
  }
}

export interface PoolOptions {
  max?: number;
  applicationName?: string;
  /** How long a statement may wait for a row lock before giving up (a till must not hang). */
  lockTimeoutMs?: number;
  /** How long any statement may run. */
  statementTimeoutMs?: number;
}

export function createPool(url: string, options: PoolOptions = {}): Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 20,
    application_name: options.applicationName ?? 'patron',
    types,
    connectionTimeoutMillis: 10_000,
    Client: PreparingClient,
    // Sent as startup options: no extra round trip per connection.
    options: `-c lock_timeout=${options.lockTimeoutMs ?? 5_000} -c statement_timeout=${options.statementTimeoutMs ?? 60_000}`,
  });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  return pool;
}

/** SQLSTATEs after which running the whole transaction again is safe and likely to succeed. */
const retryableStates = new Set(['40001', '40P01']); // serialization failure, deadlock detected

/**
 * Runs fn in one transaction; rolls back on any error. A deadlock or serialization failure is
 * retried once (the work is all inside the transaction, so nothing happened the first time).
 */
export async function withTransaction<T>(pool: Pool, fn: (client: PoolClient) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    let client: PoolClient;
    try {
      client = await pool.connect();
    } catch (cause) {
      throw new PatronError('database_unavailable', `PostgreSQL does not answer: ${(cause as Error).message}`, { cause });
    }
    try {
      await client.query('BEGIN');
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      if (attempt === 1 && retryableStates.has((error as { code?: string }).code ?? '')) continue;
      throw translateDatabaseError(error);
    } finally {
      client.release();
    }
  }
}

/**
 * Database failures a caller can act on get their own codes: a timeout means "retry", a lost
 * server means "unavailable". Anything else is left as it is (an internal error).
 */
export function translateDatabaseError(error: unknown): unknown {
  if (error instanceof PatronError) return error;
  const e = error as { code?: string; message?: string };
  if (e.code === '55P03' || e.code === '57014') {
    return new PatronError('busy_retry', `The database did not answer in time: ${e.message}`, { cause: error });
  }
  const lost = ['57P01', '57P02', '57P03', '08000', '08003', '08006', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ENOENT'];
  if ((e.code && lost.includes(e.code)) || /Connection terminated|connection timeout/i.test(e.message ?? '')) {
    return new PatronError('database_unavailable', `PostgreSQL is unavailable: ${e.message}`, { cause: error });
  }
  return error;
}

export async function checkConnection(pool: Pool): Promise<void> {
  try {
    await pool.query('SELECT 1');
  } catch (cause) {
    throw new PatronError('database_unavailable', `PostgreSQL does not answer: ${(cause as Error).message}`, { cause });
  }
}

/** Postgres SQLSTATE 23505: the caller maps it to `already_exists` with its own wording. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = error as { code?: string; constraint?: string };
  return e?.code === '23505' && (constraint === undefined || e.constraint === constraint);
}
