import { allocate, mulDivFloor } from './allocate.ts';
import type { ProgramSettings, Rounding, Tier } from './program-settings.ts';

export interface RuleLine {
  line_no: number;
  /** What the shopper pays for the line before points, after the POS's own discounts. */
  amount_kopecks: number;
  non_promotable: boolean;
}

export interface ReceiptEvaluationInput {
  lines: RuleLine[];
  settings: ProgramSettings;
  /** The member's tier; null for an anonymous receipt, which neither earns nor redeems. */
  tier_code: string | null;
  /** Points the member may spend now: available balance less active holds. */
  spendable_points: number;
  /** Points the caller asks to redeem: a number or 'max'. */
  redeem: number | 'max';
}

export interface EvaluatedLine {
  line_no: number;
  eligible_kopecks: number;
  points_earned: number;
  points_redeemed: number;
  redeemed_value_kopecks: number;
  discount_kopecks: number;
}

/** One applied rule, in words for people and in numbers for machines. */
export interface Explanation {
  rule: 'anonymous' | 'non_promotable' | 'base_earn' | 'redeem_limit' | 'redeem' | 'earn_on_redeemed_part';
  en: string;
  ru: string;
  data: Record<string, unknown>;
}

export interface ReceiptEvaluation {
  lines: EvaluatedLine[];
  total_kopecks: number;
  points_earned: number;
  max_redeemable_points: number;
  points_redeemed: number;
  redeemed_value_kopecks: number;
  discount_kopecks: number;
  amount_to_pay_kopecks: number;
  /** True when a numeric redeem request was above max_redeemable_points; nothing was redeemed. */
  redeem_exceeds_max: boolean;
  tier: Tier | null;
  explanation: Explanation[];
}

function roundDivide(numerator: bigint, denominator: bigint, rounding: Rounding): number {
  const quotient = numerator / denominator;
  if (rounding === 'down') return Number(quotient);
  return Number(2n * (numerator % denominator) >= denominator ? quotient + 1n : quotient);
}

export function findTier(settings: ProgramSettings, code: string | null): Tier | null {
  if (code === null) return null;
  return settings.tiers.find((t) => t.code === code) ?? settings.tiers[0] ?? null;
}

/**
 * Points to earn and to redeem on one receipt. Pure: the same input always gives the same
 * answer, which is what makes `calculate` and `confirm` agree and lets a receipt be audited
 * later from its settings version.
 */
export function evaluateReceipt(input: ReceiptEvaluationInput): ReceiptEvaluation {
  const { settings, lines } = input;
  const total = lines.reduce((sum, l) => sum + l.amount_kopecks, 0);
  const explanation: Explanation[] = [];
  const tier = findTier(settings, input.tier_code);
  const promotable = lines.map((l) => (l.non_promotable ? 0 : l.amount_kopecks));
  const promotableTotal = promotable.reduce((a, b) => a + b, 0);

  const excluded = lines.filter((l) => l.non_promotable).map((l) => l.line_no);
  if (excluded.length > 0) {
    explanation.push({
      rule: 'non_promotable',
      en: `Lines ${excluded.join(', ')} are non-promotable goods: they neither earn points nor may be paid with them.`,
      ru: `Позиции ${excluded.join(', ')} — товары без бонусов: на них не начисляются бонусы и их нельзя оплатить бонусами.`,
      data: { lines: excluded },
    });
  }

  if (tier === null) {
    explanation.push({
      rule: 'anonymous',
      en: 'No member identified: the receipt earns no points and none can be redeemed.',
      ru: 'Покупатель не идентифицирован: бонусы не начисляются и не списываются.',
      data: {},
    });
    return {
      lines: lines.map((l) => ({ line_no: l.line_no, eligible_kopecks: 0, points_earned: 0, points_redeemed: 0, redeemed_value_kopecks: 0, discount_kopecks: 0 })),
      total_kopecks: total,
      points_earned: 0,
      max_redeemable_points: 0,
      points_redeemed: 0,
      redeemed_value_kopecks: 0,
      discount_kopecks: 0,
      amount_to_pay_kopecks: total,
      redeem_exceeds_max: input.redeem !== 'max' && input.redeem > 0,
      tier: null,
      explanation,
    };
  }

  // How many points may pay for this receipt.
  // A line cannot be paid with more points than its own amount.
  const capacity = promotable.map((amount) => Math.floor(amount / settings.point_value_kopecks));
  const byShare = Math.min(
    mulDivFloor(promotableTotal, settings.max_redeem_share_bp, 10_000 * settings.point_value_kopecks),
    capacity.reduce((a, b) => a + b, 0),
  );
  const belowMinimum = input.spendable_points < settings.min_balance_to_redeem;
  const maxRedeemable = belowMinimum ? 0 : Math.max(0, Math.min(input.spendable_points, byShare));
  explanation.push({
    rule: 'redeem_limit',
    en: belowMinimum
      ? `Balance ${input.spendable_points} is below the minimum of ${settings.min_balance_to_redeem} points needed to redeem.`
      : `Up to ${settings.max_redeem_share_bp / 100}% of the promotable amount may be paid with points: at most ${maxRedeemable} points (balance ${input.spendable_points}).`,
    ru: belowMinimum
      ? `Баланс ${input.spendable_points} меньше минимума ${settings.min_balance_to_redeem} для списания.`
      : `Бонусами можно оплатить до ${settings.max_redeem_share_bp / 100}% суммы товаров с бонусами: не более ${maxRedeemable} бонусов (баланс ${input.spendable_points}).`,
    data: { max_redeem_share_bp: settings.max_redeem_share_bp, spendable_points: input.spendable_points, max_redeemable_points: maxRedeemable },
  });

  const requested = input.redeem === 'max' ? maxRedeemable : input.redeem;
  const exceeds = requested > maxRedeemable;
  const redeemed = exceeds ? 0 : requested;
  const redeemedPerLine = allocate(redeemed, promotable, capacity);
  const redeemedValuePerLine = redeemedPerLine.map((p) => p * settings.point_value_kopecks);
  if (redeemed > 0) {
    explanation.push({
      rule: 'redeem',
      en: `${redeemed} points pay ${(redeemed * settings.point_value_kopecks) / 100} of the receipt (1 point = ${settings.point_value_kopecks / 100}).`,
      ru: `${redeemed} бонусов оплачивают ${(redeemed * settings.point_value_kopecks) / 100} ₽ чека (1 бонус = ${settings.point_value_kopecks / 100} ₽).`,
      data: { points_redeemed: redeemed, point_value_kopecks: settings.point_value_kopecks },
    });
  }

  const eligible = promotable.map((amount, i) => (settings.earn_on_redeemed_part ? amount : Math.max(0, amount - redeemedValuePerLine[i]!)));
  const eligibleTotal = eligible.reduce((a, b) => a + b, 0);
  const earned = roundDivide(BigInt(eligibleTotal) * BigInt(tier.earn_rate_bp), BigInt(10_000 * settings.point_value_kopecks), settings.rounding);
  const earnedPerLine = allocate(earned, eligible);
  explanation.push({
    rule: 'base_earn',
    en: `Tier ${tier.name} earns ${tier.earn_rate_bp / 100}% of ${eligibleTotal / 100} eligible: ${earned} points (rounded ${settings.rounding === 'down' ? 'down' : 'half up'}).`,
    ru: `Уровень «${tier.name}»: ${tier.earn_rate_bp / 100}% от ${eligibleTotal / 100} ₽ — ${earned} бонусов (округление ${settings.rounding === 'down' ? 'вниз' : 'по правилам математики'}).`,
    data: { tier: tier.code, earn_rate_bp: tier.earn_rate_bp, eligible_kopecks: eligibleTotal, points_earned: earned, rounding: settings.rounding },
  });
  if (redeemed > 0 && !settings.earn_on_redeemed_part) {
    explanation.push({
      rule: 'earn_on_redeemed_part',
      en: 'The part paid with points earns no points.',
      ru: 'На часть, оплаченную бонусами, бонусы не начисляются.',
      data: {},
    });
  }

  const redeemedValue = redeemed * settings.point_value_kopecks;
  return {
    lines: lines.map((l, i) => ({
      line_no: l.line_no,
      eligible_kopecks: eligible[i]!,
      points_earned: earnedPerLine[i]!,
      points_redeemed: redeemedPerLine[i]!,
      redeemed_value_kopecks: redeemedValuePerLine[i]!,
      discount_kopecks: 0,
    })),
    total_kopecks: total,
    points_earned: earned,
    max_redeemable_points: maxRedeemable,
    points_redeemed: redeemed,
    redeemed_value_kopecks: redeemedValue,
    discount_kopecks: 0,
    amount_to_pay_kopecks: total - redeemedValue,
    redeem_exceeds_max: exceeds,
    tier,
    explanation,
  };
}
