import { writeFileSync } from 'node:fs';
import { exportRows, type AnalyticsStore } from '../analytics/index.ts';
import { printTable } from './table.ts';
import { UsageError } from './usage-error.ts';

export const rowFormats = ['table', 'csv', 'json', 'xlsx', 'parquet'] as const;

export function checkRowFormat(format: string, out?: string): void {
  if (!(rowFormats as readonly string[]).includes(format)) throw new UsageError(`--format must be ${rowFormats.join(', ')}`);
  if ((format === 'xlsx' || format === 'parquet') && !out) throw new UsageError(`--format ${format} writes a binary file: give --out FILE`);
}

/**
 * Rows of a report or pivot as the CLI prints them: an aligned table (rows as given for reading),
 * CSV in the columns' order, the JSON document, or an .xlsx / Parquet file; to a file with
 * `out`, else to stdout.
 */
export async function writeRows(options: {
  store: AnalyticsStore;
  format: string;
  out?: string | undefined;
  title: string;
  columns: readonly string[];
  rows: readonly Record<string, unknown>[];
  tableRows?: Record<string, string | number>[];
  json: unknown;
}): Promise<void> {
  let data: string | Buffer;
  if (options.format === 'json') data = JSON.stringify(options.json, null, 2) + '\n';
  else if (options.format === 'csv' || options.format === 'xlsx' || options.format === 'parquet') data = await exportRows(options.store, options.format, options.columns, options.rows, options.title);
  else {
    const chunks: string[] = [];
    printTable(options.tableRows ?? (options.rows as Record<string, string | number>[]), { write: (s: string) => chunks.push(s) } as unknown as NodeJS.WritableStream);
    data = chunks.join('');
  }
  if (options.out) writeFileSync(options.out, data);
  else process.stdout.write(data);
}
