import assert from 'node:assert/strict';
import { refreshRollups, type AnalyticsStore } from '../../src/analytics/index.ts';

/**
 * The rollups, refreshed, against the same sums computed from every receipt and line from
 * scratch (a join of lines to receipts, a correlated sum for the prior year): rows missing on
 * either side, or differing, are listed.
 */
export async function assertRollupsMatchReceipts(store: AnalyticsStore): Promise<void> {
  await refreshRollups(store);
  const lines = `SELECT (DATE '1970-01-01' + CAST(floor(epoch_us(l.ts) / 86400000000) AS INTEGER)) AS day, l.sku,
                        (CASE WHEN r.customer_id IS NOT NULL THEN 2 WHEN r.payment_token IS NOT NULL THEN 1 ELSE 0 END)::UTINYINT AS shopper_kind,
                        sum(l.amount_kopecks) AS amount_kopecks, round(sum(l.qty), 6) AS qty, count(*) AS lines, count(*) FILTER (WHERE l.line_no = f.first_no) AS receipts
                   FROM receipt_lines l JOIN receipts r USING (receipt_key)
                   JOIN (SELECT receipt_key, min(line_no) AS first_no FROM receipt_lines GROUP BY 1) f USING (receipt_key)
                  GROUP BY 1, 2, 3`;
  const kept = 'SELECT day, sku, shopper_kind, amount_kopecks, round(qty, 6) AS qty, lines, receipts FROM line_day_sums';
  const months = `WITH m AS (SELECT date_trunc('month', (DATE '1970-01-01' + CAST(floor(epoch_us(ts) / 86400000000) AS INTEGER)))::DATE AS month,
                                    (CASE WHEN customer_id IS NOT NULL THEN 2 ELSE 1 END)::UTINYINT AS shopper_kind,
                                    (md5_number(coalesce(customer_id, payment_token)) >> 64)::UBIGINT AS shopper_key,
                                    sum(total_kopecks) AS revenue_kopecks, count(*) AS receipts
                               FROM receipts WHERE customer_id IS NOT NULL OR payment_token IS NOT NULL GROUP BY 1, 2, 3)
                  SELECT m.*, (SELECT coalesce(sum(p.revenue_kopecks), 0) FROM m p WHERE p.shopper_kind = m.shopper_kind AND p.shopper_key = m.shopper_key
                                  AND p.month >= m.month - INTERVAL 12 MONTH AND p.month < m.month) AS prior_year_kopecks FROM m`;
  for (const [name, expected, actual] of [['line_day_sums', lines, kept], ['shopper_month_sums', months, 'SELECT * FROM shopper_month_sums']] as const) {
    const differing = await store.query(`WITH e AS (${expected}), a AS (${actual}) (SELECT 'expected' AS side, * FROM (SELECT * FROM e EXCEPT ALL SELECT * FROM a)) UNION ALL (SELECT 'kept' AS side, * FROM (SELECT * FROM a EXCEPT ALL SELECT * FROM e)) LIMIT 5`);
    assert.deepEqual(differing, [], `${name} differs from its receipts`);
    assert.equal(Number((await store.query(`SELECT count(*) AS n FROM ${name}`))[0]!['n']), Number((await store.query(`SELECT count(*) AS n FROM (${expected})`))[0]!['n']), `${name} rows`);
  }
  assert.equal(Number((await store.query('SELECT count(*) AS n FROM stale_rollup_days'))[0]!['n']), 0, 'no day left stale');
}
