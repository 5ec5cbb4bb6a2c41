import type { AnalyticsStore } from '../analytics-store.ts';
import type { Text } from '../reports/report-definition.ts';
import { productRows } from '../reports/report-sql.ts';
import { refreshRollups } from '../rollups.ts';
import { money } from './effect-wording.ts';
import type { Interval } from './campaign-effect.ts';
import { programEffect, type ProgramEffect, type ProgramEffectOptions } from './program-effect.ts';

export interface ProgramRoiOptions extends ProgramEffectOptions {
  /** First and last day (UTC) of the period costed; the last 12 months of data by default. */
  from?: string;
  to?: string;
  pointValueKopecks?: number;
  /** Running the program: licences, cards, staff (kopecks per month). */
  runningCostKopecksPerMonth?: number;
}

export interface ProgramRoi {
  from: string;
  to: string;
  months: number;
  effect: Pick<ProgramEffect, 'revenue_lift' | 'baseline' | 'weeks'>;
  members_revenue_kopecks: number;
  members_margin_kopecks: number;
  incremental_revenue_kopecks: Interval;
  incremental_margin_kopecks: Interval;
  cost: { points_redeemed: number; points_redeemed_kopecks: number; discounts_kopecks: number; running_kopecks: number; total_kopecks: number };
  roi_revenue_pct: Interval;
  roi_margin_pct: Interval;
  meaning: Text;
}

/**
 * The program's return: the share of members' revenue the program caused (its measured revenue
 * lift L: a share L / (1 + L) of what members bought is incremental), at the members' own margin,
 * against its full cost in the period: points redeemed at the point value, discounts on members'
 * receipts and the running cost. The interval carries the lift's uncertainty; costs are counted.
 */
export async function programRoi(store: AnalyticsStore, options: ProgramRoiOptions = {}): Promise<ProgramRoi> {
  // Only the revenue lift is needed: the week-by-week trace and the naive comparison are left out.
  const effect = await programEffect(store, { ...options, eventStudy: false, naive: false });
  const last = String((await store.query(`SELECT strftime(timezone('UTC', max(ts)), '%Y-%m-%d') AS d FROM receipts`))[0]!['d']);
  const to = options.to ?? last;
  const from = options.from ?? new Date(Date.parse(`${to}T00:00:00Z`) - 364 * 86_400_000).toISOString().slice(0, 10);
  const months = (Date.parse(`${to}T00:00:00Z`) + 86_400_000 - Date.parse(`${from}T00:00:00Z`)) / (86_400_000 * 365.25 / 12);
  await refreshRollups(store);
  const row = (
    await store.query(
      // Bounds as instants (a time-zone conversion per receipt cost 0.8 s at 5 million receipts);
      // members' lines from the rollups, by product over the period's days, costed once a product.
      `WITH m AS (SELECT total_kopecks, coalesce(discount_kopecks, 0) AS discount FROM receipts
                   WHERE customer_key IS NOT NULL AND ts >= $1::TIMESTAMPTZ AND ts < $2::TIMESTAMPTZ),
            by_sku AS (SELECT sku, sum(amount_kopecks) AS amount, sum(qty) AS qty FROM line_day_sums
                        WHERE shopper_kind = 2 AND day >= $3::DATE AND day <= $4::DATE GROUP BY 1),
            ml AS (SELECT l.amount - coalesce(p.cost_kopecks * l.qty, l.amount) AS margin FROM by_sku l LEFT JOIN ${productRows} p ON p.sku = l.sku)
       SELECT (SELECT coalesce(sum(total_kopecks), 0) FROM m)::DOUBLE AS revenue, (SELECT coalesce(sum(discount), 0) FROM m)::DOUBLE AS discounts,
              (SELECT coalesce(sum(margin), 0) FROM ml)::DOUBLE AS margin,
              (SELECT coalesce(sum(amount), 0) FROM ledger_movements WHERE reason = 'redeem' AND ts >= $1::TIMESTAMPTZ AND ts < $2::TIMESTAMPTZ)::DOUBLE AS redeemed`,
      [`${from}T00:00:00Z`, `${new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000).toISOString()}`, from, to],
    )
  )[0]!;
  const revenue = Number(row['revenue']);
  const margin = Number(row['margin']);
  const pointValue = options.pointValueKopecks ?? 100;
  const redeemed = Number(row['redeemed']);
  const running = (options.runningCostKopecksPerMonth ?? 0) * months;
  const cost = { points_redeemed: redeemed, points_redeemed_kopecks: redeemed * pointValue, discounts_kopecks: Number(row['discounts']), running_kopecks: running, total_kopecks: 0 };
  cost.total_kopecks = cost.points_redeemed_kopecks + cost.discounts_kopecks + cost.running_kopecks;
  const share = (l: number) => l / (1 + l);
  const lift = effect.revenue_lift;
  const scaled = (base: number): Interval => ({ estimate: base * share(lift.estimate), ci_low: base * share(lift.ci_low), ci_high: base * share(lift.ci_high) });
  const incRevenue = scaled(revenue);
  const incMargin = scaled(margin);
  const roi = (gain: Interval): Interval => ({
    estimate: ((gain.estimate - cost.total_kopecks) / cost.total_kopecks) * 100,
    ci_low: ((gain.ci_low - cost.total_kopecks) / cost.total_kopecks) * 100,
    ci_high: ((gain.ci_high - cost.total_kopecks) / cost.total_kopecks) * 100,
  });
  const roiMargin = roi(incMargin);
  const roiRevenue = roi(incRevenue);
  const pays = roiMargin.ci_low > 0 ? 'pays' : roiMargin.ci_high < 0 ? 'loses' : 'unclear';
  return {
    from, to, months,
    effect: { revenue_lift: lift, baseline: effect.baseline, weeks: effect.weeks },
    members_revenue_kopecks: revenue, members_margin_kopecks: margin,
    incremental_revenue_kopecks: incRevenue, incremental_margin_kopecks: incMargin, cost,
    roi_revenue_pct: roiRevenue, roi_margin_pct: roiMargin,
    meaning: {
      en: `From ${from} to ${to} members bought ${money(revenue, '₽')}; at the measured lift of ${(lift.estimate * 100).toFixed(1)} % (95% CI ${(lift.ci_low * 100).toFixed(1)}…${(lift.ci_high * 100).toFixed(1)} %) the program caused ${money(incRevenue.estimate, '₽')} of it and ${money(incMargin.estimate, '₽')} of margin, against a cost of ${money(cost.total_kopecks, '₽')}. ROI on incremental margin ${roiMargin.estimate.toFixed(0)} % (CI ${roiMargin.ci_low.toFixed(0)}…${roiMargin.ci_high.toFixed(0)} %): ${pays === 'pays' ? 'the program pays for itself' : pays === 'loses' ? 'the program costs more than it earns' : 'the data cannot yet say whether it pays'}. The lift is measured over the ${effect.weeks} weeks after joining and assumed to hold for every member.`,
      ru: `С ${from} по ${to} участники купили на ${money(revenue, '₽')}; при измеренном приросте ${(lift.estimate * 100).toFixed(1)} % (95% ДИ ${(lift.ci_low * 100).toFixed(1)}…${(lift.ci_high * 100).toFixed(1)} %) программа дала ${money(incRevenue.estimate, '₽')} выручки и ${money(incMargin.estimate, '₽')} маржи при затратах ${money(cost.total_kopecks, '₽')}. ROI по дополнительной марже ${roiMargin.estimate.toFixed(0)} % (ДИ ${roiMargin.ci_low.toFixed(0)}…${roiMargin.ci_high.toFixed(0)} %): ${pays === 'pays' ? 'программа окупается' : pays === 'loses' ? 'программа стоит больше, чем приносит' : 'по данным пока нельзя сказать, окупается ли она'}. Прирост измерен за ${effect.weeks} недель после вступления и принят для всех участников.`,
    },
  };
}
