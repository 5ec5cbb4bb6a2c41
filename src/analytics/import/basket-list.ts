/** One rejected input row: where it was and why. */
export interface RejectedRow {
  line: number;
  reason: string;
  text: string;
}

export interface ParsedBaskets {
  baskets: { line: number; items: string[] }[];
  rejected: RejectedRow[];
}

/**
 * A basket list (the Groceries layout): one basket per line, items separated by commas, no
 * header. Items are trimmed; an item named twice in a basket counts once (a basket is a set).
 * A line without items is rejected, never skipped silently.
 */
export function parseBasketList(text: string): ParsedBaskets {
  const out: ParsedBaskets = { baskets: [], rejected: [] };
  const lines = text.split(/\r?\n/);
  // The last line of a file ending in a newline is not a row.
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  lines.forEach((raw, i) => {
    const items = [...new Set(raw.split(',').map((item) => item.trim()).filter((item) => item.length > 0))];
    if (items.length === 0) out.rejected.push({ line: i + 1, reason: 'no items', text: raw });
    else if (items.some((item) => item.length > 200)) out.rejected.push({ line: i + 1, reason: 'an item name is longer than 200 characters', text: raw });
    else out.baskets.push({ line: i + 1, items });
  });
  return out;
}
