import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { errorCodes } from '../src/core/index.ts';
import { withTransaction } from '../src/db/index.ts';
import { verifyLedger } from '../src/ledger/index.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { createRetailFixture, headers, nextKey, type RetailFixture } from './helpers/retail-fixture.ts';

let t: TestApp;
let f: RetailFixture;
let receiptA: string;
let receiptB: string;
before(async () => {
  t = await createTestApp();
  f = await createRetailFixture(t);
  await t.app.inject({ method: 'POST', url: '/v1/customers', headers: headers(f.keyA, nextKey()), payload: { card: '7722000001', phone: '+79160000001' } });
  const confirm = async (token: string, number: string) =>
    (
      await t.app.inject({
        method: 'POST',
        url: '/v1/receipts',
        headers: headers(token, nextKey()),
        payload: { terminal: '1', number, customer: { card: '7722000001' }, lines: [{ sku: 'MILK', qty: 2, price_kopecks: 8990, amount_kopecks: 17980 }] },
      })
    ).json().receipt.id as string;
  receiptA = await confirm(f.keyA, 'h-1');
  receiptB = await confirm(f.keyB, 'h-2');
});
after(async () => t.close());

const hostile = fc.constantFrom<unknown>(
  null,
  -1,
  0,
  -0.5,
  1e308,
  -1e308,
  2 ** 53 + 1,
  1.0000001,
  0.0001,
  '',
  'x'.repeat(5000),
  '💥🚀',
  '\u0000\u0001',
  "'; DROP TABLE receipts; --",
  '../../etc/passwd',
  '1e9',
  'max',
  true,
  {},
  [],
  [null],
  { $gt: '' },
  'cus_00000000000000000000000000',
  'hld_00000000000000000000000000',
);

const validReceipt = () => ({
  terminal: '9',
  number: `fuzz-${Math.random().toString(36).slice(2)}`,
  customer: { card: '7722000001' },
  lines: [
    { sku: 'MILK', qty: 1, price_kopecks: 8990, amount_kopecks: 8990 },
    { sku: 'CIGS', qty: 1, price_kopecks: 22000, amount_kopecks: 22000 },
  ],
  redeem_points: 0,
});

/** A valid body with one field somewhere replaced by something hostile. */
function mutate(body: Record<string, unknown>, path: (string | number)[], value: unknown): unknown {
  const copy = structuredClone(body) as Record<string, unknown>;
  let node: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1]!] = value;
  return copy;
}

const receiptPaths: (string | number)[][] = [
  ['terminal'],
  ['number'],
  ['customer'],
  ['customer', 'card'],
  ['lines'],
  ['lines', 0],
  ['lines', 0, 'sku'],
  ['lines', 0, 'qty'],
  ['lines', 0, 'price_kopecks'],
  ['lines', 0, 'amount_kopecks'],
  ['lines', 1, 'discount_kopecks'],
  ['redeem_points'],
  ['purchased_at'],
  ['store'],
  ['hold_id'],
  ['total_kopecks'],
  ['unexpected_field'],
];

async function snapshot(): Promise<string> {
  const row = (
    await t.db.pool.query(`SELECT (SELECT count(*) FROM receipts) r, (SELECT count(*) FROM receipt_returns) x, (SELECT count(*) FROM ledger_transfers) tr,
      (SELECT count(*) FROM ledger_lots) l, (SELECT count(*) FROM ledger_holds) h, (SELECT count(*) FROM customers) c, (SELECT count(*) FROM cards) k,
      (SELECT count(*) FROM outbox) o, (SELECT coalesce(sum(returned_qty_milli), 0) FROM receipt_lines) q`)
  ).rows[0];
  return JSON.stringify(row);
}

type Probe = { method: 'POST'; url: string; payload: unknown; token: string; rawContentType?: string };

const probes: fc.Arbitrary<Probe> = fc.oneof(
  fc.record({ path: fc.constantFrom(...receiptPaths), value: hostile, url: fc.constantFrom('/v1/receipts', '/v1/receipts/calculate') }).map(({ path, value, url }) => ({
    method: 'POST' as const,
    url,
    payload: mutate(validReceipt(), path, value),
    token: f.keyA,
  })),
  fc.record({ line: fc.oneof(fc.integer({ min: -5, max: 10 }), hostile), qty: fc.oneof(fc.double({ min: -10, max: 10, noNaN: true }), hostile), id: fc.constantFrom(() => receiptA, () => receiptB, () => 'rcp_nope', () => '%00') }).map(
    ({ line, qty, id }) => ({ method: 'POST' as const, url: `/v1/receipts/${encodeURIComponent(id())}/returns`, payload: { lines: [{ line_no: line, qty }] }, token: f.keyA }),
  ),
  fc.record({ customer: fc.oneof(hostile, fc.constantFrom('7722000001', '+79160000001', 'nobody')), amount: fc.oneof(fc.integer({ min: -100, max: 100_000 }), hostile) }).map((payload) => ({
    method: 'POST' as const,
    url: '/v1/holds',
    payload,
    token: f.keyA,
  })),
  fc.record({ phone: hostile, card: hostile, email: hostile, birth_date: hostile, gender: hostile }).map((payload) => ({ method: 'POST' as const, url: '/v1/customers', payload, token: f.keyA })),
  fc.anything().map((payload) => ({ method: 'POST' as const, url: '/v1/receipts', payload, token: f.keyA })),
  fc.string().map((payload) => ({ method: 'POST' as const, url: '/v1/receipts', payload, token: f.keyA, rawContentType: 'application/json' })),
  fc.constantFrom('/v1/holds/hld_00000000000000000000000000/capture', '/v1/holds/%2e%2e/void', '/v1/receipts/x/cancel').map((url) => ({ method: 'POST' as const, url, payload: {}, token: f.keyA })),
);

test('thousands of malformed or hostile payloads get 4xx with documented codes, never a 5xx, and a refusal changes nothing', async () => {
  let refused = 0;
  await fc.assert(
    fc.asyncProperty(probes, async (probe) => {
      const before = await snapshot();
      const response = await t.app.inject({
        method: probe.method,
        url: probe.url,
        headers: { ...headers(probe.token, nextKey()), ...(probe.rawContentType ? { 'content-type': probe.rawContentType } : {}) },
        ...(probe.rawContentType ? { body: String(probe.payload) } : { payload: probe.payload as object }),
      });
      assert.ok(response.statusCode < 500, `${probe.url} ${JSON.stringify(probe.payload)?.slice(0, 300)} → ${response.statusCode} ${response.body}`);
      if (response.statusCode >= 400) {
        refused++;
        const body = response.json();
        assert.ok(Object.hasOwn(errorCodes, body.code), `undocumented code ${body.code}`);
        assert.equal(await snapshot(), before, `${probe.url} refused with ${body.code} but changed something`);
      }
    }),
    { numRuns: 2500 },
  );
  assert.ok(refused > 2000, `only ${refused} probes were refused: the generator is too tame`);
  assert.deepEqual(await withTransaction(t.db.pool, (c) => verifyLedger(c)), []);
});
