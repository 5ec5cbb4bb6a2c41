import { join } from 'node:path';
import { openAnalyticsStore, type AnalyticsStore } from '../../src/analytics/index.ts';

/** Runs fn over a migrated read side in a new data folder (from `newHome`), closed after. */
export async function withAnalyticsHome(newHome: () => string, fn: (store: AnalyticsStore, home: string) => Promise<void>): Promise<void> {
  const home = newHome();
  const store = await openAnalyticsStore(join(home, 'analytics.duckdb'));
  try {
    await store.migrate();
    await fn(store, home);
  } finally {
    store.close();
  }
}
