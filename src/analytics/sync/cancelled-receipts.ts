import { listValue } from '@duckdb/node-api';
import { keyOf, type AnalyticsStore } from '../analytics-store.ts';
import { markStaleReceiptDays } from '../rollups.ts';
import type { TableRow } from '../table-columns.ts';

/**
 * Takes the receipts a batch's cancellations void off the read side, with their lines: a voided
 * receipt is no sale, so no report needs a filter for it, and none can forget one (the
 * cancellation stays in receipt_returns; PostgreSQL keeps the receipt). Leaving them out by a join
 * to the cancellations read every line's receipt id, and a column to filter on cost as much in
 * every scan. The receipts are recent, so DuckDB skips the row groups around them: milliseconds.
 */
export async function removeCancelledReceipts(store: AnalyticsStore, returns: readonly TableRow[]): Promise<void> {
  const cancelled = returns.filter((r) => r['kind'] === 'cancel').map((r) => String(r['receipt_id']));
  if (cancelled.length === 0) return;
  await markStaleReceiptDays(store, 'receipt_id IN (SELECT unnest($1::VARCHAR[]))', [listValue(cancelled)]);
  // Lines name their receipt by its key (migration 0016).
  await store.run(`DELETE FROM receipt_lines WHERE receipt_key IN (SELECT ${keyOf('unnest($1::VARCHAR[])')})`, [listValue(cancelled)]);
  await store.run('DELETE FROM receipts WHERE receipt_id IN (SELECT unnest($1::VARCHAR[]))', [listValue(cancelled)]);
}
