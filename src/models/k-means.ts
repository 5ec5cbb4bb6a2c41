import type { Random } from './random.ts';

/**
 * k-means (Lloyd) with k-means++ seeding (Arthur & Vassilvitskii, 2007) on a seeded generator,
 * so the same data and seed always give the same clusters. Squared Euclidean distance.
 */
export function kMeans(points: readonly (readonly number[])[], k: number, rng: Random, maxIterations = 100): { assignments: number[]; centroids: number[][] } {
  const n = points.length;
  if (n === 0) return { assignments: [], centroids: [] };
  const clusters = Math.max(1, Math.min(k, n));
  const distance = (a: readonly number[], b: readonly number[]) => a.reduce((s, x, i) => s + (x - b[i]!) ** 2, 0);
  const centroids: number[][] = [[...points[rng.int(n)]!]];
  while (centroids.length < clusters) {
    const weights = points.map((p) => Math.min(...centroids.map((c) => distance(p, c))));
    const total = weights.reduce((a, b) => a + b, 0);
    // All remaining points coincide with a centroid: take any not yet taken.
    centroids.push([...points[total > 0 ? rng.categorical(weights) : centroids.length]!]);
  }
  const assignments = new Array<number>(n).fill(-1);
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    let moved = false;
    points.forEach((p, i) => {
      let best = 0;
      for (let c = 1; c < clusters; c++) if (distance(p, centroids[c]!) < distance(p, centroids[best]!)) best = c;
      if (assignments[i] !== best) {
        assignments[i] = best;
        moved = true;
      }
    });
    if (!moved) break;
    for (let c = 0; c < clusters; c++) {
      const members = points.filter((_, i) => assignments[i] === c);
      if (members.length > 0) centroids[c] = members[0]!.map((_, d) => members.reduce((s, m) => s + m[d]!, 0) / members.length);
    }
  }
  return { assignments, centroids };
}
