import { PatronError } from '../../core/index.ts';
import { audienceForEffect, controlShareForEffect, minimumDetectableEffect } from '../../models/index.ts';
import type { AnalyticsStore } from '../analytics-store.ts';
import type { Text } from '../reports/report-definition.ts';

export interface PlanInput {
  metric: 'revenue' | 'visits' | 'response';
  windowDays: number;
  /** Customers the campaign would reach; the members who bought in the last year when not given. */
  audience?: number;
  controlShare?: number;
  /** Relative effect to detect (0.05 = +5 %); with it the answer is the control share needed. */
  effect?: number;
  alpha?: number;
  power?: number;
}

export interface Plan {
  metric: PlanInput['metric'];
  window_days: number;
  audience: number;
  baseline_mean: number;
  baseline_sd: number;
  alpha: number;
  power: number;
  control_share: number | null;
  minimum_detectable_effect: number | null;
  minimum_detectable_relative: number | null;
  audience_needed_at_even_split: number | null;
  meaning: Text;
}

/**
 * The planning calculator: from the members' own behaviour over the last `windowDays` days of
 * data (mean and spread of the metric per member who bought in the year before), the smallest
 * effect a control share can detect, or the control share an effect needs.
 */
export async function planCampaign(store: AnalyticsStore, input: PlanInput): Promise<Plan> {
  const alpha = input.alpha ?? 0.05;
  const power = input.power ?? 0.8;
  const value = input.metric === 'revenue' ? 'coalesce(sum(r.total_kopecks), 0)' : input.metric === 'visits' ? 'count(r.receipt_id)' : '(count(r.receipt_id) > 0)::INTEGER';
  const row = (
    await store.query(
      `WITH last AS (SELECT max(ts) AS last_at FROM receipts WHERE customer_id IS NOT NULL),
            base AS (SELECT DISTINCT customer_id FROM receipts, last WHERE customer_id IS NOT NULL AND ts > last_at - INTERVAL ${input.windowDays + 365} DAY AND ts <= last_at - INTERVAL ${input.windowDays} DAY),
            per AS (SELECT b.customer_id, ${value}::DOUBLE AS v FROM base b LEFT JOIN receipts r ON r.customer_id = b.customer_id AND r.ts > (SELECT last_at FROM last) - INTERVAL ${input.windowDays} DAY GROUP BY 1)
       SELECT count(*)::DOUBLE AS n, avg(v) AS mean, stddev_samp(v) AS sd FROM per`,
    )
  )[0]!;
  const n = Number(row['n']);
  if (!(n > 1)) throw new PatronError('validation_failed', 'Planning needs members with purchases on the read side', { issues: [{ path: 'metric', message: 'no members with purchases' }] });
  const mean = Number(row['mean']);
  const sd = Number(row['sd']);
  const audience = input.audience ?? n;
  let controlShare = input.controlShare ?? null;
  let mde: number | null = null;
  if (input.effect !== undefined) controlShare = controlShareForEffect({ audience, sd, effect: input.effect * mean, alpha, power });
  if (controlShare !== null) mde = minimumDetectableEffect({ audience, sd, controlShare, alpha, power });
  const even = input.effect !== undefined ? audienceForEffect({ sd, effect: input.effect * mean, controlShare: 0.5, alpha, power }) : null;
  const what = { revenue: { en: 'revenue per customer', ru: 'выручки на клиента' }, visits: { en: 'visits per customer', ru: 'визитов на клиента' }, response: { en: 'the share who buy', ru: 'доли купивших' } }[input.metric];
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  const meaning: Text =
    input.effect !== undefined && controlShare === null
      ? {
          en: `An audience of ${audience} cannot detect a ${pct(input.effect)} change in ${what.en} over ${input.windowDays} days even with half held out; it needs about ${even} customers at an even split.`,
          ru: `На аудитории ${audience} изменение ${what.ru} на ${pct(input.effect)} за ${input.windowDays} дн. не обнаружить даже при контроле в половину; нужно около ${even} клиентов при делении пополам.`,
        }
      : {
          en: `With ${pct(controlShare!)} of ${audience} customers held out, a ${input.windowDays}-day campaign detects a change in ${what.en} of ${pct(mde! / mean)} or more (${(mde! / (input.metric === 'revenue' ? 100 : 1)).toFixed(2)}${input.metric === 'revenue' ? ' ₽' : ''} per customer) with ${Math.round(power * 100)} % power at α = ${alpha}.`,
          ru: `При контроле ${pct(controlShare!)} из ${audience} клиентов кампания на ${input.windowDays} дн. обнаружит изменение ${what.ru} от ${pct(mde! / mean)} (${(mde! / (input.metric === 'revenue' ? 100 : 1)).toFixed(2)}${input.metric === 'revenue' ? ' ₽' : ''} на клиента) с мощностью ${Math.round(power * 100)} % при α = ${alpha}.`,
        };
  return {
    metric: input.metric, window_days: input.windowDays, audience, baseline_mean: mean, baseline_sd: sd, alpha, power,
    control_share: controlShare, minimum_detectable_effect: mde, minimum_detectable_relative: mde !== null ? mde / mean : null, audience_needed_at_even_split: even, meaning,
  };
}
