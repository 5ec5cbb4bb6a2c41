/** Plain aligned columns for terminal listings. */
export function printTable(rows: Record<string, string | number>[], stream: NodeJS.WritableStream = process.stdout): void {
  if (rows.length === 0) {
    stream.write('(none)\n');
    return;
  }
  const headers = Object.keys(rows[0]!);
  const widths = headers.map((h) => Math.max(h.length, ...rows.map((r) => String(r[h] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  stream.write(line(headers) + '\n');
  for (const row of rows) stream.write(line(headers.map((h) => String(row[h] ?? ''))) + '\n');
}
