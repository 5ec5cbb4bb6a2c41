import { withStagedTable, type AnalyticsStore } from '../analytics-store.ts';

/**
 * Who bought when, as the customer models see it. A shopper is a member when the receipt names
 * one (merged members count as the member they were merged into); otherwise the bank-card token,
 * credited to the member who most often paid with it, or kept as a shopper of its own. Receipts
 * with neither are not anyone's history. Cancelled receipts are left out; partial returns do not
 * change a purchase's time, and its spend is the receipt total as sold.
 *
 * The SQL is a subquery with one row per purchase: shopper, day (store-local date as days since
 * 1970-01-01), spend_kopecks, receipt_id, receipt_key (its lines'). `$1` is an optional source filter (NULL: every source).
 */
export function shopperPurchasesSql(mergeSameDay: boolean): string {
  const keyed = `(
    WITH kept AS (
           SELECT r.receipt_id, r.receipt_key, r.customer_id, r.payment_token, r.local_ts, r.total_kopecks
             FROM receipts r
            WHERE ($1::VARCHAR IS NULL OR r.source = $1::VARCHAR)),
         merged AS (SELECT customer_id, any_value(merged_into) AS survivor FROM customers WHERE merged_into IS NOT NULL GROUP BY 1),
         token_owner AS (
           SELECT payment_token, mode(customer_id) AS owner FROM kept
            WHERE customer_id IS NOT NULL AND payment_token IS NOT NULL GROUP BY 1)
    SELECT coalesce(m.survivor, k.customer_id, t.owner, 'token:' || k.payment_token) AS shopper,
           (k.local_ts::DATE - DATE '1970-01-01')::INTEGER AS day, k.total_kopecks AS spend_kopecks, k.receipt_id, k.receipt_key
      FROM kept k
      LEFT JOIN token_owner t ON t.payment_token = k.payment_token
      LEFT JOIN merged m ON m.customer_id = k.customer_id
     WHERE k.customer_id IS NOT NULL OR k.payment_token IS NOT NULL)`;
  return mergeSameDay ? mergedByDay(keyed) : keyed;
}

/** Purchases (a relation of shopper, day, spend_kopecks, receipt_id, receipt_key) with each shopper's purchases of one day as one. */
export function mergedByDay(purchases: string): string {
  return `(SELECT shopper, day, sum(spend_kopecks)::BIGINT AS spend_kopecks, min(receipt_id) AS receipt_id, arg_min(receipt_key, receipt_id) AS receipt_key FROM ${purchases} GROUP BY shopper, day)`;
}

/** Every purchase of one source one by one (not merged by day), derived once for several readers. */
export interface StagedPurchases {
  table: string;
}

/** Runs fn over the shoppers' purchases of one source (null: all) staged in a temporary table. */
export function withStagedPurchases<T>(store: AnalyticsStore, source: string | null, fn: (purchases: StagedPurchases) => Promise<T>): Promise<T> {
  return withStagedTable(store, 'shopper_purchases', `SELECT * FROM ${shopperPurchasesSql(false)} p`, [source], (table) => fn({ table }));
}
