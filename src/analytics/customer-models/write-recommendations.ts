import { withStagedColumns, type AnalyticsStore } from '../analytics-store.ts';
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
  // One connection throughout: the recommendations are staged as numbers on it, and the
  // transaction that replaces the old ones reads them there.
  return store.session(() => withRecommendationLines(store, options.source ?? null, async (at, purchases) => {
    const data = await at({ testDays: 0 });
    const t0 = performance.now();
    const trained = trainRecommenders(data);
    const t1 = performance.now();
    const active = await store.columns(`SELECT DISTINCT shopper FROM ${purchases.table} WHERE day > $1`, [data.lastDay - options.activeDays]);
    const activeSet = new Set(active['shopper'] as string[]);
    const asOf = isoDay(data.lastDay);
    const n = data.shoppers.length;
    const isActive = data.shoppers.map((shopper) => activeSet.has(shopper));
    const customers = isActive.filter(Boolean).length;
    // Shopper, method, rank and item as numbers (12 million rows at 5 million receipts: row
    // objects and a row-by-row append of their texts took 30 s); the texts are joined in SQL.
    const capacity = customers * trained.length * options.k;
    const out = { shopper: new Int32Array(capacity), method: new Int32Array(capacity), rank: new Int32Array(capacity), item: new Int32Array(capacity) };
    let rows = 0;
    for (let u = 0; u < n; u++) {
      if (!isActive[u]) continue;
      const history = data.history.items.subarray(data.history.start[u]!, data.history.start[u + 1]!);
      trained.forEach(({ recommender }, m) => {
        recommender.recommend(history, options.k).forEach((item, rank) => {
          out.shopper[rows] = u;
          out.method[rows] = m;
          out.rank[rows] = rank + 1;
          out.item[rows++] = item;
        });
      });
      if (onProgress && u % 20_000 === 0) onProgress(u, n);
    }
    onProgress?.(n, n);
    const t2 = performance.now();
    const numbered = (names: readonly string[]) => ({ i: Int32Array.from(names, (_, i) => i), name: names });
    const staged = { u: out.shopper.subarray(0, rows), m: out.method.subarray(0, rows), rank: out.rank.subarray(0, rows), item: out.item.subarray(0, rows) };
    await withStagedColumns(store, 'rec_out', staged, (recommended) =>
      withStagedColumns(store, 'rec_shopper_names', numbered(data.shoppers), (shopperNames) =>
        withStagedColumns(store, 'rec_sku_names', numbered(data.skus), async (skuNames) => {
          // The methods' names are the code's own identifiers (popularity, item_to_item, …), never input.
          const methods = trained.map(({ recommender }, m) => `(${m}, '${recommender.name}')`).join(', ');
          await store.transaction(async () => {
            await store.run('DELETE FROM customer_recommendations');
            await store.run(
              `INSERT INTO customer_recommendations (customer_id, method, rank, sku, as_of)
               SELECT s.name, m.name, o.rank, i.name, $1::DATE FROM ${recommended} o JOIN ${shopperNames} s ON s.i = o.u JOIN ${skuNames} i ON i.i = o.item
                 JOIN (VALUES ${methods}) m(m, name) ON m.m = o.m`,
              [asOf],
            );
          });
        }),
      ),
    );
    // The methods on a time split of the same staged lines, kept for the report (it would train
    // and score them all again).
    const t3 = performance.now();
    const evaluationOptions = { testDays: recommenderTestDays, k: options.k, ...(options.source ? { source: options.source } : {}) };
    await keepIfPossible(store, 'recommenders', recommenderEvaluationKey(evaluationOptions), version, async () => evaluateRecommendersOn(await at(evaluationOptions), evaluationOptions));
    return {
      as_of: asOf,
      customers,
      rows,
      items: data.skus.length,
      seconds: { load: data.seconds, train: (t1 - t0) / 1000, recommend: (t2 - t1) / 1000, write: (t3 - t2) / 1000, evaluate: (performance.now() - t3) / 1000 },
    };
  }));
}

