import type { AnalyticsStore } from '../analytics/index.ts';
import { PatronError } from '../core/index.ts';

/** The read side, for routes that need it: a process whose role lacks it answers not_ready. */
export function requireAnalytics(store: AnalyticsStore | undefined): AnalyticsStore {
  if (!store) throw new PatronError('not_ready', 'This Patron process does not hold the analytics store (see --role)');
  return store;
}
