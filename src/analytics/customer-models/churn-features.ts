import type { AnalyticsStore } from '../analytics-store.ts';
import { productRows } from '../reports/report-sql.ts';
import type { StagedPurchases } from './shopper-purchases.ts';

/** The churn model's inputs, all of them things the read side already knows at the cut day. */
export const churnFeatureNames = [
  'recency_days',
  'log_recency',
  'recency_over_gap',
  'tenure_days',
  'purchases_365d',
  'log_spend_365d',
  'spend_trend_90d',
  'mean_days_between',
  'category_breadth',
  'promo_share',
  'points_balance',
] as const;

export interface ChurnFeatures {
  cutDay: number;
  shoppers: string[];
  rows: Float64Array[];
  /** 1 when the shopper made no purchase in the window after the cut; null when the window is not over. */
  churned: Int8Array | null;
}

/**
 * Features of every shopper who bought in the year up to the cut day (days since 1970-01-01):
 * days since the last purchase (also as its log, and over the shopper's mean gap between
 * purchases plus a day: overdue or not), days since the first, purchases and log spend in the last 365
 * days, the spend trend (log of the last 90 days' spend over the 90 before, each plus one ruble),
 * mean days between purchases, distinct top-level categories bought in the year (distinct
 * products where the catalogue has no categories), the share of promo lines, and the points
 * balance (pending and available) at the end of the cut day. With `windowDays`, the label: no
 * purchase in the window after the cut.
 */
export async function loadChurnFeatures(store: AnalyticsStore, cutDay: number, windowDays: number | null, purchases: StagedPurchases): Promise<ChurnFeatures> {
  // Read as arrays: row objects for 330,000 shoppers' features cost as much as the query.
  const cols = await store.arrays(
    `WITH p AS (SELECT * FROM ${purchases.table}),
          hist AS (SELECT * FROM p WHERE day <= $1),
          s AS (SELECT shopper, min(day) AS first_day, max(day) AS last_day, count(*) AS purchases,
                       count(*) FILTER (day > $1 - 365) AS purchases_365d,
                       coalesce(sum(spend_kopecks) FILTER (day > $1 - 365), 0) AS spend_365d,
                       coalesce(sum(spend_kopecks) FILTER (day > $1 - 90), 0) AS spend_90d,
                       coalesce(sum(spend_kopecks) FILTER (day > $1 - 180 AND day <= $1 - 90), 0) AS spend_prev_90d
                  FROM hist GROUP BY shopper HAVING max(day) > $1 - 365),
          lines AS (SELECT h.shopper, count(DISTINCT coalesce(pr.category_path[1], l.sku)) AS breadth,
                           avg(CASE WHEN l.is_promo THEN 1.0 ELSE 0.0 END) AS promo_share
                      FROM hist h JOIN receipt_lines l ON l.receipt_key = h.receipt_key LEFT JOIN ${productRows} pr ON pr.sku = l.sku
                     WHERE h.day > $1 - 365 GROUP BY 1),
          points AS (SELECT customer_id AS shopper,
                            sum((CASE WHEN credit_account LIKE 'sys_%' THEN 0 ELSE amount END) - (CASE WHEN debit_account LIKE 'sys_%' THEN 0 ELSE amount END)) AS balance
                       FROM ledger_movements WHERE ts < to_timestamp(($1 + 1) * 86400) AND customer_id IS NOT NULL GROUP BY 1),
          future AS (SELECT shopper, count(*) AS n FROM p WHERE day > $1 AND day <= $1 + $2 GROUP BY 1)
     SELECT s.shopper, ($1 - s.last_day)::DOUBLE AS recency_days, ln(1 + $1 - s.last_day)::DOUBLE AS log_recency,
            (($1 - s.last_day) / (1 + (s.last_day - s.first_day) / greatest(1, s.purchases - 1)))::DOUBLE AS recency_over_gap, ($1 - s.first_day)::DOUBLE AS tenure_days, s.purchases_365d::DOUBLE AS purchases_365d,
            ln(1 + s.spend_365d / 100.0)::DOUBLE AS log_spend_365d, ln((1 + s.spend_90d / 100.0) / (1 + s.spend_prev_90d / 100.0))::DOUBLE AS spend_trend_90d,
            ((s.last_day - s.first_day) / greatest(1, s.purchases - 1))::DOUBLE AS mean_days_between,
            coalesce(l.breadth, 0)::DOUBLE AS category_breadth, coalesce(l.promo_share, 0)::DOUBLE AS promo_share, coalesce(pt.balance, 0)::DOUBLE AS points_balance,
            coalesce(f.n, 0) = 0 AS churned
       FROM s LEFT JOIN lines l USING (shopper) LEFT JOIN points pt USING (shopper) LEFT JOIN future f USING (shopper)
      ORDER BY s.shopper`,
    [cutDay, windowDays ?? 0],
  );
  const features = churnFeatureNames.map((name) => cols[name] as Float64Array);
  const churned = cols['churned'] as Uint8Array;
  return {
    cutDay,
    shoppers: cols['shopper'] as string[],
    rows: Array.from({ length: churned.length }, (_, i) => Float64Array.from(features, (f) => f[i]!)),
    churned: windowDays === null ? null : Int8Array.from(churned),
  };
}
