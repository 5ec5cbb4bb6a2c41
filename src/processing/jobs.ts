import { withTransaction, type PeriodicJob, type Pool } from '../db/index.ts';
import { activateDueLots, expireAllSpendable, expireDueLots, timeOutHolds } from '../ledger/index.ts';
import { currentSettings } from './program-settings-store.ts';
import { recalculateTiers } from './tier-recalculation.ts';

/** Under the inactivity policy, members without a purchase for N days lose their points. */
export async function expireInactiveMembers(pool: Pool, now: Date): Promise<number> {
  const { settings } = await withTransaction(pool, (c) => currentSettings(c));
  if (settings.expiry.kind !== 'inactivity') return 0;
  const { days } = settings.expiry;
  const cutoff = new Date(now.getTime() - days * 86_400_000);
  const due = (
    await pool.query<{ id: string }>(
      `SELECT c.id FROM customers c WHERE c.last_purchase_at < $1
          AND EXISTS (SELECT 1 FROM ledger_lots l WHERE l.customer_id = c.id AND l.activated_at IS NOT NULL AND l.remaining > 0)`,
      [cutoff],
    )
  ).rows;
  let points = 0;
  for (const { id } of due) {
    points += await withTransaction(pool, (client) => expireAllSpendable(client, id, now, `no purchase for ${days} days`));
  }
  return points;
}

/** The processing module's background work; each job is idempotent and safe to rerun after a crash. */
export function processingJobs(clock: () => Date = () => new Date()): PeriodicJob[] {
  return [
    { name: 'ledger.activate-lots', intervalMs: 60_000, run: async (pool) => `${await activateDueLots(pool, clock())} lots activated` },
    { name: 'ledger.expire-lots', intervalMs: 5 * 60_000, run: async (pool) => `${await expireDueLots(pool, clock())} members swept` },
    { name: 'ledger.expire-inactive', intervalMs: 60 * 60_000, run: async (pool) => `${await expireInactiveMembers(pool, clock())} points expired` },
    { name: 'ledger.time-out-holds', intervalMs: 60_000, run: async (pool) => `${await timeOutHolds(pool, clock())} holds timed out` },
    {
      name: 'customers.recalculate-tiers',
      intervalMs: 6 * 60 * 60_000,
      run: async (pool) => {
        const { checked, changed } = await recalculateTiers(pool, clock());
        return `${changed} of ${checked} tiers changed`;
      },
    },
  ];
}
