import { rowCount, topItems, type ItemRows } from './purchase-matrix.ts';

/** A trained recommender: the top k items for a shopper, given their purchase history. */
export interface Recommender {
  name: 'popularity' | 'item_to_item' | 'cross_sell' | 'up_sell';
  recommend(history: ArrayLike<number>, k: number): number[];
}

/** Items ranked by how many shoppers bought them: the baseline every method must beat. */
export function trainPopularity(shoppers: ItemRows, itemCount: number): Recommender {
  const buyers = new Float64Array(itemCount);
  for (const item of shoppers.items) buyers[item]!++;
  const ranked = Array.from({ length: itemCount }, (_, i) => i).sort((a, b) => buyers[b]! - buyers[a]! || a - b);
  return {
    name: 'popularity',
    recommend(history, k) {
      const owned = new Set(Array.from(history));
      const out: number[] = [];
      for (const item of ranked) {
        if (out.length === k) break;
        if (!owned.has(item) && buyers[item]! > 0) out.push(item);
      }
      return out;
    },
  };
}

/**
 * Sparse item-to-item similarity: for each item its `neighbours` most similar items. Co-occurrence
 * of items in rows (a shopper's items, or a basket's) is counted item by item through an inverted
 * index into one scratch array, so memory stays linear in the catalogue whatever its size; pairs
 * are scored by `similarity(both, countA, countB)`. Long rows are cut to their first
 * `maxRowItems` items so one wholesaler cannot cost a quadratic blow-up.
 */
function neighbourLists(rows: ItemRows, itemCount: number, similarity: (both: number, a: number, b: number) => number, neighbours: number, minBoth: number, maxRowItems = 300) {
  const n = rowCount(rows);
  const rowEnd = (r: number) => Math.min(rows.start[r + 1]!, rows.start[r]! + maxRowItems);
  // Inverted index: the rows each item appears in.
  const counts = new Int32Array(itemCount);
  for (let r = 0; r < n; r++) for (let p = rows.start[r]!; p < rowEnd(r); p++) counts[rows.items[p]!]!++;
  const itemStart = new Int32Array(itemCount + 1);
  for (let i = 0; i < itemCount; i++) itemStart[i + 1] = itemStart[i]! + counts[i]!;
  const fill = itemStart.slice(0, itemCount);
  const rowsOfItem = new Int32Array(itemStart[itemCount]!);
  for (let r = 0; r < n; r++) for (let p = rows.start[r]!; p < rowEnd(r); p++) rowsOfItem[fill[rows.items[p]!]!++] = r;

  const both = new Float64Array(itemCount);
  const scores = new Float64Array(itemCount);
  const touched = new Int32Array(itemCount);
  const lists: { items: Int32Array; weights: Float64Array }[] = new Array(itemCount);
  for (let a = 0; a < itemCount; a++) {
    let count = 0;
    for (let k = itemStart[a]!; k < itemStart[a + 1]!; k++) {
      const r = rowsOfItem[k]!;
      for (let p = rows.start[r]!; p < rowEnd(r); p++) {
        const b = rows.items[p]!;
        if (b === a) continue;
        if (both[b] === 0) touched[count++] = b;
        both[b]!++;
      }
    }
    let kept = 0;
    for (let c = 0; c < count; c++) {
      const b = touched[c]!;
      if (both[b]! >= minBoth) {
        scores[b] = similarity(both[b]!, counts[a]!, counts[b]!);
        touched[kept++] = b;
      }
      both[b] = 0;
    }
    const top = topItems(touched, scores, kept, neighbours);
    lists[a] = { items: Int32Array.from(top), weights: Float64Array.from(top, (b) => scores[b]!) };
  }
  return lists;
}

/** Scores each candidate by combining its neighbours' weights over the history, then takes the top k. */
function neighbourRecommender(name: Recommender['name'], lists: ReturnType<typeof neighbourLists>, itemCount: number, combine: 'sum' | 'max', fallback: Recommender): Recommender {
  const scores = new Float64Array(itemCount);
  const touched = new Int32Array(itemCount);
  return {
    name,
    recommend(history, k) {
      let count = 0;
      const owned = new Set<number>();
      for (let h = 0; h < history.length; h++) owned.add(history[h]!);
      for (let h = 0; h < history.length; h++) {
        const list = lists[history[h]!];
        if (!list) continue;
        for (let n = 0; n < list.items.length; n++) {
          const b = list.items[n]!;
          const w = list.weights[n]!;
          if (scores[b] === 0) touched[count++] = b;
          scores[b] = combine === 'sum' ? scores[b]! + w : Math.max(scores[b]!, w);
        }
      }
      const top = topItems(touched, scores, count, k, (item) => owned.has(item));
      for (let c = 0; c < count; c++) scores[touched[c]!] = 0;
      // Too little history for k neighbours: the rest from the popular items.
      if (top.length < k) for (const item of fallback.recommend([...owned, ...top], k - top.length)) top.push(item);
      return top;
    },
  };
}

/**
 * Item-to-item collaborative filtering ("shoppers like you bought", Linden, Smith & York 2003):
 * cosine similarity of items over the shoppers who bought them, the 50 nearest kept per item;
 * a shopper's candidates score the sum of their similarities to what the shopper bought.
 */
export function trainItemToItem(shoppers: ItemRows, itemCount: number, popularity: Recommender, neighbours = 50): Recommender {
  const lists = neighbourLists(shoppers, itemCount, (both, a, b) => both / Math.sqrt(a * b), neighbours, 1);
  return neighbourRecommender('item_to_item', lists, itemCount, 'sum', popularity);
}

/**
 * Association cross-sell: confidence of "basket has A → basket has B" over receipts (pairs seen
 * in at least `minBaskets` baskets); a candidate scores its best rule from anything the shopper bought.
 */
export function trainCrossSell(baskets: ItemRows, itemCount: number, popularity: Recommender, minBaskets = 2, neighbours = 50): Recommender {
  const lists = neighbourLists(baskets, itemCount, (both, a) => both / a, neighbours, minBaskets);
  return neighbourRecommender('cross_sell', lists, itemCount, 'max', popularity);
}

/**
 * Up-sell: in each category the shopper buys, the popular items priced above what the shopper
 * paid there (or with a higher margin), ranked by the shopper's purchases in the category, then
 * by the item's buyers. Needs categories: without them it recommends nothing.
 */
export function trainUpSell(shoppers: ItemRows, itemCount: number, category: Int32Array, price: Float64Array, margin: Float64Array): Recommender {
  const buyers = new Float64Array(itemCount);
  for (const item of shoppers.items) buyers[item]!++;
  const byCategory = new Map<number, number[]>();
  for (let i = 0; i < itemCount; i++) {
    if (category[i]! < 0) continue;
    const list = byCategory.get(category[i]!) ?? [];
    list.push(i);
    byCategory.set(category[i]!, list);
  }
  for (const list of byCategory.values()) list.sort((a, b) => buyers[b]! - buyers[a]! || a - b);
  return {
    name: 'up_sell',
    recommend(history, k) {
      const owned = new Set(Array.from(history));
      const seen = new Map<number, { count: number; price: number; margin: number }>();
      for (const item of owned) {
        const c = category[item]!;
        if (c < 0) continue;
        const s = seen.get(c) ?? { count: 0, price: 0, margin: 0 };
        s.count++;
        s.price = Math.max(s.price, price[item]!);
        s.margin = Math.max(s.margin, margin[item]!);
        seen.set(c, s);
      }
      const categories = [...seen.entries()].sort((a, b) => b[1].count - a[1].count || a[0] - b[0]);
      const out: number[] = [];
      // Round-robin over the shopper's categories, best first, so one category does not take all ten.
      const cursors = categories.map(() => 0);
      for (let progress = true; out.length < k && progress; ) {
        progress = false;
        categories.forEach(([c, s], idx) => {
          const list = byCategory.get(c)!;
          while (cursors[idx]! < list.length) {
            const item = list[cursors[idx]!++]!;
            if (owned.has(item) || out.includes(item)) continue;
            if (price[item]! > s.price || margin[item]! > s.margin) {
              if (out.length < k) out.push(item);
              progress = true;
              break;
            }
          }
        });
      }
      return out;
    },
  };
}
