import { distinctValues, fitPositive, type ModelFit, type WarmStart } from './model-fit.ts';
import type { RepeatPurchases } from './repeat-purchases.ts';
import { digamma, hyp2f1, logGamma } from './special-functions.ts';

/**
 * The BG/NBD model (Fader, Hardie & Lee 2005, "Counting your customers the easy way"): while
 * alive a customer buys at Poisson rate λ ~ Gamma(r, α); after each purchase they drop out with
 * probability p ~ Beta(a, b).
 */
export interface BgNbdParams extends Record<string, number> {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/** Log-likelihood of the data (eq. 6 of the paper) and its gradient in (r, α, a, b). */
export function bgNbdLogLikelihood(params: BgNbdParams, data: RepeatPurchases): number {
  return likelihood(data, distinctValues(data.x), [params.r, params.alpha, params.a, params.b], false).value;
}

export function fitBgNbd(data: RepeatPurchases): ModelFit<BgNbdParams> {
  const { warm: _, ...fit } = fitBgNbdWarm(data);
  return fit;
}

function fitBgNbdWarm(data: RepeatPurchases): ModelFit<BgNbdParams> & { warm: WarmStart | null } {
  const groups = distinctValues(data.x);
  const n = data.x.length;
  const meanX = data.x.reduce((s, v) => s + v, 0) / Math.max(1, n);
  const meanT = data.T.reduce((s, v) => s + v, 0) / Math.max(1, n);
  // Many customers: start from the fit on an evenly spread sample, so the full data is only
  // needed for the last few steps and the standard errors.
  const warm = n > 2 * WARM_START_SAMPLE ? fitBgNbdWarm(everyNth(data, Math.floor(n / WARM_START_SAMPLE))).warm : null;
  const fit = fitPositive(
    {
      names: ['r', 'alpha', 'a', 'b'],
      start: [1, Math.max(1e-3, meanT / Math.max(meanX, 0.1)), 1, 1],
      logLik: (p) => likelihood(data, groups, p, false).value,
      withGradient: (p) => likelihood(data, groups, p, true),
    },
    n,
    warm ?? undefined,
  );
  return { model: 'bgnbd', ...fit } as unknown as ModelFit<BgNbdParams> & { warm: WarmStart | null };
}

const WARM_START_SAMPLE = 100_000;

function everyNth(data: RepeatPurchases, step: number): RepeatPurchases {
  const pick = (a: Float64Array) => a.filter((_, i) => i % step === 0);
  return { x: pick(data.x), tx: pick(data.tx), T: pick(data.T) };
}

function likelihood(data: RepeatPurchases, groups: ReturnType<typeof distinctValues>, params: readonly number[], withGradient: boolean) {
  const [r, alpha, a, b] = params as [number, number, number, number];
  const { x: xs, tx: txs, T: Ts } = data;
  let value = 0;
  let gr = 0, galpha = 0, ga = 0, gb = 0;
  // Terms that depend on x only: A1 + A2 of the paper, and ln a − ln(b + x − 1).
  const k = groups.values.length;
  const a4 = new Float64Array(k);
  for (let g = 0; g < k; g++) {
    const x = groups.values[g]!;
    const c = groups.counts[g]!;
    value += c * (logGamma(r + x) - logGamma(r) + r * Math.log(alpha) + logGamma(a + b) + logGamma(b + x) - logGamma(b) - logGamma(a + b + x));
    a4[g] = x > 0 ? Math.log(a) - Math.log(b + x - 1) : -Infinity;
    if (withGradient) {
      gr += c * (digamma(r + x) - digamma(r) + Math.log(alpha));
      galpha += (c * r) / alpha;
      ga += c * (digamma(a + b) - digamma(a + b + x));
      gb += c * (digamma(a + b) + digamma(b + x) - digamma(b) - digamma(a + b + x));
    }
  }
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    const g = groups.index[i]!;
    const logT = Math.log(alpha + Ts[i]!);
    const term3 = -(r + x) * logT;
    if (x === 0) {
      value += term3;
      if (withGradient) {
        gr -= logT;
        galpha -= (r + x) / (alpha + Ts[i]!);
      }
      continue;
    }
    const logTx = Math.log(alpha + txs[i]!);
    const term4 = a4[g]! - (r + x) * logTx;
    const top = term3 > term4 ? term3 : term4;
    const e3 = Math.exp(term3 - top);
    const e4 = Math.exp(term4 - top);
    value += top + Math.log(e3 + e4);
    if (withGradient) {
      const w3 = e3 / (e3 + e4);
      const w4 = 1 - w3;
      gr -= w3 * logT + w4 * logTx;
      galpha -= (r + x) * (w3 / (alpha + Ts[i]!) + w4 / (alpha + txs[i]!));
      ga += w4 / a;
      gb -= w4 / (b + x - 1);
    }
  }
  return { value, gradient: [gr, galpha, ga, gb] };
}

/** P(alive | x, tx, T) (eq. 13 of the paper's appendix note). */
export function bgNbdProbabilityAlive(p: BgNbdParams, x: number, tx: number, T: number): number {
  if (x === 0) return 1;
  return 1 / (1 + (p.a / (p.b + x - 1)) * Math.exp((p.r + x) * (Math.log(p.alpha + T) - Math.log(p.alpha + tx))));
}

/** E[purchases in (T, T + t] | x, tx, T] (eq. 10 of the paper). */
export function bgNbdConditionalExpected(p: BgNbdParams, x: number, tx: number, T: number, t: number): number {
  if (t <= 0) return 0;
  const { r, alpha, a, b } = p;
  const z = t / (alpha + T + t);
  const ratio = Math.exp((r + x) * (Math.log(alpha + T) - Math.log(alpha + T + t)));
  const head = ((a + b + x - 1) / (a - 1)) * (1 - ratio * hyp2f1(r + x, b + x, a + b + x - 1, z));
  return head * bgNbdProbabilityAlive(p, x, tx, T);
}

/** E[X(t)]: expected purchases of a customer in the first t after their first purchase (eq. 9). */
export function bgNbdPopulationExpected(p: BgNbdParams, t: number): number {
  if (t <= 0) return 0;
  const { r, alpha, a, b } = p;
  return ((a + b - 1) / (a - 1)) * (1 - (alpha / (alpha + t)) ** r * hyp2f1(r, b, a + b - 1, t / (alpha + t)));
}
