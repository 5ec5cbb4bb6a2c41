import type { AnalyticsStore } from '../analytics-store.ts';

export interface RedemptionRate {
  /** Share of earned points that end up redeemed (the rest expire: breakage). */
  rate: number;
  basis: 'settled_lots' | 'assumed';
  /** Points in the lots the rate was measured on. */
  points: number;
  /** Mean months from a lot's creation to the redemptions that consumed it, weighted by points (over every lot, settled or not); null without redemptions. */
  delay_months: number | null;
}

/**
 * The expected redemption rate of points: over lots whose fate is settled (their expiry has
 * passed by the last ledger movement, or nothing is left in them; lots moved by a merge live
 * on in the survivor's lots and are left out), the share redeemed. A read
 * side without settled lots (a young program, an import without a ledger) falls back to
 * `assumed`, 1 by default: every point is costed as if it will be spent. The mean delay to
 * redemption comes from the same pass (a second join of the lots and movements cost 0.25 s at a
 * million lots).
 */
export async function redemptionRate(store: AnalyticsStore, assumed = 1): Promise<RedemptionRate> {
  const row = (
    await store.query(
      // Ids are joined and grouped by their 64-bit hash, a third cheaper than as strings: lot and
      // transfer ids are unique, and two of three million sharing a hash is a one in four million chance.
      `WITH last AS (SELECT max(ts) AS at FROM ledger_movements),
            moved AS (SELECT hash(m.lot_id) AS lot, sum(m.amount) AS moved, -sum(m.amount) FILTER (WHERE lm.reason = 'redeem') AS redeemed,
                             -sum(m.amount * epoch(m.ts)) FILTER (WHERE lm.reason = 'redeem') AS redeemed_at,
                             bool_or(lm.reason = 'transfer') AS merged
                        -- Only redemptions and merges say anything here: joined to those alone, the
                        -- hash table holds a few hundred thousand transfers, not every one.
                        FROM point_lot_movements m
                        LEFT JOIN (SELECT hash(transfer_id) AS transfer, reason FROM ledger_movements WHERE reason IN ('redeem', 'transfer')) lm ON lm.transfer = hash(m.transfer_id)
                       GROUP BY 1),
            lots AS (SELECT l.amount, coalesce(mv.redeemed, 0) AS redeemed, mv.redeemed_at - mv.redeemed * epoch(l.created_at) AS redeemed_after,
                            (l.expires_at < last.at OR l.amount + coalesce(mv.moved, 0) <= 0) AND NOT coalesce(mv.merged, false) AS settled
                       FROM point_lots l LEFT JOIN moved mv ON mv.lot = hash(l.lot_id), last)
       SELECT coalesce(sum(amount) FILTER (WHERE settled), 0)::DOUBLE AS points, coalesce(sum(redeemed) FILTER (WHERE settled), 0)::DOUBLE AS redeemed,
              (sum(redeemed_after) / nullif(sum(redeemed) FILTER (WHERE redeemed_after IS NOT NULL), 0) / (86400 * 30.44))::DOUBLE AS delay_months
         FROM lots`,
    )
  )[0]!;
  const points = Number(row['points']);
  const delay = row['delay_months'] === null ? null : Number(row['delay_months']);
  if (points <= 0) return { rate: assumed, basis: 'assumed', points: 0, delay_months: delay };
  return { rate: Math.min(1, Number(row['redeemed']) / points), basis: 'settled_lots', points, delay_months: delay };
}
