import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createRetailFixture, headers, nextKey, type RetailFixture } from './helpers/retail-fixture.ts';
import { createTestApp, signIn, type TestApp } from './helpers/test-app.ts';

// The routes the web app's pages read, as third parties may too: customer search and receipts,
// the catalog, the cube's schema, and the settings preview.
let t: TestApp;
let f: RetailFixture;
before(async () => {
  t = await createTestApp();
  f = await createRetailFixture(t);
  for (const [card, phone, name] of [['7700000101', '+79160000101', 'Анна Петрова'], ['7700000102', '+79160000102', 'Пётр Анин']]) {
    const r = await t.app.inject({ method: 'POST', url: '/v1/customers', headers: headers(f.keyA, nextKey()), payload: { card, phone, name } });
    assert.equal(r.statusCode, 201, r.body);
  }
  const r = await t.app.inject({
    method: 'POST', url: '/v1/receipts', headers: headers(f.keyA, nextKey()),
    payload: { terminal: '1', number: 'S1', customer: { card: '7700000101' }, lines: [{ sku: 'MILK', qty: 2, price_kopecks: 8990, amount_kopecks: 17980 }, { sku: 'CIGS', qty: 1, price_kopecks: 22000, amount_kopecks: 22000 }] },
  });
  assert.equal(r.statusCode, 201, r.body);
});
after(() => t.close());

test('customer search by card, phone in any notation, and the start of a name; too short a query is refused', async () => {
  const { cookie } = await signIn(t, 'support');
  const find = async (q: string) => {
    const r = await t.app.inject({ method: 'GET', url: `/v1/customers?q=${encodeURIComponent(q)}`, headers: { cookie } });
    assert.equal(r.statusCode, 200, r.body);
    return (r.json() as { customers: { name: string }[] }).customers.map((c) => c.name);
  };
  assert.deepEqual(await find('7700000101'), ['Анна Петрова']);
  assert.deepEqual(await find('8 (916) 000-01-02'), ['Пётр Анин']);
  assert.deepEqual(await find('анна'), ['Анна Петрова']);
  assert.deepEqual(await find('100%'), []);
  const short = await t.app.inject({ method: 'GET', url: '/v1/customers?q=a', headers: { cookie } });
  assert.equal(short.statusCode, 400);
  assert.equal((short.json() as { code: string }).code, 'validation_failed');
  // A till's key may not browse the customer base.
  assert.equal((await t.app.inject({ method: 'GET', url: '/v1/customers?q=7700000101', headers: headers(f.keyA) })).statusCode, 403);
});

test('a member\'s receipts with their lines; the catalog without costs; the cube\'s schema', async () => {
  const { cookie } = await signIn(t, 'marketer');
  const r = await t.app.inject({ method: 'GET', url: '/v1/customers/7700000101/receipts', headers: { cookie } });
  assert.equal(r.statusCode, 200, r.body);
  const receipts = (r.json() as { receipts: { total_kopecks: number; store_code: string; lines: { sku: string; qty: number }[] }[] }).receipts;
  assert.equal(receipts.length, 1);
  assert.equal(receipts[0]!.total_kopecks, 39_980);
  assert.deepEqual(receipts[0]!.lines.map((l) => [l.sku, l.qty]), [['MILK', 2], ['CIGS', 1]]);
  const products = (await t.app.inject({ method: 'GET', url: '/v1/catalog/products', headers: headers(f.keyA) })).json() as { products: Record<string, unknown>[] };
  assert.equal(products.products.length, 4);
  assert.ok(products.products.every((p) => !('cost_kopecks' in p)));
  assert.equal(products.products.find((p) => p['sku'] === 'CIGS')!['non_promotable'], true);
  const schema = (await t.app.inject({ method: 'GET', url: '/v1/cube/schema', headers: { cookie } })).json() as { measures: string[]; dimensions: string[] };
  assert.ok(schema.measures.includes('revenue_kopecks') && schema.dimensions.includes('rfm_segment'));
});

test('settings preview: a sample member of the base tier under the draft and under the settings in force; nothing saved', async () => {
  const { cookie } = await signIn(t, 'marketer');
  const current = (await t.app.inject({ method: 'GET', url: '/v1/program/settings', headers: { cookie } })).json() as { version: number; settings: { tiers: { earn_rate_bp: number }[] } };
  const draft = structuredClone(current.settings);
  draft.tiers[0]!.earn_rate_bp = current.settings.tiers[0]!.earn_rate_bp * 2;
  const receipt = { store: 'A-001', terminal: 'P', lines: [{ sku: 'MILK', qty: 10, price_kopecks: 8990, amount_kopecks: 89_900 }, { sku: 'CIGS', qty: 1, price_kopecks: 22000, amount_kopecks: 22000 }] };
  const r = await t.app.inject({ method: 'POST', url: '/v1/program/settings/preview', headers: { cookie }, payload: { settings: draft, receipt } });
  assert.equal(r.statusCode, 200, r.body);
  const { draft: d, current: c } = r.json() as { draft: { points_earned: number; lines: { points_earned: number }[] }; current: { points_earned: number } };
  assert.ok(c.points_earned > 0);
  // Twice the rate on 899 ₽ of milk; rounding down may take a point off.
  assert.ok(Math.abs(d.points_earned - 2 * c.points_earned) <= 1, `${d.points_earned} against ${c.points_earned}`);
  assert.equal(d.lines[1]!.points_earned, 0, 'tobacco earns nothing');
  const bad = await t.app.inject({ method: 'POST', url: '/v1/program/settings/preview', headers: { cookie }, payload: { settings: { ...draft, tiers: [] }, receipt } });
  assert.equal(bad.statusCode, 400);
  const after = (await t.app.inject({ method: 'GET', url: '/v1/program/settings', headers: { cookie } })).json() as { version: number };
  assert.equal(after.version, current.version);
  const support = await signIn(t, 'support');
  assert.equal((await t.app.inject({ method: 'POST', url: '/v1/program/settings/preview', headers: { cookie: support.cookie }, payload: { settings: draft, receipt } })).statusCode, 403);
});
