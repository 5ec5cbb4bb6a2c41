import {
  PatronError,
  planMigrations,
  postgresMigrationsFolder,
  readMigrationFiles,
  type AppliedMigration,
} from '../core/index.ts';
import type { Pool } from './pool.ts';

// Any constant works; it only has to be the same for every Patron sharing a database.
const MIGRATION_LOCK_KEY = 7_274_776_601;

export interface MigrateOptions {
  folder?: string;
  onApply?: (name: string, index: number, total: number) => void;
}

/**
 * Applies pending migrations, each in its own transaction, under an advisory lock so that
 * several Patron processes starting together apply each migration exactly once.
 */
export async function migratePostgres(pool: Pool, options: MigrateOptions = {}): Promise<string[]> {
  const files = readMigrationFiles(options.folder ?? postgresMigrationsFolder);
  const client = await pool.connect();
  try {
    // A migration on a big table may take long and wait for locks: the tills' limits are not for it.
    await client.query('SET statement_timeout = 0; SET lock_timeout = 0');
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const applied = (await client.query<AppliedMigration>('SELECT version, name, checksum FROM schema_migrations ORDER BY version'))
      .rows;
    const pending = planMigrations(files, applied);
    const done: string[] = [];
    for (const [index, file] of pending.entries()) {
      options.onApply?.(file.name, index, pending.length);
      try {
        await client.query('BEGIN');
        await client.query(file.sql);
        await client.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
          file.version,
          file.name,
          file.checksum,
        ]);
        await client.query('COMMIT');
      } catch (cause) {
        await client.query('ROLLBACK').catch(() => {});
        throw new PatronError('migration_failed', `Migration ${file.name} failed: ${(cause as Error).message}`, { cause });
      }
      done.push(file.name);
    }
    return done;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => {});
    await client.query('RESET statement_timeout; RESET lock_timeout').catch(() => {});
    client.release();
  }
}
