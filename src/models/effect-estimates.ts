/**
 * Effects of a treatment against a control group with their uncertainty, from group moments:
 * differences of means (Welch), of proportions (normal, unpooled interval, pooled test), of
 * ratios and relative lifts (the delta method on the log scale), CUPED adjustment, and Holm's
 * correction for many comparisons. Each result names the method that produced it.
 */
import { normalQuantile, normalTwoSidedP, studentTQuantile, studentTTwoSidedP } from './distributions.ts';
import { covarianceOfMean, quadraticForm, type GroupMoments } from './group-moments.ts';

export interface Estimate {
  estimate: number;
  standard_error: number;
  ci_low: number;
  ci_high: number;
  p_value: number;
  method: 'welch_t' | 'two_proportion_z' | 'delta_method_log' | 'delta_method' | 'welch_t_cuped';
  /** Welch–Satterthwaite degrees of freedom, for t-based estimates. */
  df?: number;
}

const nan: Omit<Estimate, 'method'> = { estimate: NaN, standard_error: NaN, ci_low: NaN, ci_high: NaN, p_value: NaN };

/** Welch's t on two independent means with their variances of the mean (s²/n) and group sizes. */
export function welch(meanT: number, varMeanT: number, nT: number, meanC: number, varMeanC: number, nC: number, confidence = 0.95, method: 'welch_t' | 'welch_t_cuped' = 'welch_t'): Estimate {
  const estimate = meanT - meanC;
  const se = Math.sqrt(varMeanT + varMeanC);
  if (!(nT > 1 && nC > 1) || !Number.isFinite(se)) return { ...nan, estimate, method };
  if (se === 0) return { estimate, standard_error: 0, ci_low: estimate, ci_high: estimate, p_value: estimate === 0 ? 1 : 0, method, df: nT + nC - 2 };
  const df = (varMeanT + varMeanC) ** 2 / (varMeanT ** 2 / (nT - 1) + varMeanC ** 2 / (nC - 1));
  const q = studentTQuantile(1 - (1 - confidence) / 2, df);
  return { estimate, standard_error: se, ci_low: estimate - q * se, ci_high: estimate + q * se, p_value: studentTTwoSidedP(estimate / se, df), method, df };
}

/** Difference in the mean of variable `i` between treatment and control (Welch). */
export function differenceOfMeans(t: GroupMoments, c: GroupMoments, i: number, confidence = 0.95): Estimate {
  return welch(t.mean[i]!, t.cov[i]![i]! / t.n, t.n, c.mean[i]!, c.cov[i]![i]! / c.n, c.n, confidence);
}

/**
 * Difference of two proportions (the mean of a 0/1 variable): the interval from the unpooled
 * standard error, the p-value from the pooled two-proportion z-test.
 */
export function differenceOfProportions(t: GroupMoments, c: GroupMoments, i: number, confidence = 0.95): Estimate {
  const pt = t.mean[i]!;
  const pc = c.mean[i]!;
  const estimate = pt - pc;
  const se = Math.sqrt((pt * (1 - pt)) / t.n + (pc * (1 - pc)) / c.n);
  const pooled = (pt * t.n + pc * c.n) / (t.n + c.n);
  const sePooled = Math.sqrt(pooled * (1 - pooled) * (1 / t.n + 1 / c.n));
  const z = normalQuantile(1 - (1 - confidence) / 2);
  if (!(t.n > 0 && c.n > 0)) return { ...nan, estimate, method: 'two_proportion_z' };
  return { estimate, standard_error: se, ci_low: estimate - z * se, ci_high: estimate + z * se, p_value: sePooled > 0 ? normalTwoSidedP(estimate / sePooled) : 1, method: 'two_proportion_z' };
}

/**
 * An estimate that is a product of powers of independent groups' means, exp(Σ gᵀ log mean):
 * its log has gradient g/mean in each group, so the delta method gives the log's variance as
 * Σ (g/mean)ᵀ Σ_mean (g/mean). The interval is formed on the log scale and mapped back, minus
 * one (a relative lift). `exponents[k][i]` is the power of group k's mean of variable i.
 */
export function relativeFromMeans(
  groups: readonly { mean: readonly number[]; covOfMean: readonly (readonly number[])[] }[],
  exponents: readonly (readonly number[])[],
  confidence = 0.95,
): Estimate {
  let logValue = 0;
  let variance = 0;
  for (let k = 0; k < groups.length; k++) {
    const g = groups[k]!;
    const gradient = exponents[k]!.map((e, i) => (e === 0 ? 0 : e / g.mean[i]!));
    exponents[k]!.forEach((e, i) => {
      if (e !== 0) logValue += e * Math.log(g.mean[i]!);
    });
    variance += quadraticForm(gradient, g.covOfMean);
  }
  const estimate = Math.exp(logValue) - 1;
  const se = Math.sqrt(variance);
  if (!Number.isFinite(logValue) || !Number.isFinite(se)) return { ...nan, estimate, method: 'delta_method_log' };
  const z = normalQuantile(1 - (1 - confidence) / 2);
  return {
    estimate,
    // The standard error of the lift itself, by the delta method once more.
    standard_error: se * Math.exp(logValue),
    ci_low: Math.exp(logValue - z * se) - 1,
    ci_high: Math.exp(logValue + z * se) - 1,
    p_value: se > 0 ? normalTwoSidedP(logValue / se) : logValue === 0 ? 1 : 0,
    method: 'delta_method_log',
  };
}

/** Relative lift of the mean of variable `i`: mean_T / mean_C − 1. */
export function relativeLiftOfMeans(t: GroupMoments, c: GroupMoments, i: number, confidence = 0.95): Estimate {
  const exps = (sign: number) => t.mean.map((_, j) => (j === i ? sign : 0));
  return relativeFromMeans([{ mean: t.mean, covOfMean: covarianceOfMean(t) }, { mean: c.mean, covOfMean: covarianceOfMean(c) }], [exps(1), exps(-1)], confidence);
}

/** Ratio of two means in one group (average check = revenue / receipts) with its variance (delta method). */
export function ratioOfMeans(g: GroupMoments, numerator: number, denominator: number): { ratio: number; variance: number } {
  const a = g.mean[numerator]!;
  const b = g.mean[denominator]!;
  const gradient = g.mean.map((_, j) => (j === numerator ? 1 / b : j === denominator ? -a / (b * b) : 0));
  return { ratio: a / b, variance: quadraticForm(gradient, covarianceOfMean(g)) };
}

/** Difference of a ratio of means between treatment and control (normal, delta method). */
export function differenceOfRatios(t: GroupMoments, c: GroupMoments, numerator: number, denominator: number, confidence = 0.95): Estimate {
  const rt = ratioOfMeans(t, numerator, denominator);
  const rc = ratioOfMeans(c, numerator, denominator);
  const estimate = rt.ratio - rc.ratio;
  const se = Math.sqrt(rt.variance + rc.variance);
  if (!Number.isFinite(se)) return { ...nan, estimate, method: 'delta_method' };
  const z = normalQuantile(1 - (1 - confidence) / 2);
  return { estimate, standard_error: se, ci_low: estimate - z * se, ci_high: estimate + z * se, p_value: se > 0 ? normalTwoSidedP(estimate / se) : 1, method: 'delta_method' };
}

/** Relative lift of a ratio of means: (num_T/den_T) / (num_C/den_C) − 1. */
export function relativeLiftOfRatios(t: GroupMoments, c: GroupMoments, numerator: number, denominator: number, confidence = 0.95): Estimate {
  const exps = (sign: number) => t.mean.map((_, j) => (j === numerator ? sign : j === denominator ? -sign : 0));
  return relativeFromMeans([{ mean: t.mean, covOfMean: covarianceOfMean(t) }, { mean: c.mean, covOfMean: covarianceOfMean(c) }], [exps(1), exps(-1)], confidence);
}

export interface CupedResult {
  /** θ = cov(Y, X) / var(X), pooled over the groups (within-group covariances, so the treatment effect does not leak in). */
  theta: number;
  /** 1 − Var(Y − θX) / Var(Y) within groups: the share of variance CUPED removed (ρ²). */
  variance_reduction: number;
  difference: Estimate;
  relative: Estimate;
}

/**
 * CUPED (Deng et al., 2013): Y adjusted by a pre-period covariate X, Y − θ(X − X̄), which keeps
 * each group's expected mean (the groups were randomised, so X̄ is the same in expectation) and
 * removes the variance X explains.
 */
export function cuped(t: GroupMoments, c: GroupMoments, y: number, x: number, confidence = 0.95): CupedResult {
  const pooled = (m: (g: GroupMoments) => number) => ((t.n - 1) * m(t) + (c.n - 1) * m(c)) / (t.n + c.n - 2);
  const varX = pooled((g) => g.cov[x]![x]!);
  const covXY = pooled((g) => g.cov[x]![y]!);
  const varY = pooled((g) => g.cov[y]![y]!);
  const theta = varX > 0 ? covXY / varX : 0;
  const grandX = (t.n * t.mean[x]! + c.n * c.mean[x]!) / (t.n + c.n);
  const adjusted = (g: GroupMoments) => ({
    mean: g.mean[y]! - theta * (g.mean[x]! - grandX),
    variance: g.cov[y]![y]! - 2 * theta * g.cov[x]![y]! + theta * theta * g.cov[x]![x]!,
  });
  const at = adjusted(t);
  const ac = adjusted(c);
  const difference = welch(at.mean, at.variance / t.n, t.n, ac.mean, ac.variance / c.n, c.n, confidence, 'welch_t_cuped');
  // Relative lift of the adjusted means; X̄ is shared, so its noise is second order and left out.
  const relative = relativeFromMeans(
    [{ mean: [at.mean], covOfMean: [[at.variance / t.n]] }, { mean: [ac.mean], covOfMean: [[ac.variance / c.n]] }],
    [[1], [-1]],
    confidence,
  );
  const residual = varY - 2 * theta * covXY + theta * theta * varX;
  return { theta, variance_reduction: varY > 0 ? 1 - residual / varY : 0, difference, relative };
}

/** Holm's step-down adjustment of p-values (family-wise error), in the input order. */
export function holmAdjust(pValues: readonly number[]): number[] {
  const order = pValues.map((p, i) => ({ p: Number.isFinite(p) ? p : 1, i })).sort((a, b) => a.p - b.p);
  const out = new Array<number>(pValues.length);
  let running = 0;
  order.forEach(({ p, i }, rank) => {
    running = Math.max(running, Math.min(1, (order.length - rank) * p));
    out[i] = running;
  });
  return out;
}
