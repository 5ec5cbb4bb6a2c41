import type { Random } from './random.ts';

function squaredDistance(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i]! - b[i]!;
    s += d * d;
  }
  return s;
}

/** The index of the centre nearest to p (the first of equals). */
export function nearestCentre(p: readonly number[], centroids: readonly (readonly number[])[]): number {
  let best = 0;
  let bestDistance = squaredDistance(p, centroids[0]!);
  for (let c = 1; c < centroids.length; c++) {
    const d = squaredDistance(p, centroids[c]!);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * k-means (Lloyd) with k-means++ seeding (Arthur & Vassilvitskii, 2007) on a seeded generator,
 * so the same data and seed always give the same clusters. Squared Euclidean distance.
 */
export function kMeans(points: readonly (readonly number[])[], k: number, rng: Random, maxIterations = 100): { assignments: number[]; centroids: number[][] } {
  const n = points.length;
  if (n === 0) return { assignments: [], centroids: [] };
  const dims = points[0]!.length;
  const clusters = Math.max(1, Math.min(k, n));
  const centroids: number[][] = [[...points[rng.int(n)]!]];
  // Each point's distance to its nearest centroid so far, kept up to date as centroids are added.
  const nearest = points.map((p) => squaredDistance(p, centroids[0]!));
  while (centroids.length < clusters) {
    const total = nearest.reduce((a, b) => a + b, 0);
    // All remaining points coincide with a centroid: take any not yet taken.
    const next = [...points[total > 0 ? rng.categorical(nearest) : centroids.length]!];
    centroids.push(next);
    for (let i = 0; i < n; i++) nearest[i] = Math.min(nearest[i]!, squaredDistance(points[i]!, next));
  }
  const assignments = new Array<number>(n).fill(-1);
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    let moved = false;
    for (let i = 0; i < n; i++) {
      const best = nearestCentre(points[i]!, centroids);
      if (assignments[i] !== best) {
        assignments[i] = best;
        moved = true;
      }
    }
    if (!moved) break;
    // New centres in one pass: sums in point order, as each cluster's members come.
    const sums = Array.from({ length: clusters }, () => new Array<number>(dims).fill(0));
    const counts = new Array<number>(clusters).fill(0);
    for (let i = 0; i < n; i++) {
      const c = assignments[i]!;
      counts[c]!++;
      const sum = sums[c]!;
      const p = points[i]!;
      for (let d = 0; d < dims; d++) sum[d]! += p[d]!;
    }
    for (let c = 0; c < clusters; c++) if (counts[c]! > 0) centroids[c] = sums[c]!.map((s) => s / counts[c]!);
  }
  return { assignments, centroids };
}
