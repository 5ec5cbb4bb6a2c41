import type { DuckDBValue } from '@duckdb/node-api';
import type { AnalyticsStore } from './analytics-store.ts';
import { utcDay, utcMonth } from './utc-sql.ts';

/**
 * Rollups (migration 0015): lines by UTC day × product × who bought, and each identified
 * shopper's receipts by UTC month with the 12 months before. Whatever writes or deletes receipts
 * marks their UTC days stale in its own transaction (appended receipts are marked as their arrival
 * columns are filled); the sync after each pass, and a reader before it reads, call
 * `refreshRollups`, which brings the stale days up to date: under live processing, today's.
 */

/** Marks the UTC days of the receipts `where` selects: after they are written, or before they are deleted. */
export async function markStaleReceiptDays(store: AnalyticsStore, where: string, params: DuckDBValue[] = []): Promise<void> {
  await store.run(`INSERT INTO stale_rollup_days SELECT DISTINCT ${utcDay('ts')} FROM receipts WHERE ${where}`, params);
}

/**
 * Brings the stale days' rollups up to date, in one transaction taking its turn with the sync's:
 * a concurrent import's marks commit with its rows, so what this does not see stays marked.
 */
export async function refreshRollups(store: AnalyticsStore): Promise<void> {
  if (Number((await store.query('SELECT count(*) AS n FROM stale_rollup_days'))[0]!['n']) === 0) return;
  await store.transaction(async () => {
    const bounds = (await store.query(
      `SELECT strftime(min(day), '%Y-%m-%d') AS first_day, strftime(max(day) + 1, '%Y-%m-%d') AS after_day,
              strftime(date_trunc('month', min(day)), '%Y-%m-%d') AS first_month, strftime(date_trunc('month', max(day)) + INTERVAL 1 MONTH, '%Y-%m-%d') AS after_month
         FROM stale_rollup_days`,
    ))[0]!;
    if (bounds['first_day'] === null) return; // another reader refreshed them meanwhile
    // The time bounds let DuckDB skip the row groups outside them; the days themselves then pick.
    const instants = (from: unknown, to: unknown) => [`${String(from)}T00:00:00Z`, `${String(to)}T00:00:00Z`];
    await store.run('DELETE FROM line_day_sums WHERE day IN (SELECT day FROM stale_rollup_days)');
    await store.run(
      `INSERT INTO line_day_sums
       SELECT day, sku, shopper_kind, sum(amount_kopecks), sum(qty), count(*), count(*) FILTER (WHERE first_line)
         FROM (SELECT ${utcDay('ts')} AS day, sku, amount_kopecks, qty, first_line,
                      CASE WHEN customer_key IS NOT NULL THEN 2
                           WHEN receipt_key IN (SELECT receipt_key FROM receipts WHERE ts >= $1::TIMESTAMPTZ AND ts < $2::TIMESTAMPTZ AND customer_key IS NULL AND token_key IS NOT NULL) THEN 1
                           ELSE 0 END::UTINYINT AS shopper_kind
                 FROM receipt_lines WHERE ts >= $1::TIMESTAMPTZ AND ts < $2::TIMESTAMPTZ)
        WHERE day IN (SELECT day FROM stale_rollup_days)
        GROUP BY 1, 2, 3`,
      instants(bounds['first_day'], bounds['after_day']),
    );
    // A stale month is summed again whole, but only the shoppers whose sums changed are rewritten:
    // under live processing a day's few thousand, not the month's hundred thousand.
    await store.run(
      `CREATE TEMP TABLE fresh_months AS
       WITH months AS (SELECT DISTINCT date_trunc('month', day)::DATE AS month FROM stale_rollup_days)
       SELECT r.month, r.shopper_kind, r.shopper_key, sum(r.total_kopecks)::BIGINT AS revenue_kopecks, count(*) AS receipts
         FROM (SELECT ${utcMonth('ts')} AS month, CASE WHEN customer_key IS NOT NULL THEN 2 ELSE 1 END::UTINYINT AS shopper_kind,
                      coalesce(customer_key, token_key) AS shopper_key, total_kopecks
                 FROM receipts WHERE ts >= $1::TIMESTAMPTZ AND ts < $2::TIMESTAMPTZ AND (customer_key IS NOT NULL OR token_key IS NOT NULL)) r
         SEMI JOIN months m ON m.month = r.month
        GROUP BY 1, 2, 3`,
      instants(bounds['first_month'], bounds['after_month']),
    );
    try {
      await store.run(
        `CREATE TEMP TABLE changed_shoppers AS
         WITH months AS (SELECT DISTINCT date_trunc('month', day)::DATE AS month FROM stale_rollup_days),
              kept AS (SELECT month, shopper_kind, shopper_key, revenue_kopecks, receipts FROM shopper_month_sums SEMI JOIN months USING (month)),
              changed AS ((SELECT * FROM kept EXCEPT SELECT * FROM fresh_months) UNION ALL (SELECT * FROM fresh_months EXCEPT SELECT * FROM kept))
         SELECT shopper_kind, shopper_key, min(month) AS month FROM changed GROUP BY 1, 2`,
      );
      if (Number((await store.query('SELECT count(*) AS n FROM changed_shoppers'))[0]!['n']) > 0) {
        // A changed shopper's rows are written again whole, each with the 12 months before it (a
        // window over months as integers: a frame of calendar intervals cost most of its time).
        await store.run(
          `CREATE TEMP TABLE rewritten AS
           SELECT month, shopper_kind, shopper_key, revenue_kopecks, receipts FROM shopper_month_sums SEMI JOIN changed_shoppers USING (shopper_kind, shopper_key)
            WHERE month NOT IN (SELECT DISTINCT date_trunc('month', day)::DATE FROM stale_rollup_days)
           UNION ALL
           SELECT * FROM fresh_months SEMI JOIN changed_shoppers USING (shopper_kind, shopper_key)`,
        );
        await store.run('DELETE FROM shopper_month_sums s WHERE EXISTS (SELECT 1 FROM changed_shoppers c WHERE c.shopper_kind = s.shopper_kind AND c.shopper_key = s.shopper_key)');
        await store.run(
          `INSERT INTO shopper_month_sums
           SELECT *, coalesce(sum(revenue_kopecks) OVER (PARTITION BY shopper_kind, shopper_key ORDER BY year(month) * 12 + month(month) RANGE BETWEEN 12 PRECEDING AND 1 PRECEDING), 0)
             FROM rewritten`,
        );
      }
    } finally {
      for (const table of ['fresh_months', 'changed_shoppers', 'rewritten']) await store.run(`DROP TABLE IF EXISTS ${table}`);
    }
    await store.run('DELETE FROM stale_rollup_days');
  });
}
