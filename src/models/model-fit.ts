import { minimizeBfgs, minimizeNelderMead, standardErrors } from './optimize.ts';

/** A maximum-likelihood fit: estimates with standard errors and the log-likelihood at the maximum. */
export interface ModelFit<P extends Record<string, number>> {
  model: 'bgnbd' | 'pareto-nbd' | 'gamma-gamma';
  params: P;
  standardErrors: P;
  logLikelihood: number;
  customers: number;
  iterations: number;
  converged: boolean;
}

/** What a model gives `fitPositive`: its parameter names and its log-likelihood over the data. */
export interface LikelihoodSpec {
  names: readonly string[];
  start: readonly number[];
  logLik(params: readonly number[]): number;
  /** The gradient of the log-likelihood in the natural parameters, when the model has one. */
  gradient?(params: readonly number[]): number[];
}

/**
 * Maximises a likelihood over positive parameters: searches on their logarithms (BFGS with the
 * model's gradient, else Nelder–Mead), then takes standard errors in the natural parameters.
 */
export function fitPositive(spec: LikelihoodSpec, customers: number): Omit<ModelFit<Record<string, number>>, 'model'> {
  const scale = 1 / Math.max(1, customers);
  const natural = (theta: readonly number[]) => theta.map(Math.exp);
  const minimum = spec.gradient
    ? minimizeBfgs(
        (theta) => {
          const p = natural(theta);
          const g = spec.gradient!(p);
          return { value: -spec.logLik(p) * scale, gradient: g.map((v, i) => -v * p[i]! * scale) };
        },
        spec.start.map(Math.log),
      )
    : minimizeNelderMead((theta) => -spec.logLik(natural(theta)) * scale, spec.start.map(Math.log));
  const estimate = natural(minimum.point);
  const errors = standardErrors(
    (p) => -spec.logLik(p),
    estimate,
    spec.gradient ? (p) => spec.gradient!(p).map((v) => -v) : undefined,
  );
  const named = (values: readonly number[]) => Object.fromEntries(spec.names.map((n, i) => [n, values[i]!]));
  return {
    params: named(estimate),
    standardErrors: named(errors),
    logLikelihood: spec.logLik(estimate),
    customers,
    iterations: minimum.iterations,
    converged: minimum.converged,
  };
}

/** Distinct values of a column and each row's index into them, for terms that depend only on the value. */
export function distinctValues(values: Float64Array): { values: number[]; counts: number[]; index: Int32Array } {
  const position = new Map<number, number>();
  const distinct: number[] = [];
  const counts: number[] = [];
  const index = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    let k = position.get(v);
    if (k === undefined) {
      k = distinct.length;
      position.set(v, k);
      distinct.push(v);
      counts.push(0);
    }
    counts[k]!++;
    index[i] = k;
  }
  return { values: distinct, counts, index };
}
