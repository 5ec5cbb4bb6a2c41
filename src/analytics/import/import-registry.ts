import type { AnalyticsStore } from '../analytics-store.ts';

/** What the read side keeps of one imported file (table `imports`). */
export interface ImportRecord {
  source: string;
  /** The file's name as it was given, without its folder; null for imports made before the registry. */
  file: string | null;
  preset: string | null;
  encoding: string | null;
  imported_at: string | null;
  rows: number | null;
  imported: number | null;
  rejected: number | null;
  receipts: number | null;
  lines: number | null;
  customers: number | null;
  /** The first and last day of the file's receipts, as its times were written. */
  first_day: string | null;
  last_day: string | null;
}

export interface ImportCounts { rows: number; imported: number; rejected: number; lines: number; customers: number }

/**
 * Records an import in the caller's transaction, after its rows are written (its receipts and
 * their days are counted from them). The transaction removed the source's earlier record with its
 * rows, so a re-import leaves one record.
 */
export async function recordImport(store: AnalyticsStore, source: string, described: { file: string; preset: string; encoding: string }, counts: ImportCounts): Promise<void> {
  await store.run(
    `INSERT INTO imports (source, file, preset, encoding, imported_at, rows, imported, rejected, receipts, lines, customers, first_day, last_day)
     SELECT $1, $2, $3, $4, current_timestamp, $5, $6, $7, count(*), $8, $9, min(ts)::DATE, max(ts)::DATE FROM receipts WHERE source = $1`,
    [source, described.file, described.preset, described.encoding, counts.rows, counts.imported, counts.rejected, counts.lines, counts.customers],
  );
}

/** The files the read side holds, the latest first (those made before the registry last). */
export async function listImports(store: AnalyticsStore): Promise<ImportRecord[]> {
  const rows = await store.query(
    `SELECT source, file, preset, encoding, strftime(imported_at, '%Y-%m-%dT%H:%M:%SZ') AS imported_at, rows, imported, rejected, receipts, lines, customers,
            first_day::VARCHAR AS first_day, last_day::VARCHAR AS last_day
       FROM imports ORDER BY imported_at DESC NULLS LAST, source`,
  );
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  const count = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return rows.map((r) => ({
    source: String(r['source']), file: text(r['file']), preset: text(r['preset']), encoding: text(r['encoding']), imported_at: text(r['imported_at']),
    rows: count(r['rows']), imported: count(r['imported']), rejected: count(r['rejected']), receipts: count(r['receipts']), lines: count(r['lines']), customers: count(r['customers']),
    first_day: text(r['first_day']), last_day: text(r['last_day']),
  }));
}
