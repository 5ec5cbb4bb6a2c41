import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/test-database.ts';
import { PatronError, postgresMigrationsFolder, readMigrationFiles } from '../core/index.ts';
import { createPool } from './pool.ts';
import { migratePostgres } from './migrate.ts';

let db: TestDatabase;
before(async () => {
  db = await createTestDatabase({ migrated: false });
});
after(async () => {
  await db.drop();
});

function folderWith(files: Record<string, string>): string {
  const folder = mkdtempSync(join(tmpdir(), 'patron-migrations-'));
  for (const [name, sql] of Object.entries(files)) writeFileSync(join(folder, name), sql);
  return folder;
}

async function rejectsWith(promise: Promise<unknown>, code: string): Promise<PatronError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof PatronError, String(error));
    assert.equal(error.code, code, error.message);
    return error;
  }
  assert.fail(`expected ${code}`);
}

test("Patron's own migrations apply once and are recorded with checksums", async () => {
  const fresh = await createTestDatabase({ migrated: false });
  try {
    const first = await migratePostgres(fresh.pool);
    assert.deepEqual(first, readMigrationFiles(postgresMigrationsFolder).map((f) => f.name));
    assert.deepEqual(await migratePostgres(fresh.pool), []);
    const recorded = await fresh.pool.query('SELECT name, checksum FROM schema_migrations ORDER BY version');
    assert.equal(recorded.rowCount, first.length);
  } finally {
    await fresh.drop();
  }
});

test('an edited migration is refused, naming the file', async () => {
  const folder = folderWith({ '0001-first.sql': 'CREATE TABLE edited_probe (id int);' });
  try {
    assert.deepEqual(await migratePostgres(db.pool, { folder }), ['0001-first.sql']);
    writeFileSync(join(folder, '0001-first.sql'), 'CREATE TABLE edited_probe (id bigint);');
    const error = await rejectsWith(migratePostgres(db.pool, { folder }), 'migration_edited');
    assert.match(error.message, /0001-first\.sql/);
  } finally {
    rmSync(folder, { recursive: true });
  }
});

test('a recorded migration whose file vanished is refused', async () => {
  const folder = folderWith({});
  try {
    await rejectsWith(migratePostgres(db.pool, { folder }), 'migration_missing');
  } finally {
    rmSync(folder, { recursive: true });
  }
});

test('a failing migration leaves nothing behind and is not recorded', async () => {
  const fresh = await createTestDatabase({ migrated: false });
  const folder = folderWith({
    '0001-good.sql': 'CREATE TABLE good_probe (id int);',
    '0002-bad.sql': 'CREATE TABLE half_done (id int); SELECT no_such_function();',
  });
  try {
    await rejectsWith(migratePostgres(fresh.pool, { folder }), 'migration_failed');
    const tables = await fresh.pool.query("SELECT tablename FROM pg_tables WHERE tablename IN ('good_probe', 'half_done')");
    assert.deepEqual(tables.rows.map((r) => r.tablename), ['good_probe']);
    const versions = await fresh.pool.query('SELECT version FROM schema_migrations');
    assert.deepEqual(versions.rows.map((r) => r.version), [1]);
  } finally {
    rmSync(folder, { recursive: true });
    await fresh.drop();
  }
});

test('two processes migrating at once apply each migration exactly once', async () => {
  const fresh = await createTestDatabase({ migrated: false });
  const other = createPool(fresh.url);
  const folder = folderWith({ '0001-counter.sql': 'CREATE TABLE runs (n int); INSERT INTO runs VALUES (1);' });
  try {
    const [a, b] = await Promise.all([migratePostgres(fresh.pool, { folder }), migratePostgres(other, { folder })]);
    assert.equal(a.length + b.length, 1);
    assert.equal((await fresh.pool.query('SELECT count(*)::int AS n FROM runs')).rows[0].n, 1);
  } finally {
    rmSync(folder, { recursive: true });
    await other.end();
    await fresh.drop();
  }
});

test('migration files must be named NNNN-name.sql', () => {
  const folder = folderWith({ 'first.sql': 'SELECT 1;' });
  try {
    assert.throws(() => readMigrationFiles(folder), /NNNN-name\.sql/);
  } finally {
    rmSync(folder, { recursive: true });
  }
});

test('landed migrations are never edited: their checksums are pinned here', () => {
  // When a migration lands, add its checksum below. Editing a landed file fails this test
  // before it can fail a customer's start-up.
  const pinned: Record<string, string> = JSON.parse(readFileSync(join(postgresMigrationsFolder, 'checksums.json'), 'utf8'));
  for (const file of readMigrationFiles(postgresMigrationsFolder)) {
    assert.equal(pinned[file.name], file.checksum, `${file.name} is new or was edited; new migrations add their checksum to checksums.json`);
  }
});
