import type { PoolClient } from '../db/index.ts';
import { availableAccount, lockMembers, pendingAccount } from './accounts.ts';
import { postTransfer, recordLotMovement } from './transfers.ts';

/**
 * Moves everything a member has in the ledger to another: balances by 'transfer' transfers
 * (the absorbed member's history stays under its own accounts), open lots with their dates,
 * and pending holds. A debt moves too, and is repaid at once from the survivor's points.
 */
export async function mergeMemberLedger(client: PoolClient, fromId: string, toId: string, now: Date): Promise<{ pending: number; available: number }> {
  const balances = await lockMembers(client, [fromId, toId]);
  const from = balances.get(fromId)!;
  const to = balances.get(toId)!;
  const move = async (fromAccount: string, toAccount: string, amount: number) => {
    if (amount === 0) return null;
    return postTransfer(client, {
      debit: amount > 0 ? fromAccount : toAccount,
      credit: amount > 0 ? toAccount : fromAccount,
      amount: Math.abs(amount),
      reason: 'transfer',
      customerId: toId,
      reference: fromId,
      comment: `merge of ${fromId} into ${toId}`,
      at: now,
    });
  };
  await move(pendingAccount(fromId), pendingAccount(toId), from.pending);
  const availableTransfer = await move(availableAccount(fromId), availableAccount(toId), from.available);

  await client.query('UPDATE ledger_lots SET customer_id = $2 WHERE customer_id = $1 AND remaining > 0', [fromId, toId]);
  await client.query("UPDATE ledger_holds SET customer_id = $2 WHERE customer_id = $1 AND status = 'pending'", [fromId, toId]);

  // Lots must keep matching the balance: when either side brought a debt, it is repaid at once
  // from the points the other side brought.
  const lots = (
    await client.query<{ id: string; remaining: number }>(
      `SELECT id, remaining FROM ledger_lots WHERE customer_id = $1 AND activated_at IS NOT NULL AND remaining > 0
        ORDER BY expires_at ASC NULLS LAST, available_at, id FOR UPDATE`,
      [toId],
    )
  ).rows;
  let excess = lots.reduce((sum, l) => sum + l.remaining, 0) - Math.max(0, from.available + to.available);
  for (const lot of lots) {
    if (excess <= 0 || !availableTransfer) break;
    const take = Math.min(excess, lot.remaining);
    await recordLotMovement(client, availableTransfer, lot.id, -take, now);
    excess -= take;
  }
  return { pending: from.pending, available: from.available };
}
