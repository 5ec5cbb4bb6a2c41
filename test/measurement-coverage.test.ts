import assert from 'node:assert/strict';
import { test } from 'node:test';
import { plantCampaigns } from '../src/demo/campaign-plan.ts';
import { dayMs, demoPeriod } from '../src/demo/demo-parameters.ts';
import { simulateShopper } from '../src/demo/shopper-simulation.ts';
import { cuped, momentsFromSums, relativeLiftOfMeans, Random, type GroupMoments } from '../src/models/index.ts';

// Do Patron's 95 % intervals cover the planted campaign effects about 95 % of the time? The demo's
// own shopper simulation, over many seeds, without the database in between (the database path
// is test/measurement-demo.test.ts): each campaign's audience, members' visits with the card in
// the window and in the 90 days before, the same moments and the same CUPED and delta-method
// intervals the campaign report uses.
const seeds = 40;
const shoppers = 5000;

function moments(rows: [number, number][]): GroupMoments {
  const sums = [0, 0];
  const cross = [[0, 0], [0, 0]];
  for (const v of rows) for (let i = 0; i < 2; i++) {
    sums[i]! += v[i]!;
    for (let j = 0; j < 2; j++) cross[i]![j]! += v[i]! * v[j]!;
  }
  return momentsFromSums(rows.length, sums, cross);
}

test(`campaign intervals cover the planted visit effect at about their nominal rate over ${seeds} seeds`, (t) => {
  let intervals = 0;
  let coveredCuped = 0;
  let coveredPlain = 0;
  for (let seed = 1; seed <= seeds; seed++) {
    const options = { seed, shoppers, stores: 1, months: 18, end: '2026-06-30', liveDays: 14, launchAfterMonths: 6, locale: 'ru' as const, cardPaymentShare: 0.75 };
    const period = demoPeriod(options);
    const campaigns = plantCampaigns(period, new Random(seed));
    const arms = new Map(campaigns.map((c) => [c.id, { treatment: [] as [number, number][], control: [] as [number, number][] }]));
    for (let i = 0; i < shoppers; i++) {
      const s = simulateShopper(i, options, period, [{ traffic: 1, offsetMs: 3 * 3_600_000 }], campaigns, () => [0, 1, 2]);
      for (const c of campaigns) {
        const group = s.groups.get(c.id);
        if (!group) continue;
        let window = 0;
        let pre = 0;
        for (const v of s.visits) {
          if (!v.cardShown) continue;
          if (v.at >= c.startsAt && v.at < c.endsAt) window++;
          else if (v.at < c.startsAt && v.at >= c.startsAt - 90 * dayMs) pre++;
        }
        arms.get(c.id)![group].push([window, pre]);
      }
    }
    for (const c of campaigns) {
      const { treatment, control } = arms.get(c.id)!;
      const t = moments(treatment);
      const k = moments(control);
      if (!(k.mean[0]! > 0 && t.mean[0]! > 0)) continue;
      const truth = c.effect.visits - 1;
      const adjusted = cuped(t, k, 0, 1).relative;
      const plain = relativeLiftOfMeans(t, k, 0);
      intervals++;
      if (adjusted.ci_low <= truth && truth <= adjusted.ci_high) coveredCuped++;
      if (plain.ci_low <= truth && truth <= plain.ci_high) coveredPlain++;
    }
  }
  // Binomial(160, 0.95) has a standard deviation of 1.7 points: 0.88–0.995 is about four either side.
  const rate = (n: number) => n / intervals;
  t.diagnostic(`${intervals} intervals: CUPED covered ${coveredCuped} (${(rate(coveredCuped) * 100).toFixed(1)} %), plain ${coveredPlain} (${(rate(coveredPlain) * 100).toFixed(1)} %)`);
  assert.ok(intervals >= seeds * 3, `${intervals} intervals`);
  assert.ok(rate(coveredCuped) >= 0.88 && rate(coveredCuped) <= 0.995, `CUPED coverage ${rate(coveredCuped)} over ${intervals}`);
  assert.ok(rate(coveredPlain) >= 0.88 && rate(coveredPlain) <= 0.995, `plain coverage ${rate(coveredPlain)} over ${intervals}`);
});
