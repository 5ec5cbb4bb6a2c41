import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestApp, type TestApp } from './helpers/test-app.ts';

let t: TestApp;
let doc: any;
before(async () => {
  t = await createTestApp();
  doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
});
after(async () => t.close());

const operations = () =>
  Object.entries<Record<string, any>>(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));

test('every operation has a summary, a tag, a problem+json error response and its security', () => {
  const all = operations();
  assert.ok(all.length >= 30, `only ${all.length} operations documented`);
  for (const { path, method, op } of all) {
    const name = `${method.toUpperCase()} ${path}`;
    assert.ok(op.summary, `${name} has no summary`);
    assert.ok(op.tags?.length, `${name} has no tag`);
    assert.ok(op.responses?.default?.content?.['application/problem+json'], `${name} does not document its errors`);
    const isPublic = ['/healthz', '/readyz', '/docs/errors'].includes(path) || (path === '/v1/session' && method === 'post');
    if (!isPublic) assert.ok(op.security?.length, `${name} does not say which credentials it takes`);
  }
});

test('the protocol operations carry request examples and document Idempotency-Key', () => {
  const protocol = ['/v1/receipts/calculate', '/v1/receipts', '/v1/receipts/{id}/returns', '/v1/holds', '/v1/customers'];
  for (const path of protocol) {
    const body = doc.paths[path].post.requestBody.content['application/json'];
    assert.ok(body.schema.example, `POST ${path} has no example`);
  }
  const confirm = doc.paths['/v1/receipts'].post;
  assert.ok(confirm.parameters.some((p: { in: string; name: string }) => p.in === 'header' && p.name === 'idempotency-key'));
  assert.equal(confirm.requestBody.content['application/json'].schema.example.lines.length, 2);
});
