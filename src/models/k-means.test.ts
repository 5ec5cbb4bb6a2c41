import assert from 'node:assert/strict';
import { test } from 'node:test';
import { kMeans } from './k-means.ts';
import { Random } from './random.ts';

test('k-means separates two blobs and is the same on every run', () => {
  const rng = new Random(3);
  const points = [...Array.from({ length: 50 }, () => [rng.normal(0, 0.1), rng.normal(0, 0.1)]), ...Array.from({ length: 30 }, () => [rng.normal(5, 0.1), rng.normal(5, 0.1)])];
  const a = kMeans(points, 2, new Random(1));
  const b = kMeans(points, 2, new Random(1));
  assert.deepEqual(a, b);
  const first = a.assignments[0]!;
  assert.ok(a.assignments.slice(0, 50).every((c) => c === first));
  assert.ok(a.assignments.slice(50).every((c) => c !== first));
  const far = a.centroids[1 - first]!;
  assert.ok(Math.abs(far[0]! - 5) < 0.1 && Math.abs(far[1]! - 5) < 0.1);
  // More clusters than points: one cluster per point.
  assert.deepEqual(kMeans([[0], [1]], 5, new Random(1)).centroids.length, 2);
});
