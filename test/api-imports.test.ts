import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { createRetailFixture, headers, type RetailFixture } from './helpers/retail-fixture.ts';
import { createTestApp, signIn, type TestApp } from './helpers/test-app.ts';

let t: TestApp;
let f: RetailFixture;
before(async () => {
  t = await createTestApp();
  f = await createRetailFixture(t);
});
after(async () => t.close());

async function waitFor(id: string, cookie: string): Promise<Record<string, unknown>> {
  for (let i = 0; i < 200; i++) {
    const job = (await t.app.inject({ method: 'GET', url: `/v1/imports/${id}`, headers: { cookie } })).json();
    if (job.status === 'done' || job.status === 'failed') return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the import job did not finish');
}

test('an upload imports as a job whose progress and summary the API reports; the data then answers reports', async () => {
  const { cookie } = await signIn(t, 'analyst');
  const groceries = readFileSync(new URL('../../shared/datasets/groceries/groceries.csv', import.meta.url));
  const started = await t.app.inject({
    method: 'POST', url: '/v1/imports?preset=baskets&filename=groceries.csv', headers: { cookie, 'content-type': 'application/octet-stream' }, payload: groceries,
  });
  assert.equal(started.statusCode, 202, started.body);
  assert.ok(['queued', 'running', 'done'].includes(started.json().status));
  const job = await waitFor(started.json().id, cookie);
  assert.equal(job['status'], 'done', JSON.stringify(job));
  const progress = job['progress'] as { done: number; total: number };
  assert.ok(progress.total > 0 && progress.done === progress.total);
  const summary = job['summary'] as { receipts: number; rejected: number; source: string };
  assert.equal(summary.receipts, 9835);
  assert.equal(summary.rejected, 0);
  // The job refreshed the rollups over the file's day before it said done.
  assert.deepEqual(await t.analytics.query('SELECT (SELECT count(*) FROM stale_rollup_days)::INTEGER AS stale, (SELECT sum(lines) FROM line_day_sums)::INTEGER AS lines'), [{ stale: 0, lines: 43_367 }]);
  const rules = await t.app.inject({ method: 'POST', url: '/v1/reports/basket.association-rules/run', headers: { cookie }, payload: { params: { min_support: '0.001', min_confidence: '0.8', source: summary.source } } });
  assert.equal(rules.json().rows.length, 410);
  const list = (await t.app.inject({ method: 'GET', url: '/v1/imports', headers: { cookie } })).json().jobs as { id: string }[];
  assert.equal(list[0]!.id, started.json().id);
});

test('a file the preset cannot read fails its job with a stable code; bad requests are refused at once', async () => {
  const { cookie } = await signIn(t, 'marketer');
  const parquetish = Buffer.concat([Buffer.from('PAR1'), Buffer.alloc(16)]);
  const started = await t.app.inject({ method: 'POST', url: '/v1/imports?preset=cdnow&filename=x.parquet', headers: { cookie, 'content-type': 'application/octet-stream' }, payload: parquetish });
  const job = await waitFor(started.json().id, cookie);
  assert.equal(job['status'], 'failed');
  assert.equal((job['error'] as { code: string }).code, 'validation_failed');
  const badMap = await t.app.inject({ method: 'POST', url: '/v1/imports?preset=transactions&filename=a.csv&map=Дата=when', headers: { cookie, 'content-type': 'application/octet-stream' }, payload: Buffer.from('a\n') });
  assert.equal(badMap.statusCode, 400);
  assert.equal(badMap.json().code, 'validation_failed');
  const badName = await t.app.inject({ method: 'POST', url: '/v1/imports?preset=baskets&filename=../../etc/passwd', headers: { cookie, 'content-type': 'application/octet-stream' }, payload: Buffer.from('a\n') });
  assert.equal(badName.statusCode, 400);
  const scoped = await t.app.inject({ method: 'POST', url: '/v1/imports?preset=baskets&filename=a.csv', headers: { ...headers(f.keyA), 'content-type': 'application/octet-stream' }, payload: Buffer.from('a\n') });
  assert.equal(scoped.json().code, 'forbidden_store_scope');
  assert.equal((await t.app.inject({ method: 'GET', url: '/v1/imports/imp_nothing', headers: { cookie } })).json().code, 'not_found');
});

test('the files the read side holds are listed under their uploaded names and can be taken off it', async () => {
  const { cookie } = await signIn(t, 'analyst');
  const csv = Buffer.from('receipt,ts,sku,qty,price\nA1,2026-01-05 10:00:00,milk,2,50\nA2,2026-01-09 12:00:00,tea,1,90\n');
  const started = await t.app.inject({ method: 'POST', url: '/v1/imports?preset=transactions&filename=январь.csv', headers: { cookie, 'content-type': 'application/octet-stream' }, payload: csv });
  const job = await waitFor(started.json().id, cookie);
  const source = (job['summary'] as { source: string }).source;
  const listed = await t.app.inject({ method: 'GET', url: '/v1/import-sources', headers: { cookie } });
  assert.equal(listed.statusCode, 200, listed.body);
  const record = (listed.json().imports as { source: string }[]).find((r) => r.source === source);
  assert.deepEqual({ ...record, imported_at: null }, {
    source, file: 'январь.csv', preset: 'transactions', encoding: 'utf-8', imported_at: null,
    rows: 2, imported: 2, rejected: 0, receipts: 2, lines: 2, customers: 0, first_day: '2026-01-05', last_day: '2026-01-09',
  });

  const january = () => t.app.inject({ method: 'POST', url: '/v1/reports/sales.by-store/run', headers: { cookie }, payload: { params: { from: '2026-01-01', to: '2026-01-31' } } });
  assert.equal((await january()).json().rows.length, 1);

  // A marketer reads the list but takes nothing off; an analyst does, once.
  const marketer = await signIn(t, 'marketer');
  assert.equal((await t.app.inject({ method: 'GET', url: '/v1/import-sources', headers: { cookie: marketer.cookie } })).statusCode, 200);
  assert.equal((await t.app.inject({ method: 'DELETE', url: `/v1/import-sources/${source}`, headers: { cookie: marketer.cookie } })).statusCode, 403);
  const removed = await t.app.inject({ method: 'DELETE', url: `/v1/import-sources/${source}`, headers: { cookie } });
  assert.equal(removed.statusCode, 200, removed.body);
  assert.deepEqual(removed.json(), { removed: source });
  const after = (await t.app.inject({ method: 'GET', url: '/v1/import-sources', headers: { cookie } })).json().imports as { source: string }[];
  assert.equal(after.some((r) => r.source === source), false);
  assert.deepEqual((await january()).json().rows, []);
  const again = await t.app.inject({ method: 'DELETE', url: `/v1/import-sources/${source}`, headers: { cookie } });
  assert.equal(again.statusCode, 404);
  assert.equal(again.json().code, 'not_found');
  const own = await t.app.inject({ method: 'DELETE', url: '/v1/import-sources/patron', headers: { cookie } });
  assert.equal(own.statusCode, 400);
  assert.equal(own.json().code, 'validation_failed');
});
