import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalCdf, normalQuantile, regularizedBeta, studentTCdf, studentTQuantile, studentTTwoSidedP } from './distributions.ts';
import { cuped, differenceOfMeans, differenceOfProportions, differenceOfRatios, holmAdjust, relativeLiftOfMeans, type Estimate } from './effect-estimates.ts';
import { audienceForEffect, controlShareForEffect, minimumDetectableEffect } from './experiment-design.ts';
import { momentsFromSums, weightedMean, type GroupMoments } from './group-moments.ts';
import { Random } from './random.ts';

const close = (actual: number, expected: number, tolerance: number, what = '') =>
  assert.ok(Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)), `${what} ${actual} is not ${expected}`);

test('normal and t distributions against published values and closed forms', () => {
  close(normalQuantile(0.975), 1.959963984540054, 1e-13);
  close(normalCdf(-3), 0.0013498980316301, 1e-13);
  close(normalQuantile(1e-10), -6.361340902404056, 1e-12);
  close(studentTQuantile(0.975, 10), 2.228138851986274, 1e-12);
  close(studentTQuantile(0.975, 1), 12.70620473617471, 1e-11);
  close(studentTQuantile(0.995, 3), 5.84090930973335, 1e-11);
  // df = 5 in closed form: F(t) = ½ + (θ + sinθ cosθ (1 + ⅔ cos²θ)) / π, θ = atan(t/√5).
  close(studentTTwoSidedP(-2, 5), 0.10193947882985821, 1e-12);
  // df = 1 is Cauchy, df = 2 has a closed form; both hold for any t.
  for (const t of [-30, -2.5, -0.3, 0, 0.7, 4, 100]) {
    close(studentTCdf(t, 1), 0.5 + Math.atan(t) / Math.PI, 1e-12, `cauchy ${t}`);
    close(studentTCdf(t, 2), 0.5 + t / (2 * Math.sqrt(2 + t * t)), 1e-12, `df2 ${t}`);
  }
  for (const x of [0.01, 0.3, 0.9]) {
    close(regularizedBeta(x, 1, 1), x, 1e-14);
    close(regularizedBeta(x, 3.5, 1), x ** 3.5, 1e-13);
  }
});

test('Welch on R\'s sleep data: t.test(extra ~ group) gives t −1.8608, df 17.776, p 0.07939, CI −3.3654832 … 0.2054832', () => {
  const g1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
  const g2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];
  const m = (xs: number[]) => momentsFromSums(xs.length, [xs.reduce((a, b) => a + b, 0)], [[xs.reduce((a, b) => a + b * b, 0)]]);
  const e = differenceOfMeans(m(g1), m(g2), 0);
  close(e.estimate, -1.58, 1e-12);
  close(e.estimate / e.standard_error, -1.860813, 1e-6);
  close(e.df!, 17.77647, 1e-6);
  close(e.p_value, 0.07939414, 1e-6);
  close(e.ci_low, -3.3654832, 1e-7);
  close(e.ci_high, 0.2054832, 1e-7);
});

test('Holm adjusts in step-down order and keeps the input order', () => {
  assert.deepEqual(holmAdjust([0.01, 0.04, 0.03, 0.5]).map((p) => Number(p.toFixed(10))), [0.04, 0.09, 0.09, 0.5]);
});

test('planning: 393 per arm detect 0.2 sd at α 0.05 and 80 % power; the control share inverts the MDE', () => {
  assert.equal(audienceForEffect({ sd: 1, effect: 0.2, controlShare: 0.5 }), 785);
  const mde = minimumDetectableEffect({ audience: 20_000, sd: 300, controlShare: 0.1 });
  close(controlShareForEffect({ audience: 20_000, sd: 300, effect: mde })!, 0.1, 1e-9);
  assert.equal(controlShareForEffect({ audience: 100, sd: 300, effect: 1 }), null);
});

/** Moments of simulated customers: visits ~ Poisson(λ·m) with λ ~ Gamma, pre-period visits ~ Poisson(λ), revenue per visit ~ Gamma. */
function simulateArm(rng: Random, n: number, multiplier: number): GroupMoments {
  // Variables: 0 bought (0/1), 1 visits, 2 revenue, 3 pre-period visits.
  const k = 4;
  const sums = new Array<number>(k).fill(0);
  const cross = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < n; i++) {
    const lambda = rng.gamma(0.8, 0.8);
    const visits = rng.poisson(lambda * multiplier);
    let revenue = 0;
    for (let v = 0; v < visits; v++) revenue += rng.gamma(4, 4 / 700);
    const v = [visits > 0 ? 1 : 0, visits, revenue, rng.poisson(lambda * 3)];
    for (let a = 0; a < k; a++) {
      sums[a]! += v[a]!;
      for (let b = 0; b < k; b++) cross[a]![b]! += v[a]! * v[b]!;
    }
  }
  return momentsFromSums(n, sums, cross);
}

test('95 % intervals cover the truth at about their nominal rate over 400 seeded experiments', () => {
  // Truth: visits ×1.2 for the treated; E[visits] = 1.2·E[λ] vs E[λ], E[λ] = 0.8/0.8 = 1; revenue per visit 700.
  const truth = { visits: 0.2, relative: 0.2, revenue: 0.2 * 700 };
  const pBought = (m: number) => 1 - (0.8 / (0.8 + m)) ** 0.8; // P(Poisson(λm) > 0) under λ ~ Gamma(0.8, 0.8)
  const covered = { visits: 0, relative: 0, revenue: 0, bought: 0, cuped: 0, cupedRelative: 0, ratio: 0 };
  let reduction = 0;
  const runs = 400;
  const rng = new Random(20261201);
  const inside = (e: Estimate, value: number) => (e.ci_low <= value && value <= e.ci_high ? 1 : 0);
  for (let run = 0; run < runs; run++) {
    const t = simulateArm(rng, 900, 1.2);
    const c = simulateArm(rng, 300, 1);
    covered.visits += inside(differenceOfMeans(t, c, 1), truth.visits);
    covered.relative += inside(relativeLiftOfMeans(t, c, 1), truth.relative);
    covered.revenue += inside(differenceOfMeans(t, c, 2), truth.revenue);
    covered.bought += inside(differenceOfProportions(t, c, 0), pBought(1.2) - pBought(1));
    covered.ratio += inside(differenceOfRatios(t, c, 2, 1), 0);
    const adjusted = cuped(t, c, 1, 3);
    covered.cuped += inside(adjusted.difference, truth.visits);
    covered.cupedRelative += inside(adjusted.relative, truth.relative);
    reduction += adjusted.variance_reduction / runs;
  }
  // Binomial(400, 0.95): sd 4.4 runs; 0.91–0.99 is about ±4 sd.
  for (const [name, count] of Object.entries(covered)) {
    const rate = count / runs;
    assert.ok(rate >= 0.91 && rate <= 0.99, `${name}: coverage ${rate}`);
  }
  // Pre-period visits share λ with the outcome: CUPED must remove a good part of the variance.
  assert.ok(reduction > 0.2 && reduction < 0.8, `variance reduction ${reduction}`);
});

test('weighted strata: the weighted mean and its variance match the unweighted case when weights are 1', () => {
  const rng = new Random(7);
  const a = simulateArm(rng, 200, 1);
  const b = simulateArm(rng, 300, 1);
  const pooled = weightedMean([{ moments: a, weight: 1 }, { moments: b, weight: 1 }]);
  const mean = (a.mean[1]! * 200 + b.mean[1]! * 300) / 500;
  close(pooled.mean[1]!, mean, 1e-12);
  // Σ (v − m)² / N² = (N − 1)·s² / N² for the pooled sample.
  const within = 199 * a.cov[1]![1]! + 200 * (a.mean[1]! - mean) ** 2 + 299 * b.cov[1]![1]! + 300 * (b.mean[1]! - mean) ** 2;
  close(pooled.covOfMean[1]![1]!, within / 500 / 500, 1e-12);
  assert.equal(pooled.effectiveN, 500);
});
