import type { AnalyticsStore } from '../analytics-store.ts';

export interface CustomerPredictions {
  customer_id: string;
  scores: Record<string, unknown> | null;
  recommendations: Record<string, { rank: number; sku: string; name: string | null }[]>;
}

/** A customer's row of the latest scoring and their recommendations per method (with product names). */
export async function customerPredictions(store: AnalyticsStore, customerId: string): Promise<CustomerPredictions> {
  const scores = await store.query(
    `SELECT customer_id, fit_id, strftime(as_of, '%Y-%m-%d') AS as_of, strftime(first_purchase, '%Y-%m-%d') AS first_purchase,
            strftime(last_purchase, '%Y-%m-%d') AS last_purchase, repeat_purchases, p_alive, p_alive_before, expected_purchases,
            expected_spend_kopecks, clv_kopecks, strftime(next_purchase_date, '%Y-%m-%d') AS next_purchase_date, churn_score
       FROM customer_scores WHERE customer_id = $1`,
    [customerId],
  );
  const recs = await store.query(
    `SELECT r.method, r.rank, r.sku, (SELECT any_value(p.name) FROM products p WHERE p.sku = r.sku) AS name
       FROM customer_recommendations r WHERE r.customer_id = $1 ORDER BY r.method, r.rank`,
    [customerId],
  );
  const recommendations: CustomerPredictions['recommendations'] = {};
  for (const r of recs) (recommendations[r['method'] as string] ??= []).push({ rank: Number(r['rank']), sku: r['sku'] as string, name: (r['name'] as string | null) ?? null });
  return { customer_id: customerId, scores: scores[0] ?? null, recommendations };
}
