import { PatronError } from '../../core/index.ts';
import {
  cuped,
  differenceOfMeans,
  differenceOfProportions,
  differenceOfRatios,
  minimumDetectableEffect,
  relativeLiftOfMeans,
  relativeLiftOfRatios,
  type Estimate,
  type GroupMoments,
} from '../../models/index.ts';
import type { AnalyticsStore } from '../analytics-store.ts';
import type { Text } from '../reports/report-definition.ts';
import { findCampaign, unitsSql, unitVariables, variableIndex, type MeasuredCampaign, type UnitVariable } from './campaign-units.ts';
import { aggregateGroups, type AggregatedGroup } from './group-aggregates.ts';
import { describeEffect, money } from './effect-wording.ts';
import { redemptionRate, type RedemptionRate } from './points-redemption.ts';

export interface CampaignEffectOptions {
  /** Days before the window whose behaviour adjusts the estimate (CUPED); 90 by default. */
  preDays?: number;
  /** Days after the window watched for purchases pulled forward; the window's length by default. */
  afterDays?: number;
  pointValueKopecks?: number;
  /** Share of points expected to be redeemed; measured from the ledger's settled lots when not given. */
  redemptionRate?: number;
  messageCostKopecks?: number;
  fixedCostKopecks?: number;
  /** Margin as a share of revenue, for experiments whose file has no margin (basis points). */
  marginRateBp?: number;
  confidence?: number;
}

export interface ArmSummary {
  arm: string;
  control: boolean;
  customers: number;
  response_rate: number;
  visits_per_customer: number | null;
  revenue_per_customer_kopecks: number | null;
  margin_per_customer_kopecks: number | null;
  average_check_kopecks: number | null;
  pre_revenue_per_customer_kopecks: number | null;
}

export type MetricName = 'response_rate' | 'visits_per_customer' | 'revenue_per_customer' | 'margin_per_customer' | 'average_check';

export interface MetricComparison {
  arm: string;
  metric: MetricName;
  unit: 'share' | 'count' | 'kopecks';
  treatment: number;
  control: number;
  difference: Estimate;
  relative: Estimate;
  /** The same difference adjusted by pre-period behaviour, where the source has it. */
  cuped: { covariate: UnitVariable; theta: number; variance_reduction: number; difference: Estimate; relative: Estimate } | null;
  significant: boolean;
  meaning: Text;
}

export interface Interval {
  estimate: number;
  ci_low: number;
  ci_high: number;
}

export interface ArmEconomics {
  arm: string;
  treated: number;
  basis: 'cuped' | 'plain';
  incremental_revenue_kopecks: Interval;
  incremental_margin_kopecks: Interval | null;
  margin_basis: 'lines' | 'assumed_rate' | null;
  cost: {
    incremental_points: number | null;
    points_value_kopecks: number;
    redemption: RedemptionRate;
    incremental_discount_kopecks: number;
    messages_kopecks: number;
    fixed_kopecks: number;
    total_kopecks: number;
  };
  /** The brief's formula on incremental revenue: (revenue − cost) / cost × 100. */
  roi_revenue_pct: Interval | null;
  roi_margin_pct: Interval | null;
}

export interface AfterWindow {
  arm: string;
  days: number;
  days_observed: number;
  visits: Estimate;
  revenue: Estimate;
  /** Window and after-window together: what remains once the dip is netted out. */
  net_visits: Estimate;
  net_revenue: Estimate;
  pulled_forward: boolean;
  meaning: Text;
}

export interface CampaignEffect {
  campaign: MeasuredCampaign;
  confidence: number;
  pre_days: number | null;
  arms: ArmSummary[];
  comparisons: MetricComparison[];
  economics: ArmEconomics[];
  after_window: AfterWindow[];
  /** The smallest revenue-per-customer effect this test could detect (80 % power). */
  minimum_detectable_revenue_kopecks: Record<string, number>;
  verdict: Record<string, Text>;
  methods: Text;
}

const variables = [...unitVariables, 'through_visits', 'through_revenue'] as const;
const ix = { ...variableIndex, through_visits: unitVariables.length, through_revenue: unitVariables.length + 1 } as Record<(typeof variables)[number], number>;

export const methodsText: Text = {
  en: 'Each treatment arm against the control arm. Means per customer (visits, revenue, margin) by Welch’s t-test and interval; the response rate (share who bought) by the two-proportion z-test with the unpooled interval; the average check (revenue ÷ orders) and relative lifts by the delta method on the log scale. CUPED subtracts θ·(pre-period value − its mean) with θ pooled within arms, which keeps the estimate unbiased (arms are randomised) and removes the variance the pre-period explains. Incremental revenue and margin are the per-customer differences times the treated customers. Cost: the treated’s extra points valued at the point value times the expected redemption rate, extra discounts, messages and fixed costs. ROI = (incremental revenue − cost) ÷ cost × 100, and the same on incremental margin.',
  ru: 'Каждая тестовая группа против контрольной. Средние на клиента (визиты, выручка, маржа) — t-критерий и интервал Уэлча; доля откликнувшихся (купивших) — z-критерий для двух долей с интервалом без объединения дисперсий; средний чек (выручка ÷ покупки) и относительный прирост — дельта-метод в логарифмической шкале. CUPED вычитает θ·(значение предпериода − его среднее), θ оценивается внутри групп; оценка остаётся несмещённой (группы рандомизированы), а дисперсия, объяснённая предпериодом, уходит. Дополнительная выручка и маржа — разница на клиента, умноженная на число клиентов в тестовой группе. Затраты: дополнительные бонусы тестовой группы по стоимости бонуса с учётом ожидаемой доли списания, дополнительные скидки, сообщения и постоянные затраты. ROI = (дополнительная выручка − затраты) ÷ затраты × 100, и так же по дополнительной марже.',
};

function interval(e: Estimate, scale: number): Interval {
  return { estimate: e.estimate * scale, ci_low: e.ci_low * scale, ci_high: e.ci_high * scale };
}

/** The effect of a campaign on its customers, arm by arm, with cost, ROI and the after-window. */
export async function campaignEffect(store: AnalyticsStore, ref: string, options: CampaignEffectOptions = {}): Promise<CampaignEffect> {
  const campaign = await findCampaign(store, ref);
  const confidence = options.confidence ?? 0.95;
  const preDays = options.preDays ?? 90;
  const afterDays = options.afterDays ?? campaign.window_days ?? 0;
  const relation = `SELECT *, visits + after_visits AS through_visits, revenue + after_revenue AS through_revenue FROM (${unitsSql(campaign, { preDays, afterDays })})`;
  const groups = await aggregateGroups(store, relation, ['arm'], variables, [campaign.id]);
  const control = groups.find((g) => g.key[0] === campaign.control_arm);
  const treatments = groups.filter((g) => g.key[0] !== campaign.control_arm);
  if (!control || control.moments.n < 2) throw new PatronError('validation_failed', `Campaign ${campaign.code} has fewer than two customers in its control arm: there is nothing to compare with`, { issues: [{ path: 'campaign', message: 'no control group' }] });
  if (treatments.length === 0) throw new PatronError('validation_failed', `Campaign ${campaign.code} has no treated customers`, { issues: [{ path: 'campaign', message: 'no treatment group' }] });

  const currency = campaign.kind === 'patron' ? '₽' : '';
  const known = (g: AggregatedGroup, v: (typeof variables)[number]) => g.known[ix[v]]!;
  const arms: ArmSummary[] = groups.map((g) => {
    const m = g.moments.mean;
    const orders = m[ix.orders]!;
    return {
      arm: g.key[0]!,
      control: g === control,
      customers: g.moments.n,
      response_rate: m[ix.responded]!,
      visits_per_customer: known(g, 'visits') ? m[ix.visits]! : null,
      revenue_per_customer_kopecks: known(g, 'revenue') ? m[ix.revenue]! : null,
      margin_per_customer_kopecks: known(g, 'margin') ? m[ix.margin]! : null,
      average_check_kopecks: known(g, 'revenue') && known(g, 'orders') && orders > 0 ? m[ix.revenue]! / orders : null,
      pre_revenue_per_customer_kopecks: known(g, 'pre_revenue') ? m[ix.pre_revenue]! : null,
    };
  });

  const c = control.moments;
  const cupedFor = (t: GroupMoments, y: number, covariate: UnitVariable | null) => {
    if (!covariate || !(c.cov[ix[covariate]]![ix[covariate]]! > 0)) return null;
    const r = cuped(t, c, y, ix[covariate], confidence);
    return { covariate, theta: r.theta, variance_reduction: r.variance_reduction, difference: r.difference, relative: r.relative };
  };
  const comparisons: MetricComparison[] = [];
  const economics: ArmEconomics[] = [];
  const afterWindow: AfterWindow[] = [];
  const mde: Record<string, number> = {};
  const verdict: Record<string, Text> = {};
  const redemption = options.redemptionRate !== undefined ? { rate: options.redemptionRate, basis: 'assumed' as const, points: 0, delay_months: null } : await redemptionRate(store);
  const dataEnd = campaign.ends_at ? Number((await store.query('SELECT epoch(max(ts)) * 1000 AS t FROM receipts'))[0]!['t']) : 0;

  for (const tg of treatments) {
    const t = tg.moments;
    const arm = tg.key[0]!;
    const preVisits = known(tg, 'pre_visits') ? 'pre_visits' : null;
    const preRevenue = known(tg, 'pre_revenue') ? 'pre_revenue' : null;
    const add = (metric: MetricName, unit: MetricComparison['unit'], difference: Estimate, relativeRaw: Estimate, treatment: number, controlValue: number, cupedRaw: MetricComparison['cuped']) => {
      // A control that did not buy at all has no level to be relative to: the lift is undefined, not huge.
      const undefinedLift = (e: Estimate): Estimate => (controlValue > 0 ? e : { ...e, estimate: NaN, ci_low: NaN, ci_high: NaN, standard_error: NaN, p_value: NaN });
      const relative = undefinedLift(relativeRaw);
      const cupedResult = cupedRaw ? { ...cupedRaw, relative: undefinedLift(cupedRaw.relative) } : null;
      const best = cupedResult?.difference ?? difference;
      comparisons.push({
        arm, metric, unit, treatment, control: controlValue, difference, relative, cuped: cupedResult,
        significant: best.p_value < 1 - confidence,
        meaning: describeEffect(metric, unit, best, cupedResult?.relative ?? relative, confidence, currency),
      });
    };
    add('response_rate', 'share', differenceOfProportions(t, c, ix.responded, confidence), relativeLiftOfMeans(t, c, ix.responded, confidence), t.mean[ix.responded]!, c.mean[ix.responded]!, null);
    if (known(tg, 'visits')) add('visits_per_customer', 'count', differenceOfMeans(t, c, ix.visits, confidence), relativeLiftOfMeans(t, c, ix.visits, confidence), t.mean[ix.visits]!, c.mean[ix.visits]!, cupedFor(t, ix.visits, preVisits));
    if (known(tg, 'revenue')) add('revenue_per_customer', 'kopecks', differenceOfMeans(t, c, ix.revenue, confidence), relativeLiftOfMeans(t, c, ix.revenue, confidence), t.mean[ix.revenue]!, c.mean[ix.revenue]!, cupedFor(t, ix.revenue, preRevenue));
    if (known(tg, 'margin')) add('margin_per_customer', 'kopecks', differenceOfMeans(t, c, ix.margin, confidence), relativeLiftOfMeans(t, c, ix.margin, confidence), t.mean[ix.margin]!, c.mean[ix.margin]!, cupedFor(t, ix.margin, preRevenue));
    if (known(tg, 'revenue') && t.mean[ix.orders]! > 0 && c.mean[ix.orders]! > 0) {
      add('average_check', 'kopecks', differenceOfRatios(t, c, ix.revenue, ix.orders, confidence), relativeLiftOfRatios(t, c, ix.revenue, ix.orders, confidence),
        t.mean[ix.revenue]! / t.mean[ix.orders]!, c.mean[ix.revenue]! / c.mean[ix.orders]!, null);
    }

    if (known(tg, 'revenue')) {
      const revenue = comparisons.find((x) => x.arm === arm && x.metric === 'revenue_per_customer')!;
      const margin = comparisons.find((x) => x.arm === arm && x.metric === 'margin_per_customer');
      const basis = revenue.cuped ? 'cuped' : 'plain';
      const revenueDiff = revenue.cuped?.difference ?? revenue.difference;
      const incrementalRevenue = interval(revenueDiff, t.n);
      let incrementalMargin: Interval | null = null;
      let marginBasis: ArmEconomics['margin_basis'] = null;
      if (margin) {
        incrementalMargin = interval(margin.cuped?.difference ?? margin.difference, t.n);
        marginBasis = 'lines';
      } else if (options.marginRateBp !== undefined) {
        incrementalMargin = interval(revenueDiff, (t.n * options.marginRateBp) / 10_000);
        marginBasis = 'assumed_rate';
      }
      const pointValue = options.pointValueKopecks ?? 100;
      const incrementalPoints = known(tg, 'points') ? (t.mean[ix.points]! - c.mean[ix.points]!) * t.n : null;
      const discount = known(tg, 'discount') ? (t.mean[ix.discount]! - c.mean[ix.discount]!) * t.n : 0;
      const messages = (options.messageCostKopecks ?? 0) * t.n;
      const fixed = options.fixedCostKopecks ?? 0;
      // Fewer points than control (noise, or fewer purchases) cost nothing; the count itself is shown as measured.
      const pointsValue = Math.max(0, incrementalPoints ?? 0) * pointValue * redemption.rate;
      const discountCost = Math.max(0, discount);
      const total = pointsValue + discountCost + messages + fixed;
      const roi = (gain: Interval | null): Interval | null =>
        gain && total > 0 ? { estimate: ((gain.estimate - total) / total) * 100, ci_low: ((gain.ci_low - total) / total) * 100, ci_high: ((gain.ci_high - total) / total) * 100 } : null;
      economics.push({
        arm, treated: t.n, basis, incremental_revenue_kopecks: incrementalRevenue, incremental_margin_kopecks: incrementalMargin, margin_basis: marginBasis,
        cost: { incremental_points: incrementalPoints, points_value_kopecks: pointsValue, redemption, incremental_discount_kopecks: discount, messages_kopecks: messages, fixed_kopecks: fixed, total_kopecks: total },
        roi_revenue_pct: roi(incrementalRevenue), roi_margin_pct: roi(incrementalMargin),
      });
      const sd = Math.sqrt(((t.n - 1) * t.cov[ix.revenue]![ix.revenue]! + (c.n - 1) * c.cov[ix.revenue]![ix.revenue]!) / (t.n + c.n - 2));
      mde[arm] = minimumDetectableEffect({ audience: t.n + c.n, sd, controlShare: c.n / (t.n + c.n), alpha: 1 - confidence });
    }

    if (campaign.kind === 'patron' && campaign.ends_at && afterDays > 0) {
      const observed = Math.max(0, Math.min(afterDays, Math.floor((dataEnd - Date.parse(campaign.ends_at)) / 86_400_000) + 1));
      const adjusted = (y: number, x: number) => cuped(t, c, y, x, confidence).difference;
      const visits = adjusted(ix.after_visits, ix.pre_visits);
      const windowVisits = comparisons.find((x) => x.arm === arm && x.metric === 'visits_per_customer')!;
      const gain = (windowVisits.cuped?.difference ?? windowVisits.difference).estimate;
      const pulled = gain > 0 && visits.ci_high < 0;
      const netVisits = adjusted(ix.through_visits, ix.pre_visits);
      const givenBack = gain > 0 ? Math.min(1, Math.max(0, -visits.estimate / gain)) : 0;
      afterWindow.push({
        arm, days: afterDays, days_observed: observed, visits, revenue: adjusted(ix.after_revenue, ix.pre_revenue), net_visits: netVisits, net_revenue: adjusted(ix.through_revenue, ix.pre_revenue),
        pulled_forward: pulled,
        meaning: pulled
          ? {
              en: `Purchases pulled forward: in the ${afterDays} days after the campaign the treated made ${(-visits.estimate).toFixed(3)} fewer visits per customer than control (95% CI ${(-visits.ci_high).toFixed(3)}…${(-visits.ci_low).toFixed(3)}), giving back about ${Math.round(givenBack * 100)} % of the window's gain; window and after together: ${netVisits.estimate.toFixed(3)} visits per customer (CI ${netVisits.ci_low.toFixed(3)}…${netVisits.ci_high.toFixed(3)}).`,
              ru: `Покупки перенесены вперёд: за ${afterDays} дн. после кампании тестовая группа сделала на ${(-visits.estimate).toFixed(3)} визита на клиента меньше контрольной (95% ДИ ${(-visits.ci_high).toFixed(3)}…${(-visits.ci_low).toFixed(3)}) — около ${Math.round(givenBack * 100)} % прироста периода кампании вернулось; за оба периода вместе: ${netVisits.estimate.toFixed(3)} визита на клиента (ДИ ${netVisits.ci_low.toFixed(3)}…${netVisits.ci_high.toFixed(3)}).`,
            }
          : {
              en: `No dip after the campaign: in the following ${afterDays} days the treated visited ${visits.estimate >= 0 ? 'no less' : 'slightly less'} than control (${visits.estimate.toFixed(3)} visits per customer, 95% CI ${visits.ci_low.toFixed(3)}…${visits.ci_high.toFixed(3)}): the gain was not merely pulled forward.${observed < afterDays ? ` Only ${observed} of the ${afterDays} days are in the data yet.` : ''}`,
              ru: `Провала после кампании нет: за следующие ${afterDays} дн. тестовая группа покупала ${visits.estimate >= 0 ? 'не реже' : 'чуть реже'} контрольной (${visits.estimate.toFixed(3)} визита на клиента, 95% ДИ ${visits.ci_low.toFixed(3)}…${visits.ci_high.toFixed(3)}): прирост не просто перенесён вперёд.${observed < afterDays ? ` В данных пока только ${observed} из ${afterDays} дн.` : ''}`,
            },
      });
    }
    verdict[arm] = armVerdict(campaign, arm, comparisons.filter((x) => x.arm === arm), economics.find((e) => e.arm === arm), afterWindow.find((a) => a.arm === arm), mde[arm], currency);
  }
  return {
    campaign, confidence, pre_days: campaign.kind === 'patron' ? preDays : null, arms, comparisons, economics, after_window: afterWindow,
    minimum_detectable_revenue_kopecks: mde, verdict, methods: methodsText,
  };
}

function armVerdict(campaign: MeasuredCampaign, arm: string, rows: MetricComparison[], economics: ArmEconomics | undefined, after: AfterWindow | undefined, mde: number | undefined, currency: string): Text {
  const revenue = rows.find((r) => r.metric === 'revenue_per_customer');
  const label = campaign.kind === 'patron' ? campaign.name : `${arm}`;
  if (!revenue) return rows[0]!.meaning;
  const d = revenue.cuped?.difference ?? revenue.difference;
  const base = revenue.significant
    ? d.estimate > 0
      ? { en: `${label} raised revenue per customer: ${revenue.meaning.en}`, ru: `${label}: выручка на клиента выросла. ${revenue.meaning.ru}` }
      : { en: `${label} lowered revenue per customer: ${revenue.meaning.en}`, ru: `${label}: выручка на клиента снизилась. ${revenue.meaning.ru}` }
    : {
        en: `${label}: no effect on revenue per customer distinguishable from zero. ${revenue.meaning.en}${mde ? ` At this size the test detects effects of about ${money(mde, currency)} per customer (80 % power).` : ''}`,
        ru: `${label}: эффект на выручку на клиента не отличим от нуля. ${revenue.meaning.ru}${mde ? ` При таком размере групп тест различает эффект от ${money(mde, currency)} на клиента (мощность 80 %).` : ''}`,
      };
  const roi = economics?.roi_margin_pct ?? economics?.roi_revenue_pct;
  const roiText = roi && economics
    ? {
        en: ` Cost ${money(economics.cost.total_kopecks, currency)}; ROI ${roi.estimate.toFixed(0)} % (95% CI ${roi.ci_low.toFixed(0)}…${roi.ci_high.toFixed(0)} %) on incremental ${economics.roi_margin_pct ? 'margin' : 'revenue'}.`,
        ru: ` Затраты ${money(economics.cost.total_kopecks, currency)}; ROI ${roi.estimate.toFixed(0)} % (95% ДИ ${roi.ci_low.toFixed(0)}…${roi.ci_high.toFixed(0)} %) по дополнительной ${economics.roi_margin_pct ? 'марже' : 'выручке'}.`,
      }
    : { en: '', ru: '' };
  const afterText = after?.pulled_forward ? { en: ` ${after.meaning.en}`, ru: ` ${after.meaning.ru}` } : { en: '', ru: '' };
  return { en: base.en + roiText.en + afterText.en, ru: base.ru + roiText.ru + afterText.ru };
}
