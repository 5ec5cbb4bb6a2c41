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
 * redemption comes from the same pass.
 */
export async function redemptionRate(store: AnalyticsStore, assumed = 1): Promise<RedemptionRate> {
  const row = (
    await store.query(
      // Each lot carries what its movements did to it (migration 0012), so this is one pass over the lots.
      `WITH last AS (SELECT max(ts) AS at FROM ledger_movements),
            lots AS (SELECT l.amount, coalesce(l.redeemed, 0) AS redeemed,
                            -- Points × seconds from the lot's creation to the redemptions that took them.
                            CASE WHEN l.redeemed > 0 THEN (l.redeemed_weighted_epoch_us - l.redeemed::HUGEINT * epoch_us(l.created_at)) / 1e6 END AS redeemed_after,
                            (l.expires_at < last.at OR l.amount + coalesce(l.moved, 0) <= 0) AND NOT coalesce(l.merged, false) AS settled
                       FROM point_lots l, last)
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
