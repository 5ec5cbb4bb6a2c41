import type { Explanation } from '../rules/index.ts';
import type { EvaluatedReceipt } from './receipt-evaluation.ts';
import { fromMilli } from './receipt-input.ts';

/** The figures of an evaluated receipt as the protocol answers them (calculate and confirm alike). */
export function receiptFigures(e: EvaluatedReceipt) {
  const ev = e.evaluation;
  return {
    store_code: e.store.code,
    customer_id: e.member?.id ?? null,
    identified_by: e.member?.by ?? null,
    tier: ev.tier ? { code: ev.tier.code, name: ev.tier.name, earn_rate_bp: ev.tier.earn_rate_bp } : null,
    settings_version: e.settings.version,
    total_kopecks: ev.total_kopecks,
    discount_kopecks: ev.discount_kopecks,
    points_earned: ev.points_earned,
    max_redeemable_points: ev.max_redeemable_points,
    points_redeemed: ev.points_redeemed,
    redeemed_value_kopecks: ev.redeemed_value_kopecks,
    amount_to_pay_kopecks: ev.amount_to_pay_kopecks,
    lines: e.lines.map((line, i) => {
      const evaluated = ev.lines[i]!;
      return {
        line_no: line.line_no,
        sku: line.sku,
        name: line.name,
        qty: fromMilli(line.qty_milli),
        amount_kopecks: line.amount_kopecks,
        non_promotable: line.non_promotable,
        points_earned: evaluated.points_earned,
        points_redeemed: evaluated.points_redeemed,
        discount_kopecks: evaluated.discount_kopecks,
      };
    }),
    explanation: ev.explanation satisfies Explanation[],
  };
}
