import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { campaignEffect, importFile, runReport } from '../src/analytics/index.ts';
import { PatronError } from '../src/core/index.ts';
import { createTestApp, signIn, type TestApp } from './helpers/test-app.ts';

// Kevin Hillstrom's MineThatData e-mail test: 64,000 customers randomised to Mens E-Mail, Womens
// E-Mail and No E-Mail. The published arm figures (MineThatData, 2008; reproduced by every
// analysis since): visit 0.182757 / 0.151400 / 0.106167, conversion 0.012531 / 0.008837 /
// 0.005726, spend per customer 1.422617 / 1.077202 / 0.652789 dollars.
const file = new URL('../../shared/datasets/hillstrom/hillstrom.csv', import.meta.url).pathname;
const folder = mkdtempSync(join(tmpdir(), 'patron-hillstrom-'));
let t: TestApp;
let campaign = '';
before(async () => {
  t = await createTestApp();
  const summary = await importFile(t.analytics, file, 'hillstrom', { rejectedFolder: folder });
  assert.equal(summary.rows, 64_000);
  assert.equal(summary.rejected, 0);
  assert.deepEqual(summary.arms, { 'Mens E-Mail': 21_307, 'No E-Mail': 21_306, 'Womens E-Mail': 21_387 });
  campaign = summary.campaign_id!;
});
after(async () => {
  await t.close();
  rmSync(folder, { recursive: true, force: true });
});

// The published figures have six decimals: half a unit in the last place.
const close = (actual: number, expected: number, what: string, tolerance = 5e-7) => assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} is not ${expected}`);

test('the arms reproduce the published visit, conversion and spend figures, with an interval for each difference', async () => {
  const e = await campaignEffect(t.analytics, campaign);
  const arm = (name: string) => e.arms.find((a) => a.arm === name)!;
  const published = { 'Mens E-Mail': [0.182757, 0.012531, 1.422617], 'Womens E-Mail': [0.1514, 0.008837, 1.077202], 'No E-Mail': [0.106167, 0.005726, 0.652789] } as const;
  for (const [name, [visit, conversion, spend]] of Object.entries(published)) {
    close(arm(name).visits_per_customer!, visit, `${name} visit rate`);
    close(arm(name).response_rate, conversion, `${name} conversion`);
    close(arm(name).revenue_per_customer_kopecks! / 100, spend, `${name} spend per customer`);
  }
  assert.equal(e.campaign.control_arm, 'No E-Mail');
  for (const name of ['Mens E-Mail', 'Womens E-Mail']) {
    for (const metric of ['response_rate', 'visits_per_customer', 'revenue_per_customer', 'average_check'] as const) {
      const c = e.comparisons.find((x) => x.arm === name && x.metric === metric)!;
      assert.ok(c.difference.ci_low < c.difference.estimate && c.difference.estimate < c.difference.ci_high, `${name} ${metric}`);
      assert.ok(c.meaning.en.length > 40 && c.meaning.ru.length > 40);
    }
    // Both e-mails raised visits, conversion and spend beyond doubt; the average order did not move.
    for (const metric of ['response_rate', 'visits_per_customer', 'revenue_per_customer'] as const) assert.ok(e.comparisons.find((x) => x.arm === name && x.metric === metric)!.significant, `${name} ${metric}`);
    assert.equal(e.comparisons.find((x) => x.arm === name && x.metric === 'average_check')!.significant, false);
  }
  // Mens spend difference 1.422617 − 0.652789 = 0.769828 dollars; Welch's interval by hand: ±1.96·√(s²/n + s²/n).
  const mens = e.comparisons.find((x) => x.arm === 'Mens E-Mail' && x.metric === 'revenue_per_customer')!;
  close(mens.difference.estimate / 100, 0.769828, 'Mens spend difference', 1e-6);
  assert.equal(mens.difference.method, 'welch_t');
  // Last year's spend (history) is the CUPED covariate: it exists, so the adjustment is reported, whatever it removes.
  assert.ok(mens.cuped && mens.cuped.variance_reduction >= 0 && mens.cuped.variance_reduction < 0.05, JSON.stringify(mens.cuped));
});

test('reports: effect, ROI with a message cost and an assumed margin, breakdown by channel with Holm', async () => {
  const effect = (await runReport(t.analytics, 'measurement.campaign-effect', { campaign: 'hillstrom' })).rows;
  assert.equal(effect.length, 8);
  const roi = (await runReport(t.analytics, 'measurement.campaign-roi', { campaign: 'hillstrom', message_cost_kopecks: '10', margin_rate_bp: '3000' })).rows;
  const mens = roi.find((r) => r['arm'] === 'Mens E-Mail')!;
  // 21,307 e-mails at 10 cents; incremental spend ≈ 0.769828 × 21,307 dollars.
  assert.equal(mens['messages_kopecks'], 213_070);
  assert.ok(Math.abs(Number(mens['incremental_revenue_kopecks']) / 100 - 0.769828 * 21_307) < 0.02 * 0.769828 * 21_307);
  const margin = Number(mens['incremental_margin_kopecks']);
  assert.ok(Math.abs(Number(mens['roi_margin_pct']) - ((margin - 213_070) / 213_070) * 100) < 1e-6);
  const campaigns = (await runReport(t.analytics, 'measurement.campaigns', {})).rows;
  assert.deepEqual(campaigns.map((c) => [c['code'], c['treated'], c['control']]), [['hillstrom', 42_694, 21_306]]);
  const cells = (await runReport(t.analytics, 'measurement.campaign-breakdown', { campaign: 'hillstrom', by: 'channel' })).rows;
  assert.deepEqual([...new Set(cells.map((c) => c['value']))].sort(), ['Multichannel', 'Phone', 'Web']);
  for (const c of cells) assert.ok(Number(c['p_adjusted']) >= Number(c['revenue_per_customer_p_value']) - 1e-12);
  await assert.rejects(() => runReport(t.analytics, 'measurement.campaign-breakdown', { campaign: 'hillstrom', by: 'tier' }), (e: PatronError) => e.code === 'validation_failed');
});

test('an experiment file: rejected rows are listed, a missing control arm is a clear error, a re-import replaces', async () => {
  const path = join(folder, 'test.csv');
  writeFileSync(path, 'customer,arm,revenue,converted\nc1,control,10,1\nc2,promo,,0\nc3,,5,1\nc4,promo,abc,1\nc5,promo,-3,1\nc6,control,0,maybe\nc7,promo,12.5,1\n');
  const s = await importFile(t.analytics, path, 'experiment', { rejectedFolder: folder });
  assert.deepEqual([s.rows, s.imported, s.rejected], [7, 3, 4]);
  const lines = readFileSync(s.rejected_file!, 'utf8');
  for (const reason of ['4,no arm', '5,revenue is not a number: abc', '6,negative revenue', '7,converted is not 0/1: maybe']) assert.ok(lines.includes(reason), lines);
  const again = await importFile(t.analytics, path, 'experiment', { rejectedFolder: folder });
  assert.equal(again.replaced_earlier_import, true);
  assert.equal(Number((await t.analytics.query('SELECT count(*) AS n FROM experiment_units WHERE campaign_id = $1', [s.campaign_id!]))[0]!['n']), 3);
  await assert.rejects(() => importFile(t.analytics, path, 'experiment', { rejectedFolder: folder, controlArm: 'holdout' }), (e: PatronError) => e.code === 'validation_failed' && /control arm "holdout"/.test(e.message));
});

test('POST /v1/measurement/campaign-effect answers the whole result; a campaign is required', async () => {
  const { cookie } = await signIn(t, 'marketer');
  const r = await t.app.inject({ method: 'POST', url: '/v1/measurement/campaign-effect', headers: { cookie }, payload: { campaign: 'hillstrom', params: { confidence: '0.9' } } });
  assert.equal(r.statusCode, 200, r.body);
  const body = r.json() as { result: { confidence: number; arms: unknown[]; verdict: Record<string, { en: string; ru: string }> } };
  assert.equal(body.result.confidence, 0.9);
  assert.equal(body.result.arms.length, 3);
  assert.ok(body.result.verdict['Mens E-Mail']!.ru.length > 20);
  const missing = await t.app.inject({ method: 'POST', url: '/v1/measurement/campaign-effect', headers: { cookie }, payload: {} });
  assert.equal(missing.statusCode, 400);
  assert.equal((missing.json() as { code: string }).code, 'validation_failed');
  const anonymous = await t.app.inject({ method: 'POST', url: '/v1/measurement/mechanics', payload: {} });
  assert.equal(anonymous.statusCode, 401);
});
