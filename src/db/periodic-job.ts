import type { Pool } from './pool.ts';

/**
 * A job that runs every `intervalMs` in worker processes. A PostgreSQL advisory lock per job
 * name makes concurrent workers take turns instead of doing the work twice; each job must be
 * idempotent, since a crash mid-run means it runs again next time.
 */
export interface PeriodicJob {
  name: string;
  intervalMs: number;
  run(pool: Pool): Promise<string | void>;
}

export interface JobRunner {
  stop(): Promise<void>;
}

function lockKey(name: string): number {
  let hash = 0;
  for (const char of name) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0;
  return hash;
}

export function startPeriodicJobs(
  pool: Pool,
  jobs: PeriodicJob[],
  log: { info(obj: object, msg: string): void; error(obj: object, msg: string): void },
): JobRunner {
  const timers: NodeJS.Timeout[] = [];
  const running = new Set<Promise<void>>();
  let stopped = false;

  const runOnce = async (job: PeriodicJob) => {
    const client = await pool.connect();
    try {
      const got = (await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(1, $1) AS ok', [lockKey(job.name)])).rows[0]!.ok;
      if (!got) return;
      try {
        const started = Date.now();
        const summary = await job.run(pool);
        log.info({ job: job.name, ms: Date.now() - started, summary }, 'job done');
      } finally {
        await client.query('SELECT pg_advisory_unlock(1, $1)', [lockKey(job.name)]);
      }
    } catch (error) {
      log.error({ job: job.name, err: error }, 'job failed; will retry at its next interval');
    } finally {
      client.release();
    }
  };

  for (const job of jobs) {
    const tick = () => {
      if (stopped) return;
      const promise = runOnce(job).finally(() => running.delete(promise));
      running.add(promise);
    };
    tick();
    timers.push(setInterval(tick, job.intervalMs));
  }

  return {
    async stop() {
      stopped = true;
      for (const timer of timers) clearInterval(timer);
      await Promise.all(running);
    },
  };
}
