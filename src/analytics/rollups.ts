import type { DuckDBValue } from '@duckdb/node-api';
import type { AnalyticsStore } from './analytics-store.ts';
import { utcDay } from './utc-sql.ts';

/**
 * Rollups (migration 0015): lines by UTC day × product × who bought, and each identified
 * shopper's receipts by UTC month with the 12 months before. Whatever writes or deletes receipts
 * marks their UTC days stale in its own transaction (appended receipts are marked as their arrival
 * columns are filled). `refreshRollups` brings stale days up to date: the sync calls it after each
 * pass (today's month, under live processing), an import or rebuild once it is done, and every
 * reader before it reads.
 */

/** SQL marking the UTC days of the receipts `where` selects stale: after they are written, or before they are deleted. */
export const markStaleDaysSql = (where: string) => `INSERT INTO stale_rollup_days SELECT DISTINCT ${utcDay('ts')} FROM receipts WHERE ${where}`;

/** Runs {@link markStaleDaysSql} in the caller's transaction. */
export async function markStaleReceiptDays(store: AnalyticsStore, where: string, params: DuckDBValue[] = []): Promise<void> {
  await store.run(markStaleDaysSql(where), params);
}

/**
 * Brings the stale days' rollups up to date, a month at a time, each month in a transaction of its
 * own that takes its turn with the sync's: a refresh of years an import marked holds the sync back
 * no longer than a month's (about 1–2 s at 5 M receipts). The newest stale month first (today's,
 * under live processing), then the oldest first: a month rewrites the following 12 months' prior
 * year, so going forward each is rewritten once. `months` caps how many this call refreshes (the
 * sync does one after each pass). An import's marks commit with its rows, so what a refresh does
 * not see stays marked for the next.
 */
export async function refreshRollups(store: AnalyticsStore, options: { months?: number; onMonth?: (done: number, total: number) => void } = {}): Promise<void> {
  const total = Number((await store.query(`SELECT count(DISTINCT date_trunc('month', day)) AS n FROM stale_rollup_days`))[0]!['n']);
  for (let done = 0; done < Math.min(total, options.months ?? Infinity); done++) {
    if (!(await store.transaction(() => refreshMonth(store, done === 0 ? 'max' : 'min')))) break;
    options.onMonth?.(done + 1, total);
  }
}

/** One stale month (the oldest or the newest): its stale days' lines, and its shoppers whose month sums changed. */
async function refreshMonth(store: AnalyticsStore, which: 'min' | 'max'): Promise<boolean> {
  await store.run(
    `CREATE TEMP TABLE refreshing_days AS
     SELECT DISTINCT day FROM stale_rollup_days WHERE date_trunc('month', day) = (SELECT ${which}(date_trunc('month', day)) FROM stale_rollup_days)`,
  );
  try {
    const bounds = (await store.query(
      `SELECT strftime(min(day), '%Y-%m-%d') AS first_day, strftime(max(day) + 1, '%Y-%m-%d') AS after_day,
              strftime(date_trunc('month', min(day)), '%Y-%m-%d') AS month, strftime(date_trunc('month', min(day)) + INTERVAL 1 MONTH, '%Y-%m-%d') AS after_month
         FROM refreshing_days`,
    ))[0]!;
    if (bounds['first_day'] === null) return false; // another reader refreshed them meanwhile
    // The time bounds let DuckDB skip the row groups outside them; the days themselves then pick.
    const instants = (from: unknown, to: unknown) => [`${String(from)}T00:00:00Z`, `${String(to)}T00:00:00Z`];
    await store.run('DELETE FROM line_day_sums WHERE day IN (SELECT day FROM refreshing_days)');
    await store.run(
      `INSERT INTO line_day_sums
       SELECT day, sku, shopper_kind, sum(amount_kopecks), sum(qty), count(*), count(*) FILTER (WHERE first_line)
         FROM (SELECT ${utcDay('ts')} AS day, sku, amount_kopecks, qty, first_line,
                      CASE WHEN customer_key IS NOT NULL THEN 2
                           WHEN receipt_key IN (SELECT receipt_key FROM receipts WHERE ts >= $1::TIMESTAMPTZ AND ts < $2::TIMESTAMPTZ AND customer_key IS NULL AND token_key IS NOT NULL) THEN 1
                           ELSE 0 END::UTINYINT AS shopper_kind
                 FROM receipt_lines WHERE ts >= $1::TIMESTAMPTZ AND ts < $2::TIMESTAMPTZ)
        WHERE day IN (SELECT day FROM refreshing_days)
        GROUP BY 1, 2, 3`,
      instants(bounds['first_day'], bounds['after_day']),
    );
    // The month is summed again whole, but only the shoppers whose sums changed are rewritten:
    // under live processing a day's few thousand, not the month's hundred thousand.
    await store.run(
      `CREATE TEMP TABLE fresh_months AS
       SELECT $3::DATE AS month, CASE WHEN customer_key IS NOT NULL THEN 2 ELSE 1 END::UTINYINT AS shopper_kind, coalesce(customer_key, token_key) AS shopper_key,
              sum(total_kopecks)::BIGINT AS revenue_kopecks, count(*) AS receipts
         FROM receipts WHERE ts >= $1::TIMESTAMPTZ AND ts < $2::TIMESTAMPTZ AND (customer_key IS NOT NULL OR token_key IS NOT NULL)
        GROUP BY 1, 2, 3`,
      [...instants(bounds['month'], bounds['after_month']), String(bounds['month'])],
    );
    await store.run(
      `CREATE TEMP TABLE changed_shoppers AS
       WITH kept AS (SELECT month, shopper_kind, shopper_key, revenue_kopecks, receipts FROM shopper_month_sums WHERE month = $1::DATE),
            changed AS ((SELECT * FROM kept EXCEPT SELECT * FROM fresh_months) UNION ALL (SELECT * FROM fresh_months EXCEPT SELECT * FROM kept))
       SELECT DISTINCT shopper_kind, shopper_key FROM changed`,
      [String(bounds['month'])],
    );
    if (Number((await store.query('SELECT count(*) AS n FROM changed_shoppers'))[0]!['n']) > 0) {
      // A changed shopper's rows from this month to 12 months on are written again, each with the
      // 12 months before it (a window over months as integers: a frame of calendar intervals cost
      // most of its time); rows later than that do not look back this far.
      await store.run(
        `CREATE TEMP TABLE rewritten AS
         WITH around AS (SELECT month, shopper_kind, shopper_key, revenue_kopecks, receipts FROM shopper_month_sums SEMI JOIN changed_shoppers USING (shopper_kind, shopper_key)
                          WHERE month <> $1::DATE AND month >= $1::DATE - INTERVAL 12 MONTH AND month <= $1::DATE + INTERVAL 12 MONTH
                         UNION ALL
                         SELECT * FROM fresh_months SEMI JOIN changed_shoppers USING (shopper_kind, shopper_key))
         SELECT * FROM (SELECT *, coalesce(sum(revenue_kopecks) OVER (PARTITION BY shopper_kind, shopper_key ORDER BY year(month) * 12 + month(month) RANGE BETWEEN 12 PRECEDING AND 1 PRECEDING), 0)
                          FROM around)
          WHERE month >= $1::DATE`,
        [String(bounds['month'])],
      );
      await store.run(
        `DELETE FROM shopper_month_sums s
          WHERE s.month >= $1::DATE AND s.month <= $1::DATE + INTERVAL 12 MONTH
            AND EXISTS (SELECT 1 FROM changed_shoppers c WHERE c.shopper_kind = s.shopper_kind AND c.shopper_key = s.shopper_key)`,
        [String(bounds['month'])],
      );
      await store.run('INSERT INTO shopper_month_sums SELECT * FROM rewritten');
    }
    await store.run('DELETE FROM stale_rollup_days WHERE day IN (SELECT day FROM refreshing_days)');
    return true;
  } finally {
    for (const table of ['refreshing_days', 'fresh_months', 'changed_shoppers', 'rewritten']) await store.run(`DROP TABLE IF EXISTS ${table}`);
  }
}
