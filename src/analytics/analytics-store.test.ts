import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { PatronError, analyticsMigrationsFolder, readMigrationFiles } from '../core/index.ts';
import { openAnalyticsStore } from './analytics-store.ts';

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
