import { fitPositive, type ModelFit } from './model-fit.ts';
import type { RepeatPurchases } from './repeat-purchases.ts';
import { hyp2f1, logAddExp, logGamma, logSubExp } from './special-functions.ts';

/**
 * The Pareto/NBD model (Schmittlein, Morrison & Colombo 1987): purchases at Poisson rate
 * λ ~ Gamma(r, α) during an exponential lifetime with rate μ ~ Gamma(s, β). The likelihood in
 * the form of Fader & Hardie's note "A note on deriving the Pareto/NBD model".
 */
export interface ParetoNbdParams extends Record<string, number> {
  r: number;
  alpha: number;
  s: number;
  beta: number;
}

export function fitParetoNbd(data: RepeatPurchases): ModelFit<ParetoNbdParams> {
  const n = data.x.length;
  const meanX = data.x.reduce((s, v) => s + v, 0) / Math.max(1, n);
  const meanT = data.T.reduce((s, v) => s + v, 0) / Math.max(1, n);
  const fit = fitPositive(
    {
      names: ['r', 'alpha', 's', 'beta'],
      start: [1, Math.max(1e-3, meanT / Math.max(meanX, 0.1)), 1, meanT],
      logLik: (p) => paretoNbdLogLikelihood({ r: p[0]!, alpha: p[1]!, s: p[2]!, beta: p[3]! }, data),
    },
    n,
  );
  const { warm: _, ...result } = fit;
  return { model: 'pareto-nbd', ...result } as ModelFit<ParetoNbdParams>;
}

export function paretoNbdLogLikelihood(params: ParetoNbdParams, data: RepeatPurchases): number {
  const { r, alpha, s, beta } = params;
  let total = 0;
  for (let i = 0; i < data.x.length; i++) {
    const x = data.x[i]!;
    const T = data.T[i]!;
    const head = logGamma(r + x) - logGamma(r) + r * Math.log(alpha) + s * Math.log(beta);
    const survived = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
    const died = Math.log(s) - Math.log(r + s + x) + logA0(params, x, data.tx[i]!, T);
    total += head + logAddExp(survived, died);
  }
  return total;
}

/** ln A₀ of the note: the part of the likelihood for a customer who died between tx and T. */
function logA0({ r, alpha, s, beta }: ParetoNbdParams, x: number, tx: number, T: number): number {
  const rsx = r + s + x;
  const high = Math.max(alpha, beta);
  const second = alpha >= beta ? s + 1 : r + x;
  const gap = Math.abs(alpha - beta);
  const atTx = Math.log(hyp2f1(rsx, second, rsx + 1, gap / (high + tx))) - rsx * Math.log(high + tx);
  const atT = Math.log(hyp2f1(rsx, second, rsx + 1, gap / (high + T))) - rsx * Math.log(high + T);
  return atTx > atT ? logSubExp(atTx, atT) : -Infinity;
}

export function paretoNbdProbabilityAlive(p: ParetoNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, s, beta } = p;
  const ratio = Math.log(s) - Math.log(r + s + x) + (r + x) * Math.log(alpha + T) + s * Math.log(beta + T) + logA0(p, x, tx, T);
  return 1 / (1 + Math.exp(ratio));
}

/** E[purchases in (T, T + t] | x, tx, T]. */
export function paretoNbdConditionalExpected(p: ParetoNbdParams, x: number, tx: number, T: number, t: number): number {
  if (t <= 0) return 0;
  const { r, alpha, s, beta } = p;
  const ifAlive = ((r + x) * (beta + T)) / ((alpha + T) * (s - 1)) * (1 - ((beta + T) / (beta + T + t)) ** (s - 1));
  return ifAlive * paretoNbdProbabilityAlive(p, x, tx, T);
}

/** E[X(t)] for a customer t after their first purchase. */
export function paretoNbdPopulationExpected(p: ParetoNbdParams, t: number): number {
  const { r, alpha, s, beta } = p;
  return ((r * beta) / (alpha * (s - 1))) * (1 - (beta / (beta + t)) ** (s - 1));
}
