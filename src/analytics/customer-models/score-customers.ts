import { newId } from '../../core/index.ts';
import { predictCustomer, type FrequencyModelName } from '../../models/index.ts';
import type { AnalyticsStore } from '../analytics-store.ts';
import type { TableRow } from '../table-columns.ts';
import { churnEvaluationKey, churnScores, evaluateChurnOnStaged } from './churn-evaluation.ts';
import { fitCustomerModels, fitRow, type FittedCustomerModels } from './fit-models.ts';
import { fitSummaryKey, summarizeFit } from './fit-summary.ts';
import { checkOnHoldout, holdoutCheckKey } from './holdout-check.ts';
import type { ModelDataOptions } from './model-data.ts';
import { keepIfPossible, readSideVersion, type EvaluationKind, type ReadSideVersion } from './model-evaluations.ts';
import { withStagedPurchases, type StagedPurchases } from './shopper-purchases.ts';
import { epochDay, isoDay } from './epoch-days.ts';

export interface ScoreOptions extends ModelDataOptions {
  model: FrequencyModelName;
  /** Window for expected purchases, in days. */
  horizonDays: number;
  clvMonths: number;
  annualDiscountRate: number;
}

export const defaultScoreOptions: ScoreOptions = {
  timeUnit: 'week', mergeSameDay: true, spendIncludesFirst: false, lookbackDays: 30,
  model: 'bgnbd', horizonDays: 90, clvMonths: 12, annualDiscountRate: 0.1,
};

export interface ScoreSummary {
  fit_id: string;
  as_of: string;
  customers: number;
  frequency: Record<string, unknown>;
  spend: Record<string, unknown>;
  total_clv_kopecks: number;
  seconds: { load: number; fit: number; churn: number; score: number; write: number; evaluate: number };
}

/**
 * Fits the frequency model and Gamma-Gamma on everything up to the as-of day (the calibration
 * end) and writes each shopper's predictions to customer_scores, replacing the previous scoring:
 * P(alive) now and `lookbackDays` earlier (with the same parameters), expected purchases in the
 * next `horizonDays`, expected spend per purchase, CLV over `clvMonths` discounted at
 * `annualDiscountRate`, the expected next purchase date (the median wait if alive), and the
 * churn score (logistic, chance of no purchase in the horizon) for shoppers active in the year.
 */
export async function scoreCustomers(store: AnalyticsStore, options: ScoreOptions, onProgress?: (done: number, total: number) => void): Promise<ScoreSummary> {
  const version = await readSideVersion(store);
  // The purchases are derived once for the fit, the churn score and the evaluations.
  const { fitted, churn, churnSeconds, evaluateSeconds } = await withStagedPurchases(store, options.source ?? null, async (purchases) => {
    const fitted = await fitCustomerModels(store, options, { frequency: options.model, spend: true }, purchases);
    const started = performance.now();
    // The supervised churn score: no purchase in the horizon, trained on the last complete horizon.
    const churn = await churnScores(store, epochDay(fitted.data.options.calibrationEnd), options.horizonDays, purchases);
    const churnSeconds = (performance.now() - started) / 1000;
    const evaluateSeconds = await keepModelEvaluations(store, options, fitted, purchases, version);
    return { fitted, churn, churnSeconds, evaluateSeconds };
  });
  const { data } = fitted;
  const frequency = fitted.frequency!;
  const spend = fitted.spend!;
  const fitId = newId('fit');
  const tScore = performance.now();
  const n = data.shoppers.length;
  const { x, tx, T } = data.calibration;
  const asOfDay = epochDay(data.options.calibrationEnd);
  const predictOptions = { horizon: options.horizonDays / data.unitDays, horizonMonths: options.clvMonths, annualDiscountRate: options.annualDiscountRate, unitDays: data.unitDays };
  const rows: TableRow[] = new Array(n);
  let totalClv = 0;
  for (let i = 0; i < n; i++) {
    const xi = x[i]!;
    const p = predictCustomer(frequency, spend.params, { x: xi, tx: tx[i]!, T: T[i]!, zbar: data.zbar[i]! }, predictOptions);
    const value = Math.round(p.clv * 100);
    totalClv += value;
    const earlierX = data.earlier?.x[i] ?? -1;
    rows[i] = {
      customer_id: data.shoppers[i]!,
      fit_id: fitId,
      as_of: data.options.calibrationEnd,
      first_purchase: isoDay(data.firstDay[i]!),
      last_purchase: isoDay(data.lastDay[i]!),
      repeat_purchases: xi,
      p_alive: p.pAlive,
      p_alive_before: earlierX >= 0 ? frequency.probabilityAlive(earlierX, data.earlier!.tx[i]!, data.earlier!.T[i]!) : null,
      expected_purchases: p.expectedPurchases,
      expected_spend_kopecks: Math.round(p.spendPerPurchase * 100),
      clv_kopecks: value,
      next_purchase_date: Number.isFinite(p.medianWaitDays) ? isoDay(asOfDay + Math.max(1, Math.round(p.medianWaitDays))) : null,
      churn_score: churn.get(data.shoppers[i]!) ?? null,
    };
    if (onProgress && i % 50_000 === 0) onProgress(i, n);
  }
  onProgress?.(n, n);
  const t1 = performance.now();
  await store.transaction(async () => {
    await store.run('DELETE FROM customer_scores');
    await store.append('model_fits', [fitRow(fitId, frequency.fit, data), fitRow(fitId, spend, data)]);
    await store.append('customer_scores', rows);
  });
  const t2 = performance.now();
  return {
    fit_id: fitId,
    as_of: data.options.calibrationEnd,
    customers: n,
    frequency: { model: frequency.fit.model, ...frequency.fit.params, log_likelihood: frequency.fit.logLikelihood },
    spend: { model: 'gamma-gamma', ...spend.params, customers: spend.customers },
    total_clv_kopecks: totalClv,
    seconds: { ...fitted.seconds, churn: churnSeconds, score: (t1 - tScore) / 1000, write: (t2 - t1) / 1000, evaluate: evaluateSeconds },
  };
}

/**
 * What the model reports show, computed with the scores so that they read it rather than fit
 * again: the fits just made, the frequency model against a holdout, and the churn score on a time
 * split over the scoring horizon. Returns the seconds it took.
 */
async function keepModelEvaluations(store: AnalyticsStore, options: ScoreOptions, fitted: FittedCustomerModels, purchases: StagedPurchases, version: ReadSideVersion): Promise<number> {
  const started = performance.now();
  const keep = (kind: EvaluationKind, key: Record<string, unknown>, evaluate: () => Promise<unknown>) => keepIfPossible(store, kind, key, version, evaluate);
  const dataOptions: ModelDataOptions = { ...options, lookbackDays: undefined };
  await keep('fit', fitSummaryKey(options.model, dataOptions), async () => summarizeFit(options.model, fitted));
  await keep('fit', fitSummaryKey('gamma-gamma', dataOptions), async () => summarizeFit('gamma-gamma', fitted));
  await keep('holdout', holdoutCheckKey(options.model, dataOptions), () => checkOnHoldout(store, options.model, dataOptions, purchases));
  const churnOptions = { windowDays: options.horizonDays, ...(options.source ? { source: options.source } : {}) };
  await keep('churn', churnEvaluationKey(churnOptions), () => evaluateChurnOnStaged(store, churnOptions, purchases));
  return (performance.now() - started) / 1000;
}
