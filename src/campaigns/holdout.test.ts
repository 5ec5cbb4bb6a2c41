import assert from 'node:assert/strict';
import { test } from 'node:test';
import { holdoutBucket, holdoutGroup } from './holdout.ts';

test('holdout assignment is stable and hits the control share', () => {
  const n = 20_000;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const customer = `cus_${i}`;
    const group = holdoutGroup('cmp_a', customer, 1500);
    assert.equal(holdoutGroup('cmp_a', customer, 1500), group);
    if (group === 'control') control++;
  }
  // Binomial(20000, 0.15): sd = 50.5; four sd either side.
  assert.ok(Math.abs(control - 3000) < 4 * Math.sqrt(n * 0.15 * 0.85), `control ${control}`);
});

test('holdout buckets of one customer are independent across campaigns', () => {
  let same = 0;
  for (let i = 0; i < 10_000; i++) if (holdoutGroup('cmp_a', `c${i}`, 5000) === holdoutGroup('cmp_b', `c${i}`, 5000)) same++;
  assert.ok(Math.abs(same - 5000) < 4 * 50, `agreement ${same}`);
  assert.equal(holdoutBucket('cmp_a', 'cus_1'), holdoutBucket('cmp_a', 'cus_1'));
  assert.throws(() => holdoutGroup('cmp_a', 'c', 10_001), RangeError);
});
