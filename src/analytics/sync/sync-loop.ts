import type { Pool } from '../../db/index.ts';
import type { AnalyticsStore } from '../analytics-store.ts';
import { syncOnce } from './outbox-sync.ts';

/**
 * Keeps the read side current in the process that holds it: a pass every `intervalMs`, each
 * catching up on what committed since. A failed pass is logged and retried on the next tick;
 * its transaction left nothing half-applied.
 */
export function startAnalyticsSync(pool: Pool, store: AnalyticsStore, options: { intervalMs: number; onError: (error: unknown) => void }): { stop(): Promise<void> } {
  const dimensions = { signature: '' };
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const tick = () => {
    running = syncOnce(pool, store, { dimensions })
      .catch(options.onError)
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, options.intervalMs);
      });
  };
  let timer: NodeJS.Timeout = setTimeout(tick, 0);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
