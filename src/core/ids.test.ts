import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isId, newId } from './ids.ts';

test('ids carry their prefix and sort by creation time', () => {
  const early = newId('sto', Date.UTC(2026, 0, 1));
  const late = newId('sto', Date.UTC(2026, 0, 2));
  assert.ok(isId(early, 'sto'));
  assert.ok(!isId(early, 'usr'));
  assert.ok(early < late);
  assert.equal(early.length, 4 + 26);
});

test('ids made in the same millisecond differ', () => {
  const now = Date.now();
  const ids = new Set(Array.from({ length: 10_000 }, () => newId('req', now)));
  assert.equal(ids.size, 10_000);
});
