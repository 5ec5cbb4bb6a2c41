import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { PatronError, analyticsMigrationsFolder, readMigrationFiles } from '../core/index.ts';
import { openAnalyticsStore, type AnalyticsStore } from './analytics-store.ts';
import { addLotMovements } from './sync/lot-state.ts';

/** Migrates `store` to where the read side stood before migration `next`: every earlier one, copied into `folder`. */
async function migrateBefore(store: AnalyticsStore, folder: string, next: string): Promise<void> {
  for (const file of readdirSync(analyticsMigrationsFolder).filter((f) => f.endsWith('.sql') && f < next)) copyFileSync(join(analyticsMigrationsFolder, file), join(folder, file));
  await store.migrate({ folder });
}

/** Then applies migration `next` to it, returning the migrations that ran. */
async function migrateNext(store: AnalyticsStore, folder: string, next: string): Promise<string[]> {
  copyFileSync(join(analyticsMigrationsFolder, next), join(folder, next));
  return store.migrate({ folder });
}

test('the DuckDB store is created, migrated once, and keeps its data across reopening', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'patron-duck-'));
  const path = join(folder, 'analytics.duckdb');
  try {
    const store = await openAnalyticsStore(path);
    const applied = await store.migrate();
    assert.deepEqual(applied, readMigrationFiles(analyticsMigrationsFolder).map((f) => f.name));
    await store.run(
      "INSERT INTO receipts (receipt_id, store_id, ts, total_kopecks, source) VALUES ('r1', 's1', TIMESTAMPTZ '2026-01-01 10:00:00+03', 12345, 'test')",
    );
    store.close();

    const reopened = await openAnalyticsStore(path);
    assert.deepEqual(await reopened.migrate(), []);
    const rows = await reopened.query('SELECT receipt_id, total_kopecks FROM receipts');
    // BIGINT arrives as a JS number when it fits, so JSON carries it as an integer.
    assert.deepEqual(rows, [{ receipt_id: 'r1', total_kopecks: 12345 }]);
    reopened.close();
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('an edited analytics migration is refused', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'patron-duck-mig-'));
  try {
    writeFileSync(join(folder, '0001-a.sql'), 'CREATE TABLE a (x INTEGER);');
    const store = await openAnalyticsStore(':memory:');
    await store.migrate({ folder });
    writeFileSync(join(folder, '0001-a.sql'), 'CREATE TABLE a (x BIGINT);');
    await assert.rejects(store.migrate({ folder }), (e: unknown) => e instanceof PatronError && e.code === 'migration_edited');
    store.close();
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('a failing analytics migration is rolled back whole', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'patron-duck-bad-'));
  try {
    writeFileSync(join(folder, '0001-bad.sql'), 'CREATE TABLE half (x INTEGER); SELECT * FROM no_such_table;');
    const store = await openAnalyticsStore(':memory:');
    await assert.rejects(store.migrate({ folder }), (e: unknown) => e instanceof PatronError && e.code === 'migration_failed');
    const tables = await store.query("SELECT table_name FROM information_schema.tables WHERE table_name = 'half'");
    assert.equal(tables.length, 0);
    store.close();
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('huge BIGINTs are carried as strings rather than rounded', async () => {
  const store = await openAnalyticsStore(':memory:');
  const rows = await store.query('SELECT 9007199254740993::BIGINT AS big, 42::BIGINT AS small');
  assert.deepEqual(rows, [{ big: '9007199254740993', small: 42 }]);
  store.close();
});

test('landed analytics migrations are never edited: their checksums are pinned', () => {
  const pinned: Record<string, string> = JSON.parse(readFileSync(join(analyticsMigrationsFolder, 'checksums.json'), 'utf8'));
  for (const file of readMigrationFiles(analyticsMigrationsFolder)) {
    assert.equal(pinned[file.name], file.checksum, `${file.name} is new or was edited`);
  }
});

test('migration 0008 gives lines synced before it their receipt\'s time, store and customer', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'patron-duck-0008-'));
  const store = await openAnalyticsStore(':memory:');
  try {
    await migrateBefore(store, folder, '0008-lines-carry-their-receipt.sql');
    await store.run(`INSERT INTO stores (store_id, name, time_zone, source) VALUES ('s1', 'One', 'Asia/Yekaterinburg', 'patron')`);
    await store.run(`INSERT INTO receipts (receipt_id, store_id, customer_id, ts, total_kopecks, source, local_ts) VALUES
      ('r1', 's1', 'c1', TIMESTAMPTZ '2026-03-01 20:30:00+00', 300, 'patron', TIMESTAMP '2026-03-02 01:30:00'),
      ('r2', 's1', NULL, TIMESTAMPTZ '2026-03-02 08:00:00+00', 100, 'patron', TIMESTAMP '2026-03-02 13:00:00')`);
    await store.run(`INSERT INTO receipt_lines (receipt_id, line_no, sku, qty, amount_kopecks) VALUES ('r1', 1, 'A', 1, 200), ('r1', 2, 'B', 1, 100), ('r2', 1, 'A', 1, 100)`);
    assert.deepEqual(await migrateNext(store, folder, '0008-lines-carry-their-receipt.sql'), ['0008-lines-carry-their-receipt.sql']);
    const lines = await store.query(`SELECT receipt_id, line_no, store_id, customer_id, ts::VARCHAR AS ts, local_ts::VARCHAR AS local_ts FROM receipt_lines ORDER BY 1, 2`);
    assert.deepEqual(lines, [
      { receipt_id: 'r1', line_no: 1, store_id: 's1', customer_id: 'c1', ts: '2026-03-01 20:30:00+00', local_ts: '2026-03-02 01:30:00' },
      { receipt_id: 'r1', line_no: 2, store_id: 's1', customer_id: 'c1', ts: '2026-03-01 20:30:00+00', local_ts: '2026-03-02 01:30:00' },
      { receipt_id: 'r2', line_no: 1, store_id: 's1', customer_id: null, ts: '2026-03-02 08:00:00+00', local_ts: '2026-03-02 13:00:00' },
    ]);
  } finally {
    store.close();
    rmSync(folder, { recursive: true, force: true });
  }
});

test('migration 0011 takes receipts cancelled before it off the read side, with their lines, and keys card tokens and members', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'patron-duck-0011-'));
  const store = await openAnalyticsStore(':memory:');
  try {
    await migrateBefore(store, folder, '0011-receipt-keys-and-cancellation.sql');
    await store.run(`INSERT INTO receipts (receipt_id, store_id, customer_id, ts, total_kopecks, source, payment_token) VALUES
      ('r1', 's1', 'c1', TIMESTAMPTZ '2026-03-01 20:30:00+00', 300, 'patron', 'tok_a'),
      ('r2', 's1', NULL, TIMESTAMPTZ '2026-03-02 08:00:00+00', 100, 'patron', NULL),
      ('r3', 's1', 'c1', TIMESTAMPTZ '2026-03-03 08:00:00+00', 200, 'patron', 'tok_a')`);
    await store.run(`INSERT INTO receipt_lines (receipt_id, line_no, sku, qty, amount_kopecks) VALUES ('r1', 1, 'A', 1, 200), ('r1', 2, 'B', 1, 100), ('r2', 1, 'A', 1, 100), ('r3', 1, 'B', 2, 200)`);
    await store.run(`INSERT INTO receipt_returns (return_id, receipt_id, ts, kind, amount_kopecks, source) VALUES ('x1', 'r1', TIMESTAMPTZ '2026-03-01 21:00:00+00', 'cancel', 300, 'patron')`);
    assert.deepEqual(await migrateNext(store, folder, '0011-receipt-keys-and-cancellation.sql'), ['0011-receipt-keys-and-cancellation.sql']);
    const receipts = await store.query(`SELECT receipt_id, token_key = md5_number_lower('tok_a') AS token_keyed, token_key IS NULL AS no_token,
                                               customer_key = md5_number_lower('c1') AS customer_keyed, customer_key IS NULL AS no_customer FROM receipts ORDER BY 1`);
    assert.deepEqual(receipts, [
      { receipt_id: 'r2', token_keyed: null, no_token: true, customer_keyed: null, no_customer: true },
      { receipt_id: 'r3', token_keyed: true, no_token: false, customer_keyed: true, no_customer: false },
    ]);
    assert.deepEqual(await store.query(`SELECT receipt_id, line_no FROM receipt_lines ORDER BY 1, 2`), [{ receipt_id: 'r2', line_no: 1 }, { receipt_id: 'r3', line_no: 1 }]);
    assert.deepEqual(await store.query(`SELECT receipt_id, kind FROM receipt_returns`), [{ receipt_id: 'r1', kind: 'cancel' }], 'the cancellation stays');
  } finally {
    store.close();
    rmSync(folder, { recursive: true, force: true });
  }
});

test('migration 0012 gives lots synced before it what their movements did, as the sync adds it after', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'patron-duck-0012-'));
  const before = await openAnalyticsStore(':memory:');
  const after = await openAnalyticsStore(':memory:');
  try {
    await migrateBefore(before, folder, '0012-lot-state.sql');
    await after.migrate();
    const transfers = ([
      ['t1', 'redeem', '2026-03-08T09:00:00Z'], ['t2', 'expire', '2026-04-10T00:00:00Z'], ['t3', 'transfer', '2026-04-20T12:00:00Z'], ['t4', 'redeem', '2026-03-09T10:30:00Z'],
    ] as const).map(([transfer_id, reason, ts]) => ({ transfer_id, customer_id: 'c1', reason, debit_account: 'available:c1', credit_account: 'sys_x', amount: 1, reference: null, ts }));
    const movements = [
      { transfer_id: 't1', lot_id: 'L1', amount: -200, ts: '2026-03-08T09:00:00Z' },
      { transfer_id: 't2', lot_id: 'L1', amount: -100, ts: '2026-04-10T00:00:00Z' },
      { transfer_id: 't3', lot_id: 'L1', amount: -50, ts: '2026-04-20T12:00:00Z' },
      { transfer_id: 't1', lot_id: 'L3', amount: -30, ts: '2026-03-08T09:00:00Z' },
      { transfer_id: 't4', lot_id: 'L3', amount: -30, ts: '2026-03-09T10:30:00Z' },
    ];
    for (const store of [before, after]) {
      await store.append('ledger_movements', transfers);
      // Written by column: before 0012 the table has fewer.
      await store.run(`INSERT INTO point_lots (lot_id, customer_id, transfer_id, amount, available_at, expires_at, created_at)
                       SELECT 'L' || i, 'c1', 'e' || i, 500, TIMESTAMPTZ '2026-03-01 00:00:00+00', TIMESTAMPTZ '2026-09-01 00:00:00+00', TIMESTAMPTZ '2026-03-01 00:00:00+00' FROM range(1, 4) t(i)`);
    }
    await before.run(`INSERT INTO point_lot_movements VALUES ${movements.map((m) => `('${m.transfer_id}', '${m.lot_id}', ${m.amount}, TIMESTAMPTZ '${m.ts}')`).join(', ')}`);
    assert.deepEqual(await migrateNext(before, folder, '0012-lot-state.sql'), ['0012-lot-state.sql']);
    // The sync's way, in two batches.
    await after.append('point_lot_movements', movements);
    await addLotMovements(after, movements.slice(0, 2));
    await addLotMovements(after, movements.slice(2));
    const us = (ts: string) => BigInt(Date.parse(ts)) * 1000n;
    const expected = [
      { lot_id: 'L1', moved: -350, redeemed: 200, weighted: String(200n * us('2026-03-08T09:00:00Z')), merged: true },
      { lot_id: 'L2', moved: null, redeemed: null, weighted: null, merged: null },
      { lot_id: 'L3', moved: -60, redeemed: 60, weighted: String(30n * us('2026-03-08T09:00:00Z') + 30n * us('2026-03-09T10:30:00Z')), merged: false },
    ];
    for (const store of [before, after]) {
      const state = await store.query(`SELECT lot_id, moved, redeemed, redeemed_weighted_epoch_us::VARCHAR AS weighted, merged FROM point_lots ORDER BY 1`);
      assert.deepEqual(state, expected, store === before ? 'migration 0012' : 'the sync');
    }
  } finally {
    before.close();
    after.close();
    rmSync(folder, { recursive: true, force: true });
  }
});

test('migration 0014 keys the receipts and lines that arrived before it, as the sync and imports key them after', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'patron-duck-0014-'));
  const store = await openAnalyticsStore(':memory:');
  try {
    await migrateBefore(store, folder, '0014-receipt-keys-on-lines.sql');
    await store.run(`INSERT INTO receipts (receipt_id, ts, total_kopecks, source) VALUES ('r1', TIMESTAMPTZ '2026-03-01 20:30:00+00', 300, 'patron'), ('import:0123456789ab:7', TIMESTAMPTZ '2026-03-02 08:00:00+00', 100, 'import:0123456789ab')`);
    await store.run(`INSERT INTO receipt_lines (receipt_id, line_no, sku, qty, amount_kopecks) VALUES ('r1', 1, 'A', 1, 200), ('r1', 2, 'B', 1, 100), ('import:0123456789ab:7', 3, 'A', 1, 100)`);
    assert.deepEqual(await migrateNext(store, folder, '0014-receipt-keys-on-lines.sql'), ['0014-receipt-keys-on-lines.sql']);
    const keyed = `SELECT receipt_id, receipt_key = md5_number_lower(receipt_id) AS keyed FROM %s ORDER BY 1`;
    assert.deepEqual(await store.query(keyed.replace('%s', 'receipts')), [{ receipt_id: 'import:0123456789ab:7', keyed: true }, { receipt_id: 'r1', keyed: true }]);
    assert.deepEqual(await store.query(keyed.replace('%s', 'receipt_lines')), [{ receipt_id: 'import:0123456789ab:7', keyed: true }, { receipt_id: 'r1', keyed: true }, { receipt_id: 'r1', keyed: true }]);
  } finally {
    store.close();
    rmSync(folder, { recursive: true, force: true });
  }
});

test('migration 0016 takes the receipt id off the lines, which keep their receipt by its key', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'patron-duck-0016-'));
  const store = await openAnalyticsStore(':memory:');
  try {
    await migrateBefore(store, folder, '0016-lines-without-receipt-id.sql');
    await store.run(`INSERT INTO receipts (receipt_id, ts, total_kopecks, source, receipt_key) VALUES ('r1', TIMESTAMPTZ '2026-03-01 20:30:00+00', 300, 'patron', md5_number_lower('r1'))`);
    await store.run(`INSERT INTO receipt_lines (receipt_id, line_no, sku, qty, amount_kopecks, receipt_key) VALUES ('r1', 1, 'A', 1, 200, md5_number_lower('r1')), ('r1', 2, 'B', 1, 100, md5_number_lower('r1'))`);
    assert.deepEqual(await migrateNext(store, folder, '0016-lines-without-receipt-id.sql'), ['0016-lines-without-receipt-id.sql']);
    assert.deepEqual(await store.query(`SELECT column_name FROM (DESCRIBE receipt_lines) WHERE column_name LIKE 'receipt%'`), [{ column_name: 'receipt_key' }]);
    assert.deepEqual(await store.query(`SELECT r.receipt_id, l.line_no, l.amount_kopecks FROM receipt_lines l JOIN receipts r USING (receipt_key) ORDER BY 2`), [
      { receipt_id: 'r1', line_no: 1, amount_kopecks: 200 },
      { receipt_id: 'r1', line_no: 2, amount_kopecks: 100 },
    ]);
    // Lines appended with their receipt's id from now on are keyed from it as DuckDB keys the receipt.
    await store.append('receipt_lines', [{ receipt_id: 'r1', line_no: 3, sku: 'C', qty: 1, amount_kopecks: 50 }]);
    assert.deepEqual(await store.query(`SELECT count(*) AS n FROM receipt_lines l JOIN receipts r USING (receipt_key) WHERE l.line_no = 3`), [{ n: 1 }]);
  } finally {
    store.close();
    rmSync(folder, { recursive: true, force: true });
  }
});

test('an import runs alongside: a sync batch commits while it writes, and neither sees the other uncommitted', async () => {
  const store = await openAnalyticsStore(':memory:');
  try {
    await store.run('CREATE TABLE t (x INTEGER, source VARCHAR)');
    await store.run("INSERT INTO t VALUES (0, 'import:a')");
    const order: string[] = [];
    let releaseImport!: () => void;
    const importMayCommit = new Promise<void>((resolve) => (releaseImport = resolve));
    let importSaw: unknown = null;
    const importing = store.transaction(async () => {
      await store.run("DELETE FROM t WHERE source = 'import:a'");
      await store.run("INSERT INTO t VALUES (1, 'import:a')");
      await importMayCommit;
      importSaw = await store.query('SELECT x FROM t ORDER BY x');
      order.push('import');
    }, { alongside: true });
    await new Promise((resolve) => setTimeout(resolve, 10));
    // Taking turns, this batch would wait until the import commits, and the import waits for it.
    const batch = store.transaction(async () => {
      await store.run("INSERT INTO t VALUES (2, 'patron')");
      order.push('batch');
    });
    const batchOrTimeout = await Promise.race([batch.then(() => 'committed'), new Promise((resolve) => setTimeout(() => resolve('still waiting'), 2000))]);
    assert.equal(batchOrTimeout, 'committed');
    // Readers see the batch and the rows the import is replacing, not the import's own yet.
    assert.deepEqual(await store.query('SELECT x FROM t ORDER BY x'), [{ x: 0 }, { x: 2 }]);
    releaseImport();
    await importing;
    assert.deepEqual(order, ['batch', 'import']);
    // The import's snapshot began before the batch committed.
    assert.deepEqual(importSaw, [{ x: 1 }]);
    assert.deepEqual(await store.query('SELECT x FROM t ORDER BY x'), [{ x: 1 }, { x: 2 }]);
  } finally {
    store.close();
  }
});

test('transactions take turns and are their own: others read their rows once committed; one failing takes nothing else with it', async () => {
  const store = await openAnalyticsStore(':memory:');
  try {
    await store.run('CREATE TABLE t (x INTEGER)');
    const pause = () => new Promise((resolve) => setTimeout(resolve, 50));
    let seenMeanwhile: unknown = null;
    // An import's long transaction; meanwhile a report reads, a report keeps something, a sync
    // batch arrives; then the import fails.
    const failing = store.transaction(async () => {
      await store.run('INSERT INTO t VALUES (1)');
      await pause();
      throw new Error('import failed');
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    seenMeanwhile = await store.query('SELECT count(*) AS n FROM t');
    await store.run('INSERT INTO t VALUES (5)');
    const batch = store.transaction(async () => {
      await store.run('INSERT INTO t VALUES (2)');
      await store.transaction(() => store.run('INSERT INTO t VALUES (3)'));
    });
    await assert.rejects(failing, /import failed/);
    await batch;
    assert.deepEqual(seenMeanwhile, [{ n: 0 }]);
    assert.deepEqual(await store.query('SELECT x FROM t ORDER BY x'), [{ x: 2 }, { x: 3 }, { x: 5 }]);
    // A failure inside the inner one fails the whole.
    await assert.rejects(store.transaction(async () => {
      await store.run('INSERT INTO t VALUES (4)');
      await store.transaction(async () => { throw new Error('inner'); });
    }), /inner/);
    assert.deepEqual(await store.query('SELECT count(*) AS n FROM t'), [{ n: 3 }]);
    // A session's temporary tables are its own, and its transaction sees them.
    await store.session(async () => {
      await store.run('CREATE TEMP TABLE staged AS SELECT 7 AS x');
      await store.transaction(() => store.run('INSERT INTO t SELECT x FROM staged'));
    });
    await assert.rejects(store.query('SELECT * FROM staged'), /staged/);
    assert.deepEqual(await store.query('SELECT max(x) AS m FROM t'), [{ m: 7 }]);
  } finally {
    store.close();
  }
});

test('arrays() reads columns as typed arrays across chunks; NULL is NaN, null or refused', async () => {
  const store = await openAnalyticsStore(':memory:');
  try {
    // Beyond one chunk (2,048 rows), so the chunks are laid end to end.
    const got = await store.arrays(
      `SELECT i::INTEGER AS i, CASE WHEN i % 1000 = 7 THEN NULL ELSE i / 2 END::DOUBLE AS half, i % 2 = 0 AS even, CASE WHEN i % 1000 = 8 THEN NULL ELSE 's' || i END AS name
         FROM range(5000) t(i) ORDER BY i`,
    );
    assert.ok(got['i'] instanceof Int32Array && got['half'] instanceof Float64Array && got['even'] instanceof Uint8Array && Array.isArray(got['name']));
    assert.equal(got['i']!.length, 5000);
    assert.deepEqual([got['i']![0], got['i']![4999], got['half']![4999], got['half']![3], got['even']![4998], got['even']![4999], got['name']![4999], got['name']![1008]], [0, 4999, 2499.5, 1.5, 1, 0, 's4999', null]);
    assert.ok(Number.isNaN(got['half']![1007]));
    await assert.rejects(store.arrays('SELECT NULL::INTEGER AS i'), /holds a NULL/);
    await assert.rejects(store.arrays('SELECT DATE \'2026-01-01\' AS d'), /reads INTEGER, DOUBLE, BOOLEAN and VARCHAR columns; d is DATE/);
  } finally {
    store.close();
  }
});
