import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { withTransaction } from '../src/db/index.ts';
import { verifyLedger } from '../src/ledger/index.ts';
import { createTestApp, signIn, type TestApp } from './helpers/test-app.ts';
import { createRetailFixture, headers, nextKey, type RetailFixture } from './helpers/retail-fixture.ts';

let t: TestApp;
let f: RetailFixture;
let support: string;
before(async () => {
  t = await createTestApp();
  f = await createRetailFixture(t);
  support = (await signIn(t, 'support')).cookie;
});
after(async () => t.close());

async function memberWith(card: string, points: number): Promise<void> {
  await t.app.inject({ method: 'POST', url: '/v1/customers', headers: headers(f.keyA, nextKey()), payload: { card } });
  const adjust = await t.app.inject({
    method: 'POST',
    url: `/v1/customers/${card}/adjustments`,
    headers: { cookie: support, 'idempotency-key': nextKey() },
    payload: { amount: points, comment: 'opening balance for the test' },
  });
  assert.equal(adjust.statusCode, 200, adjust.body);
}

const bigBasket = (card: string, number: string, redeem: number) => ({
  terminal: 'T',
  number,
  customer: { card },
  lines: [{ sku: 'BREAD', qty: 100, price_kopecks: 5990, amount_kopecks: 599000 }],
  redeem_points: redeem,
});

test('200 concurrent redemptions and holds on one member never overspend', async () => {
  await memberWith('7711000001', 1000);
  const requests = Array.from({ length: 200 }, (_, i) =>
    i % 2 === 0
      ? t.app.inject({ method: 'POST', url: '/v1/receipts', headers: headers(f.keyA, nextKey()), payload: bigBasket('7711000001', `c-${i}`, 37) })
      : t.app.inject({ method: 'POST', url: '/v1/holds', headers: headers(f.keyA, nextKey()), payload: { customer: '7711000001', amount: 23 } }),
  );
  const responses = await Promise.all(requests);
  const serverErrors = responses.filter((r) => r.statusCode >= 500);
  assert.deepEqual(serverErrors.map((r) => r.body), []);
  const ok = responses.filter((r) => r.statusCode === 201);
  const refused = responses.filter((r) => r.statusCode === 422);
  assert.equal(ok.length + refused.length, 200);
  for (const r of refused) assert.ok(['insufficient_points', 'redeem_limit_exceeded'].includes(r.json().code), r.body);
  const redeemed = ok.filter((r) => r.json().receipt).reduce((s, r) => s + r.json().receipt.points_redeemed, 0);
  const held = ok.filter((r) => r.json().hold).reduce((s, r) => s + r.json().hold.amount, 0);
  assert.ok(redeemed + held <= 1000, `spent ${redeemed} and held ${held} of 1000`);
  // Every point the member had went somewhere: nothing was lost either.
  const balance = (await t.app.inject({ method: 'GET', url: '/v1/customers/7711000001/balance', headers: headers(f.keyA) })).json();
  assert.equal(balance.available, 1000 - redeemed);
  assert.equal(balance.held, held);
  assert.ok(balance.spendable < 37 || balance.spendable < 23, `left ${balance.spendable} spendable although requests were refused`);
  assert.deepEqual(await withTransaction(t.db.pool, (c) => verifyLedger(c)), []);
});

test('100 concurrent replays of one confirm post it once and all get the same answer', async () => {
  await memberWith('7711000002', 500);
  const key = nextKey();
  const body = bigBasket('7711000002', 'replayed-1', 100);
  const responses = await Promise.all(Array.from({ length: 100 }, () => t.app.inject({ method: 'POST', url: '/v1/receipts', headers: headers(f.keyA, key), payload: body })));
  assert.deepEqual([...new Set(responses.map((r) => r.statusCode))], [201]);
  const ids = new Set(responses.map((r) => r.json().receipt.id));
  assert.equal(ids.size, 1);
  assert.equal(responses.filter((r) => r.headers['idempotent-replayed'] === 'true').length, 99);
  const [id] = [...ids];
  const transfers = (await t.db.pool.query("SELECT reason, sum(amount)::int AS n FROM ledger_transfers WHERE reference = $1 GROUP BY reason ORDER BY reason", [id])).rows;
  assert.deepEqual(transfers, [
    { reason: 'earn', n: responses[0]!.json().receipt.points_earned },
    { reason: 'redeem', n: 100 },
  ]);
});

test('the same receipt number sent concurrently under different keys is posted once', async () => {
  await memberWith('7711000003', 100);
  const body = bigBasket('7711000003', 'same-number', 10);
  const responses = await Promise.all(Array.from({ length: 30 }, () => t.app.inject({ method: 'POST', url: '/v1/receipts', headers: headers(f.keyA, nextKey()), payload: body })));
  assert.equal(responses.filter((r) => r.statusCode === 201).length, 1);
  assert.equal(responses.filter((r) => r.statusCode === 200 && r.headers['idempotent-replayed'] === 'true').length, 29);
  assert.equal((await t.db.pool.query("SELECT count(*)::int AS n FROM receipts WHERE number = 'same-number'")).rows[0].n, 1);
});
