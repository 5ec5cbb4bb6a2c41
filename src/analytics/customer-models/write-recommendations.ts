import type { AnalyticsStore } from '../analytics-store.ts';
import type { TableRow } from '../table-columns.ts';
import { withRecommendationLines } from './recommendation-data.ts';
import { evaluateRecommendersOn, recommenderEvaluationKey, trainRecommenders } from './recommendation-evaluation.ts';
import { keepIfPossible, readSideVersion } from './model-evaluations.ts';
import { isoDay } from './epoch-days.ts';

export interface RecommendSummary {
  as_of: string;
  customers: number;
  rows: number;
  items: number;
  seconds: { load: number; train: number; recommend: number; write: number; evaluate: number };
}

/** The held-out period the recommend job evaluates the methods on, as the report's default. */
export const recommenderTestDays = 90;

/**
 * Trains every recommender on all purchases and writes each shopper's top k per method (the
 * popularity baseline included, so offers can fall back to it) to customer_recommendations,
 * replacing the previous run. Shoppers are those who bought in the last `activeDays`.
 */
export async function writeRecommendations(store: AnalyticsStore, options: { k: number; activeDays: number; source?: string }, onProgress?: (done: number, total: number) => void): Promise<RecommendSummary> {
  const version = await readSideVersion(store);
  return withRecommendationLines(store, options.source ?? null, async (at, purchases) => {
    const data = await at({ testDays: 0 });
    const t0 = performance.now();
    const trained = trainRecommenders(data);
    const t1 = performance.now();
    const active = await store.columns(`SELECT DISTINCT shopper FROM ${purchases.table} WHERE day > $1`, [data.lastDay - options.activeDays]);
    const activeSet = new Set(active['shopper'] as string[]);
    const asOf = isoDay(data.lastDay);
    const rows: TableRow[] = [];
    let customers = 0;
    const n = data.shoppers.length;
    for (let u = 0; u < n; u++) {
      const shopper = data.shoppers[u]!;
      if (!activeSet.has(shopper)) continue;
      customers++;
      const history = data.history.items.subarray(data.history.start[u]!, data.history.start[u + 1]!);
      for (const { recommender } of trained) {
        recommender.recommend(history, options.k).forEach((item, rank) => rows.push({ customer_id: shopper, method: recommender.name, rank: rank + 1, sku: data.skus[item]!, as_of: asOf }));
      }
      if (onProgress && u % 20_000 === 0) onProgress(u, n);
    }
    onProgress?.(n, n);
    const t2 = performance.now();
    await store.transaction(async () => {
      await store.run('DELETE FROM customer_recommendations');
      await store.append('customer_recommendations', rows);
    });
    // The methods on a time split of the same staged lines, kept for the report (it would train
    // and score them all again).
    const t3 = performance.now();
    const evaluationOptions = { testDays: recommenderTestDays, k: options.k, ...(options.source ? { source: options.source } : {}) };
    await keepIfPossible(store, 'recommenders', recommenderEvaluationKey(evaluationOptions), version, async () => evaluateRecommendersOn(await at(evaluationOptions), evaluationOptions));
    return {
      as_of: asOf,
      customers,
      rows: rows.length,
      items: data.skus.length,
      seconds: { load: data.seconds, train: (t1 - t0) / 1000, recommend: (t2 - t1) / 1000, write: (t3 - t2) / 1000, evaluate: (performance.now() - t3) / 1000 },
    };
  });
}
