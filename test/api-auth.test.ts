import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { revokeApiKey } from '../src/api/index.ts';
import type { Store } from '../src/catalog/index.ts';
import { addStore, apiKeyFor, createTestApp, signIn, type TestApp } from './helpers/test-app.ts';

let t: TestApp;
let storeA: Store;
let storeB: Store;
let keyA: string;
let chainKey: string;
before(async () => {
  t = await createTestApp();
  storeA = await addStore(t, 'A-001');
  storeB = await addStore(t, 'B-002');
  keyA = await apiKeyFor(t, storeA);
  chainKey = await apiKeyFor(t, null);
});
after(async () => t.close());

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

test('no credentials: 401 auth_required', async () => {
  const response = await t.app.inject({ method: 'GET', url: '/v1/stores' });
  assert.equal(response.statusCode, 401);
  assert.equal(response.json().code, 'auth_required');
});

test('an unknown or malformed key: 401 auth_invalid_credentials', async () => {
  for (const token of ['nonsense', `${keyA.split('.')[0]}.wrong-secret`, 'key_00000000000000000000000000.x']) {
    const response = await t.app.inject({ method: 'GET', url: '/v1/stores', headers: bearer(token) });
    assert.equal(response.statusCode, 401, token);
    assert.equal(response.json().code, 'auth_invalid_credentials');
  }
});

test('a key for store A reading store B: 403 forbidden_store_scope', async () => {
  const own = await t.app.inject({ method: 'GET', url: `/v1/stores/${storeA.code}`, headers: bearer(keyA) });
  assert.equal(own.statusCode, 200);
  const other = await t.app.inject({ method: 'GET', url: `/v1/stores/${storeB.code}`, headers: bearer(keyA) });
  assert.equal(other.statusCode, 403);
  assert.equal(other.json().code, 'forbidden_store_scope');
});

test('a store-scoped key lists only its store; a chain key lists all', async () => {
  const scoped = await t.app.inject({ method: 'GET', url: '/v1/stores', headers: bearer(keyA) });
  assert.deepEqual(scoped.json().stores.map((s: Store) => s.code), ['A-001']);
  const chain = await t.app.inject({ method: 'GET', url: '/v1/stores', headers: bearer(chainKey) });
  assert.deepEqual(chain.json().stores.map((s: Store) => s.code), ['A-001', 'B-002']);
});

test('the X-Api-Key header works as well as Authorization: Bearer', async () => {
  const response = await t.app.inject({ method: 'GET', url: '/v1/stores', headers: { 'x-api-key': chainKey } });
  assert.equal(response.statusCode, 200);
});

test('a revoked key stops working at once', async () => {
  const token = await apiKeyFor(t, null);
  assert.equal((await t.app.inject({ method: 'GET', url: '/v1/stores', headers: bearer(token) })).statusCode, 200);
  await revokeApiKey(t.db.pool, token.split('.')[0]!);
  const response = await t.app.inject({ method: 'GET', url: '/v1/stores', headers: bearer(token) });
  assert.equal(response.statusCode, 401);
});

test('API keys cannot use admin endpoints: 403 forbidden_credential_kind', async () => {
  const response = await t.app.inject({ method: 'GET', url: '/v1/users', headers: bearer(chainKey) });
  assert.equal(response.statusCode, 403);
  assert.equal(response.json().code, 'forbidden_credential_kind');
});

test('roles: an analyst may read stores but not create users or keys', async () => {
  const analyst = await signIn(t, 'analyst');
  assert.equal((await t.app.inject({ method: 'GET', url: '/v1/stores', headers: { cookie: analyst.cookie } })).statusCode, 200);
  for (const [method, url, payload] of [
    ['POST', '/v1/users', { email: 'x@y.z', name: 'x', role: 'admin', password: 'long enough pw' }],
    ['POST', '/v1/api-keys', { name: 'k' }],
    ['GET', '/v1/api-keys', undefined],
  ] as const) {
    const response = await t.app.inject({ method, url, headers: { cookie: analyst.cookie }, ...(payload ? { payload } : {}) });
    assert.equal(response.statusCode, 403, `${method} ${url}`);
    assert.equal(response.json().code, 'forbidden_role');
  }
});

test('sign-in sets an HttpOnly SameSite cookie; /v1/me answers; sign-out ends the session', async () => {
  const { cookie, email } = await signIn(t, 'marketer');
  const me = await t.app.inject({ method: 'GET', url: '/v1/me', headers: { cookie } });
  assert.equal(me.statusCode, 200);
  assert.equal(me.json().user.email, email);
  assert.equal(me.json().settings.currency, 'RUB');
  const out = await t.app.inject({ method: 'DELETE', url: '/v1/session', headers: { cookie } });
  assert.equal(out.statusCode, 200);
  const after = await t.app.inject({ method: 'GET', url: '/v1/me', headers: { cookie } });
  assert.equal(after.statusCode, 401);
  assert.equal(after.json().code, 'auth_invalid_credentials');
});

test('the session cookie is HttpOnly and SameSite=Lax, and the password is never returned', async () => {
  const { email } = await signIn(t, 'support');
  const response = await t.app.inject({ method: 'POST', url: '/v1/session', payload: { email, password: 'correct horse battery' } });
  const setCookie = String(response.headers['set-cookie']);
  assert.match(setCookie, /HttpOnly/);
  assert.match(setCookie, /SameSite=Lax/);
  assert.doesNotMatch(response.body, /scrypt|password/);
});

test('passwords are stored as scrypt hashes, never in clear', async () => {
  const rows = (await t.db.pool.query('SELECT password_hash FROM users')).rows;
  assert.ok(rows.length > 0);
  for (const row of rows) {
    assert.match(row.password_hash, /^scrypt\$16384\$8\$1\$/);
    assert.doesNotMatch(row.password_hash, /correct horse/);
  }
});

test('a wrong password is 401; ten failures lock the e-mail out with 429 and Retry-After', async () => {
  const { email } = await signIn(t, 'support');
  for (let i = 0; i < 10; i++) {
    const wrong = await t.app.inject({ method: 'POST', url: '/v1/session', payload: { email, password: `wrong-${i}` } });
    assert.equal(wrong.statusCode, 401);
  }
  const locked = await t.app.inject({ method: 'POST', url: '/v1/session', payload: { email, password: 'correct horse battery' } });
  assert.equal(locked.statusCode, 429);
  assert.equal(locked.json().code, 'auth_rate_limited');
  assert.ok(Number(locked.headers['retry-after']) > 0);
});

test('a session cannot be used for a write from another site', async () => {
  const { cookie } = await signIn(t, 'admin');
  const response = await t.app.inject({
    method: 'POST',
    url: '/v1/stores',
    headers: { cookie, origin: 'https://evil.example', host: 'patron.example' },
    payload: { code: 'EVIL-1', name: 'x' },
  });
  assert.equal(response.statusCode, 403);
  assert.equal((await t.db.pool.query("SELECT count(*)::int AS n FROM stores WHERE code = 'EVIL-1'")).rows[0].n, 0);
});

test('admins create API keys through the API; the token is shown once and works', async () => {
  const { cookie } = await signIn(t, 'admin');
  const created = await t.app.inject({ method: 'POST', url: '/v1/api-keys', headers: { cookie }, payload: { name: 'tills', store: 'B-002' } });
  assert.equal(created.statusCode, 201);
  const { token, api_key } = created.json();
  assert.equal(api_key.store_code, 'B-002');
  const listed = await t.app.inject({ method: 'GET', url: '/v1/api-keys', headers: { cookie } });
  assert.doesNotMatch(listed.body, new RegExp(token.split('.')[1]));
  const used = await t.app.inject({ method: 'GET', url: '/v1/stores', headers: bearer(token) });
  assert.deepEqual(used.json().stores.map((s: Store) => s.code), ['B-002']);
  const keys = (await t.app.inject({ method: 'GET', url: '/v1/api-keys', headers: { cookie } })).json().api_keys;
  assert.ok(keys.find((k: { id: string; last_used_at: string | null }) => k.id === api_key.id).last_used_at);
});

test('every non-public operation in the OpenAPI document refuses an anonymous caller', async () => {
  const openapi = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
  const publicPaths = new Set(['/healthz', '/readyz', '/v1/session:post', '/docs/errors']);
  let checked = 0;
  for (const [path, operations] of Object.entries<Record<string, unknown>>(openapi.paths)) {
    for (const method of Object.keys(operations)) {
      if (publicPaths.has(path) || publicPaths.has(`${path}:${method}`)) continue;
      const url = path.replace(/\{[^}]+\}/g, 'x');
      const response = await t.app.inject({ method: method.toUpperCase() as 'GET', url, payload: method === 'get' ? undefined : {} });
      assert.equal(response.statusCode, 401, `${method.toUpperCase()} ${path} answered ${response.statusCode} without credentials`);
      checked++;
    }
  }
  assert.ok(checked >= 9, `only ${checked} operations checked`);
});
