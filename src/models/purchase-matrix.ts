/**
 * Who bought what, as compressed rows: row r's items are `items[start[r] .. start[r + 1])`.
 * Used for shoppers' distinct items (training history) and for baskets (receipts).
 */
export interface ItemRows {
  start: Int32Array;
  items: Int32Array;
}

export function rowCount(rows: ItemRows): number {
  return rows.start.length - 1;
}

/** Builds compressed rows from (row, item) pairs sorted by row; duplicates within a row are dropped. */
export function itemRowsFromPairs(rowOf: ArrayLike<number>, itemOf: ArrayLike<number>, rowTotal: number): ItemRows {
  const start = new Int32Array(rowTotal + 1);
  const items = new Int32Array(itemOf.length);
  let itemTotal = 0;
  for (let i = 0; i < itemOf.length; i++) itemTotal = Math.max(itemTotal, itemOf[i]! + 1);
  // The row each item was last seen in: a repeat within a row is skipped without a set per row
  // (five million baskets made five million sets).
  const seenIn = new Int32Array(itemTotal).fill(-1);
  let kept = 0;
  let pos = 0;
  for (let r = 0; r < rowTotal; r++) {
    start[r] = kept;
    while (pos < rowOf.length && rowOf[pos] === r) {
      const item = itemOf[pos++]!;
      if (seenIn[item] !== r) {
        seenIn[item] = r;
        items[kept++] = item;
      }
    }
  }
  start[rowTotal] = kept;
  if (pos !== rowOf.length) throw new RangeError('pairs must be sorted by row and rows below rowTotal');
  return { start, items: items.slice(0, kept) };
}

/** The k best-scoring items of a sparse score list, best first (ties: lower item index). */
export function topItems(candidates: Int32Array | number[], scores: Float64Array, count: number, k: number, exclude?: (item: number) => boolean): number[] {
  const best: number[] = [];
  for (let c = 0; c < count; c++) {
    const item = candidates[c]!;
    if (exclude?.(item)) continue;
    const s = scores[item]!;
    if (best.length === k && !(s > scores[best[k - 1]!]! || (s === scores[best[k - 1]!]! && item < best[k - 1]!))) continue;
    let i = best.length === k ? k - 1 : best.length;
    if (best.length < k) best.push(item);
    while (i > 0 && (scores[best[i - 1]!]! < s || (scores[best[i - 1]!]! === s && best[i - 1]! > item))) {
      best[i] = best[i - 1]!;
      i--;
    }
    best[i] = item;
  }
  return best;
}
