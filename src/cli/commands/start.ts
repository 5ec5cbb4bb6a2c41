import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { buildApp, deleteExpiredSessions, deleteOldIdempotencyKeys, LoginThrottle, type App } from '../../api/index.ts';
import { startAnalyticsSync } from '../../analytics/index.ts';
import { processingJobs } from '../../processing/index.ts';
import { listStores } from '../../catalog/index.ts';
import { roles, type Config, type Role } from '../../config/index.ts';
import { PatronError } from '../../core/index.ts';
import { startPeriodicJobs, type JobRunner } from '../../db/index.ts';
import { ensureInitialAdmin } from '../initial-admin.ts';
import { configFrom } from '../options.ts';
import { openRuntime } from '../runtime.ts';
import { patronVersion } from '../version.ts';

const servesHttp = (role: Role) => role !== 'worker';
const runsJobs = (role: Role) => role === 'all' || role === 'worker';
const holdsAnalytics = (role: Role) => role === 'all' || role === 'analytics';

export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('Run Patron: API, web app and background jobs in one process (or one role with --role)')
    .option('--role <role>', `what this process runs: ${roles.join('|')}`)
    .option('--host <host>', 'address to bind (PATRON_HOST)')
    .option('--port <port>', 'HTTP port (PATRON_PORT)')
    .action(async (options: { role?: string; host?: string; port?: string }, command: Command) => {
      const config = configFrom(command, { role: options.role, host: options.host, port: options.port });
      await startPatron(config);
    });
}

export async function startPatron(config: Config): Promise<void> {
  const runtime = await openRuntime(config, { attachToRunning: false, analytics: holdsAnalytics(config.role) });
  let app: App | undefined;
  let jobs: JobRunner | undefined;
  let sync: { stop(): Promise<void> } | undefined;
  let closing = false;

  const shutdown = async (reason: string, exitCode: number) => {
    if (closing) return;
    closing = true;
    process.stderr.write(`\n• stopping Patron (${reason})\n`);
    await app?.close().catch(() => {});
    await jobs?.stop().catch(() => {});
    await sync?.stop().catch(() => {});
    await runtime.close().catch((error) => process.stderr.write(`  ${String(error)}\n`));
    process.stderr.write('• stopped\n');
    process.exit(exitCode);
  };
  process.on('SIGINT', () => void shutdown('SIGINT', 0));
  process.on('SIGTERM', () => void shutdown('SIGTERM', 0));

  try {
    const admin = await ensureInitialAdmin(runtime.db.pool, config.home);
    if (servesHttp(config.role)) {
      app = await buildApp({
        config,
        pool: runtime.db.pool,
        analytics: runtime.analytics,
        loginThrottle: new LoginThrottle(),
        version: patronVersion,
      });
      try {
        await app.listen({ host: config.host, port: config.port });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
          throw new PatronError('config_invalid', `Port ${config.port} on ${config.host} is in use; choose another with PATRON_PORT or --port`);
        }
        throw error;
      }
    }
    if (runsJobs(config.role)) {
      const log = app?.log ?? { info: () => {}, error: (obj: object, msg: string) => console.error(msg, obj) };
      jobs = startPeriodicJobs(
        runtime.db.pool,
        [
          ...processingJobs(),
          { name: 'sessions.delete-expired', intervalMs: 3600_000, run: async (pool) => `${await deleteExpiredSessions(pool)} deleted` },
          { name: 'idempotency.delete-old-keys', intervalMs: 3600_000, run: async (pool) => `${await deleteOldIdempotencyKeys(pool, new Date())} deleted` },
        ],
        log,
      );
    }
    if (runtime.analytics) {
      const log = app?.log;
      sync = startAnalyticsSync(runtime.db.pool, runtime.analytics, {
        intervalMs: 1000,
        onError: (error) => (log ? log.error({ err: error }, 'analytics sync failed; retrying') : console.error('analytics sync failed; retrying', error)),
      });
    }
    const stores = await listStores(runtime.db.pool);
    printBanner(config, app, admin, stores.length, runtime.db.mode);
  } catch (error) {
    await app?.close().catch(() => {});
    await jobs?.stop().catch(() => {});
    await sync?.stop().catch(() => {});
    await runtime.close().catch(() => {});
    throw error;
  }
}

function printBanner(
  config: Config,
  app: App | undefined,
  admin: { email: string; password?: string; file: string },
  storeCount: number,
  dbMode: string,
): void {
  const lines = [`Patron ${patronVersion} is running (role: ${config.role}, PostgreSQL: ${dbMode}, data: ${config.home})`];
  if (app) {
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
    lines.push(`  web app:   http://${host}:${port}/`, `  API docs:  http://${host}:${port}/docs`);
  }
  lines.push(
    admin.password
      ? `  admin login: ${admin.email} / ${admin.password}   (shown once; also in ${admin.file})`
      : `  admin login: ${admin.email} (password in ${admin.file} if unchanged; reset with: patron users set-password --email ${admin.email})`,
  );
  const truth = join(config.home, 'demo-truth.json');
  lines.push(
    storeCount === 0
      ? '  data: empty — no stores yet (generate the demo chain with: patron demo)'
      : `  data: ${storeCount} stores${existsSync(truth) ? ` (the demo chain; what was planted in it: ${truth})` : ''}`,
  );
  lines.push('  stop with Ctrl+C');
  process.stdout.write(lines.join('\n') + '\n');
}
