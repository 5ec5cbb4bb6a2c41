import { acquireHomeLock, readLiveLock, type HomeLock } from './home-lock.ts';
import { embeddedUrlFor, startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres.ts';
import { checkConnection, createPool, type Pool } from './pool.ts';

export interface Database {
  readonly pool: Pool;
  readonly url: string;
  /** How we got here: an external server, our own embedded one, or one started by a running Patron. */
  readonly mode: 'external' | 'embedded' | 'attached';
  /** Holds the data folder while this process owns its embedded server (lets others find it). */
  readonly lock: HomeLock | undefined;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  home: string;
  databaseUrl?: string | undefined;
  /** CLI commands may use the embedded server of a Patron already running in the same folder. */
  attachToRunning?: boolean;
  poolSize?: number;
  onStep?: (message: string) => void;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const poolOptions = { max: options.poolSize ?? 20 };
  if (options.databaseUrl) {
    const pool = createPool(options.databaseUrl, poolOptions);
    await checkConnection(pool);
    return { pool, url: options.databaseUrl, mode: 'external', lock: undefined, close: () => pool.end() };
  }

  const running = options.attachToRunning ? readLiveLock(options.home) : null;
  if (running?.pgPort) {
    const url = embeddedUrlFor(options.home, running.pgPort);
    const pool = createPool(url, poolOptions);
    await checkConnection(pool);
    return { pool, url, mode: 'attached', lock: undefined, close: () => pool.end() };
  }

  const lock = acquireHomeLock(options.home);
  let embedded: EmbeddedPostgres | undefined;
  try {
    embedded = await startEmbeddedPostgres({ home: options.home, ...(options.onStep ? { onStep: options.onStep } : {}) });
    lock.update({ pgPort: embedded.port });
    const pool = createPool(embedded.url, poolOptions);
    await checkConnection(pool);
    const server = embedded;
    return {
      pool,
      url: server.url,
      mode: 'embedded',
      lock,
      async close() {
        await pool.end().catch(() => {});
        try {
          await server.stop();
        } finally {
          lock.release();
        }
      },
    };
  } catch (error) {
    await embedded?.stop().catch(() => {});
    lock.release();
    throw error;
  }
}
