import type { AnalyticsStore } from '../analytics-store.ts';

export interface RedemptionRate {
  /** Share of earned points that end up redeemed (the rest expire: breakage). */
  rate: number;
  basis: 'settled_lots' | 'assumed';
  /** Points in the lots the rate was measured on. */
  points: number;
}

/**
 * The expected redemption rate of points: over lots whose fate is settled (their expiry has
 * passed by the last ledger movement, or nothing is left in them; lots moved by a merge live
 * on in the survivor's lots and are left out), the share redeemed. A read
 * side without settled lots (a young program, an import without a ledger) falls back to
 * `assumed`, 1 by default: every point is costed as if it will be spent.
 */
export async function redemptionRate(store: AnalyticsStore, assumed = 1): Promise<RedemptionRate> {
  const row = (
    await store.query(
      `WITH last AS (SELECT max(ts) AS at FROM ledger_movements),
            moved AS (SELECT m.lot_id, sum(m.amount) AS moved, -sum(m.amount) FILTER (WHERE lm.reason = 'redeem') AS redeemed,
                             bool_or(lm.reason = 'transfer') AS merged
                        -- Only redemptions and merges say anything here: joined to those alone, the
                        -- hash table holds a few hundred thousand transfers, not every one.
                        FROM point_lot_movements m LEFT JOIN (SELECT transfer_id, reason FROM ledger_movements WHERE reason IN ('redeem', 'transfer')) lm USING (transfer_id) GROUP BY 1),
            settled AS (SELECT l.amount, coalesce(mv.redeemed, 0) AS redeemed FROM point_lots l LEFT JOIN moved mv USING (lot_id), last
                         WHERE (l.expires_at < last.at OR l.amount + coalesce(mv.moved, 0) <= 0) AND NOT coalesce(mv.merged, false))
       SELECT coalesce(sum(amount), 0)::DOUBLE AS points, coalesce(sum(redeemed), 0)::DOUBLE AS redeemed FROM settled`,
    )
  )[0]!;
  const points = Number(row['points']);
  if (points <= 0) return { rate: assumed, basis: 'assumed', points: 0 };
  return { rate: Math.min(1, Number(row['redeemed']) / points), basis: 'settled_lots', points };
}
