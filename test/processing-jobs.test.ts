import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { withTransaction } from '../src/db/index.ts';
import { activateDueLots, expireDueLots, getBalance, timeOutHolds, verifyLedger } from '../src/ledger/index.ts';
import { confirmReceipt, currentSettings, expireInactiveMembers, holdMemberPoints, recalculateTiers, registerMember, saveSettings } from '../src/processing/index.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { createRetailFixture } from './helpers/retail-fixture.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
  await createRetailFixture(t);
});
after(async () => t.close());

const day = 86_400_000;
const tx = <T>(fn: (c: import('../src/db/index.ts').PoolClient) => Promise<T>) => withTransaction(t.db.pool, fn);
let number = 0;
const buy = (card: string, amountKopecks: number, at: Date) =>
  tx((c) =>
    confirmReceipt(
      c,
      { store: 'A-001', terminal: 'J', number: `job-${++number}`, purchased_at: at.toISOString(), customer: { card }, lines: [{ sku: 'BREAD', qty: 1, price_kopecks: amountKopecks, amount_kopecks: amountKopecks }] },
      { now: at, storeScope: null },
    ),
  );

test('jobs: activation after the return window, expiry, hold timeouts — and running them twice changes nothing more', async () => {
  const t0 = new Date(Date.UTC(2026, 0, 10, 9));
  const member = await tx((c) => registerMember(c, { card: '7733000001' }, t0));
  await buy('7733000001', 100_000, t0); // 30 points, pending 14 days, then spendable 365 days.

  assert.equal(await activateDueLots(t.db.pool, new Date(t0.getTime() + 13 * day)), 0, 'nothing is due inside the return window');
  const at15 = new Date(t0.getTime() + 15 * day);
  assert.equal(await activateDueLots(t.db.pool, at15), 1);
  assert.equal(await activateDueLots(t.db.pool, at15), 0, 'a second run finds nothing left to do');
  assert.equal((await tx((c) => getBalance(c, member.id, at15))).available, 30);

  const hold = await tx((c) => holdMemberPoints(c, { customer: '7733000001', amount: 20 }, at15));
  assert.equal(hold.balance!.spendable, 10);
  const afterTtl = new Date(at15.getTime() + 31 * 60_000);
  assert.equal(await timeOutHolds(t.db.pool, afterTtl), 1);
  assert.equal(await timeOutHolds(t.db.pool, afterTtl), 0);
  assert.equal((await tx((c) => getBalance(c, member.id, afterTtl))).spendable, 30);

  const afterExpiry = new Date(t0.getTime() + 14 * day + 366 * day);
  assert.equal(await expireDueLots(t.db.pool, afterExpiry), 1);
  assert.equal(await expireDueLots(t.db.pool, afterExpiry), 0);
  const expired = await t.db.pool.query("SELECT sum(amount)::int AS n FROM ledger_transfers WHERE reason = 'expire' AND customer_id = $1", [member.id]);
  assert.equal(expired.rows[0].n, 30);
  assert.deepEqual(await tx((c) => verifyLedger(c)), []);
});

test('the inactivity policy expires all points of members without a purchase for N days', async () => {
  const settings = (await tx((c) => currentSettings(c))).settings;
  await tx((c) => saveSettings(c, { ...settings, pending_days: 0, expiry: { kind: 'inactivity', days: 90 } }, 'test'));
  const t0 = new Date(Date.UTC(2026, 2, 1, 12));
  const active = await tx((c) => registerMember(c, { card: '7733000002' }, t0));
  const idle = await tx((c) => registerMember(c, { card: '7733000003' }, t0));
  await buy('7733000002', 100_000, t0);
  await buy('7733000003', 100_000, t0);
  await buy('7733000002', 100_000, new Date(t0.getTime() + 60 * day));
  const at = new Date(t0.getTime() + 91 * day);
  assert.equal(await expireInactiveMembers(t.db.pool, at), 30);
  assert.equal(await expireInactiveMembers(t.db.pool, at), 0);
  assert.equal((await tx((c) => getBalance(c, idle.id, at))).available, 0);
  assert.equal((await tx((c) => getBalance(c, active.id, at))).available, 60);
  await tx((c) => saveSettings(c, settings, 'test'));
});

test('tiers follow spend over the rolling window, up at once and down after the grace period', async () => {
  const t0 = new Date(Date.UTC(2026, 4, 1, 12));
  const member = await tx((c) => registerMember(c, { card: '7733000004' }, t0));
  await buy('7733000004', 3_100_000, t0); // 31 000 ₽: above the silver threshold of 30 000 ₽.
  const first = await recalculateTiers(t.db.pool, t0);
  assert.ok(first.changed >= 1);
  const tierOf = async () => (await t.db.pool.query('SELECT tier_code FROM customers WHERE id = $1', [member.id])).rows[0].tier_code;
  assert.equal(await tierOf(), 'silver');
  assert.equal((await recalculateTiers(t.db.pool, t0)).changed, 0, 'idempotent');
  // A year later the spend has left the window; the grace period (30 days) has long passed.
  await recalculateTiers(t.db.pool, new Date(t0.getTime() + 400 * day));
  assert.equal(await tierOf(), 'base');
  const events = await t.db.pool.query("SELECT payload FROM outbox WHERE topic = 'customer.tier_changed' AND payload->>'customer_id' = $1 ORDER BY id", [member.id]);
  assert.deepEqual(events.rows.map((r) => [r.payload.from, r.payload.to]), [['base', 'silver'], ['silver', 'base']]);
});

test('a receipt earns at the tier the member has', async () => {
  const t0 = new Date(Date.UTC(2026, 6, 1, 12));
  await tx((c) => registerMember(c, { card: '7733000005' }, t0));
  await t.db.pool.query("UPDATE customers SET tier_code = 'gold' WHERE id = (SELECT customer_id FROM cards WHERE number = '7733000005')");
  const { response } = await buy('7733000005', 100_000, t0);
  assert.equal(response.receipt.tier?.code, 'gold');
  assert.equal(response.receipt.points_earned, 70);
});
