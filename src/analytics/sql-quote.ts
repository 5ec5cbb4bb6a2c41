/** A name (a file's column) as a DuckDB identifier, whatever characters it holds. */
export function sqlIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A text (a file's path, a column's name as a key) as a DuckDB string literal, for the places a parameter cannot go. */
export function sqlLiteral(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
