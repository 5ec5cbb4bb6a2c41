import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, test } from 'node:test';
import { PatronError } from '../src/core/index.ts';
import { withTransaction, type Pool } from '../src/db/index.ts';
import { runDemo, truthText, type DemoOptions, type DemoProgress, type DemoSummary } from '../src/demo/index.ts';
import { verifyLedger } from '../src/ledger/index.ts';
import { receiptDetails } from '../src/processing/index.ts';
import { createTestDatabase, type TestDatabase } from './helpers/test-database.ts';

const options: DemoOptions & { force: boolean } = { seed: 11, shoppers: 1200, stores: 4, months: 12, end: '2026-06-30', liveDays: 7, launchAfterMonths: 3, locale: 'ru', cardPaymentShare: 0.75, force: false };
const quiet: DemoProgress = { phase() {}, update() {}, done() {} };

let first: TestDatabase;
let second: TestDatabase;
let run1: DemoSummary;
let run2: DemoSummary;
before(async () => {
  [first, second] = [await createTestDatabase(), await createTestDatabase()];
  run1 = await runDemo(first.pool, options, quiet);
  run2 = await runDemo(second.pool, options, quiet);
});
after(async () => Promise.all([first.drop(), second.drop()]));

/** The chain's business content, keyed by what the seed fixes (ids minted by the live path differ). */
async function contentDigest(pool: Pool): Promise<string> {
  const hash = createHash('sha256');
  const queries = [
    `SELECT c.external_id, c.phone, c.name, c.birth_date, c.gender, c.city, c.tier_code, c.registered_at, c.last_purchase_at, c.merged_into IS NOT NULL,
            (SELECT json_agg(a.balance ORDER BY a.kind) FROM ledger_accounts a WHERE a.customer_id = c.id)
       FROM customers c ORDER BY c.external_id, c.registered_at, c.name`,
    `SELECT s.code, r.terminal, r.number, c.external_id, r.purchased_at, r.total_kopecks, r.points_earned, r.points_redeemed, r.status, r.payment_token,
            (SELECT json_agg(json_build_array(l.sku, l.qty_milli, l.amount_kopecks, l.points_earned, l.returned_qty_milli) ORDER BY l.line_no) FROM receipt_lines l WHERE l.receipt_id = r.id)
       FROM receipts r JOIN stores s ON s.id = r.store_id LEFT JOIN customers c ON c.id = r.customer_id ORDER BY 1, 2, 3`,
    `SELECT reason, count(*), sum(amount) FROM ledger_transfers GROUP BY reason ORDER BY reason`,
    `SELECT p.code, c.external_id, a.group_name FROM campaign_assignments a JOIN campaigns p ON p.id = a.campaign_id JOIN customers c ON c.id = a.customer_id ORDER BY 1, 2`,
  ];
  for (const sql of queries) for (const row of (await pool.query({ text: sql, rowMode: 'array' })).rows) hash.update(JSON.stringify(row));
  return hash.digest('hex');
}

test('same seed, same chain: the truth file and the data are identical on re-run', async () => {
  assert.equal(truthText(run1.truth), truthText(run2.truth));
  assert.equal(await contentDigest(first.pool), await contentDigest(second.pool));
  const r = run1.truth.realized;
  assert.ok(r.history_receipts > 5000 && r.live_receipts > 100, JSON.stringify(r));
  assert.ok(r.members > 100 && r.members < r.shoppers);
});

test('the ledger left by bulk history and the live period balances', async () => {
  assert.deepEqual(await withTransaction(first.pool, (client) => verifyLedger(client)), []);
  const { rows } = await first.pool.query<{ reason: string }>('SELECT DISTINCT reason FROM ledger_transfers ORDER BY 1');
  assert.deepEqual(rows.map((r) => r.reason), ['activate', 'earn', 'expire', 'redeem', 'reverse', 'transfer'].filter((r) => rows.some((x) => x.reason === r)));
  for (const reason of ['activate', 'earn', 'redeem', 'expire']) assert.ok(rows.some((x) => x.reason === reason), `no ${reason} transfers`);
});

test('a receipt loaded as history reads back like a confirmed one', async () => {
  const { rows } = await first.pool.query<{ id: string; n: number }>(
    `SELECT r.id, (SELECT count(*) FROM receipt_lines l WHERE l.receipt_id = r.id)::int AS n FROM receipts r WHERE r.request_hash = 'loaded' AND r.points_earned > 0 LIMIT 1`,
  );
  const details = await receiptDetails(first.pool, rows[0]!.id, null);
  assert.equal(details.receipt.lines.length, rows[0]!.n);
  assert.equal(details.receipt.lines.reduce((s, l) => s + l.amount_kopecks, 0), details.receipt.total_kopecks);
  assert.equal(details.receipt.tier?.code, 'base');
});

test('campaign control groups have the planted share and are balanced on pre-period visits', async () => {
  assert.ok(run1.truth.campaigns.length >= 3, 'campaigns planted');
  for (const c of run1.truth.campaigns) {
    const { rows } = await first.pool.query<{ group_name: string; customers: number; mean: number; var: number }>(
      `SELECT a.group_name, count(*)::int AS customers, avg(v.visits)::float AS mean, coalesce(var_samp(v.visits), 0)::float AS var
         FROM campaign_assignments a
         CROSS JOIN LATERAL (SELECT count(*) AS visits FROM receipts r WHERE r.customer_id = a.customer_id
                              AND r.purchased_at >= $2::timestamptz - interval '90 days' AND r.purchased_at < $2::timestamptz) v
        WHERE a.campaign_id = $1 GROUP BY a.group_name`,
      [c.id, c.starts_at],
    );
    const g = Object.fromEntries(rows.map((r) => [r.group_name, r]));
    assert.equal(g['treatment']!.customers, c.assigned.treatment);
    assert.equal(g['control']!.customers, c.assigned.control);
    const n = c.assigned.treatment + c.assigned.control;
    const share = c.control_share_bp / 10_000;
    assert.ok(Math.abs(c.assigned.control - n * share) < 4 * Math.sqrt(n * share * (1 - share)), `${c.code}: ${c.assigned.control} of ${n} in control`);
    // Welch's t on pre-period visits: randomisation leaves the groups alike before the campaign.
    const [t, k] = [g['treatment']!, g['control']!];
    const welch = (t.mean - k.mean) / Math.sqrt(t.var / t.customers + k.var / k.customers);
    assert.ok(Math.abs(welch) < 4, `${c.code}: pre-period visits differ, t = ${welch.toFixed(2)}`);
  }
});

test('the planted abuse is in the data as the truth file describes it', async () => {
  const kinds = run1.truth.abuse.map((a) => a.kind).sort();
  assert.deepEqual(kinds, ['cashier_card', 'linked_accounts', 'return_burst']);
  for (const a of run1.truth.abuse) {
    if (a.kind === 'cashier_card') {
      const { rows } = await first.pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM receipts r JOIN stores s ON s.id = r.store_id WHERE r.card_number = $1 AND s.code = $2 AND r.purchased_at >= $3`,
        [a.card, a.store_code, run1.truth.period.live_from],
      );
      assert.ok(a.receipts > 0 && rows[0]!.n >= a.receipts, `cashier receipts ${rows[0]!.n} vs ${a.receipts}`);
    } else if (a.kind === 'return_burst') {
      const { rows } = await first.pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM receipts r JOIN customers c ON c.id = r.customer_id WHERE c.external_id = $1 AND r.status = 'cancelled'`,
        [a.customer_external_id],
      );
      assert.equal(rows[0]!.n, a.purchases);
    } else {
      const { rows } = await first.pool.query<{ merged: number }>(
        // Merging moves the absorbed members' identities to the survivor: find them by it.
        `SELECT count(*)::int AS merged FROM customers c JOIN customers s ON s.id = c.merged_into WHERE s.external_id = $1`,
        [a.merged_into_external_id],
      );
      assert.equal(rows[0]!.merged, a.external_ids.length - 1);
    }
  }
});

test('a data folder that holds a chain is refused without --force', async () => {
  await assert.rejects(runDemo(first.pool, options, quiet), (e: unknown) => e instanceof PatronError && e.code === 'demo_target_not_empty');
  const receipts = (await first.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM receipts')).rows[0]!.n;
  assert.equal(receipts, run1.truth.realized.history_receipts + run1.truth.realized.live_receipts);
});
