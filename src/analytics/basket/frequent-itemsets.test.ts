import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { associationRules, frequentItemsets, minimumCount } from './frequent-itemsets.ts';

test('support means count / baskets ≥ minimum, exactly', () => {
  assert.equal(minimumCount(0.001, 9835), 10);
  assert.equal(minimumCount(0.5, 4), 2);
  assert.equal(minimumCount(0.25, 4), 1);
});

test('itemsets and rules on a basket list small enough to count by hand', () => {
  // a b c | a b | a c | b c | a b c
  const baskets = [[0, 1, 2], [0, 1], [0, 2], [1, 2], [0, 1, 2]];
  const sets = frequentItemsets(baskets, 3, { minSupport: 0.4, maxLength: 3 });
  const counts = Object.fromEntries(sets.map((s) => [s.items.join(''), s.count]));
  assert.deepEqual(counts, { '0': 4, '1': 4, '2': 4, '01': 3, '02': 3, '12': 3, '012': 2 });
  const rules = associationRules(sets, 5, { minConfidence: 0.7 });
  // {a,b} ⇒ c: 2/3 is below 0.7; a ⇒ b: 3/4.
  assert.ok(rules.every((r) => r.lhs.length === 1 && r.confidence === 0.75 && Math.abs(r.lift - 0.75 / 0.8) < 1e-12));
  assert.equal(rules.length, 6);
});

test('Groceries at support 0.001 and confidence 0.8: the 410 rules arules publishes', () => {
  const text = readFileSync(new URL('../../../../shared/datasets/groceries/groceries.csv', import.meta.url), 'utf8');
  const index = new Map<string, number>();
  const baskets = text
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => [...new Set(line.split(',').map((item) => item.trim()))].map((item) => index.get(item) ?? (index.set(item, index.size), index.size - 1)));
  assert.equal(baskets.length, 9835);
  const rules = associationRules(frequentItemsets(baskets, index.size, { minSupport: 0.001, maxLength: 10 }), baskets.length, { minConfidence: 0.8 });
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
