import assert from 'node:assert/strict';
import { test } from 'node:test';
import { digamma, hyp2f1, logAddExp, logGamma } from './special-functions.ts';

const close = (actual: number, expected: number, tolerance: number) =>
  assert.ok(Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)), `${actual} is not ${expected}`);

test('log-gamma matches factorials and Γ(1/2) = √π', () => {
  let factorial = 1;
  for (let n = 1; n <= 30; n++) {
    close(logGamma(n + 1), Math.log((factorial *= n)), 1e-13);
  }
  close(logGamma(0.5), 0.5 * Math.log(Math.PI), 1e-14);
  close(logGamma(0.1), 2.252712651734206, 1e-13);
  close(logGamma(1e-3), 6.907178885383854, 1e-12);
});

test('digamma: ψ(1) = −γ, the recurrence, and ψ(1/2)', () => {
  close(digamma(1), -0.5772156649015329, 1e-13);
  close(digamma(0.5), -0.5772156649015329 - 2 * Math.log(2), 1e-13);
  for (const x of [0.3, 2.7, 11.2, 250]) close(digamma(x + 1) - digamma(x), 1 / x, 1e-13);
  // ψ is the derivative of ln Γ.
  for (const x of [0.25, 3.5, 40]) close(digamma(x), (logGamma(x + 1e-6) - logGamma(x - 1e-6)) / 2e-6, 1e-7);
});

test('hypergeometric series against closed forms', () => {
  // ₂F₁(1, 1; 2; z) = −ln(1 − z)/z and ₂F₁(a, b; b; z) = (1 − z)^−a
  for (const z of [0.1, 0.5, 0.9, 0.99]) {
    close(hyp2f1(1, 1, 2, z), -Math.log(1 - z) / z, 1e-12);
    close(hyp2f1(2.5, 0.7, 0.7, z), (1 - z) ** -2.5, 1e-12);
  }
  assert.equal(hyp2f1(3, 4, 5, 0), 1);
  assert.throws(() => hyp2f1(1, 1, 2, 1), RangeError);
});

test('logAddExp is exact where exp would overflow', () => {
  close(logAddExp(1000, 1000), 1000 + Math.log(2), 1e-15);
  close(logAddExp(Math.log(2), Math.log(3)), Math.log(5), 1e-15);
  assert.equal(logAddExp(-Infinity, 4), 4);
});
