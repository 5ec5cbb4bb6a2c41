/**
 * A group of units (customers of one arm, shoppers of one matched stratum) summarised by the
 * count, the means of a few variables and their sample covariance matrix: all that the
 * difference-of-means, ratio (delta method) and CUPED inference needs, and what SQL can
 * aggregate in one pass over millions of rows.
 */
export interface GroupMoments {
  n: number;
  /** Mean of each variable, in the caller's variable order. */
  mean: number[];
  /** Sample covariance (n − 1 denominator); cov[i][i] is the variance. */
  cov: number[][];
}

/** Moments from raw sums (Σvᵢ and Σvᵢvⱼ over the units), as a SQL aggregate returns them. */
export function momentsFromSums(n: number, sums: readonly number[], crossSums: readonly (readonly number[])[]): GroupMoments {
  const k = sums.length;
  const mean = sums.map((s) => (n > 0 ? s / n : NaN));
  const cov = Array.from({ length: k }, (_, i) =>
    Array.from({ length: k }, (_, j) => (n > 1 ? (crossSums[i]![j]! - n * mean[i]! * mean[j]!) / (n - 1) : NaN)),
  );
  return { n, mean, cov };
}

/** The covariance matrix of the group's mean vector: cov / n. */
export function covarianceOfMean(g: GroupMoments): number[][] {
  return g.cov.map((row) => row.map((v) => v / g.n));
}

/** gᵀ Σ g. */
export function quadraticForm(gradient: readonly number[], sigma: readonly (readonly number[])[]): number {
  let total = 0;
  for (let i = 0; i < gradient.length; i++) {
    if (gradient[i] === 0) continue;
    for (let j = 0; j < gradient.length; j++) if (gradient[j] !== 0) total += gradient[i]! * sigma[i]![j]! * gradient[j]!;
  }
  return total;
}

/**
 * Pools groups whose units are weighted, a weight per group (matched strata: each control
 * stratum weighted to its treated count). Returns the weighted mean vector and the covariance
 * of that mean, Σ_s w_s² Σ_{i∈s} (vᵢ − m)(vᵢ − m)ᵀ / (Σ_s w_s n_s)², treating weights as fixed.
 */
export function weightedMean(groups: readonly { moments: GroupMoments; weight: number }[]): { n: number; effectiveN: number; mean: number[]; covOfMean: number[][] } {
  const k = groups[0]?.moments.mean.length ?? 0;
  let total = 0;
  let sumW2n = 0;
  const mean = new Array<number>(k).fill(0);
  for (const { moments, weight } of groups) {
    total += weight * moments.n;
    sumW2n += weight * weight * moments.n;
    for (let i = 0; i < k; i++) mean[i]! += weight * moments.n * moments.mean[i]!;
  }
  for (let i = 0; i < k; i++) mean[i]! /= total;
  const covOfMean = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (const { moments, weight } of groups) {
    const { n } = moments;
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) {
        // Σ (v − m)(v − m)ᵀ within the group = (n − 1)·cov + n·(mean_g − m)(mean_g − m)ᵀ.
        const within = (n > 1 ? (n - 1) * moments.cov[i]![j]! : 0) + n * (moments.mean[i]! - mean[i]!) * (moments.mean[j]! - mean[j]!);
        covOfMean[i]![j]! += (weight * weight * within) / (total * total);
      }
    }
  }
  return { n: total, effectiveN: (total * total) / sumW2n, mean, covOfMean };
}
