import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { evaluateReceipt } from './evaluate-receipt.ts';
import { defaultProgramSettings, type ProgramSettings } from './program-settings.ts';

const settings: ProgramSettings = { ...defaultProgramSettings, pending_days: 14 };

test('base earn: 3% of 1 234.56 ₽ at 1 point = 1 ₽ is 37 points, rounded down', () => {
  const result = evaluateReceipt({
    lines: [{ line_no: 1, amount_kopecks: 123_456, non_promotable: false }],
    settings,
    tier_code: 'base',
    spendable_points: 0,
    redeem: 0,
  });
  assert.equal(result.points_earned, 37);
  assert.equal(result.lines[0]!.points_earned, 37);
  assert.equal(result.amount_to_pay_kopecks, 123_456);
});

test('half-up rounding and tier rates', () => {
  const lines = [{ line_no: 1, amount_kopecks: 1_150, non_promotable: false }];
  // 7% of 11.50 ₽ = 0.805 points.
  const down = evaluateReceipt({ lines, settings, tier_code: 'gold', spendable_points: 0, redeem: 0 });
  const up = evaluateReceipt({ lines, settings: { ...settings, rounding: 'half_up' }, tier_code: 'gold', spendable_points: 0, redeem: 0 });
  assert.equal(down.points_earned, 0);
  assert.equal(up.points_earned, 1);
});

test('non-promotable lines neither earn nor are paid with points', () => {
  const result = evaluateReceipt({
    lines: [
      { line_no: 1, amount_kopecks: 100_000, non_promotable: false },
      { line_no: 2, amount_kopecks: 30_000, non_promotable: true },
    ],
    settings,
    tier_code: 'base',
    spendable_points: 10_000,
    redeem: 'max',
  });
  // Half of 1 000 ₽ may be paid: 500 points; the rest (500 ₽) earns 3%: 15 points.
  assert.equal(result.max_redeemable_points, 500);
  assert.equal(result.points_redeemed, 500);
  assert.deepEqual(result.lines.map((l) => l.points_redeemed), [500, 0]);
  assert.deepEqual(result.lines.map((l) => l.points_earned), [15, 0]);
  assert.equal(result.amount_to_pay_kopecks, 130_000 - 50_000);
  assert.ok(result.explanation.some((e) => e.rule === 'non_promotable'));
});

test('redeeming is limited by the balance and the minimum balance', () => {
  const lines = [{ line_no: 1, amount_kopecks: 100_000, non_promotable: false }];
  assert.equal(evaluateReceipt({ lines, settings, tier_code: 'base', spendable_points: 120, redeem: 'max' }).points_redeemed, 120);
  const high = { ...settings, min_balance_to_redeem: 200 };
  assert.equal(evaluateReceipt({ lines, settings: high, tier_code: 'base', spendable_points: 120, redeem: 'max' }).max_redeemable_points, 0);
  const tooMuch = evaluateReceipt({ lines, settings, tier_code: 'base', spendable_points: 120, redeem: 121 });
  assert.equal(tooMuch.redeem_exceeds_max, true);
  assert.equal(tooMuch.points_redeemed, 0);
});

test('anonymous receipts earn and redeem nothing', () => {
  const result = evaluateReceipt({ lines: [{ line_no: 1, amount_kopecks: 5_000, non_promotable: false }], settings, tier_code: null, spendable_points: 0, redeem: 0 });
  assert.equal(result.points_earned, 0);
  assert.equal(result.explanation[0]!.rule, 'anonymous');
});

test('property: points never pay more than a line or the share limit, and per-line figures add up', () => {
  const line = fc.record({ amount_kopecks: fc.integer({ min: 0, max: 5_000_000 }), non_promotable: fc.boolean() });
  fc.assert(
    fc.property(
      fc.array(line, { minLength: 1, maxLength: 25 }),
      fc.integer({ min: 0, max: 1_000_000 }),
      fc.integer({ min: 1, max: 10_000 }),
      fc.integer({ min: 1, max: 1_000 }),
      fc.constantFrom<'down' | 'half_up'>('down', 'half_up'),
      (raw, spendable, shareBp, pointValue, rounding) => {
        const s = { ...settings, max_redeem_share_bp: shareBp, point_value_kopecks: pointValue, rounding };
        const lines = raw.map((l, i) => ({ ...l, line_no: i + 1 }));
        const r = evaluateReceipt({ lines, settings: s, tier_code: 'silver', spendable_points: spendable, redeem: 'max' });
        assert.ok(r.points_redeemed <= spendable);
        const promotable = lines.filter((l) => !l.non_promotable).reduce((a, l) => a + l.amount_kopecks, 0);
        assert.ok(r.redeemed_value_kopecks * 10_000 <= promotable * shareBp);
        assert.equal(r.lines.reduce((a, l) => a + l.points_redeemed, 0), r.points_redeemed);
        assert.equal(r.lines.reduce((a, l) => a + l.points_earned, 0), r.points_earned);
        r.lines.forEach((l, i) => {
          assert.ok(l.redeemed_value_kopecks <= lines[i]!.amount_kopecks);
          if (lines[i]!.non_promotable) assert.equal(l.points_earned + l.points_redeemed, 0);
        });
        assert.ok(r.amount_to_pay_kopecks >= 0);
      },
    ),
  );
});
