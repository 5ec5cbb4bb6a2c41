import assert from 'node:assert/strict';
import { test } from 'node:test';
import { areaUnderRoc, brierScore, calibrationBins, logLoss } from './classification-metrics.ts';
import { fitLogistic, predictLogistic } from './logistic-regression.ts';
import { Random } from './random.ts';

test('AUC: perfect, reversed, ties and a hand-counted case', () => {
  assert.equal(areaUnderRoc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1]), 1);
  assert.equal(areaUnderRoc([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1]), 0);
  assert.equal(areaUnderRoc([0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1]), 0.5);
  // Pairs (positive, negative): (0.4 vs 0.1 ✓, 0.4 vs 0.5 ✗), (0.7 vs 0.1 ✓, 0.7 vs 0.5 ✓): 3 of 4.
  assert.equal(areaUnderRoc([0.1, 0.4, 0.5, 0.7], [0, 1, 0, 1]), 0.75);
  assert.ok(Number.isNaN(areaUnderRoc([0.1, 0.2], [1, 1])));
});

test('Brier score, log loss and calibration bins', () => {
  assert.equal(brierScore([1, 0, 0.5], [1, 0, 1]), 0.25 / 3);
  assert.ok(Math.abs(logLoss([0.5, 0.5], [1, 0]) - Math.log(2)) < 1e-15);
  const bins = calibrationBins([0.05, 0.05, 0.95, 0.92], [0, 1, 1, 1]);
  assert.deepEqual(bins.map((b) => [b.count, b.observed]), [[2, 0.5], [2, 1]]);
});

test('logistic regression recovers simulated coefficients and ignores a constant feature', () => {
  const rng = new Random(5);
  const rows: Float64Array[] = [];
  const labels: number[] = [];
  for (let i = 0; i < 20_000; i++) {
    const a = rng.normal(2, 1);
    const b = rng.normal(0, 3);
    const eta = -1 + 1.5 * (a - 2) - 0.4 * b;
    rows.push(Float64Array.of(a, b, 7));
    labels.push(rng.bernoulli(1 / (1 + Math.exp(-eta))) ? 1 : 0);
  }
  const model = fitLogistic(['a', 'b', 'constant'], rows, labels, 0);
  // Coefficients on the standardised scale: the raw slope times the feature's sd.
  assert.ok(Math.abs(model.intercept + 1) < 0.06, String(model.intercept));
  assert.ok(Math.abs(model.coefficients[0]! / model.scales[0]! - 1.5) < 0.08, String(model.coefficients));
  assert.ok(Math.abs(model.coefficients[1]! / model.scales[1]! + 0.4) < 0.03);
  assert.equal(model.coefficients[2], 0);
  const p = predictLogistic(model, [2, 0, 7]);
  assert.ok(Math.abs(p - 1 / (1 + Math.exp(1))) < 0.02);
});
