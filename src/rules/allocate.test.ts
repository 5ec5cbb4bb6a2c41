import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { allocate, cumulativeShare } from './allocate.ts';

test('allocate: parts add up exactly, are proportional within one unit, and respect caps', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 10_000_000_000 }), { minLength: 1, maxLength: 30 }), fc.integer({ min: 0, max: 1_000_000 }), (weights, total) => {
      const sum = weights.reduce((a, b) => a + b, 0);
      const parts = allocate(total, weights);
      if (sum === 0) return parts.every((p) => p === 0);
      assert.equal(parts.reduce((a, b) => a + b, 0), total);
      parts.forEach((p, i) => assert.ok(Math.abs(p - (total * weights[i]!) / sum) < 1 + 1e-6));
      return true;
    }),
  );
});

test('allocate with caps never exceeds a cap', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 1, max: 100_000 }), { minLength: 1, maxLength: 20 }), fc.integer({ min: 1, max: 1000 }), (weights, pv) => {
      const caps = weights.map((w) => Math.floor(w / pv));
      const room = caps.reduce((a, b) => a + b, 0);
      const parts = allocate(room, weights, caps);
      parts.forEach((p, i) => assert.ok(p <= caps[i]!));
      assert.equal(parts.reduce((a, b) => a + b, 0), room);
    }),
  );
});

test('cumulativeShare: successive partial returns add up to exactly the total', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 10 }), (total, steps) => {
      const whole = steps.reduce((a, b) => a + b, 0);
      let before = 0;
      let taken = 0;
      for (const step of steps) {
        const share = cumulativeShare(total, whole, before, step);
        assert.ok(share >= 0);
        taken += share;
        before += step;
      }
      assert.equal(taken, total);
    }),
  );
});
