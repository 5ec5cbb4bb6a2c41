import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildApp, LoginThrottle, type App } from '../src/api/index.ts';
import { loadConfig } from '../src/config/index.ts';
import { PatronError } from '../src/core/index.ts';
import { createPool, withTransaction, type Pool } from '../src/db/index.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { createRetailFixture, headers, nextKey, type RetailFixture } from './helpers/retail-fixture.ts';

let t: TestApp;
let f: RetailFixture;
let impatient: Pool;
let impatientApp: App;
before(async () => {
  t = await createTestApp();
  f = await createRetailFixture(t);
  // The same database behind an app whose connections give up on a lock after 300 ms.
  impatient = createPool(t.db.url, { lockTimeoutMs: 300 });
  impatientApp = await buildApp(
    { config: t.config, pool: impatient, analytics: t.analytics, loginThrottle: new LoginThrottle(), version: 'test' },
    { logger: false },
  );
});
after(async () => {
  await impatientApp.close();
  await impatient.end();
  await t.close();
});

test('a till waiting on a stuck lock gets 503 busy_retry quickly, and nothing is written', async () => {
  await t.app.inject({ method: 'POST', url: '/v1/customers', headers: headers(f.keyA, nextKey()), payload: { card: '7744000001' } });
  const member = (await t.db.pool.query("SELECT customer_id FROM cards WHERE number = '7744000001'")).rows[0].customer_id;
  const stuck = await t.db.pool.connect();
  await stuck.query('BEGIN');
  await stuck.query('SELECT * FROM ledger_accounts WHERE customer_id = $1 FOR UPDATE', [member]);
  try {
    const before = (await t.db.pool.query('SELECT count(*)::int AS n FROM receipts')).rows[0].n;
    const started = Date.now();
    const response = await impatientApp.inject({
      method: 'POST',
      url: '/v1/receipts',
      headers: headers(f.keyA, nextKey()),
      payload: { terminal: '1', number: 'stuck-1', customer: { card: '7744000001' }, lines: [{ sku: 'MILK', qty: 1, price_kopecks: 8990, amount_kopecks: 8990 }] },
    });
    assert.equal(response.statusCode, 503, response.body);
    assert.equal(response.json().code, 'busy_retry');
    assert.ok(Date.now() - started < 3000, 'the till waited too long');
    assert.equal((await t.db.pool.query('SELECT count(*)::int AS n FROM receipts')).rows[0].n, before);
  } finally {
    await stuck.query('ROLLBACK');
    stuck.release();
  }
});

test('a PostgreSQL that is gone is 503 database_unavailable, not an internal error', async () => {
  const dead = createPool('postgresql://patron:x@127.0.0.1:1/patron');
  const app = await buildApp(
    { config: loadConfig({ PATRON_HOME: '/tmp/x', PATRON_LOG_LEVEL: 'silent' }), pool: dead, analytics: undefined, loginThrottle: new LoginThrottle(), version: 'test' },
    { logger: false },
  );
  try {
    const response = await app.inject({ method: 'GET', url: '/v1/stores', headers: headers(f.keyA) });
    assert.equal(response.statusCode, 503);
    assert.equal(response.json().code, 'database_unavailable');
    const ready = await app.inject({ method: 'GET', url: '/readyz' });
    assert.equal(ready.statusCode, 503);
    assert.equal(ready.json().code, 'not_ready');
  } finally {
    await app.close();
    await dead.end();
  }
});

test('a deadlock or serialization failure is retried once by the transaction', async () => {
  let attempts = 0;
  const result = await withTransaction(t.db.pool, async (client) => {
    attempts++;
    await client.query('SELECT 1');
    if (attempts === 1) throw Object.assign(new Error('deadlock detected'), { code: '40P01' });
    return 'done';
  });
  assert.equal(result, 'done');
  assert.equal(attempts, 2);
  let always = 0;
  await assert.rejects(
    withTransaction(t.db.pool, async () => {
      always++;
      throw Object.assign(new Error('could not serialize'), { code: '40001' });
    }),
  );
  assert.equal(always, 2, 'retried once, not forever');
  await assert.rejects(withTransaction(createPool('postgresql://patron:x@127.0.0.1:1/patron'), async () => 1), (e: unknown) => e instanceof PatronError && e.code === 'database_unavailable');
});
