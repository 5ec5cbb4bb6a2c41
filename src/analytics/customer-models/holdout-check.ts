import type { FrequencyModelName } from '../../models/index.ts';
import type { AnalyticsStore } from '../analytics-store.ts';
import { fitCustomerModels } from './fit-models.ts';
import { modelDataKey, type ModelDataOptions } from './model-data.ts';
import type { StagedPurchases } from './shopper-purchases.ts';
import { epochDay, isoDay } from './epoch-days.ts';

export interface TrackingWeek {
  week_start: string;
  period: 'calibration' | 'holdout';
  actual: number;
  expected: number;
  actual_cumulative: number;
  expected_cumulative: number;
}

export interface FrequencyGroup {
  /** Repeat purchases in the calibration period, 7 and more together as '7+'. */
  repeat_purchases: string;
  customers: number;
  actual_mean: number | null;
  expected_mean: number | null;
}

/** The frequency model fitted on a calibration period and set against the holdout after it. */
export interface HoldoutCheck {
  model: FrequencyModelName;
  calibration_end: string;
  holdout_end: string;
  /** The holdout's length in the time unit (0: no holdout after the calibration end). */
  holdout_length: number;
  /** Fader, Hardie & Lee's tracking plot: repeat purchases week by week, actual against expected. */
  tracking: TrackingWeek[];
  /** Shoppers by calibration repeat purchases: holdout purchases, actual against the conditional expectation. */
  by_frequency: FrequencyGroup[];
}

/**
 * Fits the frequency model on the calibration period (without a calibration end, the first half
 * of the days with purchases) and checks it on the holdout two ways: the tracking plot over
 * every shopper, and the conditional expectation by calibration frequency.
 */
export async function checkOnHoldout(store: AnalyticsStore, model: FrequencyModelName, options: ModelDataOptions, staged?: StagedPurchases): Promise<HoldoutCheck> {
  const fitted = await fitCustomerModels(store, { ...options, calibration: 'half' }, { frequency: model }, staged);
  const { data } = fitted;
  const frequency = fitted.frequency!;
  // A loop, not Math.min(...): a spread of half a million arguments overflows the stack.
  const start = data.firstDay.reduce((m, d) => Math.min(m, d), Infinity);
  const end = epochDay(data.options.holdoutEnd);
  const calEnd = epochDay(data.options.calibrationEnd);
  // Shoppers by first-purchase day: the expectation at day d sums E[X(d − first)] over them.
  const cohorts = new Map<number, number>();
  for (const f of data.firstDay) cohorts.set(f, (cohorts.get(f) ?? 0) + 1);
  const expectedBy = (day: number) => {
    let sum = 0;
    for (const [first, count] of cohorts) if (first <= day) sum += count * frequency.populationExpected((day - first) / data.unitDays);
    return sum;
  };
  const actualByDay = new Map(data.repeatsByDay.map((r) => [r.day, r.repeats]));
  const tracking: TrackingWeek[] = [];
  let actualCumulative = 0;
  let previousExpected = 0;
  for (let weekStart = start; weekStart <= end; weekStart += 7) {
    const weekEnd = Math.min(weekStart + 7, end + 1);
    let actual = 0;
    for (let d = weekStart; d < weekEnd; d++) actual += actualByDay.get(d) ?? 0;
    actualCumulative += actual;
    // A purchase on day d is at time d − first, as in the fit: the expectation up to the week's last day.
    const expectedCumulative = expectedBy(weekEnd - 1);
    tracking.push({
      week_start: isoDay(weekStart),
      period: weekStart > calEnd ? 'holdout' : 'calibration',
      actual,
      expected: expectedCumulative - previousExpected,
      actual_cumulative: actualCumulative,
      expected_cumulative: expectedCumulative,
    });
    previousExpected = expectedCumulative;
  }

  const groups = Array.from({ length: 8 }, () => ({ customers: 0, actual: 0, expected: 0 }));
  if (data.holdoutLength > 0) {
    const { x, tx, T } = data.calibration;
    for (let i = 0; i < x.length; i++) {
      const g = groups[Math.min(7, x[i]!)]!;
      g.customers++;
      g.actual += data.holdoutPurchases[i]!;
      g.expected += frequency.expected(x[i]!, tx[i]!, T[i]!, data.holdoutLength);
    }
  }
  const byFrequency = groups
    .map((g, k) => ({ repeat_purchases: k === 7 ? '7+' : String(k), customers: g.customers, actual_mean: g.customers ? g.actual / g.customers : null, expected_mean: g.customers ? g.expected / g.customers : null }))
    .filter((r) => r.customers > 0);
  return { model, calibration_end: data.options.calibrationEnd, holdout_end: data.options.holdoutEnd, holdout_length: data.holdoutLength, tracking, by_frequency: byFrequency };
}

/** The options a holdout check is kept under. */
export function holdoutCheckKey(model: FrequencyModelName, options: ModelDataOptions): Record<string, unknown> {
  return { model, ...modelDataKey({ ...options, calibration: 'half' }) };
}
