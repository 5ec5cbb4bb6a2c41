import { listValue } from '@duckdb/node-api';
import type { AnalyticsStore } from '../analytics-store.ts';
import type { TableRow } from '../table-columns.ts';

/**
 * Marks the receipts a batch's cancellations void, and their lines, with the time of the
 * cancellation: reports leave them out by that column (`cancelled_at IS NULL`) rather than by a
 * join to the cancellations, which read every line's receipt id. The receipts are recent, so
 * DuckDB skips the row groups whose ids lie outside them and the update costs milliseconds.
 */
export async function markCancelledReceipts(store: AnalyticsStore, returns: readonly TableRow[]): Promise<void> {
  const cancels = returns.filter((r) => r['kind'] === 'cancel');
  if (cancels.length === 0) return;
  const ids = listValue(cancels.map((c) => String(c['receipt_id'])));
  const times = listValue(cancels.map((c) => String(c['ts'])));
  for (const table of ['receipts', 'receipt_lines']) {
    await store.run(
      `UPDATE ${table} t SET cancelled_at = c.ts
         FROM (SELECT receipt_id, min(ts::TIMESTAMPTZ) AS ts FROM (SELECT unnest($1::VARCHAR[]) AS receipt_id, unnest($2::VARCHAR[]) AS ts) GROUP BY receipt_id) c
        WHERE t.receipt_id = c.receipt_id AND t.cancelled_at IS NULL`,
      [ids, times],
    );
  }
}
