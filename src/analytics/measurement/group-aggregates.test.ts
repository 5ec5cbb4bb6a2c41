import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openAnalyticsStore } from '../analytics-store.ts';
import { aggregateGroups } from './group-aggregates.ts';

// Two groups of hand-checkable units: a = (1, 2, 3) with b = (2, 2, 5), and one unit with a NULL.
const relation = `SELECT * FROM (VALUES ('x', 1.0, 2.0, 0.0), ('x', 2.0, 2.0, 1.0), ('x', 3.0, 5.0, 0.0), ('y', 4.0, NULL, 1.0)) t(g, a, b, c)`;

test('group moments: counts, means and sample covariances, NULL as 0 and flagged when a variable is never known', async () => {
  const store = await openAnalyticsStore(':memory:');
  try {
    const [x, y] = await aggregateGroups(store, relation, ['g'], ['a', 'b', 'c'], []);
    assert.deepEqual(x!.key, ['x']);
    assert.equal(x!.moments.n, 3);
    assert.deepEqual(x!.moments.mean, [2, 3, 1 / 3]);
    // var(a) = 1; cov(a, b) = ((−1)(−1) + 0·(−1) + 1·2) / 2 = 1.5; var(b) = (1 + 1 + 4) / 2 = 3.
    assert.equal(x!.moments.cov[0]![0], 1);
    assert.equal(x!.moments.cov[0]![1], 1.5);
    assert.equal(x!.moments.cov[1]![0], 1.5);
    assert.equal(x!.moments.cov[1]![1], 3);
    assert.deepEqual(y!.known, [true, false, true]);
    assert.deepEqual(y!.moments.mean, [4, 0, 1]);
  } finally {
    store.close();
  }
});

test('group moments: only the crossed pairs are summed, the same as in full; the rest are NaN, never a silent zero', async () => {
  const store = await openAnalyticsStore(':memory:');
  try {
    const full = await aggregateGroups(store, relation, ['g'], ['a', 'b', 'c'], []);
    const some = await aggregateGroups(store, relation, ['g'], ['a', 'b', 'c'], [], (p, q) => (p === 'a' && q === 'a') || (p === 'b' && q === 'a'));
    for (const [i, group] of some.entries()) {
      assert.deepEqual(group.moments.mean, full[i]!.moments.mean);
      assert.equal(group.moments.cov[0]![0], full[i]!.moments.cov[0]![0]);
      // Asked for as (b, a): the pair is one, whichever way round.
      assert.equal(group.moments.cov[0]![1], full[i]!.moments.cov[0]![1]);
      assert.equal(group.moments.cov[1]![0], full[i]!.moments.cov[1]![0]);
      assert.ok(Number.isNaN(group.moments.cov[1]![1]!));
      assert.ok(Number.isNaN(group.moments.cov[0]![2]!));
      assert.ok(Number.isNaN(group.moments.cov[2]![2]!));
    }
  } finally {
    store.close();
  }
});
