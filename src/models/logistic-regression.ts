import { invert } from './optimize.ts';

/** A fitted logistic regression on standardised features. */
export interface LogisticModel {
  features: readonly string[];
  /** Per feature, on the standardised scale; intercept first. */
  intercept: number;
  coefficients: number[];
  means: number[];
  scales: number[];
  iterations: number;
}

/**
 * Logistic regression by Newton–Raphson (iteratively reweighted least squares) with a small
 * ridge penalty, so perfectly separable or constant features do not send it to infinity.
 * Features are standardised first; a constant feature gets weight 0.
 */
export function fitLogistic(features: readonly string[], rows: readonly Float64Array[], labels: ArrayLike<number>, ridge = 1e-3): LogisticModel {
  const n = rows.length;
  const k = features.length;
  if (n === 0) throw new RangeError('logistic regression needs at least one row');
  const means = new Array<number>(k).fill(0);
  const scales = new Array<number>(k).fill(0);
  for (const row of rows) for (let j = 0; j < k; j++) means[j]! += row[j]! / n;
  for (const row of rows) for (let j = 0; j < k; j++) scales[j]! += (row[j]! - means[j]!) ** 2 / n;
  // A constant feature (variance at rounding level) is switched off: infinite scale, zero input.
  for (let j = 0; j < k; j++) scales[j] = scales[j]! > 1e-12 * (1 + means[j]! ** 2) ? Math.sqrt(scales[j]!) : Infinity;
  const z = (row: Float64Array, j: number) => (j === 0 ? 1 : (row[j - 1]! - means[j - 1]!) / scales[j - 1]!);
  let beta = new Array<number>(k + 1).fill(0);
  let iterations = 0;
  for (; iterations < 50; iterations++) {
    const gradient = new Array<number>(k + 1).fill(0);
    const hessian = Array.from({ length: k + 1 }, () => new Array<number>(k + 1).fill(0));
    for (let i = 0; i < n; i++) {
      const row = rows[i]!;
      let eta = 0;
      for (let j = 0; j <= k; j++) eta += beta[j]! * z(row, j);
      const p = 1 / (1 + Math.exp(-eta));
      const w = p * (1 - p);
      const residual = labels[i]! - p;
      for (let a = 0; a <= k; a++) {
        const za = z(row, a);
        gradient[a]! += residual * za;
        for (let b = 0; b <= a; b++) hessian[a]![b]! += w * za * z(row, b);
      }
    }
    for (let a = 0; a <= k; a++) {
      for (let b = 0; b < a; b++) hessian[b]![a] = hessian[a]![b]!;
      if (a > 0) {
        gradient[a]! -= ridge * n * beta[a]!;
        hessian[a]![a]! += (ridge + 1e-9) * n;
      }
    }
    const inverse = invert(hessian);
    if (!inverse) break;
    const step = inverse.map((row) => row.reduce((s, v, j) => s + v * gradient[j]!, 0));
    beta = beta.map((b, j) => b + step[j]!);
    if (Math.max(...step.map(Math.abs)) < 1e-8) {
      iterations++;
      break;
    }
  }
  return { features, intercept: beta[0]!, coefficients: beta.slice(1), means, scales, iterations };
}

export function predictLogistic(model: LogisticModel, row: ArrayLike<number>): number {
  let eta = model.intercept;
  for (let j = 0; j < model.coefficients.length; j++) eta += (model.coefficients[j]! * (row[j]! - model.means[j]!)) / model.scales[j]!;
  return 1 / (1 + Math.exp(-eta));
}
