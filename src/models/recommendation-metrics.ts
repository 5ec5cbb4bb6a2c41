import { rowCount, type ItemRows } from './purchase-matrix.ts';
import type { Recommender } from './recommenders.ts';

export interface RecommenderScore {
  method: Recommender['name'];
  shoppers: number;
  precision_at_k: number;
  recall_at_k: number;
  map_at_k: number;
  coverage: number;
  /** Each tested shopper's recall@k, in shopper order, for paired comparisons between methods. */
  recalls: Float64Array;
}

/**
 * Offline evaluation: each test shopper's top k from their training history against the items
 * they bought next that they had not bought before. precision@k = hits / k, recall@k = hits /
 * targets, AP@k = Σ over hits of precision at the hit's rank / min(k, targets); all averaged over
 * shoppers. Coverage: distinct items recommended over the items in the catalogue.
 */
export function evaluateRecommender(recommender: Recommender, history: ItemRows, targets: ItemRows, itemCount: number, k = 10): RecommenderScore {
  const n = rowCount(history);
  let precision = 0, recall = 0, ap = 0, shoppers = 0;
  const recommended = new Uint8Array(itemCount);
  const recalls: number[] = [];
  for (let u = 0; u < n; u++) {
    const want = new Set<number>();
    for (let p = targets.start[u]!; p < targets.start[u + 1]!; p++) want.add(targets.items[p]!);
    if (want.size === 0) continue;
    shoppers++;
    const recs = recommender.recommend(history.items.subarray(history.start[u]!, history.start[u + 1]!), k);
    let hits = 0;
    let sum = 0;
    recs.forEach((item, rank) => {
      recommended[item] = 1;
      if (want.has(item)) {
        hits++;
        sum += hits / (rank + 1);
      }
    });
    precision += hits / k;
    recall += hits / want.size;
    recalls.push(hits / want.size);
    ap += sum / Math.min(k, want.size);
  }
  const covered = recommended.reduce((s, v) => s + v, 0);
  return {
    method: recommender.name,
    shoppers,
    precision_at_k: shoppers ? precision / shoppers : 0,
    recall_at_k: shoppers ? recall / shoppers : 0,
    map_at_k: shoppers ? ap / shoppers : 0,
    coverage: itemCount ? covered / itemCount : 0,
    recalls: Float64Array.from(recalls),
  };
}

/** Paired difference of two methods' per-shopper recall: mean and its standard error. */
export function pairedRecallDifference(a: Float64Array, b: Float64Array): { mean: number; standardError: number } {
  const n = a.length;
  if (n !== b.length || n < 2) return { mean: NaN, standardError: NaN };
  let mean = 0;
  for (let i = 0; i < n; i++) mean += (a[i]! - b[i]!) / n;
  let variance = 0;
  for (let i = 0; i < n; i++) variance += (a[i]! - b[i]! - mean) ** 2 / (n - 1);
  return { mean, standardError: Math.sqrt(variance / n) };
}
