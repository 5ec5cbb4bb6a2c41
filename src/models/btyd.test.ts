import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { bgNbdConditionalExpected, bgNbdProbabilityAlive, bgNbdPopulationExpected, fitBgNbd, type BgNbdParams } from './bg-nbd.ts';
import { customerLifetimeValue } from './clv.ts';
import { bgNbdProbabilityNoPurchase } from './frequency-model.ts';
import { fitGammaGamma, gammaGammaExpectedSpend } from './gamma-gamma.ts';
import { fitParetoNbd, paretoNbdConditionalExpected, paretoNbdPopulationExpected } from './pareto-nbd.ts';
import { Random } from './random.ts';
import { repeatPurchases } from './repeat-purchases.ts';

// The CDNOW sample's calibration summary as lifetimes ships it (x, tx, T in weeks, rounded to 2
// decimals): the exact-day figures are asserted end to end in test/models-cdnow.test.ts.
const summary = readFileSync(new URL('../../../shared/datasets/cdnow/cdnow_customers_summary_with_transactions.csv', import.meta.url), 'utf8')
  .trim().split(/\r?\n/).slice(1).map((line) => line.split(',').map(Number));
const cdnow = repeatPurchases(summary.map(([, x, tx, T]) => ({ x: x!, tx: tx!, T: T! })));

test('BG/NBD on the CDNOW summary: the published estimates, and the paper\'s worked example', () => {
  const fit = fitBgNbd(cdnow);
  assert.ok(fit.converged);
  assert.deepEqual([fit.params.r, fit.params.alpha, fit.params.a, fit.params.b].map((v) => v.toFixed(3)), ['0.243', '4.414', '0.793', '2.426']);
  assert.equal(fit.logLikelihood.toFixed(1), '-9582.4');
  for (const name of ['r', 'alpha', 'a', 'b'] as const) assert.ok(fit.standardErrors[name] > 0 && fit.standardErrors[name] < fit.params[name]);
  // Fader, Hardie & Lee (2005), section 5: x = 2, tx = 30.43, T = 38.86 expects 1.226 purchases in the next 39 weeks.
  assert.equal(bgNbdConditionalExpected(fit.params, 2, 30.43, 38.86, 39).toFixed(3), '1.226');
  assert.equal(bgNbdProbabilityAlive(fit.params, 0, 0, 38.86), 1);
});

test('Pareto/NBD on the CDNOW summary gives the estimates of Fader & Hardie\'s note', () => {
  const fit = fitParetoNbd(cdnow);
  assert.ok(fit.converged);
  // r = 0.553, α = 10.578, s = 0.606, β = 11.669, LL = −9595.0
  assert.deepEqual([fit.params.r, fit.params.alpha, fit.params.s].map((v) => v.toFixed(2)), ['0.55', '10.58', '0.61']);
  assert.ok(Math.abs(fit.params.beta - 11.67) < 0.05, String(fit.params.beta));
  assert.equal(fit.logLikelihood.toFixed(0), '-9595');
  // Conditional expectation of a customer never seen again after T tends to zero as T grows.
  assert.ok(paretoNbdConditionalExpected(fit.params, 5, 1, 200, 39) < paretoNbdConditionalExpected(fit.params, 5, 1, 10, 39));
  assert.ok(paretoNbdPopulationExpected(fit.params, 78) > paretoNbdPopulationExpected(fit.params, 39));
});

test('Gamma-Gamma on the 946 CDNOW repeat buyers gives p = 6.25, q = 3.74, γ = 15.44', () => {
  const repeaters = summary.filter((row) => row[1]! > 0);
  assert.equal(repeaters.length, 946);
  const fit = fitGammaGamma({ x: Float64Array.from(repeaters, (r) => r[1]!), zbar: Float64Array.from(repeaters, (r) => r[4]!) });
  assert.ok(fit.converged);
  assert.deepEqual([fit.params.p, fit.params.q].map((v) => v.toFixed(2)), ['6.25', '3.74']);
  // z̄ rounded to cents in this file moves γ by under a cent (15.448); exact in models-cdnow.test.ts.
  assert.ok(Math.abs(fit.params.gamma - 15.44) < 0.01, String(fit.params.gamma));
  // The conditional mean is a weighted average of the population mean and the customer's own.
  const population = gammaGammaExpectedSpend(fit.params, 0, 0);
  const own = gammaGammaExpectedSpend(fit.params, 10, 60);
  assert.ok(own > population && own < 60);
});

test('BG/NBD recovers the parameters of data simulated from it, within two standard errors', () => {
  const truth: BgNbdParams = { r: 0.8, alpha: 12, a: 0.9, b: 6 };
  const rng = new Random(11);
  const rows = Array.from({ length: 6000 }, () => {
    const lambda = rng.gamma(truth.r, truth.alpha);
    const p = rng.beta(truth.a, truth.b);
    const T = 30 + rng.uniform() * 300;
    let t = 0;
    let x = 0;
    let tx = 0;
    for (;;) {
      t += rng.exponential(lambda);
      if (t > T) break;
      x++;
      tx = t;
      if (rng.bernoulli(p)) break;
    }
    return { x, tx, T };
  });
  const fit = fitBgNbd(repeatPurchases(rows));
  for (const name of ['r', 'alpha', 'a', 'b'] as const) {
    assert.ok(Math.abs(fit.params[name] - truth[name]) < 2 * fit.standardErrors[name], `${name}: ${fit.params[name]} ± ${fit.standardErrors[name]} vs ${truth[name]}`);
  }
  // The population curve matches the simulated customers' average repeat purchases over T.
  const meanActual = rows.reduce((s, r) => s + r.x, 0) / rows.length;
  const meanExpected = rows.reduce((s, r) => s + bgNbdPopulationExpected(fit.params, r.T), 0) / rows.length;
  assert.ok(Math.abs(meanActual - meanExpected) / meanActual < 0.03, `${meanActual} vs ${meanExpected}`);
});

test('CLV discounts monthly expected purchases; no-purchase probability is between the two extremes', () => {
  // A steady 2 purchases a month at 100 for 12 months, no discount: 2400; discounting lowers it.
  const steady = (t: number) => (2 * t) / (365.25 / 12);
  assert.ok(Math.abs(customerLifetimeValue(steady, 100, { horizonMonths: 12, annualDiscountRate: 0, unitDays: 1 }) - 2400) < 1e-9);
  const discounted = customerLifetimeValue(steady, 100, { horizonMonths: 12, annualDiscountRate: 0.1, unitDays: 1 });
  assert.ok(discounted < 2400 && discounted > 2400 / 1.1);
  const p = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
  const none = bgNbdProbabilityNoPurchase(p, 2, 30.43, 38.86, 39);
  assert.ok(none > 1 - bgNbdProbabilityAlive(p, 2, 30.43, 38.86) && none < 1);
});
