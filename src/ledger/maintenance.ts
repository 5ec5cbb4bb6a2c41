import { withTransaction, type Pool, type PoolClient } from '../db/index.ts';
import { availableAccount, lockMember, pendingAccount } from './accounts.ts';
import { repayDebtFromLot } from './earn.ts';
import { expireLot, lockAndSweep } from './spendable.ts';
import { postTransfer } from './transfers.ts';

/**
 * Background sweeps. Each finds the members with due work without locking, then handles one
 * member per transaction under the member lock (the same order every other operation uses), so
 * a sweep never deadlocks with a till and a crash mid-sweep loses nothing: what was not done is
 * still due next time.
 */
async function forEachDueMember(pool: Pool, dueSql: string, params: unknown[], fn: (client: PoolClient, customerId: string) => Promise<number>): Promise<number> {
  const due = (await pool.query<{ customer_id: string }>(dueSql, params)).rows;
  let done = 0;
  for (const { customer_id } of due) done += await withTransaction(pool, (client) => fn(client, customer_id));
  return done;
}

/** Pending lots whose return window has closed become spendable. Returns lots activated. */
export async function activateDueLots(pool: Pool, now: Date, limit = 1000): Promise<number> {
  return forEachDueMember(
    pool,
    'SELECT DISTINCT customer_id FROM ledger_lots WHERE activated_at IS NULL AND remaining > 0 AND available_at <= $1 LIMIT $2',
    [now, limit],
    async (client, customerId) => {
      let { available } = await lockMember(client, customerId);
      const lots = (
        await client.query<{ id: string; remaining: number }>(
          'SELECT id, remaining FROM ledger_lots WHERE customer_id = $1 AND activated_at IS NULL AND remaining > 0 AND available_at <= $2 ORDER BY available_at, id FOR UPDATE',
          [customerId, now],
        )
      ).rows;
      for (const lot of lots) {
        const transferId = await postTransfer(client, {
          debit: pendingAccount(customerId),
          credit: availableAccount(customerId),
          amount: lot.remaining,
          reason: 'activate',
          customerId,
          reference: lot.id,
          at: now,
        });
        await client.query('UPDATE ledger_lots SET activated_at = $2 WHERE id = $1', [lot.id, now]);
        await repayDebtFromLot(client, lot.id, transferId, lot.remaining, available, now);
        available += lot.remaining;
      }
      return lots.length;
    },
  );
}

/** Spendable lots past their date go to breakage. Returns members swept. */
export async function expireDueLots(pool: Pool, now: Date, limit = 1000): Promise<number> {
  return forEachDueMember(
    pool,
    'SELECT DISTINCT customer_id FROM ledger_lots WHERE activated_at IS NOT NULL AND remaining > 0 AND expires_at <= $1 LIMIT $2',
    [now, limit],
    async (client, customerId) => {
      await lockAndSweep(client, customerId, now);
      return 1;
    },
  );
}

/** All of a member's spendable points expire (the inactivity policy). Returns points expired. */
export async function expireAllSpendable(client: PoolClient, customerId: string, now: Date, comment: string): Promise<number> {
  await lockMember(client, customerId);
  const lots = (
    await client.query<{ id: string; customer_id: string; remaining: number }>(
      'SELECT id, customer_id, remaining FROM ledger_lots WHERE customer_id = $1 AND activated_at IS NOT NULL AND remaining > 0 ORDER BY id FOR UPDATE',
      [customerId],
    )
  ).rows;
  for (const lot of lots) await expireLot(client, lot, now, comment);
  return lots.reduce((sum, l) => sum + l.remaining, 0);
}

/** Holds left open past their TTL are closed. Returns holds timed out. */
export async function timeOutHolds(pool: Pool, now: Date): Promise<number> {
  const result = await pool.query("UPDATE ledger_holds SET status = 'expired', resolved_at = $1 WHERE status = 'pending' AND expires_at <= $1", [now]);
  return result.rowCount ?? 0;
}
