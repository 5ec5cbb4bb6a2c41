import { newId } from '../core/index.ts';
import type { PoolClient } from '../db/index.ts';
import { isMemberAccount } from './accounts.ts';

export const transferReasons = ['earn', 'redeem', 'expire', 'reverse', 'adjust', 'activate', 'transfer'] as const;
export type TransferReason = (typeof transferReasons)[number];

export interface TransferInput {
  debit: string;
  credit: string;
  amount: number;
  reason: TransferReason;
  customerId: string | null;
  reference?: string | null;
  comment?: string | null;
  at: Date;
  /** A lot created by this transfer (earns, refunds, positive adjustments), in the same statement. */
  lot?: { id: string; customerId: string; availableAt: Date; activatedAt: Date | null; expiresAt: Date | null };
}

/**
 * Posts one balanced transfer and updates the cached balances of the member accounts it
 * touches, in the caller's transaction. Amounts are positive integers; direction is given by
 * which account is debited.
 */
export async function postTransfer(client: PoolClient, input: TransferInput): Promise<string> {
  if (!Number.isSafeInteger(input.amount) || input.amount <= 0) throw new RangeError(`transfer amount ${input.amount} must be a positive integer`);
  const id = newId('trf', input.at.getTime());
  const event = {
    id,
    debit: input.debit,
    credit: input.credit,
    amount: input.amount,
    reason: input.reason,
    customer_id: input.customerId,
    reference: input.reference ?? null,
    at: input.at.toISOString(),
    // The lot this transfer opens, so the read side can tell which points expire when.
    lot: input.lot ? { id: input.lot.id, available_at: input.lot.availableAt.toISOString(), expires_at: input.lot.expiresAt?.toISOString() ?? null } : null,
  };
  // One statement, one round trip: the transfer, its outbox event and the cached balances of
  // the member accounts it touches (system accounts are summed on demand, never cached).
  await client.query(
    `WITH transfer AS (
       INSERT INTO ledger_transfers (id, debit_account_id, credit_account_id, amount, reason, customer_id, reference, comment, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)),
     event AS (INSERT INTO outbox (topic, payload) VALUES ('ledger.transfer', $10)),
     debited AS (UPDATE ledger_accounts SET balance = balance - $4 WHERE id = $2 AND $11::boolean),
     credited AS (UPDATE ledger_accounts SET balance = balance + $4 WHERE id = $3 AND $12::boolean),
     lot AS (
       INSERT INTO ledger_lots (id, customer_id, source_transfer_id, amount, remaining, available_at, activated_at, expires_at, reference, created_at)
       SELECT $13, $14, $1, $4, $4, $15, $16, $17, $7, $9 WHERE $13::text IS NOT NULL)
     SELECT 1`,
    [
      id,
      input.debit,
      input.credit,
      input.amount,
      input.reason,
      input.customerId,
      input.reference ?? null,
      input.comment ?? null,
      input.at,
      JSON.stringify(event),
      isMemberAccount(input.debit),
      isMemberAccount(input.credit),
      input.lot?.id ?? null,
      input.lot?.customerId ?? null,
      input.lot?.availableAt ?? null,
      input.lot?.activatedAt ?? null,
      input.lot?.expiresAt ?? null,
    ],
  );
  return id;
}

/**
 * Records how a transfer changed a lot's remaining points (negative: taken from the lot), with
 * its outbox event, in one statement.
 */
export async function recordLotMovement(client: PoolClient, transferId: string, lotId: string, amount: number, at: Date): Promise<void> {
  if (amount === 0) return;
  await client.query(
    `WITH movement AS (INSERT INTO ledger_lot_movements (transfer_id, lot_id, amount) VALUES ($1, $2, $3)),
          event AS (INSERT INTO outbox (topic, payload) VALUES ('ledger.lot_moved', json_build_object('transfer_id', $1::text, 'lot_id', $2::text, 'amount', $3::bigint, 'at', $4::text)))
     UPDATE ledger_lots SET remaining = remaining + $3 WHERE id = $2`,
    [transferId, lotId, amount, at.toISOString()],
  );
}
