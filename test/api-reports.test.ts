import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { syncOnce } from '../src/analytics/index.ts';
import { readXlsxRows } from '../src/core/index.ts';
import { createRetailFixture, headers, nextKey, type RetailFixture } from './helpers/retail-fixture.ts';
import { createTestApp, signIn, type TestApp } from './helpers/test-app.ts';

let t: TestApp;
let f: RetailFixture;
before(async () => {
  t = await createTestApp();
  f = await createRetailFixture(t);
  const receipts = [
    { store: 'A-001', number: '1', lines: [{ sku: 'MILK', qty: 2, price_kopecks: 8990, amount_kopecks: 17980 }] },
    { store: 'A-001', number: '2', lines: [{ sku: 'BREAD', qty: 1, price_kopecks: 5990, amount_kopecks: 5990 }] },
    { store: 'B-002', number: '1', lines: [{ sku: 'CHEESE', qty: 0.5, price_kopecks: 79900, amount_kopecks: 39950 }] },
  ];
  for (const r of receipts) {
    const response = await t.app.inject({ method: 'POST', url: '/v1/receipts', headers: headers(f.chainKey, nextKey()), payload: { ...r, terminal: '1', purchased_at: '2026-03-02T09:00:00Z' } });
    assert.equal(response.statusCode, 201, response.body);
  }
  // The api process serves reports from its read side; here the sync runs once by hand.
  for (let i = 0; i < 50 && (await syncOnce(t.db.pool, t.analytics)).state.events_applied < 3; i++) await new Promise((r) => setTimeout(r, 50));
});
const exportFolder = mkdtempSync(join(tmpdir(), 'patron-export-test-'));
after(async () => {
  await t.close();
  rmSync(exportFolder, { recursive: true, force: true });
});

test('the report catalog and a report run through the API, on receipts confirmed through the API', async () => {
  const { cookie } = await signIn(t, 'analyst');
  const list = await t.app.inject({ method: 'GET', url: '/v1/reports', headers: { cookie } });
  assert.equal(list.statusCode, 200);
  const reports = list.json().reports as { id: string; params: { name: string }[] }[];
  assert.ok(reports.length >= 16 && reports.some((r) => r.id === 'sales.by-store'));

  const run = await t.app.inject({ method: 'POST', url: '/v1/reports/sales.by-store/run', headers: { cookie }, payload: { params: { from: '2026-03-01', to: '2026-03-07' } } });
  assert.equal(run.statusCode, 200, run.body);
  assert.deepEqual(
    run.json().rows.map((r: Record<string, unknown>) => [r['key'], r['receipts'], r['revenue_kopecks'], r['margin_kopecks']]),
    [['B-002', 1, 39950, 39950 - 26000], ['A-001', 2, 23970, 17980 - 13000 + 5990 - 3100]],
  );

  const chainKey = await t.app.inject({ method: 'POST', url: '/v1/reports/program.kpi-summary/run', headers: headers(f.chainKey), payload: { params: { from: '2026-03-01', to: '2026-03-07' } } });
  assert.equal(chainKey.statusCode, 200, chainKey.body);
  assert.equal(chainKey.json().rows.find((r: Record<string, unknown>) => r['metric'] === 'receipts').value, 3);
});

test('reports refuse store-scoped keys, the support role, bad parameters and unknown ids with stable codes', async () => {
  const scoped = await t.app.inject({ method: 'POST', url: '/v1/reports/sales.by-store/run', headers: headers(f.keyA), payload: { params: {} } });
  assert.equal(scoped.statusCode, 403);
  assert.equal(scoped.json().code, 'forbidden_store_scope');
  const support = await signIn(t, 'support');
  assert.equal((await t.app.inject({ method: 'GET', url: '/v1/reports', headers: { cookie: support.cookie } })).statusCode, 403);
  const bad = await t.app.inject({ method: 'POST', url: '/v1/reports/sales.abc/run', headers: headers(f.chainKey), payload: { params: { measure: 'profit' } } });
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().code, 'validation_failed');
  assert.match(bad.json().detail, /measure/);
  const unknown = await t.app.inject({ method: 'POST', url: '/v1/reports/sales.nothing/run', headers: headers(f.chainKey), payload: {} });
  assert.equal(unknown.statusCode, 404);
  assert.equal(unknown.json().code, 'not_found');
});

test('the cube through the API, with the same access rules', async () => {
  const cube = await t.app.inject({
    method: 'POST',
    url: '/v1/cube',
    headers: headers(f.chainKey),
    payload: { measures: ['revenue_kopecks', 'receipts'], dimensions: ['store'], filters: { category: ['dairy'] }, from: '2026-03-01', to: '2026-03-07' },
  });
  assert.equal(cube.statusCode, 200, cube.body);
  assert.deepEqual(cube.json().rows, [{ store: 'A-001', revenue_kopecks: 17980, receipts: 1 }, { store: 'B-002', revenue_kopecks: 39950, receipts: 1 }]);
  const bad = await t.app.inject({ method: 'POST', url: '/v1/cube', headers: headers(f.chainKey), payload: { measures: ['revenue_kopecks'], dimensions: ['colour'] } });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.json().detail, /No dimension colour/);
  assert.equal((await t.app.inject({ method: 'POST', url: '/v1/cube', headers: headers(f.keyA), payload: { measures: ['receipts'] } })).statusCode, 403);
});

test('reports and pivots export as CSV, XLSX and Parquet with the rows the JSON run gives', async () => {
  const { cookie } = await signIn(t, 'analyst');
  const params = { from: '2026-03-01', to: '2026-03-07' };
  const json = (await t.app.inject({ method: 'POST', url: '/v1/reports/sales.by-store/run', headers: { cookie }, payload: { params } })).json().rows as Record<string, unknown>[];
  const columns = ['key', 'receipts', 'revenue_kopecks'];
  const xlsx = await t.app.inject({ method: 'POST', url: '/v1/reports/sales.by-store/export', headers: { cookie }, payload: { params, format: 'xlsx' } });
  assert.equal(xlsx.statusCode, 200, xlsx.body);
  assert.equal(xlsx.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  assert.match(String(xlsx.headers['content-disposition']), /filename="sales\.by-store\.xlsx"/);
  const sheet = readXlsxRows(xlsx.rawPayload);
  const header = sheet[0]!;
  assert.deepEqual(sheet.slice(1).map((row) => columns.map((c) => row[header.indexOf(c)])), json.map((r) => columns.map((c) => String(r[c]))));

  const parquet = await t.app.inject({ method: 'POST', url: '/v1/reports/sales.by-store/export', headers: headers(f.chainKey), payload: { params, format: 'parquet' } });
  assert.equal(parquet.statusCode, 200, parquet.body);
  const file = join(exportFolder, 'by-store.parquet');
  writeFileSync(file, parquet.rawPayload);
  const back = await t.analytics.query(`SELECT ${columns.join(', ')} FROM read_parquet('${file}')`);
  assert.deepEqual(back, json.map((r) => Object.fromEntries(columns.map((c) => [c, r[c]]))));

  const csv = await t.app.inject({ method: 'POST', url: '/v1/cube/export', headers: { cookie }, payload: { measures: ['receipts'], dimensions: ['store'], format: 'csv' } });
  assert.equal(csv.statusCode, 200, csv.body);
  assert.match(csv.body, /^store,receipts\n/);
  const bad = await t.app.inject({ method: 'POST', url: '/v1/reports/sales.by-store/export', headers: { cookie }, payload: { params, format: 'pdf' } });
  assert.equal(bad.json().code, 'validation_failed');
});
