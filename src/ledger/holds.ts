import { PatronError, newId } from '../core/index.ts';
import { isoUtc, type PoolClient } from '../db/index.ts';
import { lockMember } from './accounts.ts';
import { redeem } from './redeem.ts';
import { lockForSpending } from './spendable.ts';

export interface Hold {
  id: string;
  customer_id: string;
  amount: number;
  status: 'pending' | 'posted' | 'voided' | 'expired';
  expires_at: string;
  reference: string | null;
  captured_amount: number | null;
  redeem_transfer_id: string | null;
}

const holdColumns = `id, customer_id, amount, status, reference, captured_amount, redeem_transfer_id,
  ${isoUtc('expires_at')} AS expires_at`;

export async function createHold(
  client: PoolClient,
  input: { customerId: string; amount: number; ttlMinutes: number; reference: string | null; now: Date },
): Promise<Hold> {
  const { spendable } = await lockForSpending(client, input.customerId, input.now);
  if (input.amount > spendable) {
    throw new PatronError('insufficient_points', `Only ${spendable} points can be held`, { details: { spendable_points: spendable } });
  }
  const id = newId('hld', input.now.getTime());
  const expiresAt = new Date(input.now.getTime() + input.ttlMinutes * 60_000);
  return (
    await client.query<Hold>(
      `INSERT INTO ledger_holds (id, customer_id, amount, status, expires_at, reference, created_at)
       VALUES ($1, $2, $3, 'pending', $4, $5, $6) RETURNING ${holdColumns}`,
      [id, input.customerId, input.amount, expiresAt, input.reference, input.now],
    )
  ).rows[0]!;
}

export async function getHold(client: PoolClient, holdId: string): Promise<Hold> {
  const hold = (await client.query<Hold>(`SELECT ${holdColumns} FROM ledger_holds WHERE id = $1`, [holdId])).rows[0];
  if (!hold) throw new PatronError('not_found', `No hold ${holdId}`);
  return hold;
}

/** Locks the member, then the hold, and checks it can still be resolved. */
async function lockOpenHold(client: PoolClient, holdId: string, now: Date): Promise<Hold> {
  const { customer_id } = await getHold(client, holdId);
  await lockMember(client, customer_id);
  const hold = (await client.query<Hold & { expired: boolean }>(`SELECT ${holdColumns}, expires_at <= $2 AS expired FROM ledger_holds WHERE id = $1 FOR UPDATE`, [holdId, now]))
    .rows[0]!;
  if (hold.status !== 'pending' || hold.expired) {
    throw new PatronError('hold_closed', `Hold ${holdId} is ${hold.status === 'pending' ? 'expired' : hold.status}`, {
      details: { hold_status: hold.status === 'pending' ? 'expired' : hold.status },
    });
  }
  return hold;
}

/**
 * Posts a hold: redeems `amount` (at most the held amount; the rest is released) as one redeem
 * transfer. The hold stops counting as held in the same transaction, so its points are spent
 * exactly once.
 */
export async function captureHold(client: PoolClient, holdId: string, input: { amount?: number; reference: string | null; now: Date }): Promise<{ hold: Hold; transferId: string | null }> {
  const hold = await lockOpenHold(client, holdId, input.now);
  const amount = input.amount ?? hold.amount;
  if (amount > hold.amount) {
    throw new PatronError('insufficient_points', `The hold reserves ${hold.amount} points; ${amount} cannot be captured`, {
      details: { held_points: hold.amount },
    });
  }
  await client.query("UPDATE ledger_holds SET status = 'posted', resolved_at = $2, captured_amount = $3 WHERE id = $1", [holdId, input.now, amount]);
  const transferId = amount > 0 ? (await redeem(client, { customerId: hold.customer_id, amount, reference: input.reference ?? holdId, now: input.now })).transferId : null;
  if (transferId) await client.query('UPDATE ledger_holds SET redeem_transfer_id = $2 WHERE id = $1', [holdId, transferId]);
  return { hold: await getHold(client, holdId), transferId };
}

export async function voidHold(client: PoolClient, holdId: string, now: Date): Promise<Hold> {
  await lockOpenHold(client, holdId, now);
  await client.query("UPDATE ledger_holds SET status = 'voided', resolved_at = $2 WHERE id = $1", [holdId, now]);
  return getHold(client, holdId);
}
