import { newId } from '../core/index.ts';
import { appendOutbox, type PoolClient } from '../db/index.ts';
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
}

/**
 * Posts one balanced transfer and updates the cached balances of the member accounts it
 * touches, in the caller's transaction. Amounts are positive integers; direction is given by
 * which account is debited.
 */
export async function postTransfer(client: PoolClient, input: TransferInput): Promise<string> {
  if (!Number.isSafeInteger(input.amount) || input.amount <= 0) throw new RangeError(`transfer amount ${input.amount} must be a positive integer`);
  const id = newId('trf', input.at.getTime());
  await client.query(
    `INSERT INTO ledger_transfers (id, debit_account_id, credit_account_id, amount, reason, customer_id, reference, comment, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [id, input.debit, input.credit, input.amount, input.reason, input.customerId, input.reference ?? null, input.comment ?? null, input.at],
  );
  await appendOutbox(client, 'ledger.transfer', {
    id,
    debit: input.debit,
    credit: input.credit,
    amount: input.amount,
    reason: input.reason,
    customer_id: input.customerId,
    reference: input.reference ?? null,
    at: input.at.toISOString(),
  });
  if (isMemberAccount(input.debit)) {
    await client.query('UPDATE ledger_accounts SET balance = balance - $2 WHERE id = $1', [input.debit, input.amount]);
  }
  if (isMemberAccount(input.credit)) {
    await client.query('UPDATE ledger_accounts SET balance = balance + $2 WHERE id = $1', [input.credit, input.amount]);
  }
  return id;
}

/** Records how a transfer changed a lot's remaining points (negative: taken from the lot). */
export async function recordLotMovement(client: PoolClient, transferId: string, lotId: string, amount: number): Promise<void> {
  if (amount === 0) return;
  await client.query('INSERT INTO ledger_lot_movements (transfer_id, lot_id, amount) VALUES ($1, $2, $3)', [transferId, lotId, amount]);
  await client.query('UPDATE ledger_lots SET remaining = remaining + $2 WHERE id = $1', [lotId, amount]);
}
