import { join } from 'node:path';
import { openAnalyticsStore, type AnalyticsStore } from '../analytics/index.ts';
import type { Config } from '../config/index.ts';
import { PatronError } from '../core/index.ts';
import { migratePostgres, openDatabase, type Database, type Pool } from '../db/index.ts';
import { createProgress, status } from './progress.ts';

/**
 * Opens what a command needs, in order: PostgreSQL (embedded or external), its migrations,
 * and the DuckDB read side when asked. Closing undoes it in reverse.
 */
export interface Runtime {
  db: Database;
  analytics: AnalyticsStore | undefined;
  close(): Promise<void>;
}

export interface OpenRuntimeOptions {
  /** CLI commands beside a running server use its database; `start` must own the folder. */
  attachToRunning: boolean;
  analytics: boolean;
  quiet?: boolean;
}

export function analyticsPath(config: Config): string {
  return join(config.home, 'analytics.duckdb');
}

export async function openRuntime(config: Config, options: OpenRuntimeOptions): Promise<Runtime> {
  const say = options.quiet ? () => {} : (message: string) => status(message);
  const db = await openDatabase({
    home: config.home,
    databaseUrl: config.databaseUrl,
    attachToRunning: options.attachToRunning,
    onStep: say,
  });
  let analytics: AnalyticsStore | undefined;
  try {
    let bar: ReturnType<typeof createProgress> | undefined;
    const applied = await migratePostgres(db.pool, {
      onApply: (name, index, total) => {
        bar ??= options.quiet ? undefined : createProgress('migrating PostgreSQL', total);
        bar?.update(index, name);
      },
    });
    bar?.finish(`${applied.length} applied`);
    // DuckDB allows one writing process: beside a running Patron, the server holds the store
    // (and migrated it when it started).
    if (options.analytics && db.mode !== 'attached') {
      analytics = await openAnalyticsStore(analyticsPath(config));
      const done = await analytics.migrate();
      if (done.length) say(`analytics store: applied ${done.join(', ')}`);
    }
  } catch (error) {
    analytics?.close();
    await db.close();
    throw error;
  }
  return {
    db,
    analytics,
    async close() {
      analytics?.close();
      await db.close();
    },
  };
}

/**
 * For short commands that only need PostgreSQL: opens it (attaching to a running Patron's
 * server if there is one), runs fn, and always closes it again.
 */
export async function withDatabase<T>(config: Config, fn: (pool: Pool) => Promise<T>): Promise<T> {
  const runtime = await openRuntime(config, { attachToRunning: true, analytics: false, quiet: true });
  try {
    return await fn(runtime.db.pool);
  } finally {
    await runtime.close();
  }
}

/**
 * For commands that need the analytics store: DuckDB has one writer, so while a Patron runs on
 * this data folder (and keeps the store in sync) these commands must wait for it to stop.
 */
export async function withAnalyticsStore(config: Config, fn: (runtime: Runtime & { analytics: AnalyticsStore }) => Promise<void>): Promise<void> {
  const runtime = await openRuntime(config, { attachToRunning: true, analytics: true, quiet: true });
  try {
    if (!runtime.analytics) {
      throw new PatronError('home_locked', 'A running Patron holds the analytics store of this data folder and keeps it in sync; stop it to run this command');
    }
    await fn(runtime as Runtime & { analytics: AnalyticsStore });
  } finally {
    await runtime.close();
  }
}
