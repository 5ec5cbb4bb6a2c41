import { gammaGammaExpectedSpend } from '../../models/index.ts';
import type { AnalyticsStore } from '../analytics-store.ts';
import { fitCustomerModels, type CustomerModelName, type FittedCustomerModels } from './fit-models.ts';
import { modelDataKey, repeatSpend, type ModelDataOptions } from './model-data.ts';

export interface FitSummary {
  model: CustomerModelName;
  data: { calibration_end: string; holdout_end: string; time_unit: string; merge_same_day: boolean; spend_includes_first: boolean; source: string | null };
  customers: number;
  params: { name: string; estimate: number; standard_error: number }[];
  log_likelihood: number;
  converged: boolean;
  iterations: number;
  /** Calibration against holdout: the model's expectation of what the holdout then showed. */
  holdout: { length: number; actual: number; expected: number; what: string } | null;
  seconds: { load: number; fit: number };
}

/** Fits one model and states the fit: estimates with standard errors, likelihood, and the holdout check. */
export async function fitModelSummary(store: AnalyticsStore, model: CustomerModelName, options: ModelDataOptions): Promise<FitSummary> {
  const fitted = model === 'gamma-gamma' ? await fitCustomerModels(store, options, { spend: true }) : await fitCustomerModels(store, options, { frequency: model });
  return summarizeFit(model, fitted);
}

/** The summary of a model the caller fitted (the frequency model, or Gamma-Gamma for 'gamma-gamma'). */
export function summarizeFit(model: CustomerModelName, fitted: FittedCustomerModels): FitSummary {
  const { data } = fitted;
  const frequency = model === 'gamma-gamma' ? null : fitted.frequency!;
  const fit = frequency?.fit ?? fitted.spend!;
  let holdout: FitSummary['holdout'] = null;
  if (data.holdoutLength > 0) {
    if (frequency) {
      let expected = 0;
      let actual = 0;
      const { x, tx, T } = data.calibration;
      for (let i = 0; i < x.length; i++) {
        expected += frequency.expected(x[i]!, tx[i]!, T[i]!, data.holdoutLength);
        actual += data.holdoutPurchases[i]!;
      }
      holdout = { length: data.holdoutLength, actual, expected, what: 'purchases in the holdout period, all customers' };
    } else {
      // Customers with repeat purchases in calibration who bought in the holdout: their mean spend per holdout purchase.
      const spend = repeatSpend(data);
      let expected = 0;
      let actual = 0;
      let count = 0;
      spend.index.forEach((i, k) => {
        const purchases = data.holdoutPurchases[i]!;
        if (purchases === 0) return;
        expected += gammaGammaExpectedSpend(fitted.spend!.params, spend.x[k]!, spend.zbar[k]!);
        actual += data.holdoutSpendKopecks[i]! / 100 / purchases;
        count++;
      });
      holdout = count > 0 ? { length: data.holdoutLength, actual: actual / count, expected: expected / count, what: `mean spend per holdout purchase of ${count} repeat buyers who bought again` } : null;
    }
  }
  return {
    model,
    data: {
      calibration_end: data.options.calibrationEnd,
      holdout_end: data.options.holdoutEnd,
      time_unit: data.options.timeUnit,
      merge_same_day: data.options.mergeSameDay,
      spend_includes_first: data.options.spendIncludesFirst,
      source: data.options.source ?? null,
    },
    customers: fit.customers,
    params: Object.keys(fit.params).map((name) => ({ name, estimate: fit.params[name]!, standard_error: fit.standardErrors[name]! })),
    log_likelihood: fit.logLikelihood,
    converged: fit.converged,
    iterations: fit.iterations,
    holdout,
    seconds: fitted.seconds,
  };
}

/** The options a fit's summary is kept under. */
export function fitSummaryKey(model: CustomerModelName, options: ModelDataOptions): Record<string, unknown> {
  return { model, ...modelDataKey(options) };
}
