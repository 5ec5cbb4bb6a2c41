import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { importFile, syncOnce } from '../src/analytics/index.ts';
import { createRetailFixture, headers, nextKey, type RetailFixture } from './helpers/retail-fixture.ts';
import { createTestApp, signIn, type TestApp } from './helpers/test-app.ts';

// The models through the API third parties use: CDNOW imported into the read side, and one
// member whose receipts go through the protocol and arrive by the sync.
let t: TestApp;
let f: RetailFixture;
let source = '';
const rejected = mkdtempSync(join(tmpdir(), 'patron-api-models-'));
before(async () => {
  t = await createTestApp();
  f = await createRetailFixture(t);
  const sample = new URL('../../shared/datasets/cdnow/CDNOW_sample.txt', import.meta.url).pathname;
  source = (await importFile(t.analytics, sample, 'cdnow', { rejectedFolder: rejected })).source;
  const member = await t.app.inject({ method: 'POST', url: '/v1/customers', headers: headers(f.keyA, nextKey()), payload: { card: '7700000042' } });
  assert.equal(member.statusCode, 201, member.body);
  for (const [n, day, sku] of [[1, '2026-02-02', 'MILK'], [2, '2026-02-16', 'BREAD'], [3, '2026-03-02', 'MILK']] as const) {
    const r = await t.app.inject({
      method: 'POST', url: '/v1/receipts', headers: headers(f.keyA, nextKey()),
      payload: { store: 'A-001', terminal: '1', number: String(n), purchased_at: `${day}T09:00:00Z`, customer: { card: '7700000042' }, lines: [{ sku, qty: 1, price_kopecks: 8990, amount_kopecks: 8990 }] },
    });
    assert.equal(r.statusCode, 201, r.body);
  }
  for (let i = 0; i < 50 && (await syncOnce(t.db.pool, t.analytics)).state.events_applied < 4; i++) await new Promise((r) => setTimeout(r, 50));
});
after(async () => {
  await t.close();
  rmSync(rejected, { recursive: true, force: true });
});

test('POST /v1/models/fit gives the published CDNOW BG/NBD estimates', async () => {
  const { cookie } = await signIn(t, 'analyst');
  const r = await t.app.inject({ method: 'POST', url: '/v1/models/fit', headers: { cookie }, payload: { model: 'bgnbd', calibration_end: '1997-09-30', source } });
  assert.equal(r.statusCode, 200, r.body);
  const fit = r.json() as { customers: number; params: { name: string; estimate: number }[]; log_likelihood: number };
  assert.equal(fit.customers, 2357);
  assert.deepEqual(fit.params.map((p) => p.estimate.toFixed(3)), ['0.243', '4.414', '0.793', '2.426']);
  assert.equal(fit.log_likelihood.toFixed(1), '-9582.4');
});

test('scoring and recommending through the API; a member\'s predictions by card', async () => {
  const score = await t.app.inject({ method: 'POST', url: '/v1/models/score', headers: headers(f.chainKey), payload: { time_unit: 'day' } });
  assert.equal(score.statusCode, 200, score.body);
  assert.equal(score.json().customers, 2358);
  const recommend = await t.app.inject({ method: 'POST', url: '/v1/models/recommend', headers: headers(f.chainKey), payload: { k: 3, active_days: 3650 } });
  assert.equal(recommend.statusCode, 200, recommend.body);
  const p = await t.app.inject({ method: 'GET', url: '/v1/customers/7700000042/predictions', headers: headers(f.chainKey) });
  assert.equal(p.statusCode, 200, p.body);
  const body = p.json() as { scores: Record<string, number | string>; recommendations: Record<string, { sku: string; name: string | null }[]>; segments: { rfm: { segment: string; frequency: number } | null } };
  // The member's RFM segment on the read side: three receipts in the year before the last day.
  assert.equal(body.segments.rfm!.frequency, 3);
  assert.equal(body.scores['repeat_purchases'], 2);
  assert.equal(body.scores['last_purchase'], '2026-03-02');
  assert.ok(Number(body.scores['p_alive']) > 0 && Number(body.scores['p_alive']) <= 1);
  assert.ok(Number(body.scores['clv_kopecks']) > 0);
  // What they have not bought yet: the CD, by popularity.
  assert.deepEqual(body.recommendations['popularity']!.map((r) => r.sku), ['CD']);
});

test('model endpoints check roles, scope and their input', async () => {
  const support = await signIn(t, 'support');
  assert.equal((await t.app.inject({ method: 'POST', url: '/v1/models/fit', headers: { cookie: support.cookie }, payload: { model: 'bgnbd' } })).statusCode, 403);
  const scoped = await t.app.inject({ method: 'POST', url: '/v1/models/score', headers: headers(f.keyA), payload: {} });
  assert.equal(scoped.json().code, 'forbidden_store_scope');
  const bad = await t.app.inject({ method: 'POST', url: '/v1/models/fit', headers: headers(f.chainKey), payload: { model: 'bgnbd', time_unit: 'month' } });
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().code, 'validation_failed');
  const churn = await t.app.inject({ method: 'POST', url: '/v1/models/evaluate/churn', headers: headers(f.chainKey), payload: { window_days: 90, source } });
  assert.equal(churn.statusCode, 200, churn.body);
  assert.ok(churn.json().methods.every((m: { auc: number }) => m.auc > 0.5));
});
