import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { Random } from '../../models/index.ts';
import { associationRules, basketBits, basketBitsOfPairs, frequentItemsets, minimumCount } from './frequent-itemsets.ts';

test('support means count / baskets ≥ minimum, exactly', () => {
  assert.equal(minimumCount(0.001, 9835), 10);
  assert.equal(minimumCount(0.5, 4), 2);
  assert.equal(minimumCount(0.25, 4), 1);
});

test('itemsets and rules on a basket list small enough to count by hand', () => {
  // a b c | a b | a c | b c | a b c
  const baskets = [[0, 1, 2], [0, 1], [0, 2], [1, 2], [0, 1, 2]];
  const sets = frequentItemsets(basketBits(baskets, 3), { minSupport: 0.4, maxLength: 3 });
  const counts = Object.fromEntries(sets.map((s) => [s.items.join(''), s.count]));
  assert.deepEqual(counts, { '0': 4, '1': 4, '2': 4, '01': 3, '02': 3, '12': 3, '012': 2 });
  const rules = associationRules(sets, 5, { minConfidence: 0.7 });
  // {a,b} ⇒ c: 2/3 is below 0.7; a ⇒ b: 3/4.
  assert.ok(rules.every((r) => r.lhs.length === 1 && r.confidence === 0.75 && Math.abs(r.lift - 0.75 / 0.8) < 1e-12));
  assert.equal(rules.length, 6);
});

test('baskets as (basket, item) pairs, numbered from 1 in any order and repeated, make the same bitsets as the lists', () => {
  const baskets = [[0, 2], [1], [], [0, 1, 2], [2]];
  const pairs = [[4, 0], [1, 2], [5, 2], [4, 2], [2, 1], [4, 1], [1, 0], [4, 0]];
  const fromPairs = basketBitsOfPairs(Int32Array.from(pairs, (p) => p[0]!), Int32Array.from(pairs, (p) => p[1]!), 3);
  assert.deepEqual(fromPairs, basketBits(baskets, 3));
  assert.equal(fromPairs.basketCount, 5);
});

test('Groceries at support 0.001 and confidence 0.8: the 410 rules arules publishes', () => {
  const text = readFileSync(new URL('../../../../shared/datasets/groceries/groceries.csv', import.meta.url), 'utf8');
  const index = new Map<string, number>();
  const baskets = text
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => [...new Set(line.split(',').map((item) => item.trim()))].map((item) => index.get(item) ?? (index.set(item, index.size), index.size - 1)));
  assert.equal(baskets.length, 9835);
  const rules = associationRules(frequentItemsets(basketBits(baskets, index.size), { minSupport: 0.001, maxLength: 10 }), baskets.length, { minConfidence: 0.8 });
  assert.equal(rules.length, 410);
  const names = [...index.keys()];
  // Top by lift, as the published output ranks it; by confidence 28 rules tie at 1.0 ahead of it.
  assert.equal(rules.filter((r) => r.confidence === 1).length, 28);
  const top = [...rules].sort((a, b) => b.lift - a.lift)[0]!;
  assert.deepEqual(top.lhs.map((i) => names[i]).sort(), ['liquor', 'red/blush wine']);
  assert.equal(names[top.rhs], 'bottled beer');
  assert.equal(top.confidence.toFixed(7), '0.9047619');
  assert.equal(top.lift.toFixed(6), '11.235269');
});

test('every itemset counted as brute force counts it, whether held as a bitset or a list', () => {
  const rng = new Random(99);
  for (const [n, items, support] of [[3000, 12, 0.002], [700, 30, 0.01], [64, 5, 0.05]] as const) {
    // Skewed baskets: a few common items and a long tail, so that some itemsets are dense and some sparse.
    const baskets = Array.from({ length: n }, () => {
      const size = 1 + rng.int(6);
      return [...new Set(Array.from({ length: size }, () => Math.floor(items * rng.uniform() ** 2)))].sort((a, b) => a - b);
    });
    const found = frequentItemsets(basketBits(baskets, items), { minSupport: support, maxLength: 6 });
    const count = (set: number[]) => baskets.filter((b) => set.every((i) => b.includes(i))).length;
    for (const s of found) assert.equal(s.count, count(s.items), s.items.join(','));
    // Nothing frequent is missed: every frequent pair and triple is among the found.
    const min = minimumCount(support, n);
    const keys = new Set(found.map((s) => s.items.join(',')));
    for (let a = 0; a < items; a++) for (let b = a + 1; b < items; b++) {
      if (count([a, b]) >= min) assert.ok(keys.has(`${a},${b}`), `${a},${b}`);
      for (let c = b + 1; c < items; c++) if (count([a, b, c]) >= min) assert.ok(keys.has(`${a},${b},${c}`), `${a},${b},${c}`);
    }
  }
});
