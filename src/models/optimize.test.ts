import assert from 'node:assert/strict';
import { test } from 'node:test';
import { invert, minimizeBfgs, minimizeNelderMead, standardErrors } from './optimize.ts';

// Rosenbrock's valley: the classic hard case for both minimisers; the minimum is (1, 1).
const rosenbrock = (x: readonly number[]) => 100 * (x[1]! - x[0]! ** 2) ** 2 + (1 - x[0]!) ** 2;
const rosenbrockGradient = (x: readonly number[]) => [-400 * x[0]! * (x[1]! - x[0]! ** 2) - 2 * (1 - x[0]!), 200 * (x[1]! - x[0]! ** 2)];

test('BFGS finds the minimum of the Rosenbrock valley', () => {
  const m = minimizeBfgs((x) => ({ value: rosenbrock(x), gradient: rosenbrockGradient(x) }), [-1.2, 1]);
  assert.ok(m.converged);
  assert.ok(Math.abs(m.point[0]! - 1) < 1e-6 && Math.abs(m.point[1]! - 1) < 1e-6, String(m.point));
});

test('Nelder–Mead finds it too, without a gradient', () => {
  const m = minimizeNelderMead(rosenbrock, [-1.2, 1]);
  assert.ok(m.converged);
  assert.ok(Math.abs(m.point[0]! - 1) < 1e-5 && Math.abs(m.point[1]! - 1) < 1e-5, String(m.point));
});

test('standard errors of a normal mean and a Poisson rate match their formulas', () => {
  // Normal with known σ = 2, n = 50: SE of the mean is σ/√n, with or without a gradient.
  const n = 50;
  const nll = (x: readonly number[]) => (n * (x[0]! - 3) ** 2) / (2 * 4);
  const grad = (x: readonly number[]) => [(n * (x[0]! - 3)) / 4];
  assert.ok(Math.abs(standardErrors(nll, [3])[0]! - 2 / Math.sqrt(n)) < 1e-6);
  assert.ok(Math.abs(standardErrors(nll, [3], grad)[0]! - 2 / Math.sqrt(n)) < 1e-9);
  // Poisson: 40 events in 10 units of exposure, λ̂ = 4, SE = √(λ̂/t) = √0.4.
  const poisson = (x: readonly number[]) => 10 * x[0]! - 40 * Math.log(x[0]!);
  assert.ok(Math.abs(standardErrors(poisson, [4])[0]! - Math.sqrt(0.4)) < 1e-5);
});

test('matrix inverse, and null for a singular matrix', () => {
  const inv = invert([[4, 7], [2, 6]])!;
  const expected = [[0.6, -0.7], [-0.2, 0.4]];
  inv.forEach((row, i) => row.forEach((v, j) => assert.ok(Math.abs(v - expected[i]![j]!) < 1e-12)));
  assert.equal(invert([[1, 2], [2, 4]]), null);
});
