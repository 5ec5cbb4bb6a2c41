import type { PoolClient } from '../db/index.ts';
import { availableAccount, lockMember, pendingAccount, systemAccounts } from './accounts.ts';
import { newId } from '../core/index.ts';
import { postTransfer, recordLotMovement, type TransferReason } from './transfers.ts';

export interface EarnInput {
  customerId: string;
  amount: number;
  /** When the points become spendable; at or before `now` they are spendable at once. */
  availableAt: Date;
  expiresAt: Date | null;
  reference: string | null;
  comment?: string | null;
  now: Date;
  /** The member's available balance when the caller already holds the member lock (saves a query). */
  lockedAvailable?: number;
}

/**
 * A member in debt (negative available balance, possible only under the allow-negative return
 * policy) repays it from points as they become spendable: the lot keeps only what is left.
 */
export async function repayDebtFromLot(client: PoolClient, lotId: string, transferId: string, amount: number, availableBefore: number, at: Date): Promise<void> {
  const debt = Math.max(0, -availableBefore);
  if (debt > 0) await recordLotMovement(client, transferId, lotId, -Math.min(debt, amount), at);
}

async function creditWithLot(client: PoolClient, input: EarnInput, reason: TransferReason, from: string): Promise<{ transferId: string; lotId: string }> {
  const available = input.lockedAvailable ?? (await lockMember(client, input.customerId)).available;
  const spendableNow = input.availableAt.getTime() <= input.now.getTime();
  const lotId = newId('lot', input.now.getTime());
  const transferId = await postTransfer(client, {
    debit: from,
    credit: spendableNow ? availableAccount(input.customerId) : pendingAccount(input.customerId),
    amount: input.amount,
    reason,
    customerId: input.customerId,
    reference: input.reference,
    comment: input.comment ?? null,
    at: input.now,
    lot: {
      id: lotId,
      customerId: input.customerId,
      availableAt: spendableNow ? input.now : input.availableAt,
      activatedAt: spendableNow ? input.now : null,
      expiresAt: input.expiresAt,
    },
  });
  if (spendableNow) await repayDebtFromLot(client, lotId, transferId, input.amount, available, input.now);
  return { transferId, lotId };
}

/** Points earned on a purchase: a new lot, pending until the return window closes. */
export function earn(client: PoolClient, input: EarnInput) {
  return creditWithLot(client, input, 'earn', systemAccounts.issuance);
}

/** Points given back (a returned purchase that was paid with points): spendable at once. */
export function refund(client: PoolClient, input: Omit<EarnInput, 'availableAt'>) {
  return creditWithLot(client, { ...input, availableAt: input.now }, 'reverse', systemAccounts.redemption);
}

/** An operator's positive correction. */
export function adjustUp(client: PoolClient, input: Omit<EarnInput, 'availableAt'>) {
  return creditWithLot(client, { ...input, availableAt: input.now }, 'adjust', systemAccounts.adjustment);
}
