import { writeFileSync } from 'node:fs';
import { InvalidArgumentError } from 'commander';
import { csvDocument } from '../core/index.ts';
import { printTable } from './table.ts';

export const rowFormats = ['table', 'csv', 'json'] as const;

export function checkRowFormat(format: string): void {
  if (!(rowFormats as readonly string[]).includes(format)) throw new InvalidArgumentError(`--format must be ${rowFormats.join(', ')}`);
}

/**
 * Rows of a report or pivot as the CLI prints them: an aligned table (rows as given for reading),
 * CSV in the columns' order, or the JSON document; to a file with `out`, else to stdout.
 */
export function writeRows(options: { format: string; out?: string | undefined; columns: readonly string[]; rows: readonly Record<string, unknown>[]; tableRows?: Record<string, string | number>[]; json: unknown }): void {
  let text: string;
  if (options.format === 'json') text = JSON.stringify(options.json, null, 2) + '\n';
  else if (options.format === 'csv') text = csvDocument(options.columns, options.rows);
  else {
    const chunks: string[] = [];
    printTable(options.tableRows ?? (options.rows as Record<string, string | number>[]), { write: (s: string) => chunks.push(s) } as unknown as NodeJS.WritableStream);
    text = chunks.join('');
  }
  if (options.out) writeFileSync(options.out, text);
  else process.stdout.write(text);
}
