import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { withTransaction } from '../src/db/index.ts';
import { activateDueLots, verifyLedger } from '../src/ledger/index.ts';
import { createTestApp, signIn, type TestApp } from './helpers/test-app.ts';
import { createRetailFixture, headers, nextKey, type RetailFixture } from './helpers/retail-fixture.ts';

let t: TestApp;
let f: RetailFixture;
before(async () => {
  t = await createTestApp();
  f = await createRetailFixture(t);
});
after(async () => {
  assert.deepEqual(await withTransaction(t.db.pool, (c) => verifyLedger(c)), [], 'ledger invariants at the end of the protocol tests');
  await t.close();
});

let receiptNo = 0;
const basket = (extra: Record<string, unknown> = {}) => ({
  terminal: '1',
  number: String(++receiptNo),
  customer: { card: '7700000001' },
  lines: [
    { sku: 'MILK', qty: 2, price_kopecks: 8990, amount_kopecks: 17980 },
    { sku: 'CHEESE', qty: 0.5, price_kopecks: 79900, amount_kopecks: 39950 },
    { sku: 'CIGS', qty: 1, price_kopecks: 22000, amount_kopecks: 22000 },
  ],
  ...extra,
});

async function post(url: string, payload: unknown, token = f.keyA, key: string | null = nextKey()) {
  return t.app.inject({ method: 'POST', url, headers: headers(token, key ?? undefined), payload: payload as object });
}
const count = async (table: string) => (await t.db.pool.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n as number;

test('register a member with a card and a phone written the Russian way', async () => {
  const response = await post('/v1/customers', { card: '7700000001', phone: '8 (916) 123-45-67', name: 'Анна', consents: { sms: true } });
  assert.equal(response.statusCode, 201, response.body);
  const { customer } = response.json();
  assert.equal(customer.phone, '+79161234567');
  assert.equal(customer.tier_code, 'base');
  assert.deepEqual(customer.cards, [{ number: '7700000001', status: 'active' }]);
  for (const ref of ['7700000001', '+79161234567', customer.id]) {
    const found = await t.app.inject({ method: 'GET', url: `/v1/customers/${encodeURIComponent(ref)}`, headers: headers(f.keyB) });
    assert.equal(found.json().customer.id, customer.id, ref);
  }
});

test('calculate has no side effects and explains itself', async () => {
  const before = [await count('receipts'), await count('ledger_transfers'), await count('outbox')];
  const response = await post('/v1/receipts/calculate', basket(), f.keyA, null);
  assert.equal(response.statusCode, 200, response.body);
  const r = response.json();
  // 3% of (179.80 + 399.50) = 17.379 → 17 points; cigarettes earn nothing.
  assert.equal(r.points_earned, 17);
  assert.deepEqual(r.lines.map((l: { points_earned: number }) => l.points_earned).reduce((a: number, b: number) => a + b), 17);
  assert.equal(r.lines[2].non_promotable, true);
  assert.equal(r.lines[2].points_earned, 0);
  assert.ok(r.explanation.some((e: { rule: string }) => e.rule === 'non_promotable'));
  assert.ok(r.explanation.every((e: { ru: string; en: string }) => e.ru.length > 0 && e.en.length > 0));
  assert.deepEqual([await count('receipts'), await count('ledger_transfers'), await count('outbox')], before);
});

test('confirm earns pending points; the same key replays; the same number with other contents is refused', async () => {
  const body = basket();
  const key = nextKey();
  const first = await post('/v1/receipts', body, f.keyA, key);
  assert.equal(first.statusCode, 201, first.body);
  const receipt = first.json().receipt;
  assert.equal(receipt.points_earned, 17);
  assert.equal(first.json().balance.pending, 17);
  assert.equal(receipt.settings_version, 1);

  const replay = await post('/v1/receipts', body, f.keyA, key);
  assert.equal(replay.statusCode, 201);
  assert.equal(replay.headers['idempotent-replayed'], 'true');
  assert.deepEqual(replay.json(), first.json());

  // A till that lost the answer and retries under a new key: recognised by its number.
  const retried = await post('/v1/receipts', body, f.keyA, nextKey());
  assert.equal(retried.statusCode, 200);
  assert.equal(retried.headers['idempotent-replayed'], 'true');
  assert.equal(retried.json().receipt.id, receipt.id);

  const clash = await post('/v1/receipts', { ...body, lines: body.lines.slice(0, 1) }, f.keyA, nextKey());
  assert.equal(clash.statusCode, 409);
  assert.equal(clash.json().code, 'idempotency_key_reused');
  const keyClash = await post('/v1/receipts', basket(), f.keyA, key);
  assert.equal(keyClash.statusCode, 409);
  assert.equal((await t.db.pool.query('SELECT count(*)::int AS n FROM receipts WHERE id = $1', [receipt.id])).rows[0].n, 1);
});

test('a write without an Idempotency-Key is refused and changes nothing', async () => {
  const before = await count('receipts');
  const response = await post('/v1/receipts', basket(), f.keyA, null);
  assert.equal(response.statusCode, 400);
  assert.equal(response.json().code, 'idempotency_key_required');
  assert.equal(await count('receipts'), before);
});

test('points become spendable after the return window; redeem max is capped at half of the promotable amount', async () => {
  await activateDueLots(t.db.pool, new Date(Date.now() + 15 * 86_400_000));
  const balance = (await t.app.inject({ method: 'GET', url: '/v1/customers/7700000001/balance', headers: headers(f.keyA) })).json();
  assert.equal(balance.available, 17);
  assert.equal(balance.pending, 0);
  assert.equal(balance.lots[0].activated, true);

  const response = await post('/v1/receipts', basket({ redeem_points: 'max' }));
  assert.equal(response.statusCode, 201, response.body);
  const r = response.json().receipt;
  assert.equal(r.points_redeemed, 17);
  assert.equal(r.redeemed_value_kopecks, 1700);
  assert.equal(r.amount_to_pay_kopecks, 79930 - 1700);
  assert.equal(r.lines[2].points_redeemed, 0, 'tobacco cannot be paid with points');
  // Earn only on what was paid in money: 3% of (574.30 - 17) = 16.71 → 16.
  assert.equal(r.points_earned, 16);
  assert.equal(response.json().balance.available, 0);
});

test('asking for more points than allowed is a 422 naming the maximum', async () => {
  const response = await post('/v1/receipts', basket({ redeem_points: 1000 }));
  assert.equal(response.statusCode, 422);
  assert.equal(response.json().code, 'redeem_limit_exceeded');
  assert.equal(response.json().max_redeemable_points, 0);
});

test('partial returns are exact and can never exceed what was bought', async () => {
  const confirm = await post('/v1/receipts', basket({ lines: [{ sku: 'MILK', qty: 3, price_kopecks: 10000, amount_kopecks: 30000 }] }));
  const receipt = confirm.json().receipt;
  assert.equal(receipt.points_earned, 9);
  const back = async (qty: number) => post(`/v1/receipts/${receipt.id}/returns`, { lines: [{ line_no: 1, qty }] });
  const one = (await back(1)).json().return;
  const two = (await back(1)).json().return;
  const three = (await back(1)).json().return;
  assert.equal(one.amount_kopecks + two.amount_kopecks + three.amount_kopecks, 30000);
  assert.equal(one.points_clawed_back + two.points_clawed_back + three.points_clawed_back, 9);
  const fourth = await back(0.001);
  assert.equal(fourth.statusCode, 422);
  assert.equal(fourth.json().code, 'return_exceeds_purchase');
  const details = (await t.app.inject({ method: 'GET', url: `/v1/receipts/${receipt.id}`, headers: headers(f.keyA) })).json();
  assert.equal(details.receipt.lines[0].returned_qty, 3);
  assert.equal(details.returns.length, 3);
});

test('a return gives back the points that paid, then claws back the earned ones', async () => {
  // Give the member spendable points, spend them on a receipt, return it whole.
  const adjust = await t.app.inject({
    method: 'POST',
    url: '/v1/customers/7700000001/adjustments',
    headers: { cookie: (await signIn(t, 'support')).cookie, 'idempotency-key': nextKey() },
    payload: { amount: 200, comment: 'goodwill for a late delivery' },
  });
  assert.equal(adjust.statusCode, 200, adjust.body);
  const before = (await t.app.inject({ method: 'GET', url: '/v1/customers/7700000001/balance', headers: headers(f.keyA) })).json();
  const confirm = (await post('/v1/receipts', basket({ redeem_points: 100, lines: [{ sku: 'BREAD', qty: 10, price_kopecks: 5990, amount_kopecks: 59900 }] }))).json();
  assert.equal(confirm.receipt.points_redeemed, 100);
  const cancel = await post(`/v1/receipts/${confirm.receipt.id}/cancel`, undefined);
  assert.equal(cancel.statusCode, 200, cancel.body);
  const c = cancel.json().return;
  assert.equal(c.points_refunded, 100);
  assert.equal(c.points_clawed_back, confirm.receipt.points_earned);
  assert.equal(c.refund_to_pay_kopecks, 59900 - 10000);
  const afterBalance = cancel.json().balance;
  assert.equal(afterBalance.available, before.available);
  assert.equal(afterBalance.pending, before.pending);
  const again = await post(`/v1/receipts/${confirm.receipt.id}/returns`, { lines: [{ line_no: 1, qty: 1 }] });
  assert.equal(again.statusCode, 409);
  assert.equal(again.json().code, 'receipt_cancelled');
});

test("a store's key cannot confirm for another store nor return its receipts", async () => {
  const wrong = await post('/v1/receipts', basket({ store: 'B-002' }), f.keyA);
  assert.equal(wrong.statusCode, 403);
  assert.equal(wrong.json().code, 'forbidden_store_scope');
  const inB = await post('/v1/receipts', basket(), f.keyB);
  assert.equal(inB.statusCode, 201, inB.body);
  const foreign = await post(`/v1/receipts/${inB.json().receipt.id}/returns`, { lines: [{ line_no: 1, qty: 1 }] }, f.keyA);
  assert.equal(foreign.statusCode, 404);
  const chainWithoutStore = await post('/v1/receipts', basket(), f.chainKey);
  assert.equal(chainWithoutStore.statusCode, 400);
  assert.equal((await post('/v1/receipts', basket({ store: 'B-002' }), f.chainKey)).statusCode, 201);
});

test('holds reserve points; a receipt can capture one; void and timeout free them', async () => {
  const spendable = async () => (await t.app.inject({ method: 'GET', url: '/v1/customers/+79161234567/balance', headers: headers(f.keyA) })).json().spendable as number;
  const start = await spendable();
  assert.ok(start >= 50, `need points to hold, have ${start}`);
  const hold = (await post('/v1/holds', { customer: '+79161234567', amount: 30, order_reference: 'WEB-1' })).json().hold;
  assert.equal(await spendable(), start - 30);
  const tooMuch = await post('/v1/holds', { customer: '+79161234567', amount: start });
  assert.equal(tooMuch.json().code, 'insufficient_points');

  const order = await post('/v1/receipts', basket({ terminal: 'web', hold_id: hold.id, lines: [{ sku: 'BREAD', qty: 2, price_kopecks: 5990, amount_kopecks: 11980 }] }));
  assert.equal(order.statusCode, 201, order.body);
  assert.equal(order.json().receipt.points_redeemed, 30);
  assert.equal(await spendable(), start - 30);
  assert.equal((await post(`/v1/holds/${hold.id}/void`, undefined)).json().code, 'hold_closed');

  const second = (await post('/v1/holds', { customer: '7700000001', amount: 10 })).json().hold;
  assert.equal((await post(`/v1/holds/${second.id}/void`, undefined)).statusCode, 200);
  assert.equal(await spendable(), start - 30);
  const third = (await post('/v1/holds', { customer: '7700000001', amount: 10 })).json().hold;
  const captured = await post(`/v1/holds/${third.id}/capture`, { amount: 4 });
  assert.equal(captured.json().hold.captured_amount, 4);
  assert.equal(await spendable(), start - 34);
});

test('blocked cards stop identifying the member; a replacement card keeps the balance', async () => {
  const reg = (await post('/v1/customers', { card: '7700000002' })).json().customer;
  await t.db.pool.query('SELECT 1');
  const blocked = await post('/v1/cards/7700000002/block', { reason: 'lost' });
  assert.equal(blocked.statusCode, 200, blocked.body);
  const refused = await post('/v1/receipts', basket({ customer: { card: '7700000002' } }));
  assert.equal(refused.statusCode, 422);
  assert.equal(refused.json().code, 'card_blocked');
  const replaced = await post('/v1/cards/7700000002/replace', { new_number: '7700000003' });
  assert.equal(replaced.json().customer.id, reg.id);
  assert.equal((await post('/v1/receipts', basket({ customer: { card: '7700000003' } }))).statusCode, 201);
});

test('a member can hold several cards; each identifies them', async () => {
  const added = await post('/v1/customers/+79161234567/cards', { number: '7700000099' });
  assert.equal(added.statusCode, 201, added.body);
  const cards = added.json().customer.cards.map((c: { number: string }) => c.number);
  assert.ok(cards.includes('7700000001') && cards.includes('7700000099'));
  const taken = await post('/v1/customers/+79161234567/cards', { number: '7700000099' });
  assert.equal(taken.statusCode, 409);
  assert.equal(taken.json().code, 'already_exists');
  const viaNew = (await t.app.inject({ method: 'GET', url: '/v1/customers/7700000099', headers: headers(f.keyB) })).json();
  assert.equal(viaNew.customer.phone, '+79161234567');
});

test('merging moves points and cards; history keeps both', async () => {
  const a = (await post('/v1/customers', { card: '7700000010', phone: '+79990000010' })).json().customer;
  const b = (await post('/v1/customers', { card: '7700000011' })).json().customer;
  await post('/v1/receipts', basket({ customer: { card: '7700000010' } }));
  const support = (await signIn(t, 'support')).cookie;
  const merge = await t.app.inject({ method: 'POST', url: `/v1/customers/${b.id}/merge`, headers: { cookie: support, 'idempotency-key': nextKey() }, payload: { from: a.id } });
  assert.equal(merge.statusCode, 200, merge.body);
  const merged = merge.json().customer;
  assert.equal(merged.phone, '+79990000010');
  assert.deepEqual(merged.cards.map((c: { number: string }) => c.number).sort(), ['7700000010', '7700000011']);
  const balance = (await t.app.inject({ method: 'GET', url: '/v1/customers/7700000010/balance', headers: headers(f.keyA) })).json();
  assert.equal(balance.customer_id, b.id);
  assert.equal(balance.pending, 17);
  const history = (await t.app.inject({ method: 'GET', url: `/v1/customers/${b.id}/history`, headers: headers(f.keyA) })).json();
  assert.ok(history.entries.some((e: { reason: string }) => e.reason === 'earn'));
  assert.ok(history.entries.some((e: { reason: string }) => e.reason === 'transfer'));
});

test('a return after the buyer was merged into another member claws back from the survivor', async () => {
  const buyer = (await post('/v1/customers', { card: '7700000020' })).json().customer;
  const survivor = (await post('/v1/customers', { card: '7700000021' })).json().customer;
  const receipt = (await post('/v1/receipts', basket({ customer: { card: '7700000020' }, lines: [{ sku: 'MILK', qty: 1, price_kopecks: 10000, amount_kopecks: 10000 }] }))).json().receipt;
  assert.equal(receipt.points_earned, 3);
  const support = (await signIn(t, 'support')).cookie;
  await t.app.inject({ method: 'POST', url: `/v1/customers/${survivor.id}/merge`, headers: { cookie: support, 'idempotency-key': nextKey() }, payload: { from: buyer.id } });
  const returned = (await post(`/v1/receipts/${receipt.id}/cancel`, undefined)).json();
  assert.equal(returned.return.points_clawed_back, 3);
  assert.equal(returned.balance.pending, 0);
});

test('settings are versioned: a change makes version 2 and new receipts record it', async () => {
  const admin = (await signIn(t, 'admin')).cookie;
  const current = (await t.app.inject({ method: 'GET', url: '/v1/program/settings', headers: { cookie: admin } })).json();
  const bad = await t.app.inject({ method: 'PUT', url: '/v1/program/settings', headers: { cookie: admin }, payload: { ...current.settings, tiers: [] } });
  assert.equal(bad.statusCode, 400);
  const changed = await t.app.inject({
    method: 'PUT',
    url: '/v1/program/settings',
    headers: { cookie: admin },
    payload: { ...current.settings, tiers: current.settings.tiers.map((tier: { earn_rate_bp: number }) => ({ ...tier, earn_rate_bp: tier.earn_rate_bp * 2 })) },
  });
  assert.equal(changed.statusCode, 200, changed.body);
  assert.equal(changed.json().version, current.version + 1);
  const r = (await post('/v1/receipts', basket({ lines: [{ sku: 'MILK', qty: 1, price_kopecks: 10000, amount_kopecks: 10000 }] }))).json().receipt;
  assert.equal(r.settings_version, current.version + 1);
  assert.equal(r.points_earned, 6);
});

test('unknown SKUs and mismatched totals are refused with their codes', async () => {
  const unknown = await post('/v1/receipts', basket({ lines: [{ sku: 'NOPE', qty: 1, price_kopecks: 100, amount_kopecks: 100 }] }));
  assert.equal(unknown.statusCode, 422);
  assert.equal(unknown.json().code, 'unknown_product');
  assert.deepEqual(unknown.json().unknown_skus, ['NOPE']);
  const total = await post('/v1/receipts', basket({ total_kopecks: 1 }));
  assert.equal(total.json().code, 'receipt_total_mismatch');
});

test('every receipt, return and points movement is in the outbox, in order', async () => {
  const topics = (await t.db.pool.query('SELECT topic, count(*)::int AS n FROM outbox GROUP BY topic')).rows;
  const byTopic = Object.fromEntries(topics.map((r) => [r.topic, r.n]));
  assert.equal(byTopic['receipt.confirmed'], await count('receipts'));
  assert.equal(byTopic['ledger.transfer'], await count('ledger_transfers'));
  assert.equal((byTopic['receipt.returned'] ?? 0) + (byTopic['receipt.cancelled'] ?? 0), await count('receipt_returns'));
});
