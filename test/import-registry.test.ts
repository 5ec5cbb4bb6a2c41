import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { importFile, listImports, openAnalyticsStore, removeImport, type AnalyticsStore } from '../src/analytics/index.ts';
import { analyticsMigrationsFolder } from '../src/core/index.ts';
import { withAnalyticsHome } from './helpers/analytics-home.ts';
import { runCli } from './helpers/run-cli.ts';
import { tempHomes } from './helpers/temp-home.ts';

const { newHome, removeAll } = tempHomes('patron-import-registry-');
after(removeAll);

const withStore = (fn: (store: AnalyticsStore, home: string) => Promise<void>) => withAnalyticsHome(newHome, fn);

function flatFile(home: string, name: string, rows: string[]): string {
  const file = join(home, name);
  writeFileSync(file, `receipt,ts,sku,qty,price,customer,store\n${rows.join('\n')}\n`);
  return file;
}

test('the read side records each file it holds, under the name it was given, and forgets it with its rows', async () => {
  await withStore(async (store, home) => {
    const file = flatFile(home, '1711-upload.csv', ['A,2026-01-05 10:00:00,milk,2,50,c1,s1', 'A,2026-01-05 10:00:00,tea,1,90,c1,s1', 'B,2026-01-07 12:00:00,milk,1,50,,s1', 'C,bad date,milk,1,50,,s1']);
    const flat = await importFile(store, file, 'transactions', { rejectedFolder: home, fileName: 'январь.csv' });
    const baskets = join(home, 'baskets.csv');
    writeFileSync(baskets, 'milk,bread\ntea\n');
    const basketImport = await importFile(store, baskets, 'baskets', { rejectedFolder: home });
    const records = await listImports(store);
    assert.deepEqual(records.map((r) => r.source).sort(), [flat.source, basketImport.source].sort());
    const record = records.find((r) => r.source === flat.source)!;
    assert.match(record.imported_at!, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    assert.deepEqual({ ...record, imported_at: null }, {
      source: flat.source, file: 'январь.csv', preset: 'transactions', encoding: 'utf-8', imported_at: null,
      rows: 4, imported: 3, rejected: 1, receipts: 2, lines: 3, customers: 1, first_day: '2026-01-05', last_day: '2026-01-07',
    });
    assert.deepEqual(
      (({ file, preset, rows, imported, receipts, lines }) => ({ file, preset, rows, imported, receipts, lines }))(records.find((r) => r.source === basketImport.source)!),
      { file: 'baskets.csv', preset: 'baskets', rows: 2, imported: 2, receipts: 2, lines: 3 },
    );

    // Imported again: still one record of it; taken off: no record left.
    await importFile(store, file, 'transactions', { rejectedFolder: home, fileName: 'январь.csv' });
    assert.equal((await listImports(store)).filter((r) => r.source === flat.source).length, 1);
    await removeImport(store, flat.source);
    assert.deepEqual((await listImports(store)).map((r) => r.source), [basketImport.source]);
  });
});

test('an experiment file is recorded with its customers', async () => {
  await withStore(async (store, home) => {
    const file = join(home, 'test-mailing.csv');
    writeFileSync(file, 'customer,arm,revenue\n1,control,0\n2,mail,10\n3,mail,0\n4,control,5\n');
    const summary = await importFile(store, file, 'experiment', { rejectedFolder: home });
    const [record] = await listImports(store);
    assert.deepEqual(
      (({ source, file, preset, rows, imported, rejected, receipts, customers, first_day }) => ({ source, file, preset, rows, imported, rejected, receipts, customers, first_day }))(record!),
      { source: summary.source, file: 'test-mailing.csv', preset: 'experiment', rows: 4, imported: 4, rejected: 0, receipts: 0, customers: 4, first_day: null },
    );
  });
});

test('imports made before the registry are recorded by the migration with what their rows still say', async () => {
  const home = newHome();
  // The read side as it was before migration 0010, holding one import.
  const before = join(home, 'migrations-before');
  mkdirSync(before);
  const all = Object.keys(JSON.parse(readFileSync(join(analyticsMigrationsFolder, 'checksums.json'), 'utf8')) as Record<string, string>).sort();
  for (const name of all.filter((n) => n < '0010')) cpSync(join(analyticsMigrationsFolder, name), join(before, name));
  const store = await openAnalyticsStore(join(home, 'analytics.duckdb'));
  try {
    await store.migrate({ folder: before });
    await store.run(
      `INSERT INTO receipts (receipt_id, store_id, customer_id, ts, total_kopecks, source) VALUES
         ('import:0123456789ab:1', 'ext:s1', NULL, '2025-03-01 10:00:00+00', 100, 'import:0123456789ab'),
         ('import:0123456789ab:2', 'ext:s1', NULL, '2025-03-09 10:00:00+00', 200, 'import:0123456789ab'),
         ('rcp_1', 'sto_1', NULL, '2025-03-02 10:00:00+00', 300, 'patron')`,
    );
    // 0010 and every migration after it, in order.
    assert.deepEqual(await store.migrate(), all.filter((n) => n >= '0010'));
    const [record] = await listImports(store);
    assert.deepEqual(record, {
      source: 'import:0123456789ab', file: null, preset: null, encoding: null, imported_at: null,
      rows: null, imported: null, rejected: null, receipts: 2, lines: null, customers: null, first_day: '2025-03-01', last_day: '2025-03-09',
    });
  } finally {
    store.close();
  }
});

test('receipts another file already brought are rejected, not counted twice, and the file named', async () => {
  await withStore(async (store, home) => {
    const january = flatFile(home, 'january.csv', [
      'R1,2026-01-05 10:00:00,milk,2,50,c1,s1',
      'R2,2026-01-05 11:00:00,bread,1,30,c2,s1',
      'R2,2026-01-05 11:00:00,tea,1,90,c2,s1',
      'X1,2026-01-06 09:00:00,milk,-1,50,c1,s1',
    ]);
    const januaryToFebruary = flatFile(home, 'jan-feb.csv', [
      'R2,2026-01-05 11:00:00,bread,1,30,c2,s1', // January's R2: already there
      'R2,2026-01-05 11:00:00,tea,1,90,c2,s1',
      'X1,2026-01-06 09:00:00,milk,-1,50,c1,s1', // January's return: already there
      'R1,2026-01-05 12:00:00,milk,1,50,c3,s2', // the same number in another store: another receipt
      'R3,2026-02-06 10:00:00,tea,1,90,c1,s1',
      'R2,2026-01-05 11:00:00,jam,x,10,c2,s1', // unreadable, whatever its receipt: its own reason
    ]);
    // The same number two months later (numbers restart): another receipt.
    const march = flatFile(home, 'march.csv', ['R2,2026-03-05 10:00:00,milk,3,50,c1,s1']);
    const first = await importFile(store, january, 'transactions', { rejectedFolder: home });
    assert.equal(first.already_imported, 0);
    const second = await importFile(store, januaryToFebruary, 'transactions', { rejectedFolder: home });
    assert.equal(second.already_imported, 3);
    assert.equal(second.rejected, 4);
    assert.deepEqual(second.overlaps, [{ source: first.source, file: 'january.csv', receipts: 2 }]);
    // Each with its line and its text as the file gave it.
    const rejectedRows = readFileSync(second.rejected_file!, 'utf8').trim().split('\n');
    assert.deepEqual(rejectedRows, [
      'line,reason,text',
      `2,receipt already imported from january.csv (${first.source}),"R2,2026-01-05 11:00:00,bread,1"`,
      `3,receipt already imported from january.csv (${first.source}),"R2,2026-01-05 11:00:00,tea,1"`,
      `4,receipt already imported from january.csv (${first.source}),"X1,2026-01-06 09:00:00,milk,-1"`,
      '7,quantity is not a number: x,"R2,2026-01-05 11:00:00,jam,x"',
    ]);
    const third = await importFile(store, march, 'transactions', { rejectedFolder: home });
    assert.equal(third.already_imported, 0);
    const totals = async () => (await store.query(`SELECT (SELECT count(*) FROM receipts) AS receipts, (SELECT sum(total_kopecks) FROM receipts)::BIGINT AS revenue,
                                                          (SELECT count(*) FROM receipt_lines) AS lines, (SELECT count(*) FROM receipt_returns) AS returns`))[0];
    // January's R1 (10 000 kopecks), R2 (12 000) and return; the second file's R1 in s2 (5 000) and R3 (9 000); March's R2 (15 000).
    assert.deepEqual(await totals(), { receipts: 5, revenue: 51_000, lines: 6, returns: 1 });
    assert.equal((await listImports(store)).find((r) => r.source === second.source)!.rejected, 4);

    // Each receipt stays with the file that brought it first: taken off, January takes its own.
    await removeImport(store, first.source);
    assert.deepEqual(await totals(), { receipts: 3, revenue: 29_000, lines: 3, returns: 0 });
    const again = await importFile(store, januaryToFebruary, 'transactions', { rejectedFolder: home });
    assert.equal(again.already_imported, 0);
    assert.equal(again.replaced_earlier_import, true);
    assert.deepEqual(await totals(), { receipts: 4, revenue: 41_000, lines: 5, returns: 1 });
  });
});

test('patron import says which receipts were already there, and --list names the files the read side holds', async () => {
  const home = newHome();
  const january = flatFile(home, 'january.csv', ['R1,2026-01-05 10:00:00,milk,2,50,c1,s1', 'R2,2026-01-06 11:00:00,tea,1,90,,s1']);
  const both = flatFile(home, 'jan-feb.csv', ['R2,2026-01-06 11:00:00,tea,1,90,,s1', 'R3,2026-02-02 09:00:00,milk,1,50,c1,s1']);
  const first = await runCli(['import', '--home', home, '--preset', 'transactions', january]);
  assert.equal(first.code, 0, first.stderr);
  const januarySource = /source (import:[0-9a-f]{12})/.exec(first.stdout)![1]!;
  const second = await runCli(['import', '--home', home, '--preset', 'transactions', both]);
  assert.equal(second.code, 0, second.stderr);
  assert.match(second.stdout, /2 rows \(utf-8\): 1 imported as 1 receipts with 1 lines, 1 customers, 1 rejected \(see .+\); source (import:[0-9a-f]{12})\n/);
  assert.match(second.stdout, new RegExp(`  1 of the rejected rows belong to receipts already on the read side, not counted twice: 1 from january\\.csv \\(${januarySource}\\)\\n$`));

  const list = await runCli(['import', '--home', home, '--list']);
  assert.equal(list.code, 0, list.stderr);
  const [header, ...rows] = list.stdout.trim().split('\n');
  assert.match(header!, /^source +file +preset +period +receipts +lines +rejected +imported at$/);
  assert.equal(rows.length, 2);
  assert.match(rows.find((r) => r.includes('january.csv'))!, new RegExp(`^${januarySource} +january\\.csv +transactions +2026-01-05 … 2026-01-06 +2 +2 +0 +\\d{4}-`));
  assert.match(rows.find((r) => r.includes('jan-feb.csv'))!, /jan-feb\.csv +transactions +2026-02-02 … 2026-02-02 +1 +1 +1 +/);
  const wrong = await runCli(['import', '--home', home, '--list', january]);
  assert.equal(wrong.code, 64);
  assert.match(wrong.stderr, /--list takes no files/);
});
