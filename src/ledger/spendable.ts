import type { PoolClient } from '../db/index.ts';
import { availableAccount, lockMember, systemAccounts, type LockedBalances } from './accounts.ts';
import { postTransfer, recordLotMovement } from './transfers.ts';

/**
 * The two rules every balance read shares, as SQL over ($1 = customer id, $2 = now):
 * a spendable lot past its date is gone even before the expiry sweep moves it to breakage, and
 * a hold past its expiry reserves nothing even before the timeout job closes it.
 */
export const overdueLotsSql = `FROM ledger_lots WHERE customer_id = $1 AND activated_at IS NOT NULL AND remaining > 0 AND expires_at <= $2`;
export const heldPointsSql = `(SELECT coalesce(sum(amount), 0) FROM ledger_holds WHERE customer_id = $1 AND status = 'pending' AND expires_at > $2)::bigint`;

/** Moves what is left of one overdue lot to breakage. The caller holds the member lock. */
export async function expireLot(client: PoolClient, lot: { id: string; customer_id: string; remaining: number }, now: Date, comment: string): Promise<void> {
  const transferId = await postTransfer(client, {
    debit: availableAccount(lot.customer_id),
    credit: systemAccounts.breakage,
    amount: lot.remaining,
    reason: 'expire',
    customerId: lot.customer_id,
    reference: lot.id,
    comment,
    at: now,
  });
  await recordLotMovement(client, transferId, lot.id, -lot.remaining, now);
  await client.query('UPDATE ledger_lots SET expired_at = $2 WHERE id = $1', [lot.id, now]);
}

/**
 * Locks a member and expires their overdue lots on the spot, so that points past their date are
 * never spent, even when the expiry job has not come round yet.
 */
export async function lockAndSweep(client: PoolClient, customerId: string, now: Date): Promise<LockedBalances> {
  return (await lockForSpending(client, customerId, now)).balances;
}

/**
 * lockAndSweep plus the points held, in two round trips: the lock, then one statement saying
 * whether anything is overdue and what holds reserve.
 */
export async function lockForSpending(client: PoolClient, customerId: string, now: Date): Promise<{ balances: LockedBalances; held: number; spendable: number }> {
  const before = await lockMember(client, customerId);
  // A separate statement on purpose: it must see what the transaction we may have waited for
  // committed. In the locking statement itself, subqueries would read the snapshot taken before
  // the wait (only the locked rows are re-read), and a hold made meanwhile would be missed.
  const { overdue, held } = (
    await client.query<{ overdue: boolean; held: number }>(
      `SELECT EXISTS (SELECT 1 ${overdueLotsSql}) AS overdue, ${heldPointsSql} AS held`,
      [customerId, now],
    )
  ).rows[0]!;
  const balances = overdue ? await sweepOverdue(client, customerId, now) : before;
  return { balances, held, spendable: Math.max(0, balances.available - held) };
}

async function sweepOverdue(client: PoolClient, customerId: string, now: Date): Promise<LockedBalances> {
  const overdue = (
    await client.query<{ id: string; customer_id: string; remaining: number }>(
      `SELECT id, customer_id, remaining ${overdueLotsSql} ORDER BY id FOR UPDATE`,
      [customerId, now],
    )
  ).rows;
  for (const lot of overdue) await expireLot(client, lot, now, 'expired on use');
  // Re-read: the lock is already ours, this only fetches the balances after the sweep.
  return lockMember(client, customerId);
}
