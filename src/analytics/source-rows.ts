import { PatronError } from '../core/index.ts';
import type { AnalyticsStore } from './analytics-store.ts';
import { markStaleReceiptDays } from './rollups.ts';

/** The read side's tables that say where each row came from (`patron`, `import:<hash>`, …). */
const tablesWithSource = ['receipts', 'receipt_returns', 'customers', 'stores', 'products', 'campaigns', 'campaign_assignments', 'experiment_units', 'experiment_unit_attributes', 'imports'] as const;

/** Whether a source has put receipts or a campaign on the read side (an import of the same file before). */
export async function sourcePresent(store: AnalyticsStore, source: string): Promise<boolean> {
  const rows = await store.query('SELECT (SELECT count(*) FROM receipts WHERE source = $1) + (SELECT count(*) FROM campaigns WHERE source = $1) AS n', [source]);
  return Number(rows[0]!['n']) > 0;
}

/**
 * Deletes everything one source put on the read side: its rows in every table with a source,
 * and the lines of its receipts and returns (lines carry no source of their own). A re-import
 * and a rebuild both start here, in the caller's transaction.
 */
export async function removeSource(store: AnalyticsStore, source: string): Promise<void> {
  await markStaleReceiptDays(store, 'source = $1', [source]);
  await store.run('DELETE FROM receipt_lines WHERE receipt_key IN (SELECT receipt_key FROM receipts WHERE source = $1)', [source]);
  await store.run('DELETE FROM return_lines WHERE return_id IN (SELECT return_id FROM receipt_returns WHERE source = $1)', [source]);
  for (const table of tablesWithSource) await store.run(`DELETE FROM ${table} WHERE source = $1`, [source]);
}

/**
 * Takes an imported file off the read side: every row its source put there, in one transaction
 * beside the sync's (it edits only that source's rows). The sync's own rows are not an import.
 */
export async function removeImport(store: AnalyticsStore, source: string): Promise<void> {
  if (!/^import:[0-9a-f]{12}$/.test(source)) throw new PatronError('validation_failed', `${source} is not an import's source (import:<12 hex digits>)`, { issues: [{ path: 'source', message: 'not an import' }] });
  if (!(await sourcePresent(store, source))) throw new PatronError('not_found', `No import ${source} on the read side`);
  await store.transaction(() => removeSource(store, source), { alongside: true });
}
