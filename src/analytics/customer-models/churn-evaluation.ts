import { PatronError } from '../../core/index.ts';
import {
  areaUnderRoc, bgNbdProbabilityAlive, bgNbdProbabilityNoPurchase, brierScore, calibrationBins, fitBgNbd, fitLogistic, logLoss, predictLogistic,
  type BgNbdParams, type LogisticModel,
} from '../../models/index.ts';
import type { AnalyticsStore } from '../analytics-store.ts';
import { churnFeatureNames, loadChurnFeatures } from './churn-features.ts';
import { loadModelData } from './model-data.ts';
import { withStagedPurchases, type StagedPurchases } from './shopper-purchases.ts';
import { isoDay } from './epoch-days.ts';
import { evaluation, type Evaluated } from './model-evaluations.ts';

export interface ChurnMethodResult {
  method: 'logistic' | 'bgnbd_no_purchase' | 'bgnbd_not_alive';
  auc: number;
  brier: number | null;
  log_loss: number | null;
  calibration: { from: number; to: number; count: number; predicted: number; observed: number }[];
}

export interface ChurnEvaluation {
  window_days: number;
  train_cut: string;
  evaluation_cut: string;
  train_customers: number;
  train_churn_rate: number;
  customers: number;
  churn_rate: number;
  methods: ChurnMethodResult[];
  winner: ChurnMethodResult['method'];
  coefficients: { feature: string; weight: number }[];
}


/**
 * The churn score on a time split. Churned = no purchase in the `windowDays` after a cut day.
 * Train: features at (last day − 2·window), labels from the window after it. Evaluate: features
 * at (last day − window), labels from the last window, which the model never saw. BG/NBD is
 * fitted on everything up to the evaluation cut and scored on the same shoppers two ways: its
 * probability of no purchase in the window, and 1 − P(alive).
 */
export function evaluateChurn(store: AnalyticsStore, options: { windowDays: number; source?: string }): Promise<ChurnEvaluation> {
  return withStagedPurchases(store, options.source ?? null, (purchases) => evaluateChurnOnStaged(store, options, purchases));
}

/** The options a churn evaluation is kept under. */
export function churnEvaluationKey(options: { windowDays: number; source?: string }): Record<string, unknown> {
  return { window_days: options.windowDays, source: options.source };
}

/** The kept churn evaluation for these options (see model-evaluations.ts), or one computed now and kept; `fresh` computes anew. */
export function keptChurnEvaluation(store: AnalyticsStore, options: { windowDays: number; source?: string }, fresh: boolean): Promise<Evaluated<ChurnEvaluation>> {
  return evaluation(store, 'churn', churnEvaluationKey(options), fresh, () => evaluateChurn(store, options));
}

/** The same on purchases the caller staged for the same source. */
export async function evaluateChurnOnStaged(store: AnalyticsStore, options: { windowDays: number; source?: string }, purchases: StagedPurchases): Promise<ChurnEvaluation> {
  const last = Number((await store.query(`SELECT max(day) AS d FROM ${purchases.table}`))[0]!['d'] ?? NaN);
  if (!Number.isFinite(last)) throw new PatronError('not_found', 'No purchases by identified shoppers in the read side');
  const w = options.windowDays;
  const evalCut = last - w;
  const trainCut = last - 2 * w;
  const train = await loadChurnFeatures(store, trainCut, w, purchases);
  const test = await loadChurnFeatures(store, evalCut, w, purchases);
  if (train.rows.length < 20 || test.rows.length < 20) throw new PatronError('validation_failed', `Too little history for a ${w}-day churn window: ${train.rows.length} shoppers at the training cut`);
  const model = fitLogistic(churnFeatureNames, train.rows, train.churned!);
  const labels = test.churned!;
  const logistic = Float64Array.from(test.rows, (row) => predictLogistic(model, row));

  const data = await loadModelData(store, { timeUnit: 'week', mergeSameDay: true, spendIncludesFirst: false, calibrationEnd: isoDay(evalCut), ...(options.source ? { source: options.source } : {}) }, purchases);
  const params = fitBgNbd(data.calibration).params as BgNbdParams;
  const position = new Map(data.shoppers.map((s, i) => [s, i]));
  const noPurchase = new Float64Array(test.shoppers.length);
  const notAlive = new Float64Array(test.shoppers.length);
  test.shoppers.forEach((shopper, k) => {
    const i = position.get(shopper)!;
    const [x, tx, T] = [data.calibration.x[i]!, data.calibration.tx[i]!, data.calibration.T[i]!];
    noPurchase[k] = bgNbdProbabilityNoPurchase(params, x, tx, T, w / 7);
    notAlive[k] = 1 - bgNbdProbabilityAlive(params, x, tx, T);
  });

  const methods: ChurnMethodResult[] = [
    { method: 'logistic', auc: areaUnderRoc(logistic, labels), brier: brierScore(logistic, labels), log_loss: logLoss(logistic, labels), calibration: calibrationBins(logistic, labels) },
    { method: 'bgnbd_no_purchase', auc: areaUnderRoc(noPurchase, labels), brier: brierScore(noPurchase, labels), log_loss: logLoss(noPurchase, labels), calibration: calibrationBins(noPurchase, labels) },
    // 1 − P(alive) ranks shoppers but is not a probability of this outcome: AUC only.
    { method: 'bgnbd_not_alive', auc: areaUnderRoc(notAlive, labels), brier: null, log_loss: null, calibration: [] },
  ];
  const rate = (l: Int8Array) => l.reduce((s, v) => s + v, 0) / l.length;
  return {
    window_days: w,
    train_cut: isoDay(trainCut),
    evaluation_cut: isoDay(evalCut),
    train_customers: train.rows.length,
    train_churn_rate: rate(train.churned!),
    customers: test.rows.length,
    churn_rate: rate(labels),
    methods,
    winner: [...methods].sort((a, b) => b.auc - a.auc)[0]!.method,
    coefficients: coefficientsOf(model),
  };
}

/** Weights on the standardised features: the change in log-odds of churn per standard deviation. */
export function coefficientsOf(model: LogisticModel): { feature: string; weight: number }[] {
  return model.features.map((feature, j) => ({ feature, weight: model.coefficients[j]! }));
}

/** Trains on the last complete window before `cutDay` and scores every shopper active in the year up to it. */
export async function churnScores(store: AnalyticsStore, cutDay: number, windowDays: number, purchases: StagedPurchases): Promise<Map<string, number>> {
  const train = await loadChurnFeatures(store, cutDay - windowDays, windowDays, purchases);
  if (train.rows.length < 20) return new Map();
  const model = fitLogistic(churnFeatureNames, train.rows, train.churned!);
  const now = await loadChurnFeatures(store, cutDay, null, purchases);
  return new Map(now.shoppers.map((s, i) => [s, predictLogistic(model, now.rows[i]!)]));
}
