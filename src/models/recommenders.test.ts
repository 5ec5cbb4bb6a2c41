import assert from 'node:assert/strict';
import { test } from 'node:test';
import { itemRowsFromPairs, topItems } from './purchase-matrix.ts';
import { evaluateRecommender } from './recommendation-metrics.ts';
import { trainCrossSell, trainItemToItem, trainPopularity, trainUpSell } from './recommenders.ts';

// Shoppers' distinct items as (shopper, item) pairs sorted by shopper.
const rows = (lists: number[][]) => itemRowsFromPairs(lists.flatMap((l, r) => l.map(() => r)), lists.flat(), lists.length);

test('top items: best first, ties to the lower index, exclusions skipped', () => {
  const scores = Float64Array.of(0.5, 0.9, 0.5, 0.1, 0.9);
  assert.deepEqual(topItems([0, 1, 2, 3, 4], scores, 5, 3), [1, 4, 0]);
  assert.deepEqual(topItems([0, 1, 2, 3, 4], scores, 5, 3, (i) => i === 1), [4, 0, 2]);
  assert.deepEqual(rows([[2, 2, 1], [], [0]]), { start: Int32Array.of(0, 2, 2, 3), items: Int32Array.of(2, 1, 0) });
});

test('popularity ranks by buyers and never offers what the shopper has', () => {
  const shoppers = rows([[0, 1], [1, 2], [1], [3, 2]]);
  const pop = trainPopularity(shoppers, 5);
  assert.deepEqual(pop.recommend([], 3), [1, 2, 0]);
  assert.deepEqual(pop.recommend([1], 2), [2, 0]);
});

test('item-to-item finds what shoppers like you bought; cross-sell follows basket rules', () => {
  // Items 0 and 1 go together; 2 and 3 go together; 4 is popular with everyone.
  const shoppers = rows([[0, 1, 4], [0, 1, 4], [0, 1], [2, 3, 4], [2, 3, 4], [2, 3]]);
  const pop = trainPopularity(shoppers, 5);
  const cf = trainItemToItem(shoppers, 5, pop);
  assert.equal(cf.recommend([0], 1)[0], 1);
  assert.equal(cf.recommend([2], 1)[0], 3);
  assert.equal(pop.recommend([0], 1)[0], 4);
  const baskets = rows([[0, 1], [0, 1], [0, 4], [2, 3], [2, 3]]);
  const cross = trainCrossSell(baskets, 5, pop);
  // confidence(0 → 1) = 2/3 beats 0 → 4 = 1/3 (4 seen with 0 in one basket only: below the minimum of 2).
  assert.deepEqual(cross.recommend([0], 1), [1]);
  // Fewer rules than asked: the rest from the popular items.
  assert.equal(cross.recommend([0], 3).length, 3);
});

test('up-sell offers pricier or higher-margin items of the shopper\'s own categories', () => {
  const shoppers = rows([[0], [1], [1], [2], [3]]);
  // Items 0..2 in category 7 priced 100, 150, 80; item 3 in category 8.
  const upsell = trainUpSell(shoppers, 4, Int32Array.of(7, 7, 7, 8), Float64Array.of(100, 150, 80, 500), Float64Array.of(0.2, 0.2, 0.3, 0.2));
  assert.deepEqual(upsell.recommend([0], 10), [1, 2]); // 1 is pricier, 2 has the higher margin
  assert.deepEqual(upsell.recommend([1], 10), [2]);
  const none = trainUpSell(shoppers, 4, Int32Array.of(-1, -1, -1, -1), new Float64Array(4), new Float64Array(4));
  assert.deepEqual(none.recommend([0], 10), []);
});

test('precision, recall, MAP and coverage by hand', () => {
  const history = rows([[0], [1], [2]]);
  const targets = rows([[1, 3], [], [4]]);
  // A recommender that always answers [1, 2, 3, 4] (k = 4).
  const fixed = { name: 'popularity' as const, recommend: () => [1, 2, 3, 4] };
  const s = evaluateRecommender(fixed, history, targets, 10, 4);
  // Shopper 0: hits at ranks 1 and 3: P = 2/4, R = 2/2, AP = (1/1 + 2/3)/2. Shopper 2: hit at rank 4: P = 1/4, R = 1, AP = (1/4)/1.
  assert.equal(s.shoppers, 2);
  assert.equal(s.precision_at_k, (0.5 + 0.25) / 2);
  assert.equal(s.recall_at_k, 1);
  assert.ok(Math.abs(s.map_at_k - ((1 + 2 / 3) / 2 + 0.25) / 2) < 1e-12);
  assert.equal(s.coverage, 0.4);
});
