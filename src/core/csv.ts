/** One CSV field (RFC 4180): quoted when it holds a quote, comma or line break; empty for null. */
export function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV document: the header, then one line per row in the columns' order. */
export function csvDocument(columns: readonly string[], rows: readonly object[]): string {
  return [columns.map(csvCell).join(','), ...rows.map((r) => columns.map((c) => csvCell((r as Record<string, unknown>)[c])).join(','))].join('\n') + '\n';
}
