import type { PoolClient } from '../db/index.ts';
import { availableAccount, pendingAccount, systemAccounts } from './accounts.ts';
import { lockForSpending } from './spendable.ts';
import { postTransfer, recordLotMovement } from './transfers.ts';

/** What a return does to earned points that were already activated or spent. */
export type ClawbackPolicy = 'pending_only' | 'up_to_balance' | 'allow_negative';

export interface ClawbackInput {
  customerId: string;
  /** Points earned on what is being returned. */
  amount: number;
  /** The reference the points were earned under (the receipt): its lots are taken first. */
  earnedUnder: string;
  /** The return or cancellation doing it. */
  reference: string;
  policy: ClawbackPolicy;
  now: Date;
}

export interface ClawbackResult {
  clawedBack: number;
  /** Points the policy let the member keep because they were already activated or spent. */
  forgiven: number;
}

/**
 * Takes back points earned on returned goods, as the return policy says:
 * - pending_only: only what still sits pending in the receipt's own lots;
 * - up_to_balance: then from the receipt's activated lots and the member's other spendable
 *   points (never touching points reserved by holds), forgiving the rest;
 * - allow_negative: all of it, the available balance going negative if need be (a debt repaid
 *   from future points).
 */
export async function clawBackEarned(client: PoolClient, input: ClawbackInput): Promise<ClawbackResult> {
  if (input.amount <= 0) return { clawedBack: 0, forgiven: 0 };
  const { balances, held } = await lockForSpending(client, input.customerId, input.now);
  let need = input.amount;
  let clawedBack = 0;

  const ownLots = (
    await client.query<{ id: string; remaining: number; activated: boolean }>(
      `SELECT id, remaining, activated_at IS NOT NULL AS activated FROM ledger_lots
        WHERE customer_id = $1 AND reference = $2 AND remaining > 0 AND (expires_at IS NULL OR expires_at > $3)
        ORDER BY activated_at IS NOT NULL, created_at FOR UPDATE`,
      [input.customerId, input.earnedUnder, input.now],
    )
  ).rows;

  const take = async (fromAccount: string, lots: { id: string; take: number }[], amount: number) => {
    if (amount <= 0) return;
    const transferId = await postTransfer(client, {
      debit: fromAccount,
      credit: systemAccounts.issuance,
      amount,
      reason: 'reverse',
      customerId: input.customerId,
      reference: input.reference,
      at: input.now,
    });
    for (const lot of lots) await recordLotMovement(client, transferId, lot.id, -lot.take, input.now);
    clawedBack += amount;
    need -= amount;
  };

  // 1. Pending points of the receipt's own lots.
  const pendingTakes: { id: string; take: number }[] = [];
  let fromPending = 0;
  for (const lot of ownLots.filter((l) => !l.activated)) {
    const t = Math.min(lot.remaining, need - fromPending);
    if (t > 0) pendingTakes.push({ id: lot.id, take: t });
    fromPending += t;
  }
  await take(pendingAccount(input.customerId), pendingTakes, fromPending);
  if (need === 0 || input.policy === 'pending_only') return { clawedBack, forgiven: need };

  // 2. Spendable points: the receipt's activated lots first, then the member's other lots.
  // (Step 1 moved only pending points, so the available balance and holds read under the lock stand.)
  let spendable = Math.max(0, balances.available - held);
  const otherLots = (
    await client.query<{ id: string; remaining: number }>(
      `SELECT id, remaining FROM ledger_lots
        WHERE customer_id = $1 AND activated_at IS NOT NULL AND remaining > 0 AND (expires_at IS NULL OR expires_at > $3)
          AND reference IS DISTINCT FROM $2
        ORDER BY expires_at ASC NULLS LAST, available_at, id FOR UPDATE`,
      [input.customerId, input.earnedUnder, input.now],
    )
  ).rows;
  const availableTakes: { id: string; take: number }[] = [];
  let fromAvailable = 0;
  for (const lot of [...ownLots.filter((l) => l.activated), ...otherLots]) {
    const t = Math.min(lot.remaining, need - fromAvailable, spendable);
    if (t <= 0) break;
    availableTakes.push({ id: lot.id, take: t });
    fromAvailable += t;
    spendable -= t;
  }
  await take(availableAccount(input.customerId), availableTakes, fromAvailable);
  if (need === 0 || input.policy === 'up_to_balance') return { clawedBack, forgiven: need };

  // 3. allow_negative: first what holds reserve (lots must keep matching the balance), then
  // the rest as a debt on the available account.
  const rest: { id: string; take: number }[] = [];
  let fromRest = 0;
  const taken = new Map(availableTakes.map((t) => [t.id, t.take]));
  for (const lot of [...ownLots.filter((l) => l.activated), ...otherLots]) {
    const t = Math.min(lot.remaining - (taken.get(lot.id) ?? 0), need - fromRest);
    if (t > 0) rest.push({ id: lot.id, take: t });
    fromRest += Math.max(0, t);
  }
  await take(availableAccount(input.customerId), rest, need);
  return { clawedBack, forgiven: 0 };
}
