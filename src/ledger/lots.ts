import { isoUtc, type PoolClient } from '../db/index.ts';
import { recordLotMovement } from './transfers.ts';

export interface Lot {
  id: string;
  amount: number;
  remaining: number;
  available_at: string;
  activated: boolean;
  expires_at: string | null;
  reference: string | null;
}

/**
 * Takes `amount` from a member's spendable lots, soonest-expiring first (never-expiring last,
 * then oldest), recording each lot's share against the transfer. The caller holds the member
 * lock and has checked the balance.
 */
export async function consumeLots(client: PoolClient, customerId: string, transferId: string, amount: number, now: Date): Promise<{ lotId: string; amount: number }[]> {
  const lots = (
    await client.query<{ id: string; remaining: number }>(
      `SELECT id, remaining FROM ledger_lots
        WHERE customer_id = $1 AND activated_at IS NOT NULL AND remaining > 0 AND (expires_at IS NULL OR expires_at > $2)
        ORDER BY expires_at ASC NULLS LAST, available_at, id
        FOR UPDATE`,
      [customerId, now],
    )
  ).rows;
  const taken: { lotId: string; amount: number }[] = [];
  let left = amount;
  for (const lot of lots) {
    if (left === 0) break;
    const take = Math.min(lot.remaining, left);
    await recordLotMovement(client, transferId, lot.id, -take, now);
    taken.push({ lotId: lot.id, amount: take });
    left -= take;
  }
  if (left > 0) throw new Error(`ledger inconsistency: lots of ${customerId} hold ${amount - left} spendable points, balance said ${amount}`);
  return taken;
}

const lotColumns = `id, amount, remaining, activated_at IS NOT NULL AS activated, reference,
  ${isoUtc('available_at')} AS available_at,
  ${isoUtc('expires_at')} AS expires_at`;

/** Lots with points left (pending or spendable and not expired), soonest-expiring first. */
export async function listOpenLots(client: PoolClient, customerId: string, now: Date): Promise<Lot[]> {
  return (
    await client.query<Lot>(
      `SELECT ${lotColumns} FROM ledger_lots
        WHERE customer_id = $1 AND remaining > 0 AND (expires_at IS NULL OR expires_at > $2)
        ORDER BY expires_at ASC NULLS LAST, available_at, id`,
      [customerId, now],
    )
  ).rows;
}
