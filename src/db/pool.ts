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

export interface PoolOptions {
  max?: number;
  applicationName?: string;
}

export function createPool(url: string, options: PoolOptions = {}): Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 20,
    application_name: options.applicationName ?? 'patron',
    types,
    connectionTimeoutMillis: 10_000,
  });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  return pool;
}

/** Runs fn in one transaction; rolls back on any error. */
export async function withTransaction<T>(pool: Pool, fn: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
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
