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
 * Sparse item-to-item similarity: for each item its `neighbours` most similar items. Counts
 * co-occurrence of items in rows (a shopper's items, or a basket's), then scores pairs with
 * `similarity(both, countA, countB)`. Long rows are cut to their first `maxRowItems` items so
 * one wholesaler cannot cost a quadratic blow-up.
 */
function neighbourLists(rows: ItemRows, itemCount: number, similarity: (both: number, a: number, b: number) => number, neighbours: number, minBoth: number, maxRowItems = 300) {
  const counts = new Float64Array(itemCount);
  for (let r = 0; r < rowCount(rows); r++) {
    const end = Math.min(rows.start[r + 1]!, rows.start[r]! + maxRowItems);
    for (let p = rows.start[r]!; p < end; p++) counts[rows.items[p]!]!++;
  }
  const dense = itemCount <= 4096;
  const matrix = dense ? new Float32Array(itemCount * itemCount) : null;
  const sparse = dense ? null : Array.from({ length: itemCount }, () => new Map<number, number>());
  for (let r = 0; r < rowCount(rows); r++) {
    const from = rows.start[r]!;
    const end = Math.min(rows.start[r + 1]!, from + maxRowItems);
    for (let p = from; p < end; p++) {
      const a = rows.items[p]!;
      for (let q = p + 1; q < end; q++) {
        const b = rows.items[q]!;
        if (matrix) {
          matrix[a * itemCount + b]!++;
          matrix[b * itemCount + a]!++;
        } else {
          const ma = sparse![a]!;
          ma.set(b, (ma.get(b) ?? 0) + 1);
          const mb = sparse![b]!;
          mb.set(a, (mb.get(a) ?? 0) + 1);
        }
      }
    }
  }
  const lists: { items: Int32Array; weights: Float64Array }[] = new Array(itemCount);
  const scores = new Float64Array(itemCount);
  for (let a = 0; a < itemCount; a++) {
    const candidates: number[] = [];
    if (matrix) {
      const base = a * itemCount;
      for (let b = 0; b < itemCount; b++) {
        const both = matrix[base + b]!;
        if (b !== a && both >= minBoth) {
          candidates.push(b);
          scores[b] = similarity(both, counts[a]!, counts[b]!);
        }
      }
    } else {
      for (const [b, both] of sparse![a]!) {
        if (both >= minBoth) {
          candidates.push(b);
          scores[b] = similarity(both, counts[a]!, counts[b]!);
        }
      }
    }
    const top = topItems(candidates, scores, candidates.length, neighbours);
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
