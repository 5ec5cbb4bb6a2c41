import type { AnalyticsStore, Row } from './analytics-store.ts';
import { rfmSegments } from './reports/report-sql.ts';

/**
 * Where one member stands on the read side: the RFM segment at the last day with receipts (as
 * segments.rfm defines it, over all members) and the campaigns they were assigned to, with the group.
 */
export async function customerSegments(store: AnalyticsStore, customerId: string): Promise<{ rfm: Row | null; campaigns: Row[] }> {
  const rfm = await store.query(
    `WITH last AS (SELECT max(ts) + INTERVAL 1 SECOND AS last_at FROM receipts), ${rfmSegments('seg', '(SELECT last_at FROM last)')}
     SELECT segment, r, f, m, recency AS recency_days, frequency, monetary AS monetary_kopecks FROM seg WHERE customer_id = $1`,
    [customerId],
  );
  const campaigns = await store.query(
    `SELECT c.code, any_value(c.name) AS name, any_value(a.group_name) AS group_name, strftime(any_value(c.starts_at), '%Y-%m-%d') AS starts_on
       FROM campaign_assignments a JOIN campaigns c USING (campaign_id) WHERE a.customer_id = $1 GROUP BY c.code ORDER BY starts_on`,
    [customerId],
  );
  return { rfm: rfm[0] ?? null, campaigns };
}
