import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openAnalyticsStore } from '../analytics-store.ts';
import { evaluation } from './model-evaluations.ts';

test('a kept evaluation is read while the imports are the same and the data moved on by at most a day', async () => {
  const store = await openAnalyticsStore(':memory:');
  try {
    await store.migrate();
    const receipt = (id: string, ts: string, source: string) =>
      store.run(`INSERT INTO receipts (receipt_id, store_id, ts, total_kopecks, source) VALUES ($1, 's1', $2::TIMESTAMPTZ, 100, $3)`, [id, ts, source]);
    await receipt('r1', '2026-03-01T10:00:00Z', 'patron');
    let computed = 0;
    const evaluate = async () => ({ run: ++computed });
    const ask = (options: Record<string, unknown> = { window_days: 90 }, fresh = false) => evaluation(store, 'churn', options, fresh, evaluate);

    const first = await ask();
    assert.deepEqual([first.result, first.stored], [{ run: 1 }, false]);
    assert.deepEqual([(await ask()).result, (await ask()).stored], [{ run: 1 }, true]);
    // Other options are another evaluation; asked fresh, it is computed whatever was kept.
    assert.deepEqual((await ask({ window_days: 60 })).result, { run: 2 });
    assert.deepEqual((await ask({ window_days: 90 }, true)).result, { run: 3 });
    // Absent and null options are the same key, in any order of keys.
    assert.deepEqual((await ask({ source: undefined, window_days: 90 })).result, { run: 3 });

    // Receipts keep arriving through processing: within a day of the kept one's data it stands.
    await receipt('r2', '2026-03-01T22:00:00Z', 'patron');
    assert.deepEqual((await ask()).result, { run: 3 });
    // More than a day later, it is computed anew.
    await receipt('r3', '2026-03-02T23:00:00Z', 'patron');
    assert.deepEqual((await ask()).result, { run: 4 });
    // An import (a receipt of its own source, however old) changes the data it stands on.
    await receipt('i1', '2025-01-01T00:00:00Z', 'import:0123456789ab');
    assert.deepEqual((await ask()).result, { run: 5 });
    assert.deepEqual((await ask()).result, { run: 5 });
    // Data taken away (a rebuild to an earlier state) is not the data it was computed on either.
    await store.run(`DELETE FROM receipts WHERE receipt_id = 'r3'`);
    assert.deepEqual((await ask()).result, { run: 6 });
  } finally {
    store.close();
  }
});
