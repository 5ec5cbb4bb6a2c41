import { distinctValues, fitPositive, type ModelFit } from './model-fit.ts';
import type { RepeatSpend } from './repeat-purchases.ts';
import { digamma, logGamma } from './special-functions.ts';

/**
 * The Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV"; Fader & Hardie's note
 * on it): a purchase's value ~ Gamma(p, ν), the customer's ν ~ Gamma(q, γ), independent of the
 * purchase timing. Fitted on repeat buyers' average repeat spend.
 */
export interface GammaGammaParams extends Record<string, number> {
  p: number;
  q: number;
  gamma: number;
}

export function fitGammaGamma(data: RepeatSpend): ModelFit<GammaGammaParams> {
  for (let i = 0; i < data.x.length; i++) {
    if (!(data.x[i]! > 0 && data.zbar[i]! > 0)) throw new RangeError('Gamma-Gamma takes repeat buyers only: every x and average spend must be positive');
  }
  const groups = distinctValues(data.x);
  const logZ = data.zbar.map(Math.log);
  const n = data.x.length;
  const mean = data.zbar.reduce((s, v) => s + v, 0) / Math.max(1, n);
  const fit = fitPositive(
    {
      names: ['p', 'q', 'gamma'],
      start: [1, 2, Math.max(1e-6, mean)],
      logLik: (p) => likelihood(data, groups, logZ, p, false).value,
      withGradient: (p) => likelihood(data, groups, logZ, p, true),
    },
    n,
  );
  const { warm: _, ...result } = fit;
  return { model: 'gamma-gamma', ...result } as ModelFit<GammaGammaParams>;
}

export function gammaGammaLogLikelihood(params: GammaGammaParams, data: RepeatSpend): number {
  return likelihood(data, distinctValues(data.x), data.zbar.map(Math.log), [params.p, params.q, params.gamma], false).value;
}

function likelihood(data: RepeatSpend, groups: ReturnType<typeof distinctValues>, logZ: Float64Array, params: readonly number[], withGradient: boolean) {
  const [p, q, gamma] = params as [number, number, number];
  let value = 0;
  let gp = 0, gq = 0, gg = 0;
  for (let g = 0; g < groups.values.length; g++) {
    const x = groups.values[g]!;
    const c = groups.counts[g]!;
    value += c * (logGamma(p * x + q) - logGamma(p * x) - logGamma(q) + q * Math.log(gamma) + p * x * Math.log(x));
    if (withGradient) {
      gp += c * x * (digamma(p * x + q) - digamma(p * x) + Math.log(x));
      gq += c * (digamma(p * x + q) - digamma(q) + Math.log(gamma));
      gg += (c * q) / gamma;
    }
  }
  for (let i = 0; i < data.x.length; i++) {
    const x = data.x[i]!;
    const lz = logZ[i]!;
    const denominator = gamma + x * data.zbar[i]!;
    const logD = Math.log(denominator);
    value += (p * x - 1) * lz - (p * x + q) * logD;
    if (withGradient) {
      gp += x * (lz - logD);
      gq -= logD;
      gg -= (p * x + q) / denominator;
    }
  }
  return { value, gradient: [gp, gq, gg] };
}

/** E[M | x, z̄]: a customer's expected spend per purchase (the population mean when x = 0). */
export function gammaGammaExpectedSpend(params: GammaGammaParams, x: number, zbar: number): number {
  const { p, q, gamma } = params;
  if (x <= 0) return (p * gamma) / (q - 1);
  return (p * (gamma + x * zbar)) / (p * x + q - 1);
}
