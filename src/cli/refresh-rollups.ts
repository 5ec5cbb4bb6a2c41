import { refreshRollups, type AnalyticsStore } from '../analytics/index.ts';
import { progressOnDemand } from './progress.ts';

/** The rollups over the days a command wrote or took away, with a progress bar, now rather than on the first report that reads them. */
export async function refreshRollupsWithProgress(analytics: AnalyticsStore): Promise<void> {
  const progress = progressOnDemand('rollups', 'months');
  await refreshRollups(analytics, { onMonth: (done, total) => progress.update(done, total) });
  progress.finish();
}
