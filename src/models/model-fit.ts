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
  /** The log-likelihood and its gradient in the natural parameters in one pass, when the model has one. */
  withGradient?(params: readonly number[]): { value: number; gradient: number[] };
}

/** Where a fit ends, for starting a bigger fit of the same model near it. */
export interface WarmStart {
  params: readonly number[];
  /** BFGS's inverse Hessian of the per-customer objective on the log scale. */
  inverseHessian: number[][];
}

/**
 * Maximises a likelihood over positive parameters: searches on their logarithms (BFGS with the
 * model's gradient, else Nelder–Mead), then takes standard errors in the natural parameters.
 */
export function fitPositive(spec: LikelihoodSpec, customers: number, warm?: WarmStart): Omit<ModelFit<Record<string, number>>, 'model'> & { warm: WarmStart | null } {
  const scale = 1 / Math.max(1, customers);
  const natural = (theta: readonly number[]) => theta.map(Math.exp);
  const withGradient = spec.withGradient;
  const minimum = withGradient
    ? minimizeBfgs(
        (theta) => {
          const p = natural(theta);
          const { value, gradient } = withGradient(p);
          return { value: -value * scale, gradient: gradient.map((v, i) => -v * p[i]! * scale) };
        },
        (warm?.params ?? spec.start).map(Math.log),
        warm ? { initialInverseHessian: warm.inverseHessian } : {},
      )
    : minimizeNelderMead((theta) => -spec.logLik(natural(theta)) * scale, spec.start.map(Math.log));
  const estimate = natural(minimum.point);
  const errors = standardErrors(
    (p) => -spec.logLik(p),
    estimate,
    withGradient ? (p) => withGradient(p).gradient.map((v) => -v) : undefined,
  );
  const named = (values: readonly number[]) => Object.fromEntries(spec.names.map((n, i) => [n, values[i]!]));
  return {
    params: named(estimate),
    standardErrors: named(errors),
    logLikelihood: spec.logLik(estimate),
    customers,
    iterations: minimum.iterations,
    converged: minimum.converged,
    warm: minimum.inverseHessian ? { params: estimate, inverseHessian: minimum.inverseHessian } : null,
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
