import type { Command } from 'commander';
import { rebuildReadSide, syncLag, syncOnce, type SyncReport } from '../../analytics/index.ts';
import { configFrom } from '../options.ts';
import { createProgress } from '../progress.ts';
import { refreshRollupsWithProgress } from '../refresh-rollups.ts';
import { withAnalyticsStore } from '../runtime.ts';

function printReport(report: SyncReport): void {
  const topics = Object.entries(report.topics).sort((a, b) => b[1] - a[1]).map(([t, n]) => `${t} ${n}`).join(', ');
  process.stdout.write(`${report.events} events applied${topics ? ` (${topics})` : ''}; ${report.state.events_applied} in all, last from ${report.state.last_event_at ?? '—'}\n`);
}

export function registerAnalyticsCommand(program: Command): void {
  const analytics = program.command('analytics').description('The analytics read side (DuckDB), fed from the outbox');

  analytics
    .command('sync')
    .description('Apply the outbox events not yet on the read side, then exit')
    .action(async (_options: object, command: Command) => {
      await withAnalyticsStore(configFrom(command), async ({ db, analytics: store }) => {
        const { pending_events } = await syncLag(db.pool, store);
        const bar = createProgress('sync', pending_events);
        let done = 0;
        const report = await syncOnce(db.pool, store, { onBatch: (s) => bar.update((done = s.events_applied), '') });
        bar.finish(`${done}`);
        await refreshRollupsWithProgress(store);
        printReport(report);
      });
    });

  analytics
    .command('status')
    .description('Where the read side stands: events applied, events waiting, lag')
    .action(async (_options: object, command: Command) => {
      await withAnalyticsStore(configFrom(command), async ({ db, analytics: store }) => {
        const lag = await syncLag(db.pool, store);
        process.stdout.write(
          `events applied: ${lag.state.events_applied}\nevents waiting: ${lag.pending_events}\nlag: ${lag.lag_seconds.toFixed(1)} s\nlast synced: ${lag.state.synced_at ?? 'never'}\n`,
        );
      });
    });

  analytics
    .command('rebuild')
    .description('Empty what the sync wrote and apply the whole outbox again (imported data stays)')
    .action(async (_options: object, command: Command) => {
      await withAnalyticsStore(configFrom(command), async ({ db, analytics: store }) => {
        const { rows } = await db.pool.query<{ n: number }>('SELECT count(*)::bigint AS n FROM outbox');
        const bar = createProgress('rebuild', Number(rows[0]!.n));
        const report = await rebuildReadSide(db.pool, store, (s) => bar.update(s.events_applied));
        bar.finish();
        await refreshRollupsWithProgress(store);
        printReport(report);
      });
    });
}
