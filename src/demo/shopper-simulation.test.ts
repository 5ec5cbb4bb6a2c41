import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Random } from '../models/index.ts';
import { BasketBuilder, demoProducts } from './basket.ts';
import { plantedAffinities } from './chain-catalog.ts';
import { dayMs, demoModel, demoPeriod } from './demo-parameters.ts';
import { simulateShopper, type SimShopper } from './shopper-simulation.ts';

// Ten whole years before the launch: weekday and season multipliers average to 1, no lift, no campaigns.
const period = demoPeriod({ seed: 7, shoppers: 4000, stores: 1, months: 121, end: '2026-01-01', liveDays: 1, launchAfterMonths: 120, locale: 'ru', cardPaymentShare: 0.75 });
const baskets = new BasketBuilder(demoProducts());
const shoppers: SimShopper[] = [];
for (let i = 0; i < 4000; i++) shoppers.push(simulateShopper(i, { seed: 7, cardPaymentShare: 0.75 }, { ...period, launch: period.end }, [{ traffic: 1, offsetMs: 3 * 3_600_000 }], [], (rng) => baskets.preferences(rng)));

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

test('the shoppers’ rates and dropout probabilities follow the planted gamma and beta', () => {
  const { r, alpha_days, a, b } = demoModel.bgnbd;
  const lambdas = shoppers.map((s) => s.lambdaPerDay);
  const ps = shoppers.map((s) => s.dropoutP);
  // Gamma(r, α): mean r/α, sd sqrt(r)/α; Beta(a, b): mean a/(a+b). Four standard errors.
  assert.ok(Math.abs(mean(lambdas) - r / alpha_days) < (4 * Math.sqrt(r)) / alpha_days / Math.sqrt(lambdas.length), `mean λ ${mean(lambdas)}`);
  const pMean = a / (a + b);
  const pSd = Math.sqrt((a * b) / ((a + b) ** 2 * (a + b + 1)));
  assert.ok(Math.abs(mean(ps) - pMean) < (4 * pSd) / Math.sqrt(ps.length), `mean p ${mean(ps)}`);
});

test('repeat purchases happen at λ while alive, and dropout follows p after each repeat purchase', () => {
  let repeats = 0;
  let expectedRepeats = 0;
  let deaths = 0;
  let expectedDeaths = 0;
  let deathVariance = 0;
  for (const s of shoppers) {
    const x = s.visits.length - 1;
    const aliveDays = ((s.diedAt ?? period.end) - s.birthAt) / dayMs;
    repeats += x;
    expectedRepeats += s.lambdaPerDay * aliveDays;
    if (s.diedAt !== null) deaths++;
    expectedDeaths += x * s.dropoutP;
    deathVariance += x * s.dropoutP * (1 - s.dropoutP);
  }
  // Visits drawn at hours of the local day can move across the period's edges: allow 3%.
  assert.ok(Math.abs(repeats / expectedRepeats - 1) < 0.03, `repeats ${repeats} vs λ·T ${expectedRepeats.toFixed(0)}`);
  assert.ok(Math.abs(deaths - expectedDeaths) < 4 * Math.sqrt(deathVariance) + 5, `dropouts ${deaths} vs ${expectedDeaths.toFixed(0)}`);
});

test('spend per visit follows the Gamma-Gamma process', () => {
  const { p, q, gamma_rub } = demoModel.gammaGamma;
  // ν ~ Gamma(q, γ): mean q/γ, sd sqrt(q)/γ; four standard errors.
  const nus = shoppers.map((s) => s.spendRate);
  assert.ok(Math.abs(mean(nus) - q / gamma_rub) < (4 * Math.sqrt(q)) / gamma_rub / Math.sqrt(nus.length), `mean ν ${mean(nus)}`);
  // Given ν, spend ~ Gamma(p, ν): the sum of spends against the sum of p/ν, within four standard errors (var p/ν²).
  let spent = 0;
  let expected = 0;
  let variance = 0;
  for (const s of shoppers) {
    for (const v of s.visits) {
      spent += v.spendKopecks / 100;
      expected += p / s.spendRate;
      variance += p / s.spendRate ** 2;
    }
  }
  assert.ok(Math.abs(spent - expected) < 4 * Math.sqrt(variance), `spent ${spent.toFixed(0)} against ${expected.toFixed(0)} ± ${Math.sqrt(variance).toFixed(0)}`);
  // And the population mean pγ/(q−1), which the shoppers' own ν draws scatter around (sd of p/ν is large at q = 5): 8%.
  assert.ok(Math.abs(spent / shoppers.reduce((n, s) => n + s.visits.length, 0) / ((p * gamma_rub) / (q - 1)) - 1) < 0.08);
});

test('baskets hit their targets and carry the planted affinities', () => {
  let targets = 0;
  let totals = 0;
  const withFrom = new Map<string, number>();
  const withBoth = new Map<string, number>();
  const r = new Random(99);
  for (let i = 0; i < 20_000; i++) {
    const target = Math.round(r.gamma(4, 4 / 70_000));
    const lines = baskets.build(r, target, baskets.preferences(r));
    targets += target;
    totals += lines.reduce((sum, l) => sum + l.amountKopecks, 0);
    const categories = new Set(lines.map((l) => l.product.category));
    for (const a of plantedAffinities) {
      if (!categories.has(a.from)) continue;
      withFrom.set(a.from, (withFrom.get(a.from) ?? 0) + 1);
      if (categories.has(a.to)) withBoth.set(a.from, (withBoth.get(a.from) ?? 0) + 1);
    }
  }
  assert.ok(Math.abs(totals / targets - 1) < 0.15, `baskets total ${totals} against targets ${targets}`);
  for (const a of plantedAffinities) {
    const confidence = (withBoth.get(a.from) ?? 0) / withFrom.get(a.from)!;
    assert.ok(confidence >= a.p - 0.03, `${a.from} → ${a.to}: confidence ${confidence.toFixed(3)} below planted ${a.p}`);
  }
});
