import { listValue } from '@duckdb/node-api';
import type { AnalyticsStore } from '../analytics-store.ts';
import type { TableRow } from '../table-columns.ts';

/**
 * Adds lot movements to the state their lots carry (migration 0012: moved, redeemed, the
 * redemptions' weighted time, merged), so the redemption rate reads the lots alone instead of
 * grouping every movement by lot on each run. Called with each sync batch's movements after they
 * are appended, in the batch's transaction: the batch is applied once, so adding is exact.
 *
 * A movement's kind is its transfer's reason. The transfer's event comes before its movements' in
 * the outbox, so it is in `transfers` (the batch's own ledger movements) or, when a batch ends
 * between them, already on the read side: looked up there only then, since a join with every
 * ledger movement cost 0.1 s a batch on the 5-million-receipt chain. The lot is on the read side
 * too: an earlier transfer opened it.
 */
export async function addLotMovements(store: AnalyticsStore, movements: readonly TableRow[], transfers: readonly TableRow[] = []): Promise<void> {
  if (movements.length === 0) return;
  const reasons = new Map(transfers.map((t) => [String(t['transfer_id']), String(t['reason'])]));
  const missing = [...new Set(movements.map((m) => String(m['transfer_id'])).filter((id) => !reasons.has(id)))];
  if (missing.length > 0) {
    const found = await store.query(`SELECT transfer_id, reason FROM ledger_movements WHERE transfer_id IN (SELECT unnest($1::VARCHAR[]))`, [listValue(missing)]);
    for (const row of found) reasons.set(String(row['transfer_id']), String(row['reason']));
  }
  await store.run(
    `UPDATE point_lots l
        SET moved = coalesce(l.moved, 0) + d.moved, redeemed = coalesce(l.redeemed, 0) + d.redeemed,
            redeemed_weighted_epoch_us = coalesce(l.redeemed_weighted_epoch_us, 0) + d.redeemed_weighted_epoch_us, merged = coalesce(l.merged, false) OR d.merged
       FROM (SELECT lot_id, sum(amount) AS moved, coalesce(-sum(amount) FILTER (WHERE reason = 'redeem'), 0) AS redeemed,
                    coalesce(-sum(amount::HUGEINT * epoch_us(ts)) FILTER (WHERE reason = 'redeem'), 0) AS redeemed_weighted_epoch_us,
                    coalesce(bool_or(reason = 'transfer'), false) AS merged
               FROM (SELECT unnest($1::VARCHAR[]) AS lot_id, unnest($2::VARCHAR[]) AS reason, unnest($3::BIGINT[]) AS amount, unnest($4::VARCHAR[])::TIMESTAMPTZ AS ts)
              GROUP BY lot_id) d
      WHERE l.lot_id = d.lot_id`,
    [
      listValue(movements.map((m) => String(m['lot_id']))),
      listValue(movements.map((m) => reasons.get(String(m['transfer_id'])) ?? null)),
      listValue(movements.map((m) => m['amount'] as number)),
      listValue(movements.map((m) => String(m['ts']))),
    ],
  );
}
