import { customerLifetimeValue, type ClvOptions } from './clv.ts';
import { medianWaitIfAlive, type FrequencyModel } from './frequency-model.ts';
import { gammaGammaExpectedSpend, type GammaGammaParams } from './gamma-gamma.ts';

export interface CustomerPrediction {
  pAlive: number;
  /** Expected purchases in the horizon. */
  expectedPurchases: number;
  /** Expected spend per purchase, money units. */
  spendPerPurchase: number;
  /** Discounted value over the CLV horizon, money units. */
  clv: number;
  /** Median days to the next purchase if alive. */
  medianWaitDays: number;
}

/** Everything `patron model score` says of one customer, from the two fitted models. */
export function predictCustomer(
  frequency: FrequencyModel,
  spend: GammaGammaParams,
  customer: { x: number; tx: number; T: number; zbar: number },
  options: { horizon: number } & ClvOptions,
): CustomerPrediction {
  const { x, tx, T, zbar } = customer;
  const spendPerPurchase = gammaGammaExpectedSpend(spend, x, zbar);
  return {
    pAlive: frequency.probabilityAlive(x, tx, T),
    expectedPurchases: frequency.expected(x, tx, T, options.horizon),
    spendPerPurchase,
    clv: customerLifetimeValue((t) => frequency.expected(x, tx, T, t), spendPerPurchase, options),
    medianWaitDays: medianWaitIfAlive(frequency.fit, x, T) * options.unitDays,
  };
}
