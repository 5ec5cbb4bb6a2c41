import { fitFrequencyModel, fitGammaGamma, type FrequencyModel, type FrequencyModelName, type GammaGammaParams, type ModelFit } from '../../models/index.ts';
import type { AnalyticsStore } from '../analytics-store.ts';
import { loadModelData, repeatSpend, type ModelData, type ModelDataOptions } from './model-data.ts';
import type { StagedPurchases } from './shopper-purchases.ts';

export const customerModelNames = ['bgnbd', 'pareto-nbd', 'gamma-gamma'] as const;
export type CustomerModelName = (typeof customerModelNames)[number];

export interface FittedCustomerModels {
  data: ModelData;
  frequency: FrequencyModel | null;
  spend: ModelFit<GammaGammaParams> | null;
  seconds: { load: number; fit: number };
}

/** Loads the calibration data (from purchases the caller staged, when given) and fits the named models on it (frequency, spend, or both). */
export async function fitCustomerModels(store: AnalyticsStore, options: ModelDataOptions, models: { frequency?: FrequencyModelName; spend?: boolean }, staged?: StagedPurchases): Promise<FittedCustomerModels> {
  const t0 = performance.now();
  const data = await loadModelData(store, options, staged);
  const t1 = performance.now();
  const frequency = models.frequency ? fitFrequencyModel(models.frequency, data.calibration) : null;
  const spend = models.spend ? fitGammaGamma(repeatSpend(data)) : null;
  return { data, frequency, spend, seconds: { load: (t1 - t0) / 1000, fit: (performance.now() - t1) / 1000 } };
}

/** A fit as a row of the model_fits table. */
export function fitRow(fitId: string, fit: ModelFit<Record<string, number>>, data: ModelData): Record<string, string | number | boolean> {
  return {
    fit_id: fitId,
    fitted_at: new Date().toISOString(),
    model: fit.model,
    calibration_end: data.options.calibrationEnd,
    time_unit: data.options.timeUnit,
    merge_same_day: data.options.mergeSameDay,
    customers: fit.customers,
    params: JSON.stringify(fit.params),
    standard_errors: JSON.stringify(fit.standardErrors),
    log_likelihood: fit.logLikelihood,
    converged: fit.converged,
  };
}
