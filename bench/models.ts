/**
 * bench/models: the customer models at chain scale, on seeded synthetic data held in memory
 * (the read side's loading is measured by `patron model score`, which prints it).
 *
 * - BG/NBD and Gamma-Gamma fitted on 1,000,000 simulated customers (targets: fit < 10 s), then
 *   every customer scored as `patron model score` does: P(alive), expected purchases, expected
 *   spend, 12-month CLV, next purchase (target < 5 s). Baseline in the same run: one evaluation of
 *   the log-likelihood and its gradient, so the fit reads as a number of evaluations.
 * - The recommenders trained on 20,000,000 receipt lines (target < 60 s) and asked for the top 10
 *   of 200,000 customers (target < 30 s). Baseline: one pass over the lines counting item buyers.
 *
 *   npm run bench:models
 *   npm run bench:models -- --customers 200000 --lines 2000000   # smaller, for a quick look
 */
import { parseArgs } from 'node:util';
import {
  bgNbdLogLikelihood, fitBgNbd, fitGammaGamma, frequencyModel, itemRowsFromPairs, predictCustomer, Random,
  trainCrossSell, trainItemToItem, trainPopularity, trainUpSell, type ItemRows, type Recommender,
} from '../src/models/index.ts';

const { values } = parseArgs({ options: { customers: { type: 'string', default: '1000000' }, lines: { type: 'string', default: '20000000' }, shoppers: { type: 'string', default: '200000' } } });
const customers = Number(values.customers);
const lineTotal = Number(values.lines);
const shopperTotal = Number(values.shoppers);
const line = (label: string, value: string) => process.stdout.write(`${label.padEnd(52)} ${value}\n`);
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const memory = () => `rss ${mb(process.memoryUsage().rss)}, peak rss ${mb(process.resourceUsage().maxRSS * 1024)}`;
function timed<T>(fn: () => T): [T, number] {
  const started = performance.now();
  const result = fn();
  return [result, (performance.now() - started) / 1000];
}
const verdict = (seconds: number, target: number) => `${seconds.toFixed(2)} s — target < ${target} s: ${seconds < target ? 'met' : 'NOT met'}`;

// ---- Buy-till-you-die at a million customers --------------------------------------------------
const truth = { r: 0.75, alpha: 2, a: 0.85, b: 9, p: 4, q: 5, gamma: 700 }; // weeks; rubles
process.stderr.write(`simulating ${customers} customers…\n`);
const rng = new Random(2026);
const x = new Float64Array(customers);
const tx = new Float64Array(customers);
const T = new Float64Array(customers);
const zbar = new Float64Array(customers);
for (let i = 0; i < customers; i++) {
  const lambda = rng.gamma(truth.r, truth.alpha);
  const dropout = rng.beta(truth.a, truth.b);
  const nu = rng.gamma(truth.q, truth.gamma);
  T[i] = 4 + rng.uniform() * 100;
  let t = 0;
  for (;;) {
    t += rng.exponential(lambda);
    if (t > T[i]!) break;
    x[i]!++;
    tx[i] = t;
    if (rng.bernoulli(dropout)) break;
  }
  // The mean of x spends ~ Gamma(p, ν) is Gamma(p·x, ν) / x.
  if (x[i]! > 0) zbar[i] = rng.gamma(truth.p * x[i]!, nu) / x[i]!;
}
const data = { x, tx, T };
line('customers', String(customers));
line('memory after simulation', memory());

const [, oneEvaluation] = timed(() => bgNbdLogLikelihood({ r: 1, alpha: 1, a: 1, b: 1 }, data));
const [bg, bgSeconds] = timed(() => fitBgNbd(data));
line('BG/NBD: one log-likelihood evaluation (baseline)', `${oneEvaluation.toFixed(3)} s`);
line('BG/NBD fit', `${verdict(bgSeconds, 10)} (${bg.iterations} iterations, about ${(bgSeconds / oneEvaluation).toFixed(0)} evaluations' time)`);
line('  estimates (truth r 0.75, α 2, a 0.85, b 9)', Object.entries(bg.params).map(([k, v]) => `${k} ${v.toFixed(3)} ± ${bg.standardErrors[k]!.toFixed(3)}`).join(', '));
const repeaters: number[] = [];
for (let i = 0; i < customers; i++) if (x[i]! > 0) repeaters.push(i);
const spendData = { x: Float64Array.from(repeaters, (i) => x[i]!), zbar: Float64Array.from(repeaters, (i) => zbar[i]!) };
const [gg, ggSeconds] = timed(() => fitGammaGamma(spendData));
line('Gamma-Gamma fit', `${verdict(ggSeconds, 10)} on ${repeaters.length} repeat buyers (${gg.iterations} iterations)`);
line('  estimates (truth p 4, q 5, γ 700)', Object.entries(gg.params).map(([k, v]) => `${k} ${v.toFixed(3)} ± ${gg.standardErrors[k]!.toFixed(3)}`).join(', '));
line('BG/NBD + Gamma-Gamma fit', verdict(bgSeconds + ggSeconds, 10));
const model = frequencyModel(bg);
const options = { horizon: 90 / 7, horizonMonths: 12, annualDiscountRate: 0.1, unitDays: 7 };
const [totalClv, scoreSeconds] = timed(() => {
  let sum = 0;
  for (let i = 0; i < customers; i++) sum += predictCustomer(model, gg.params, { x: x[i]!, tx: tx[i]!, T: T[i]!, zbar: zbar[i]! }, options).clv;
  return sum;
});
line('scoring (P(alive), 90-day purchases, spend, 12-month CLV)', `${verdict(scoreSeconds, 5)} (${((customers / scoreSeconds) / 1000).toFixed(0)}k customers/s; mean CLV ${(totalClv / customers).toFixed(0)} ₽)`);
line('memory after the models', memory());

// ---- Recommenders at 20 million lines ----------------------------------------------------------
const items = 5000;
const categories = 50;
const linesPerBasket = 4;
const baskets = Math.floor(lineTotal / linesPerBasket);
process.stderr.write(`simulating ${baskets * linesPerBasket} lines in ${baskets} baskets of ${shopperTotal} shoppers…\n`);
// Items sit in categories; within a category popularity falls as 1/rank. Each shopper has two
// favourite categories that take 60 % of their lines: the structure a recommender should find.
const itemsOf = Array.from({ length: categories }, (_, c) => Array.from({ length: items / categories }, (_, k) => c * (items / categories) + k));
const cumulative = (weights: number[]) => weights.reduce<number[]>((acc, w) => (acc.push((acc.at(-1) ?? 0) + w), acc), []);
const withinCategory = cumulative(itemsOf[0]!.map((_, k) => 1 / (k + 1)));
const pick = (cum: number[], u: number) => {
  const target = u * cum.at(-1)!;
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cum[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};
const r2 = new Random(7);
const favourites = Array.from({ length: shopperTotal }, () => [r2.int(categories), r2.int(categories)]);
const basketShopper = new Int32Array(baskets);
const basketItems = new Int32Array(baskets * linesPerBasket);
for (let b = 0; b < baskets; b++) {
  const shopper = Math.floor((b * shopperTotal) / baskets);
  basketShopper[b] = shopper;
  for (let l = 0; l < linesPerBasket; l++) {
    const category = r2.bernoulli(0.6) ? favourites[shopper]![r2.int(2)]! : r2.int(categories);
    basketItems[b * linesPerBasket + l] = itemsOf[category]![pick(withinCategory, r2.uniform())]!;
  }
}
const basketRows: ItemRows = itemRowsFromPairs(Int32Array.from({ length: basketItems.length }, (_, i) => Math.floor(i / linesPerBasket)), basketItems, baskets);
const historyRows: ItemRows = itemRowsFromPairs(Int32Array.from({ length: basketItems.length }, (_, i) => basketShopper[Math.floor(i / linesPerBasket)]!), basketItems, shopperTotal);
line('lines / baskets / shoppers / items', `${basketItems.length} / ${baskets} / ${shopperTotal} / ${items}`);
line('distinct shopper-item pairs', String(historyRows.items.length));
line('memory after simulation', memory());

const [, countSeconds] = timed(() => {
  const buyers = new Int32Array(items);
  for (let i = 0; i < basketItems.length; i++) buyers[basketItems[i]!]!++;
  return buyers;
});
line('baseline: one pass over the lines counting buyers', `${countSeconds.toFixed(3)} s`);
const category = Int32Array.from({ length: items }, (_, i) => Math.floor(i / (items / categories)));
const price = Float64Array.from({ length: items }, (_, i) => 5000 + ((i * 7919) % 100_000));
const margin = Float64Array.from({ length: items }, (_, i) => 0.1 + ((i * 104_729) % 30) / 100);
const trained: [Recommender, number][] = [];
const [popularity, popSeconds] = timed(() => trainPopularity(historyRows, items));
trained.push([popularity, popSeconds]);
trained.push(timed(() => trainItemToItem(historyRows, items, popularity)));
trained.push(timed(() => trainCrossSell(basketRows, items, popularity)));
trained.push(timed(() => trainUpSell(historyRows, items, category, price, margin)));
const trainTotal = trained.reduce((s, [, t]) => s + t, 0);
for (const [r, t] of trained) line(`train ${r.name}`, `${t.toFixed(2)} s`);
line('training, all four methods', verdict(trainTotal, 60));
line('memory after training', memory());
for (const [r] of trained) {
  const [, seconds] = timed(() => {
    for (let u = 0; u < shopperTotal; u++) r.recommend(historyRows.items.subarray(historyRows.start[u]!, historyRows.start[u + 1]!), 10);
  });
  line(`top 10 for ${shopperTotal} shoppers: ${r.name}`, verdict(seconds, 30));
}
line('memory at the end', memory());
