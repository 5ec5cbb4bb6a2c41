import { isoUtc, type PoolClient } from '../db/index.ts';
import { availableAccount, pendingAccount } from './accounts.ts';
import { listOpenLots, type Lot } from './lots.ts';
import { heldPointsSql, overdueLotsSql } from './spendable.ts';

/** What a member's points stand at, as answers to the till report it. */
export interface BalanceSummary {
  /** Spendable points before holds: activated lots not past their date. */
  available: number;
  /** Earned, waiting for the return window to close. */
  pending: number;
  /** Reserved by open holds (e-shop checkouts). */
  held: number;
  /** What can be spent now: available less held. */
  spendable: number;
}

export interface Balance extends BalanceSummary {
  /** Owed by the member after returns under the allow-negative policy; repaid from new points. */
  debt: number;
  lots: Lot[];
}

/**
 * A member's balance as of `now`, in one statement and without writing: lots past their date
 * count as gone even before the expiry sweep has moved them to breakage.
 */
async function readBalance(client: PoolClient, customerId: string, now: Date): Promise<BalanceSummary & { debt: number }> {
  const row = (
    await client.query<{ available: number; pending: number; overdue: number; held: number }>(
      `SELECT (SELECT balance FROM ledger_accounts WHERE id = $3) AS available,
              (SELECT balance FROM ledger_accounts WHERE id = $4) AS pending,
              (SELECT coalesce(sum(remaining), 0) ${overdueLotsSql})::bigint AS overdue,
              ${heldPointsSql} AS held`,
      [customerId, now, availableAccount(customerId), pendingAccount(customerId)],
    )
  ).rows[0]!;
  const rawAvailable = row.available ?? 0;
  const available = Math.max(0, rawAvailable - row.overdue);
  return { available, pending: row.pending ?? 0, held: row.held, spendable: Math.max(0, available - row.held), debt: Math.max(0, -rawAvailable) };
}

/** The four figures a till shows, without listing the lots. */
export async function balanceSummaryOf(client: PoolClient, customerId: string, now: Date): Promise<BalanceSummary> {
  const { debt: _debt, ...summary } = await readBalance(client, customerId, now);
  return summary;
}

/** The whole balance, with the open lots and their dates. */
export async function getBalance(client: PoolClient, customerId: string, now: Date): Promise<Balance> {
  return { ...(await readBalance(client, customerId, now)), lots: await listOpenLots(client, customerId, now) };
}

export interface HistoryEntry {
  id: string;
  reason: string;
  /** Which of the member's accounts moved, and by how much (negative: points left it). */
  account: 'pending' | 'available';
  delta: number;
  reference: string | null;
  comment: string | null;
  created_at: string;
}

/**
 * The member's ledger movements, newest first, including those from before a merge. Every
 * transfer touching a member carries that member's id (a merge carries the survivor's), so the
 * customer index finds them all.
 */
export async function getHistory(client: PoolClient, customerIds: string[], options: { limit: number; before?: string }): Promise<HistoryEntry[]> {
  const accounts = customerIds.flatMap((c) => [pendingAccount(c), availableAccount(c)]);
  const rows = (
    await client.query<{ id: string; reason: string; debit_account_id: string; credit_account_id: string; amount: number; reference: string | null; comment: string | null; created_at: string }>(
      `SELECT id, reason, debit_account_id, credit_account_id, amount, reference, comment,
              ${isoUtc('created_at')} AS created_at
         FROM ledger_transfers
        WHERE customer_id = ANY($1) AND (debit_account_id = ANY($4) OR credit_account_id = ANY($4)) AND ($3::text IS NULL OR id < $3)
        ORDER BY id DESC LIMIT $2`,
      [customerIds, options.limit, options.before ?? null, accounts],
    )
  ).rows;
  const mine = new Set(accounts);
  const entries: HistoryEntry[] = [];
  for (const row of rows) {
    for (const [accountId, sign] of [
      [row.credit_account_id, 1],
      [row.debit_account_id, -1],
    ] as const) {
      if (!mine.has(accountId)) continue;
      entries.push({
        id: row.id,
        reason: row.reason,
        account: accountId.startsWith('pending:') ? 'pending' : 'available',
        delta: sign * row.amount,
        reference: row.reference,
        comment: row.comment,
        created_at: row.created_at,
      });
    }
  }
  return entries;
}
