import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csvDocument, PatronError, xlsxDocument } from '../core/index.ts';
import type { AnalyticsStore } from './analytics-store.ts';
import { sqlIdentifier, sqlLiteral } from './sql-quote.ts';

export const exportFormats = ['csv', 'xlsx', 'parquet'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export const exportMediaTypes: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  parquet: 'application/vnd.apache.parquet',
};

/** A column's Parquet type from its values: whole numbers, other numbers, or text. */
function columnType(rows: readonly Record<string, unknown>[], column: string): 'BIGINT' | 'DOUBLE' | 'BOOLEAN' | 'VARCHAR' {
  let type: 'BIGINT' | 'DOUBLE' | 'BOOLEAN' | null = null;
  for (const row of rows) {
    const v = row[column];
    if (v === null || v === undefined) continue;
    if (typeof v === 'boolean' && (type === null || type === 'BOOLEAN')) type = 'BOOLEAN';
    else if (typeof v === 'number' && type !== 'BOOLEAN') type = Number.isInteger(v) && type !== 'DOUBLE' ? 'BIGINT' : 'DOUBLE';
    else return 'VARCHAR';
  }
  return type ?? 'VARCHAR';
}

/**
 * Rows of a report or a pivot as a file: CSV, an .xlsx workbook, or Parquet (written by DuckDB
 * from the rows, typed per column). Bytes, for the CLI to save and the API to send.
 */
export async function exportRows(store: AnalyticsStore, format: ExportFormat, columns: readonly string[], rows: readonly Record<string, unknown>[], title = 'Patron'): Promise<Buffer> {
  if (format === 'csv') return Buffer.from(csvDocument(columns, rows), 'utf8');
  if (format === 'xlsx') return xlsxDocument(columns, rows, title);
  if (format !== 'parquet') throw new PatronError('validation_failed', `Unknown export format ${String(format)}; use ${exportFormats.join(', ')}`);
  const folder = mkdtempSync(join(tmpdir(), 'patron-export-'));
  try {
    const input = join(folder, 'rows.ndjson');
    const output = join(folder, 'rows.parquet');
    writeFileSync(input, rows.map((r) => JSON.stringify(Object.fromEntries(columns.map((c) => [c, r[c] ?? null])))).join('\n') + '\n');
    const spec = columns.map((c) => `${sqlLiteral(c)}: ${sqlLiteral(columnType(rows, c))}`).join(', ');
    const select = rows.length === 0 ? `SELECT ${columns.map((c) => `NULL::VARCHAR AS ${sqlIdentifier(c)}`).join(', ')} WHERE false` : `SELECT * FROM read_json(${sqlLiteral(input)}, format = 'newline_delimited', columns = {${spec}})`;
    await store.run(`COPY (${select}) TO ${sqlLiteral(output)} (FORMAT parquet)`);
    return readFileSync(output);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
