import { PatronError } from '../../core/index.ts';
import { itemRowsFromPairs, type ItemRows } from '../../models/index.ts';
import { withStagedTable, type AnalyticsStore } from '../analytics-store.ts';
import { productRows } from '../reports/report-sql.ts';
import { withStagedPurchases, type StagedPurchases } from './shopper-purchases.ts';

/** Purchases as the recommenders read them: indices into `shoppers` and `skus`. */
export interface RecommendationData {
  skus: string[];
  shoppers: string[];
  /** Each shopper's distinct items up to the split day. */
  history: ItemRows;
  /** Receipts up to the split day, as item sets. */
  baskets: ItemRows;
  /** Items each shopper bought after the split (to the end) and had not bought before; empty without a test period. */
  targets: ItemRows;
  /** Leaf category index per item (−1 when the catalogue has none), price in kopecks, margin share. */
  category: Int32Array;
  price: Float64Array;
  margin: Float64Array;
  splitDay: number;
  lastDay: number;
  seconds: number;
}

const num = (values: unknown[]) => Int32Array.from(values, (v) => Number(v));

/** The recommenders' data split at a day: `testDays` before the last purchase, or at `splitDay`. */
export type RecommendationSplit = { testDays: number; splitDay?: number };

/**
 * Loads lines (quantity above zero, with a SKU) of identified shoppers' receipts, split at
 * `splitDay`: the catalogue is what sold up to the split, so the targets are items the methods
 * could have offered. The lines are staged once in a temporary table and read as columns.
 */
export function loadRecommendationData(store: AnalyticsStore, options: RecommendationSplit & { source?: string }): Promise<RecommendationData> {
  return withRecommendationLines(store, options.source ?? null, (at) => at(options));
}

/**
 * Runs fn with the purchases and their lines staged once, and `at` reading the recommenders'
 * data from them at any split: the recommend job reads all of it for its recommendations and a
 * time split for its evaluation, and deriving the purchases and joining them to 26 million
 * lines twice cost it 17 s.
 */
export function withRecommendationLines<T>(
  store: AnalyticsStore,
  source: string | null,
  fn: (at: (split: RecommendationSplit) => Promise<RecommendationData>, purchases: StagedPurchases) => Promise<T>,
): Promise<T> {
  const started = performance.now();
  // The purchases derived once; the lines, catalogue and shoppers staged from them, each under a
  // name of its own (two evaluations may run at once on the shared connection).
  return withStagedPurchases(store, source, async (purchases) => {
    const last = Number((await store.query(`SELECT max(day) AS d FROM ${purchases.table}`))[0]!['d'] ?? NaN);
    if (!Number.isFinite(last)) throw new PatronError('not_found', 'No purchases by identified shoppers in the read side');
    // Each line with its purchase's row number: baskets are numbered by it, where ranking the
    // receipts' ids sorted 20 million lines by text (9 s at 5 million receipts).
    const lines = `SELECT p.shopper, p.day, p.rowid AS purchase, l.sku FROM ${purchases.table} p JOIN receipt_lines l USING (receipt_key) WHERE l.sku IS NOT NULL AND l.qty > 0`;
    return withStagedTable(store, 'rec_lines', lines, [], (linesTable) => {
      // The first split read carries the staging's time; each later one only its own.
      let first = true;
      const at = (options: RecommendationSplit) => {
        const began = first ? started : performance.now();
        first = false;
        const split = options.splitDay ?? last - options.testDays;
        return withStagedTable(store, 'rec_items', `SELECT sku, (row_number() OVER (ORDER BY sku) - 1)::INTEGER AS item FROM (SELECT DISTINCT sku FROM ${linesTable} WHERE day <= $1)`, [split], (items) =>
          withStagedTable(store, 'rec_shoppers', `SELECT shopper, (row_number() OVER (ORDER BY shopper) - 1)::INTEGER AS u FROM (SELECT DISTINCT shopper FROM ${linesTable} WHERE day <= $1)`, [split], (shoppers) =>
            readStaged(store, { lines: linesTable, items, shoppers }, split, last, began),
          ),
        );
      };
      return fn(at, purchases);
    });
  });
}

/** The recommenders' inputs from the staged lines, catalogue (item numbers) and shoppers (user numbers). */
async function readStaged(store: AnalyticsStore, t: { lines: string; items: string; shoppers: string }, split: number, last: number, started: number): Promise<RecommendationData> {
  const items = await store.columns(`SELECT sku FROM ${t.items} ORDER BY item`);
  const shoppers = await store.columns(`SELECT shopper FROM ${t.shoppers} ORDER BY u`);
  const userCount = shoppers['shopper']!.length;
  // The pairs as typed arrays (tens of millions of them).
  const history = await store.arrays(
    `SELECT DISTINCT s.u, i.item FROM ${t.lines} l JOIN ${t.shoppers} s USING (shopper) JOIN ${t.items} i USING (sku) WHERE l.day <= $1 ORDER BY s.u, i.item`,
    [split],
  );
  const baskets = await store.arrays(`SELECT l.purchase::INTEGER AS b, i.item FROM ${t.lines} l JOIN ${t.items} i USING (sku) WHERE l.day <= $1 ORDER BY b`, [split]);
  const targets = await store.arrays(
    // A set difference, not a correlated NOT EXISTS: DuckDB plans the latter as a join on the whole history.
    `SELECT s.u, i.item
       FROM (SELECT shopper, sku FROM ${t.lines} WHERE day > $1 EXCEPT SELECT shopper, sku FROM ${t.lines} WHERE day <= $1) n
       JOIN ${t.shoppers} s USING (shopper) JOIN ${t.items} i USING (sku)
      ORDER BY s.u, i.item`,
    [split],
  );
  const meta = await store.columns(
    `SELECT i.item, coalesce(dense_rank() OVER (ORDER BY p.category_path[-1]) - 1, -1)::INTEGER AS category,
            coalesce(p.price_kopecks, (SELECT median(price_kopecks) FROM receipt_lines x WHERE x.sku = i.sku), 0)::DOUBLE AS price,
            CASE WHEN p.price_kopecks > 0 AND p.cost_kopecks IS NOT NULL THEN (p.price_kopecks - p.cost_kopecks) / p.price_kopecks ELSE 0 END::DOUBLE AS margin,
            p.category_path IS NULL OR len(p.category_path) = 0 AS no_category
       FROM ${t.items} i LEFT JOIN ${productRows} p USING (sku) ORDER BY i.item`,
  );
  // Purchases numbered 0, 1, … in the order they come (those without lines up to the split skipped).
  const ints = (a: unknown) => a as Int32Array;
  const basketIds = new Int32Array(baskets['b']!.length);
  for (let i = 0, basket = -1; i < basketIds.length; i++) {
    if (i === 0 || baskets['b']![i] !== baskets['b']![i - 1]) basket++;
    basketIds[i] = basket;
  }
  const category = num(meta['category']!);
  meta['no_category']!.forEach((none, i) => none && (category[i] = -1));
  return {
    skus: items['sku']! as string[],
    shoppers: shoppers['shopper']! as string[],
    history: itemRowsFromPairs(ints(history['u']), ints(history['item']), userCount),
    baskets: itemRowsFromPairs(basketIds, ints(baskets['item']), basketIds.length ? basketIds[basketIds.length - 1]! + 1 : 0),
    targets: itemRowsFromPairs(ints(targets['u']), ints(targets['item']), userCount),
    category,
    price: Float64Array.from(meta['price']!, Number),
    margin: Float64Array.from(meta['margin']!, Number),
    splitDay: split,
    lastDay: last,
    seconds: (performance.now() - started) / 1000,
  };
}
