import { bgNbdConditionalExpected, bgNbdPopulationExpected, bgNbdProbabilityAlive, fitBgNbd, type BgNbdParams } from './bg-nbd.ts';
import type { ModelFit } from './model-fit.ts';
import { fitParetoNbd, paretoNbdConditionalExpected, paretoNbdPopulationExpected, paretoNbdProbabilityAlive, type ParetoNbdParams } from './pareto-nbd.ts';
import type { RepeatPurchases } from './repeat-purchases.ts';

export const frequencyModelNames = ['bgnbd', 'pareto-nbd'] as const;
export type FrequencyModelName = (typeof frequencyModelNames)[number];

/** A fitted purchase-frequency model, whichever it is, with what scoring needs from it. */
export interface FrequencyModel {
  fit: ModelFit<Record<string, number>>;
  probabilityAlive(x: number, tx: number, T: number): number;
  /** Expected purchases in the next t after T. */
  expected(x: number, tx: number, T: number, t: number): number;
  /** Expected repeat purchases in the first t after a customer's first purchase. */
  populationExpected(t: number): number;
}

export function fitFrequencyModel(name: FrequencyModelName, data: RepeatPurchases): FrequencyModel {
  return frequencyModel(name === 'bgnbd' ? fitBgNbd(data) : fitParetoNbd(data));
}

export function frequencyModel(fit: ModelFit<Record<string, number>>): FrequencyModel {
  if (fit.model === 'bgnbd') {
    const p = fit.params as BgNbdParams;
    return {
      fit,
      probabilityAlive: (x, tx, T) => bgNbdProbabilityAlive(p, x, tx, T),
      expected: (x, tx, T, t) => bgNbdConditionalExpected(p, x, tx, T, t),
      populationExpected: (t) => bgNbdPopulationExpected(p, t),
    };
  }
  const p = fit.params as ParetoNbdParams;
  return {
    fit,
    probabilityAlive: (x, tx, T) => paretoNbdProbabilityAlive(p, x, tx, T),
    expected: (x, tx, T, t) => paretoNbdConditionalExpected(p, x, tx, T, t),
    populationExpected: (t) => paretoNbdPopulationExpected(p, t),
  };
}

/**
 * Median time to the next purchase of a customer who is alive: given x purchases in T the rate's
 * posterior is Gamma(r + x, α + T) in both models, so P(no purchase in t) = ((α+T)/(α+T+t))^(r+x)
 * and the median is (α + T)(2^(1/(r+x)) − 1).
 */
export function medianWaitIfAlive(fit: ModelFit<Record<string, number>>, x: number, T: number): number {
  const { r, alpha } = fit.params as { r: number; alpha: number };
  return (alpha + T) * (2 ** (1 / (r + x)) - 1);
}

/**
 * BG/NBD: probability of no purchase in the next t — dead already, or alive and not buying:
 * (1 − P(alive)) + P(alive)·((α+T)/(α+T+t))^(r+x). A churn score straight from the model.
 */
export function bgNbdProbabilityNoPurchase(p: BgNbdParams, x: number, tx: number, T: number, t: number): number {
  const alive = bgNbdProbabilityAlive(p, x, tx, T);
  return 1 - alive + alive * ((p.alpha + T) / (p.alpha + T + t)) ** (p.r + x);
}
