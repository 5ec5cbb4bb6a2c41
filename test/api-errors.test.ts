import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { errorCodes, packageRoot } from '../src/core/index.ts';
import { createTestApp, signIn, type TestApp } from './helpers/test-app.ts';

let t: TestApp;
let admin: { cookie: string };
before(async () => {
  t = await createTestApp();
  admin = await signIn(t, 'admin');
});
after(async () => t.close());

function assertProblem(response: { statusCode: number; headers: Record<string, unknown>; json(): any }, status: number, code: string) {
  assert.equal(response.statusCode, status);
  assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
  const body = response.json();
  assert.equal(body.code, code);
  assert.equal(body.status, status);
  assert.equal(body.type, `/docs/errors#${code}`);
  assert.equal(typeof body.title, 'string');
  assert.equal(typeof body.detail, 'string');
  assert.equal(body.request_id, response.headers['x-request-id']);
  return body;
}

test('an unknown route is a 404 problem with a request id', async () => {
  const response = await t.app.inject({ method: 'GET', url: '/v1/no-such-thing' });
  const body = assertProblem(response, 404, 'not_found');
  assert.match(body.request_id, /^req_/);
  assert.equal(body.instance, '/v1/no-such-thing');
});

test("a caller's own X-Request-Id is kept; a hostile one is replaced", async () => {
  const kept = await t.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'pos-17.till-3:0042' } });
  assert.equal(kept.headers['x-request-id'], 'pos-17.till-3:0042');
  const replaced = await t.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': '<script>' } });
  assert.match(String(replaced.headers['x-request-id']), /^req_/);
});

test('schema violations list every offending field', async () => {
  const response = await t.app.inject({
    method: 'POST',
    url: '/v1/stores',
    headers: { cookie: admin.cookie },
    payload: { code: 'bad code with spaces', name: '', time_zone: 'Nowhere/Else' },
  });
  const body = assertProblem(response, 400, 'validation_failed');
  const paths = body.errors.map((e: { path: string }) => e.path).sort();
  assert.deepEqual(paths, ['body/code', 'body/name', 'body/time_zone']);
});

test('malformed JSON, wrong media type and oversize bodies get their own codes', async () => {
  const headers = { cookie: admin.cookie, 'content-type': 'application/json' };
  assertProblem(await t.app.inject({ method: 'POST', url: '/v1/stores', headers, payload: '{"code": ' }), 400, 'malformed_json');
  assertProblem(
    await t.app.inject({ method: 'POST', url: '/v1/stores', headers: { cookie: admin.cookie, 'content-type': 'text/plain' }, payload: 'code=1' }),
    415,
    'unsupported_media_type',
  );
  const huge = JSON.stringify({ code: 'X', name: 'x'.repeat(6 * 1024 * 1024) });
  assertProblem(await t.app.inject({ method: 'POST', url: '/v1/stores', headers, payload: huge }), 413, 'payload_too_large');
});

test('bad input changes nothing', async () => {
  await t.app.inject({ method: 'POST', url: '/v1/stores', headers: { cookie: admin.cookie }, payload: { code: 'A B' } });
  assert.equal((await t.db.pool.query('SELECT count(*)::int AS n FROM stores')).rows[0].n, 0);
});

test('a duplicate is a 409 already_exists', async () => {
  const payload = { code: 'DUP-1', name: 'First' };
  assert.equal((await t.app.inject({ method: 'POST', url: '/v1/stores', headers: { cookie: admin.cookie }, payload })).statusCode, 201);
  assertProblem(await t.app.inject({ method: 'POST', url: '/v1/stores', headers: { cookie: admin.cookie }, payload }), 409, 'already_exists');
});

test('every error code is documented in both languages with a status and an exit code', () => {
  for (const [code, spec] of Object.entries(errorCodes)) {
    assert.match(code, /^[a-z]+(_[a-z]+)*$/, `${code} is not snake_case`);
    assert.ok(spec.status >= 400 && spec.status < 600, `${code} status`);
    assert.ok(spec.exit > 0, `${code} exit code`);
    assert.ok(spec.en.length > 10 && spec.ru.length > 10, `${code} descriptions`);
    assert.match(spec.ru, /[а-яё]/i, `${code} Russian text`);
  }
});

test('every code used in the source is in the code table', () => {
  const used = new Set<string>();
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
        const text = readFileSync(path, 'utf8');
        for (const match of text.matchAll(/PatronError\(\s*['"]([a-z_]+)['"]/g)) used.add(match[1]!);
        for (const match of text.matchAll(/:\s*'([a-z_]+)',?\s*$/gm)) {
          if (path.endsWith('problem.ts')) used.add(match[1]!);
        }
      }
    }
  };
  walk(join(packageRoot, 'src'));
  assert.ok(used.size >= 10, `found only ${used.size} codes; the scan is broken`);
  const undocumented = [...used].filter((code) => !Object.hasOwn(errorCodes, code));
  assert.deepEqual(undocumented, []);
});

test('the error code page and the OpenAPI description list every code', async () => {
  const page = await t.app.inject({ method: 'GET', url: '/docs/errors' });
  assert.equal(page.statusCode, 200);
  const openapi = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
  for (const code of Object.keys(errorCodes)) {
    assert.ok(page.body.includes(`id="${code}"`), `${code} missing from /docs/errors`);
    assert.ok(openapi.info.description.includes(`\`${code}\``), `${code} missing from the OpenAPI description`);
  }
});

test('an unexpected failure is a 500 internal_error that leaks nothing', async () => {
  // A dependency failing in a way no code foresees: the database pool is gone.
  const broken = await createTestApp();
  await broken.db.pool.end();
  const response = await broken.app.inject({ method: 'GET', url: '/v1/stores', headers: { authorization: 'Bearer key_x.y' } });
  const body = assertProblem(response, 500, 'internal_error');
  assert.doesNotMatch(body.detail, /pool|Cannot use/i);
  await broken.close();
});
