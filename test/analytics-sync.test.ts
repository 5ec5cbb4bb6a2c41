import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openAnalyticsStore, rebuildReadSide, runReport, syncLag, syncOnce, tableColumns, type AnalyticsStore } from '../src/analytics/index.ts';
import { withTransaction } from '../src/db/index.ts';
import { cancelReceipt } from '../src/processing/index.ts';
import { plantedAffinities, runDemo } from '../src/demo/index.ts';
import { assertRollupsMatchReceipts } from './helpers/rollup-check.ts';
import { createTestDatabase, type TestDatabase } from './helpers/test-database.ts';

let db: TestDatabase;
const folder = mkdtempSync(join(tmpdir(), 'patron-sync-'));
before(async () => {
  db = await createTestDatabase();
  await runDemo(
    db.pool,
    { seed: 5, shoppers: 500, stores: 3, months: 10, end: '2026-05-31', liveDays: 5, launchAfterMonths: 3, locale: 'en', cardPaymentShare: 0.75, force: false },
    { phase() {}, update() {}, done() {} },
  );
});
after(async () => {
  await db.drop();
  rmSync(folder, { recursive: true, force: true });
});

async function freshStore(path = ':memory:'): Promise<AnalyticsStore> {
  const store = await openAnalyticsStore(path);
  await store.migrate();
  return store;
}

/**
 * Syncs until no event is left behind the cursor. One pass may stop short: txids are
 * cluster-wide, so a transaction still open in another test's database holds the horizon back.
 */
async function syncAll(store: AnalyticsStore): Promise<number> {
  let events = 0;
  const deadline = Date.now() + 30_000;
  do {
    events += (await syncOnce(db.pool, store)).events;
    if ((await syncLag(db.pool, store)).pending_events === 0) return events;
    await new Promise((r) => setTimeout(r, 50));
  } while (Date.now() < deadline);
  throw new Error('the sync did not catch up in 30 s');
}

/** Waits until every transaction that wrote to the outbox so far has ended, cluster-wide. */
async function horizonPassed(): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const { rows } = await db.pool.query<{ passed: boolean }>('SELECT coalesce(max(txid) < pg_snapshot_xmin(pg_current_snapshot()), true) AS passed FROM outbox');
    if (rows[0]!.passed) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('transactions stayed open for 30 s');
}

/** The write side's figures and the read side's, computed independently. */
async function compare(store: AnalyticsStore): Promise<void> {
  const pg = async (sql: string) => (await db.pool.query<{ v: string }>(`SELECT (${sql})::text AS v`)).rows[0]!.v;
  const duck = async (sql: string) => String((await store.query(`SELECT (${sql})::VARCHAR AS v`))[0]!['v']);
  const pairs: [string, string][] = [
    // The read side holds the sales: a cancelled (voided) receipt is taken off it with its lines.
    ['SELECT count(*) FROM receipts WHERE cancelled_at IS NULL', 'SELECT count(*) FROM receipts'],
    ['SELECT sum(total_kopecks) FROM receipts WHERE cancelled_at IS NULL', 'SELECT sum(total_kopecks) FROM receipts'],
    [`SELECT count(*) FROM receipt_lines l JOIN receipts r ON r.id = l.receipt_id WHERE r.cancelled_at IS NULL`, 'SELECT count(*) FROM receipt_lines'],
    [`SELECT sum(l.amount_kopecks) FROM receipt_lines l JOIN receipts r ON r.id = l.receipt_id WHERE r.cancelled_at IS NULL`, 'SELECT sum(amount_kopecks) FROM receipt_lines'],
    ['SELECT count(*) FROM receipts WHERE customer_id IS NOT NULL AND cancelled_at IS NULL', 'SELECT count(*) FROM receipts WHERE customer_id IS NOT NULL'],
    [`SELECT count(*) FROM receipts WHERE status = 'cancelled'`, `SELECT count(*) FROM receipt_returns WHERE kind = 'cancel'`],
    [`SELECT string_agg(reason || ':' || n || ':' || s, ',' ORDER BY reason) FROM (SELECT reason, count(*) n, sum(amount) s FROM ledger_transfers GROUP BY reason) x`,
     `SELECT string_agg(reason || ':' || n || ':' || s, ',' ORDER BY reason) FROM (SELECT reason, count(*) n, sum(amount) s FROM ledger_movements GROUP BY reason) x`],
    ['SELECT count(*) FROM customers', 'SELECT count(*) FROM customers'],
    ['SELECT count(*) FROM customers WHERE merged_into IS NOT NULL', 'SELECT count(*) FROM customers WHERE merged_into IS NOT NULL'],
    [`SELECT string_agg(tier_code || ':' || n, ',' ORDER BY tier_code) FROM (SELECT tier_code, count(*) n FROM customers GROUP BY 1) x`,
     `SELECT string_agg(tier_code || ':' || n, ',' ORDER BY tier_code) FROM (SELECT tier_code, count(*) n FROM customers GROUP BY 1) x`],
    ['SELECT count(*) FROM campaign_assignments', 'SELECT count(*) FROM campaign_assignments'],
    ['SELECT count(*) FROM campaigns', 'SELECT count(*) FROM campaigns'],
    ['SELECT count(*) FROM stores', 'SELECT count(*) FROM stores'],
    ['SELECT count(*) FROM products', 'SELECT count(*) FROM products'],
    ['SELECT coalesce(sum(amount_kopecks), 0) FROM receipt_returns', 'SELECT coalesce(sum(amount_kopecks), 0) FROM receipt_returns'],
    ['SELECT count(DISTINCT payment_token) FROM receipts WHERE cancelled_at IS NULL', 'SELECT count(DISTINCT token_key) FROM receipts'],
  ];
  for (const [p, d] of pairs) assert.equal(await duck(d), await pg(p), d);
  // Every line carries its receipt's time, store and customer, and none is without its receipt
  // (a line keyed wrong finds none).
  const drifted = `SELECT count(*) FROM receipt_lines l LEFT JOIN receipts r USING (receipt_key)
    WHERE r.receipt_id IS NULL OR l.ts IS DISTINCT FROM r.ts OR l.local_ts IS DISTINCT FROM r.local_ts
       OR l.store_id IS DISTINCT FROM r.store_id OR l.customer_id IS DISTINCT FROM r.customer_id OR l.customer_key IS DISTINCT FROM r.customer_key`;
  assert.equal(await duck(drifted), '0', 'lines differing from their receipts');
  // A receipt has a token key exactly when it has a token, a member key when it has a member, and its own key.
  const unkeyed = `SELECT count(*) FROM receipts WHERE (token_key IS NULL) <> (payment_token IS NULL) OR (customer_key IS NULL) <> (customer_id IS NULL)
                       OR token_key <> md5_number_lower(payment_token) OR customer_key <> md5_number_lower(customer_id) OR receipt_key IS DISTINCT FROM md5_number_lower(receipt_id)`;
  assert.equal(await duck(unkeyed), '0', 'receipts whose keys are not their token\'s, member\'s and own');
  const voided = `SELECT count(*) FROM receipts WHERE receipt_id IN (SELECT receipt_id FROM receipt_returns WHERE kind = 'cancel')`;
  assert.equal(await duck(voided), '0', 'cancelled receipts still on the read side');
  // Each lot carries what its movements did to it, as the ledger's own lots and movements say.
  const lotsPg = await db.pool.query<{ id: string; state: string }>(
    `SELECT l.id, concat_ws('/', l.remaining, coalesce(-sum(m.amount) FILTER (WHERE t.reason = 'redeem'), 0),
                             coalesce(-sum(m.amount * round(extract(epoch FROM t.created_at) * 1000000)) FILTER (WHERE t.reason = 'redeem'), 0),
                             coalesce(bool_or(t.reason = 'transfer'), false)::text) AS state
       FROM ledger_lots l LEFT JOIN ledger_lot_movements m ON m.lot_id = l.id LEFT JOIN ledger_transfers t ON t.id = m.transfer_id GROUP BY l.id`,
  );
  const lotsDuck = await store.query(
    `SELECT lot_id AS id, concat_ws('/', amount + coalesce(moved, 0), coalesce(redeemed, 0), coalesce(redeemed_weighted_epoch_us, 0), coalesce(merged, false)) AS state FROM point_lots`,
  );
  assert.deepEqual(new Map(lotsDuck.map((r) => [r['id'], r['state']])), new Map(lotsPg.rows.map((r) => [r.id, r.state])), 'lots\' state');
  assert.ok(lotsPg.rows.some((r) => !r.state.endsWith('/0/0/false')), 'no lot was redeemed from or merged: the comparison proved little');
}

test('the read side holds what the write side holds after a sync', async () => {
  const store = await freshStore();
  const events = await syncAll(store);
  assert.ok(events > 5000, `${events} events`);
  assert.ok(Number((await store.query("SELECT count(*) AS n FROM receipt_returns WHERE kind = 'cancel'"))[0]!['n']) > 0, 'the demo cancels receipts');
  await compare(store);
  const again = await syncOnce(db.pool, store);
  assert.equal(again.events, 0);
  assert.equal((await syncLag(db.pool, store)).pending_events, 0);
  // Rebuilding from scratch lands the same figures.
  await rebuildReadSide(db.pool, store);
  await syncAll(store);
  await compare(store);
  store.close();
});

test('the read side’s tables have the columns the sync writes, in order', async () => {
  const store = await freshStore();
  for (const [table, columns] of Object.entries(tableColumns)) {
    const rows = await store.query(`SELECT column_name, data_type FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position`, [table]);
    const actual = rows.map((r) => [r['column_name'], String(r['data_type']).replace('TIMESTAMP WITH TIME ZONE', 'TIMESTAMPTZ')]);
    assert.deepEqual(actual, columns.map(([n, t]) => [n, t]), table);
  }
  store.close();
});

test('a sync interrupted mid-batch leaves nothing and resumes after a restart', async () => {
  const path = join(folder, 'resume.duckdb');
  const store = await freshStore(path);
  await horizonPassed();
  let calls = 0;
  const failing: AnalyticsStore = {
    ...store,
    append: async (table, rows) => {
      if (table === 'ledger_movements' && ++calls === 1) throw new Error('disk full (simulated)');
      return store.append(table, rows);
    },
  };
  await assert.rejects(syncOnce(db.pool, failing), /disk full/);
  assert.equal((await store.query('SELECT count(*)::INTEGER AS n FROM receipts'))[0]!['n'], 0);
  assert.equal((await syncLag(db.pool, store)).state.cursor, null);

  await syncOnce(db.pool, store, { maxBatches: 1 });
  const partly = (await syncLag(db.pool, store)).state.events_applied;
  assert.equal(partly, 5000);
  store.close();
  const reopened = await openAnalyticsStore(path);
  await syncAll(reopened);
  await compare(reopened);
  reopened.close();
});

test('two sync passes at once apply each event once: the one that waited its turn finds the cursor moved', async () => {
  const store = await freshStore();
  await horizonPassed();
  const [first, second] = await Promise.all([syncOnce(db.pool, store, { maxBatches: 1 }), syncOnce(db.pool, store, { maxBatches: 1 })]);
  // Both read the same first batch; one applied it, the other found the cursor moved and applied nothing.
  assert.deepEqual([first.events + second.events, (await syncLag(db.pool, store)).state.events_applied], [5000, 5000]);
  await syncAll(store);
  await compare(store);
  store.close();
});

test('events reach the read side exactly once, also when transactions commit out of id order', async () => {
  const store = await freshStore();
  await syncAll(store);
  const event = (id: string) => JSON.stringify({ id, debit: 'sys_adjustment', credit: 'sys_breakage', amount: 1, reason: 'adjust', customer_id: null, reference: null, at: '2026-05-31T12:00:00.000Z' });
  const slow = await db.pool.connect();
  const fast = await db.pool.connect();
  try {
    // The slow transaction takes its id first, the fast one writes an event and commits before it.
    await slow.query('BEGIN');
    await slow.query('SELECT pg_current_xact_id()');
    await fast.query('BEGIN');
    await fast.query(`INSERT INTO outbox (topic, payload) VALUES ('ledger.transfer', $1)`, [event('trf_fast')]);
    await fast.query('COMMIT');
    await slow.query(`INSERT INTO outbox (topic, payload) VALUES ('ledger.transfer', $1)`, [event('trf_slow')]);
    // The fast event has the lower outbox id and is committed, yet waits behind the open transaction.
    assert.equal((await syncOnce(db.pool, store)).events, 0);
    await slow.query('COMMIT');
  } finally {
    slow.release();
    fast.release();
  }
  assert.equal(await syncAll(store), 2);
  const rows = await store.query(`SELECT transfer_id, count(*)::INTEGER AS n FROM ledger_movements WHERE transfer_id IN ('trf_fast', 'trf_slow') GROUP BY 1 ORDER BY 1`);
  assert.deepEqual(rows, [{ transfer_id: 'trf_fast', n: 1 }, { transfer_id: 'trf_slow', n: 1 }]);
  assert.equal((await syncOnce(db.pool, store)).events, 0);
  store.close();
});

test('the demo’s planted affinities come back as strong category rules on the synced read side', async () => {
  const store = await freshStore();
  await syncAll(store);
  const { rows } = await runReport(store, 'basket.association-rules', { level: 'category', min_support: '0.002', min_confidence: '0.25', max_length: '2' });
  const planted = new Set(plantedAffinities.flatMap((a) => [`${a.from}>${a.to}`, `${a.to}>${a.from}`]));
  // Rules come ordered by lift. Big-ticket lines only fit big baskets, so basket size lifts some
  // unplanted pairs a little (up to about 1.6 here); the planted ones stand well above 1 with the
  // planted confidence, and the strongest rules are planted.
  assert.ok(rows.slice(0, 4).every((r) => planted.has(`${r['lhs']}>${r['rhs']}`)), rows.slice(0, 4).map((r) => `${r['lhs']}>${r['rhs']}`).join(' '));
  for (const a of plantedAffinities) {
    const rule = rows.find((r) => r['lhs'] === a.from && r['rhs'] === a.to);
    assert.ok(rule, `${a.from} ⇒ ${a.to} is not a rule`);
    assert.ok((rule['lift'] as number) >= 1.4, `${a.from} ⇒ ${a.to}: lift ${rule['lift']}`);
    assert.ok((rule['confidence'] as number) >= a.p - 0.05, `${a.from} ⇒ ${a.to}: confidence ${rule['confidence']} against planted ${a.p}`);
  }
  store.close();
});

test('points expiring in 30/60/90 days on the read side equal the ledger’s own lots', async () => {
  const store = await freshStore();
  await syncAll(store);
  // Days around the first lots' expiry, so the windows hold points and expired lots hold none.
  const first = (await db.pool.query(`SELECT to_char(min(expires_at), 'YYYY-MM-DD') AS d FROM ledger_lots`)).rows[0].d as string;
  const shift = (days: number) => new Date(Date.parse(`${first}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  let seen = 0;
  for (const asOf of [shift(-45), shift(10), '2026-05-31']) {
    const { rows } = await runReport(store, 'program.points-expiring', { as_of: asOf });
    assert.deepEqual(rows.map((r) => r['within']), ['30 days', '60 days', '90 days', 'all outstanding']);
    // The write side's truth at the same instant: each lot's amount plus its movements up to then.
    const cut = `${asOf}T00:00:00Z`;
    for (const [k, days] of [[0, 30], [1, 60], [2, 90]] as const) {
      const truth = await db.pool.query(
        `WITH left_in AS (
           SELECT l.customer_id, l.expires_at, l.amount + coalesce((SELECT sum(m.amount) FROM ledger_lot_movements m JOIN ledger_transfers t ON t.id = m.transfer_id
                                                                  WHERE m.lot_id = l.id AND t.created_at < $1::timestamptz + interval '1 day'), 0) AS points
             FROM ledger_lots l JOIN ledger_transfers s ON s.id = l.source_transfer_id WHERE s.created_at < $1::timestamptz + interval '1 day')
         SELECT coalesce(sum(points), 0)::int AS points FROM left_in
          WHERE points > 0 AND expires_at >= $1::timestamptz + interval '1 day' AND expires_at < $1::timestamptz + interval '1 day' + $2 * interval '1 day'`,
        [cut, days],
      );
      assert.equal(rows[k]!['points'], truth.rows[0].points, `${asOf}, ${days} days`);
      seen += truth.rows[0].points;
    }
    assert.ok(Number(rows[3]!['points']) >= Number(rows[2]!['points']));
  }
  assert.ok(seen > 0, 'no window held any points: the comparison proved nothing');
  store.close();
});

test('the rollups follow the receipts batch by batch, through a cancellation and a rebuild', async () => {
  const store = await freshStore();
  // One batch a pass: each pass refreshes the newest stale month, so later batches (and the
  // cancellation below) change months already rolled up.
  let passes = 0;
  do passes++;
  while ((await syncOnce(db.pool, store, { maxBatches: 1 })).events > 0);
  assert.ok(passes > 2, `${passes} passes`);
  await assertRollupsMatchReceipts(store);
  // A member's receipt from months ago, voided now: its day and month are summed again.
  const { rows } = await db.pool.query<{ id: string }>(
    `SELECT id FROM receipts WHERE status <> 'cancelled' AND customer_id IS NOT NULL AND payment_token IS NOT NULL ORDER BY purchased_at LIMIT 1 OFFSET 200`,
  );
  const before = Number((await store.query('SELECT sum(receipts) AS n FROM shopper_month_sums'))[0]!['n']);
  await withTransaction(db.pool, (client) => cancelReceipt(client, rows[0]!.id, { now: new Date(), storeScope: null }));
  await syncAll(store);
  assert.equal(Number((await store.query('SELECT sum(receipts) AS n FROM shopper_month_sums'))[0]!['n']), before - 1, 'the voided receipt left its month');
  await assertRollupsMatchReceipts(store);
  await rebuildReadSide(db.pool, store);
  await syncAll(store);
  await assertRollupsMatchReceipts(store);
  store.close();
});
