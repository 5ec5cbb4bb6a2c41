import { PatronError } from '../core/index.ts';
import type { PoolClient } from '../db/index.ts';
import { availableAccount, systemAccounts } from './accounts.ts';
import { lockForSpending } from './spendable.ts';
import { consumeLots } from './lots.ts';
import { postTransfer, type TransferReason } from './transfers.ts';

export interface TakeInput {
  customerId: string;
  amount: number;
  reference: string | null;
  comment?: string | null;
  now: Date;
  /** What the member may spend, when the caller already holds the lock and knows it. */
  lockedSpendable?: number;
}

/**
 * Takes spendable points from a member to a system account, consuming lots soonest-expiring
 * first. Spendable means available less active holds; it can never go below zero here, whatever
 * the concurrency, because the member's accounts are locked for the check and the posting.
 */
async function takePoints(client: PoolClient, input: TakeInput, reason: TransferReason, to: string): Promise<{ transferId: string; lots: { lotId: string; amount: number }[] }> {
  const spendable = input.lockedSpendable ?? (await lockForSpending(client, input.customerId, input.now)).spendable;
  if (input.amount > spendable) {
    throw new PatronError('insufficient_points', `The member can spend ${spendable} points; ${input.amount} were asked for`, {
      details: { spendable_points: spendable },
    });
  }
  const transferId = await postTransfer(client, {
    debit: availableAccount(input.customerId),
    credit: to,
    amount: input.amount,
    reason,
    customerId: input.customerId,
    reference: input.reference,
    comment: input.comment ?? null,
    at: input.now,
  });
  const lots = await consumeLots(client, input.customerId, transferId, input.amount, input.now);
  return { transferId, lots };
}

export function redeem(client: PoolClient, input: TakeInput) {
  return takePoints(client, input, 'redeem', systemAccounts.redemption);
}

/** An operator's negative correction: points leave to the adjustment account, never below zero. */
export function adjustDown(client: PoolClient, input: TakeInput) {
  return takePoints(client, input, 'adjust', systemAccounts.adjustment);
}
