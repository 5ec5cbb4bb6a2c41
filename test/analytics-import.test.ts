import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { importFile, openAnalyticsStore, removeImport } from '../src/analytics/index.ts';
import { assertRollupsMatchReceipts } from './helpers/rollup-check.ts';
import { csvDocument, readXlsxRows, xlsxDocument, type PatronError } from '../src/core/index.ts';
import { withAnalyticsHome } from './helpers/analytics-home.ts';
import { runCli } from './helpers/run-cli.ts';
import { tempHomes } from './helpers/temp-home.ts';

const { newHome, removeAll } = tempHomes('patron-import-');
after(removeAll);
const groceries = new URL('../../shared/datasets/groceries/groceries.csv', import.meta.url).pathname;

test('Groceries imported as baskets gives the 410 rules arules publishes, from the CLI', async () => {
  const home = newHome();
  const first = await runCli(['import', '--home', home, '--preset', 'baskets', groceries]);
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, /9835 rows \(utf-8\): 9835 imported as 9835 receipts with 43367 lines, 0 rejected; source import:ff1be892fd6b/);
  const again = await runCli(['import', '--home', home, '--preset', 'baskets', groceries]);
  assert.match(again.stdout, /9835 imported .* \(replaced the earlier import of the same file\)/);

  const out = join(home, 'rules.json');
  const report = await runCli(['report', 'run', 'basket.association-rules', '--home', home, '--param', 'min_support=0.001', '--param', 'min_confidence=0.8', '--format', 'json', '--out', out]);
  assert.equal(report.code, 0, report.stderr);
  const { rows } = JSON.parse(readFileSync(out, 'utf8')) as { rows: { lhs: string; rhs: string; baskets: number; confidence: number; lift: number }[] };
  // The re-import replaced the first: still 9835 baskets, so still exactly 410 rules.
  assert.equal(rows.length, 410);
  assert.deepEqual(rows[0], { lhs: 'liquor, red/blush wine', rhs: 'bottled beer', baskets: 19, support: 19 / 9835, confidence: 19 / 21, lift: rows[0]!.lift });
  assert.equal(rows[0]!.lift.toFixed(6), '11.235269');
  assert.equal(rows[0]!.confidence.toFixed(7), '0.9047619');

  // The same rules as a workbook and as Parquet; binary formats want a file.
  const book = join(home, 'rules.xlsx');
  const xlsx = await runCli(['report', 'run', 'basket.association-rules', '--home', home, '--param', 'min_support=0.001', '--param', 'min_confidence=0.8', '--format', 'xlsx', '--out', book]);
  assert.equal(xlsx.code, 0, xlsx.stderr);
  const sheet = readXlsxRows(readFileSync(book));
  assert.equal(sheet.length, 411);
  assert.deepEqual(sheet[1]!.slice(0, 3), ['liquor, red/blush wine', 'bottled beer', '19']);
  const noFile = await runCli(['report', 'run', 'basket.association-rules', '--home', home, '--format', 'parquet']);
  assert.equal(noFile.code, 64);
  assert.match(noFile.stderr, /--format parquet writes a binary file: give --out FILE/);

  // Taken off the read side again, by the source its summary named.
  const removed = await runCli(['import', '--home', home, '--remove', 'import:ff1be892fd6b']);
  assert.equal(removed.code, 0, removed.stderr);
  assert.equal(removed.stdout, 'import:ff1be892fd6b: removed from the read side\n');
  const twice = await runCli(['import', '--home', home, '--remove', 'import:ff1be892fd6b']);
  assert.equal(twice.code, 65);
  assert.match(twice.stderr, /No import import:ff1be892fd6b on the read side \[not_found\]/);
});

test('rows that cannot be imported are listed with their line and reason; Windows-1251 is recognised', async () => {
  const home = newHome();
  const file = join(home, 'корзины.csv');
  // Windows-1251, as 1C writes it: а..я are the bytes 0xE0..0xFF.
  const text = 'молоко,хлеб\n\n,, ,\nкефир\n';
  writeFileSync(file, Buffer.from([...text].map((ch) => (ch >= 'а' && ch <= 'я' ? ch.charCodeAt(0) - 0x430 + 0xe0 : ch.charCodeAt(0)))));
  const result = await runCli(['import', '--home', home, '--preset', 'baskets', file]);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /4 rows \(windows-1251\): 2 imported as 2 receipts with 3 lines, 2 rejected \(see (.+rejected\.csv)\)/);
  const rejectedPath = /see (.+rejected\.csv)\)/.exec(result.stdout)![1]!;
  assert.equal(readFileSync(rejectedPath, 'utf8'), 'line,reason,text\n2,no items,\n3,no items,",, ,"\n');
  const rules = await runCli(['report', 'run', 'basket.association-rules', '--home', home, '--param', 'min_support=0.5', '--param', 'min_confidence=0.5', '--format', 'csv']);
  assert.equal(rules.stdout, 'lhs,rhs,baskets,support,confidence,lift\nмолоко,хлеб,1,0.5,1,2\nхлеб,молоко,1,0.5,1,2\n');
});

test('a report parameter out of range is a usage error that names it', async () => {
  const home = newHome();
  const result = await runCli(['report', 'run', 'basket.association-rules', '--home', home, '--param', 'min_support=2']);
  assert.equal(result.code, 65);
  assert.match(result.stderr, /Parameter min_support of basket\.association-rules: expected a number from 1e-7 to 1, got 2 \[validation_failed\]/);
});

test('an import used wrongly says how, with the usage exit code', async () => {
  const home = newHome();
  const cases: [string[], RegExp][] = [
    [[], /name the files to import \(or --remove SOURCE\)/],
    [[groceries], /--preset must be one of baskets, transactions/],
    [['--preset', 'nope', groceries], /--preset must be one of baskets, transactions/],
    [['--remove', 'import:ff1be892fd6b', groceries], /--remove takes no files/],
  ];
  for (const [args, message] of cases) {
    const result = await runCli(['import', '--home', home, ...args]);
    assert.equal(result.code, 64, args.join(' '));
    assert.match(result.stderr, message);
  }
});

test('Online Retail imports in full: every row imported or rejected with its reason', async () => {
  const home = newHome();
  const file = new URL('../../shared/datasets/online_retail/online_retail.csv.gz', import.meta.url).pathname;
  const result = await runCli(['import', '--home', home, '--preset', 'online-retail', file]);
  assert.equal(result.code, 0, result.stderr);
  // 541,909 rows as published; the two "A" invoices (adjust bad debt, negative price) are the only rows refused.
  assert.match(result.stdout, /541909 rows \(utf-8 \(gzip\)\): 541907 imported as 20726 receipts with 531283 lines, 10624 returned lines, 4372 customers, 2 rejected/);
  // Its progress names each step as it starts (a line per step where stderr is not a terminal).
  const steps = [...result.stderr.matchAll(/ (\d)\/5 [\d.]+s (.+)$/gm)].map((m) => `${m[1]} ${m[2]}`);
  assert.deepEqual(steps, ['0 checking rows', '1 receipts', '2 lines', '3 returns, products, stores, customers', '4 rejected rows', '5 done']);
  const rejectedPath = /see (.+rejected\.csv)\)/.exec(result.stdout)![1]!;
  const rejected = readFileSync(rejectedPath, 'utf8').trim().split('\n');
  assert.deepEqual(rejected.slice(1).map((l) => l.split(',')[0]), ['299985', '299986']);
  assert.ok(rejected.slice(1).every((l) => l.includes('negative price')));
  const kpi = await runCli(['report', 'run', 'program.kpi-summary', '--home', home, '--param', 'from=2010-12-01', '--param', 'to=2011-12-09', '--format', 'json']);
  const rows = Object.fromEntries((JSON.parse(kpi.stdout).rows as { metric: string; value: number }[]).map((r) => [r.metric, r.value]));
  assert.equal(rows['receipts'], 20726);
  // Line reports read the lines alone (each carries its receipt's time and store): by store
  // (country) they hold every receipt once, and the receipts' revenue.
  const byStore = await runCli(['report', 'run', 'sales.by-store', '--home', home, '--param', 'from=2010-12-01', '--param', 'to=2011-12-09', '--format', 'json']);
  const stores = JSON.parse(byStore.stdout).rows as { receipts: number; revenue_kopecks: number }[];
  assert.equal(stores.reduce((s, r) => s + r.receipts, 0), 20726);
  assert.equal(stores.reduce((s, r) => s + r.revenue_kopecks, 0), rows['revenue_kopecks']);
});

test('a 1C-style file: semicolons, decimal commas, Windows-1251, columns mapped by hand, bad rows named', async () => {
  const home = newHome();
  const file = join(home, 'продажи.csv');
  const text = [
    'Чек;Дата;Артикул;Товар;Кол-во;Цена;Карта',
    '1;01.03.2026 10:15:00;4601;Молоко;2;89,90;7700001',
    '1;01.03.2026 10:15:00;4602;Хлеб;1;59,90;7700001',
    '2;01.03.2026 11:00:00;4601;Молоко;-1;89,90;7700001',
    '3;вчера;4601;Молоко;1;89,90;',
    '4;02.03.2026 12:00:00;;Хлеб;1;59,90;',
    '5;02.03.2026 12:30:00;4602;Хлеб;много;59,90;',
    '',
  ].join('\r\n');
  const cp1251 = (s: string) => Buffer.from([...s].map((ch) => { const c = ch.codePointAt(0)!; return c >= 0x410 && c <= 0x44f ? c - 0x410 + 0xc0 : c; }));
  writeFileSync(file, cp1251(text));
  const args = ['import', '--home', home, '--preset', 'transactions', file];
  const map = ['Чек=receipt', 'Дата=ts', 'Артикул=sku', 'Товар=name', 'Кол-во=qty', 'Цена=price', 'Карта=customer'].flatMap((m) => ['--map', m]);
  const result = await runCli([...args, ...map]);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /6 rows \(windows-1251\): 3 imported as 1 receipts with 2 lines, 1 returned lines, 1 customers, 3 rejected/);
  const rejectedPath = /see (.+rejected\.csv)\)/.exec(result.stdout)![1]!;
  const reasons = readFileSync(rejectedPath, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').slice(0, 2).join(','));
  assert.deepEqual(reasons, ['5,date and time not understood: вчера', '6,no product code', '7,quantity is not a number: много']);
  const sales = await runCli(['report', 'run', 'sales.by-period', '--home', home, '--param', 'from=2026-03-01', '--param', 'to=2026-03-02', '--format', 'csv']);
  assert.equal(sales.stdout, 'period,receipts,revenue_kopecks,members,card_revenue_kopecks\n2026-03-01,1,23970,1,23970\n');
  const missing = await runCli([...args, '--map', 'Чек=receipt']);
  assert.equal(missing.code, 65);
  assert.match(missing.stderr, /Column ts \(for ts\) is not in the file; its columns are Чек, Дата/);
});

test('the CDNOW event logs import with the published counts', async () => {
  const home = newHome();
  const folder = new URL('../../shared/datasets/cdnow/', import.meta.url).pathname;
  const result = await runCli(['import', '--home', home, '--preset', 'cdnow', `${folder}CDNOW_master.txt`, `${folder}CDNOW_sample.txt`]);
  assert.equal(result.code, 0, result.stderr);
  // 69,659 purchases of 23,570 customers; the 1/10 sample: 6,919 purchases of 2,357 (Fader, Hardie & Lee 2005).
  assert.match(result.stdout, /CDNOW_master\.txt: 69659 rows \(utf-8\): 69659 imported as 69659 receipts with 69659 lines, 23570 customers, 0 rejected/);
  assert.match(result.stdout, /CDNOW_sample\.txt: 6919 rows \(utf-8\): 6919 imported as 6919 receipts with 6919 lines, 2357 customers, 0 rejected/);
});

test('Parquet and .xlsx files import like the CSV they hold, bad rows named by their row', async () => {
  const home = newHome();
  const rows = [
    { receipt: 'R1', ts: '2026-02-01 10:00:00', sku: 'MILK', qty: 2, price: 89.9, customer: 'C1', store: 'S1', name: 'Молоко' },
    { receipt: 'R1', ts: '2026-02-01 10:00:00', sku: 'BREAD', qty: 1, price: 45, customer: 'C1', store: 'S1', name: 'Хлеб' },
    { receipt: 'R2', ts: 'вчера', sku: 'MILK', qty: 1, price: 89.9, customer: 'C2', store: 'S1', name: 'Молоко' },
    { receipt: 'R3', ts: '2026-02-02 11:30:00', sku: 'MILK', qty: -1, price: 89.9, customer: 'C1', store: 'S1', name: 'Молоко' },
  ];
  const columns = ['receipt', 'ts', 'sku', 'qty', 'price', 'customer', 'store', 'name'];
  const book = join(home, 'продажи.xlsx');
  writeFileSync(book, xlsxDocument(columns, rows, 'Продажи'));
  const fromXlsx = await runCli(['import', '--home', home, '--preset', 'transactions', book]);
  assert.equal(fromXlsx.code, 0, fromXlsx.stderr);
  assert.match(fromXlsx.stdout, /4 rows \(xlsx\): 3 imported as 1 receipts with 2 lines, 1 returned lines, 1 customers, 1 rejected/);
  const rejectedPath = /see (.+rejected\.csv)\)/.exec(fromXlsx.stdout)![1]!;
  assert.match(readFileSync(rejectedPath, 'utf8'), /^line,reason,text\n4,date and time not understood: вчера,/);

  const csv = join(home, 'sales.csv');
  writeFileSync(csv, csvDocument(columns, rows));
  const parquet = join(home, 'sales.parquet');
  const duck = await openAnalyticsStore(':memory:');
  await duck.run(`COPY (SELECT * FROM read_csv('${csv}', header = true)) TO '${parquet}' (FORMAT parquet)`);
  duck.close();
  // The same rows as Parquet are already on the read side from the workbook: none counted twice.
  const onTop = await runCli(['import', '--home', home, '--preset', 'transactions', parquet]);
  assert.equal(onTop.code, 0, onTop.stderr);
  assert.match(onTop.stdout, /4 rows \(parquet\): 0 imported as 0 receipts with 0 lines, 4 rejected .*\n  3 of the rejected rows belong to receipts already on the read side, not counted twice: 2 from продажи\.xlsx \(import:[0-9a-f]{12}\)\n$/);
  // With the workbook taken off, the Parquet file imports as the workbook did.
  const workbookSource = /source (import:[0-9a-f]{12})/.exec(fromXlsx.stdout)![1]!;
  assert.equal((await runCli(['import', '--home', home, '--remove', workbookSource])).code, 0);
  const fromParquet = await runCli(['import', '--home', home, '--preset', 'transactions', parquet]);
  assert.equal(fromParquet.code, 0, fromParquet.stderr);
  assert.match(fromParquet.stdout, /4 rows \(parquet\): 3 imported as 1 receipts with 2 lines, 1 returned lines, 1 customers, 1 rejected/);
  const wrongPreset = await runCli(['import', '--home', home, '--preset', 'baskets', parquet]);
  assert.equal(wrongPreset.code, 65);
  assert.match(wrongPreset.stderr, /The baskets preset reads text files/);
});

test('an import taken off the read side leaves no row behind and nothing of another source', async () => {
  await withAnalyticsHome(newHome, async (store, home) => {
    const write = (name: string, rows: string[]) => {
      const file = join(home, name);
      writeFileSync(file, `receipt,ts,sku,qty,price,customer,store\n${rows.join('\n')}\n`);
      return file;
    };
    const kept = await importFile(store, write('kept.csv', ['A,2026-01-05 10:00:00,milk,2,50,c1,s1']), 'transactions', { rejectedFolder: home });
    const taken = await importFile(store, write('taken.csv', ['B,2026-01-06 11:00:00,bread,1,30,c2,s2', 'B,2026-01-06 11:00:00,milk,-1,50,c2,s2', 'C,2026-01-07 12:00:00,milk,1,50,c2,s2']), 'transactions', { rejectedFolder: home });
    const counts = async () =>
      (await store.query(`SELECT (SELECT count(*) FROM receipts) AS receipts, (SELECT count(*) FROM receipt_lines) AS lines, (SELECT count(*) FROM receipt_returns) AS returns,
                                 (SELECT count(*) FROM return_lines) AS return_lines, (SELECT count(*) FROM customers) AS customers, (SELECT count(*) FROM stores) AS stores, (SELECT count(*) FROM products) AS products`))[0];
    assert.deepEqual(await counts(), { receipts: 3, lines: 3, returns: 1, return_lines: 1, customers: 2, stores: 2, products: 3 });
    // The rollups take each import's days, and give them back when it is taken off.
    await assertRollupsMatchReceipts(store);
    assert.deepEqual(await store.query(`SELECT strftime(day, '%Y-%m-%d') AS day, sku, amount_kopecks FROM line_day_sums ORDER BY 1`), [
      { day: '2026-01-05', sku: 'milk', amount_kopecks: 10_000 }, { day: '2026-01-06', sku: 'bread', amount_kopecks: 3000 }, { day: '2026-01-07', sku: 'milk', amount_kopecks: 5000 },
    ]);
    await removeImport(store, taken.source);
    assert.deepEqual(await counts(), { receipts: 1, lines: 1, returns: 0, return_lines: 0, customers: 1, stores: 1, products: 1 });
    await assertRollupsMatchReceipts(store);
    assert.equal(Number((await store.query('SELECT count(*) AS n FROM shopper_month_sums'))[0]!['n']), 1);
    assert.deepEqual(await store.query('SELECT DISTINCT source FROM receipts'), [{ source: kept.source }]);
    await assert.rejects(removeImport(store, taken.source), (e: PatronError) => e.code === 'not_found');
    await assert.rejects(removeImport(store, 'patron'), (e: PatronError) => e.code === 'validation_failed');
    assert.deepEqual(await counts(), { receipts: 1, lines: 1, returns: 0, return_lines: 0, customers: 1, stores: 1, products: 1 });
  });
});

test("a receipt's lines carry its time, store, customer and member key, also when the file's rows for it disagree", async () => {
  await withAnalyticsHome(newHome, async (store, home) => {
    const file = join(home, 'disagreeing.csv');
    writeFileSync(file, [
      'receipt,ts,sku,qty,price,customer,store',
      'R,2026-01-05 10:05:00,bread,1,30,c1,s2',
      'Q,2026-01-05 11:00:00,milk,1,50,,s1',
      'R,2026-01-05 10:00:00,milk,2,50,c1,s1',
      'Q,2026-01-05 11:00:00,tea,1,90,,s1',
      'R,2026-01-05 10:07:00,tea,1,90,,s1',
    ].join('\n') + '\n');
    await importFile(store, file, 'transactions', { rejectedFolder: home });
    const receipts = await store.query("SELECT receipt_id, strftime(ts, '%H:%M') AS at, customer_id FROM receipts ORDER BY 1");
    assert.deepEqual(receipts.map((r) => [String(r['receipt_id']).split(':').at(-1), r['at'], r['customer_id']]), [['Q', '11:00', null], ['R', '10:00', 'ext:c1']]);
    const lines = (await store.query(
      `SELECT count(*) AS lines, count(*) FILTER (l.first_line) AS first_lines, count(DISTINCT r.receipt_id) FILTER (l.first_line) AS receipts_with_first,
              count(*) FILTER (l.ts <> r.ts OR l.local_ts <> r.local_ts OR l.store_id IS DISTINCT FROM r.store_id OR l.customer_id IS DISTINCT FROM r.customer_id
                               OR l.customer_key IS DISTINCT FROM md5_number_lower(r.customer_id) OR r.customer_key IS DISTINCT FROM md5_number_lower(r.customer_id)
                               OR r.receipt_key IS DISTINCT FROM md5_number_lower(r.receipt_id)) AS unlike_their_receipt,
              count(DISTINCT l.line_no) AS line_numbers
         FROM receipt_lines l JOIN receipts r USING (receipt_key)`,
    ))[0];
    // One line of each receipt marks it, and no two lines share a number.
    assert.deepEqual(lines, { lines: 5, first_lines: 2, receipts_with_first: 2, unlike_their_receipt: 0, line_numbers: 5 });
  });
});

test('a large file read on every core still names each rejected row by its line', async () => {
  await withAnalyticsHome(newHome, async (store, home) => {
    // 1.5 million rows (about 50 MB): DuckDB reads it in parallel pieces and stages its rows in
    // no order; the bad rows are planted at lines only the file's own order gives.
    const rows = 1_500_000;
    const bad = new Map([[2, 'R0,yesterday,A,1,10'], [777_777, 'R777,2026-01-05 10:00:00,,1,10'], [1_234_567, 'R1234,2026-01-05 10:00:00,B,0,10'], [rows + 1, 'R9,2026-01-05 10:00:00,C,x,10']]);
    const parts = ['receipt,ts,sku,qty,price'];
    for (let line = 2; line <= rows + 1; line++) parts.push(bad.get(line) ?? `R${line >> 2},2026-01-05 10:00:00,S${line & 7},1,10`);
    const file = join(home, 'large.csv');
    writeFileSync(file, parts.join('\n') + '\n');
    const result = await importFile(store, file, 'transactions', { rejectedFolder: home });
    assert.equal(result.rows, rows);
    assert.equal(result.rejected, 4);
    const listed = readFileSync(result.rejected_file!, 'utf8').trim().split('\n').slice(1);
    assert.deepEqual(listed, [
      '2,date and time not understood: yesterday,"R0,yesterday,A,1"',
      '777777,no product code,"R777,2026-01-05 10:00:00,,1"',
      '1234567,quantity is zero,"R1234,2026-01-05 10:00:00,B,0"',
      '1500001,quantity is not a number: x,"R9,2026-01-05 10:00:00,C,x"',
    ]);
    // Every line imported has a number of its own within its receipt.
    assert.deepEqual(await store.query('SELECT count(*) AS lines, count(DISTINCT (receipt_key, line_no)) AS numbered FROM receipt_lines'), [{ lines: rows - 4, numbered: rows - 4 }]);
  });
});

test("dates and numbers the CSV reader converts itself come out as the text read's casts give them, also with a row only the text read understands", async () => {
  await withAnalyticsHome(newHome, async (store, home) => {
    // Values DuckDB's typed CSV read accepts, in the forms exports write them; three rows rejected.
    const rows = [
      'R1,2026-06-29,a, 1.5,10,', 'R2,2026-06-29 24:00:00,b,+2,.5,', 'R3,2026-06-29 09:03:49 UTC,c,1e1,5.,', 'R4,2026-06-29 09:03:49.1234567,d,1_000,1E-2,',
      'R5,2026-06-29T09:03,e,2 ,3,6', 'R6,2026-6-9 9:03:04,f,1,-0,', 'R7,2026-06-29 09:03:49+03,g,-1,1,', 'R8,  2026-06-29 09:03:49,h,1,1, 2.5 ',
      'R9,2026-06-29 09:03:49,,1,1,', 'R10,2026-06-29 09:03:49,i,0,1,', 'R11,2026-06-29 09:03:49,j,1,-5,',
    ];
    const typed = join(home, 'typed.csv');
    const mixed = join(home, 'mixed.csv');
    writeFileSync(typed, ['receipt,ts,sku,qty,price,amount', ...rows].join('\n') + '\n');
    // The same rows and one whose quantity and date only the text read's rewrites understand.
    writeFileSync(mixed, ['receipt,ts,sku,qty,price,amount', ...rows, 'Z12,29.06.2026 09:03,k,"1 234,5",1,'].join('\n') + '\n');
    const typedRead = (file: string) => store.query(`SELECT count(*) AS n, count(ts) + count(qty) + count(price) + count(amount) AS values FROM read_csv($1, header = true, all_varchar = true, types = {'ts': 'TIMESTAMP', 'qty': 'DOUBLE', 'price': 'DOUBLE', 'amount': 'DOUBLE'})`, [file]);
    assert.deepEqual(await typedRead(typed), [{ n: 11, values: 35 }]);
    await assert.rejects(typedRead(mixed), /Conversion Error/);

    // Value by value, in more forms: wherever the typed read converts a value, TRY_CAST gives the same.
    const numbers = ['1.5', ' 1.5', '+1.5', '.5', '5.', '0x10', '1_000', 'NaN', '-0', '1e3', '1E-2', 'inf', '-Infinity', '1,5', '1 234.5', '0.1e', '--1', '1.5.5', '9999999999999999999999', '1e400', '00012', '١'];
    const times = ['2026-06-29', '2026-06-29 24:00:00', '20260629', '2026-06-29 09:03:49 UTC', '2026-06-29 09:03:49.1234567', '2026-06-29T09:03', '2026-6-9 9:03:04', '29.06.2026 09:03:49',
      '2026-06-29 09:03:49+03', '2026-06-29 09:03:49Z', '2026-06-29 09:03:49 Europe/Moscow', '2026-02-30 10:00:00', 'infinity', 'epoch', '2026-06-29 09:03:60', '2026-06-29  09:03:49', '2026-06-29 09:03:49.5+05:30', '1999-01-08 04:05:06 BC'];
    const forms = join(home, 'forms.csv');
    writeFileSync(forms, ['i,q,t', ...Array.from({ length: Math.max(numbers.length, times.length) }, (_, i) => `${i},"${numbers[i] ?? ''}","${times[i] ?? ''}"`)].join('\n') + '\n');
    const compared = await store.query(
      `WITH text AS (SELECT i, TRY_CAST(q AS DOUBLE) AS q, TRY_CAST(t AS TIMESTAMP) AS t FROM read_csv($1, header = true, all_varchar = true)),
            q AS (SELECT i, q FROM read_csv($1, header = true, all_varchar = true, types = {'q': 'DOUBLE'}, ignore_errors = true)),
            t AS (SELECT i, t FROM read_csv($1, header = true, all_varchar = true, types = {'t': 'TIMESTAMP'}, ignore_errors = true))
       SELECT count(*) FILTER (q.i IS NOT NULL) AS numbers_read, count(*) FILTER (q.i IS NOT NULL AND q.q IS DISTINCT FROM text.q) AS numbers_unlike,
              count(*) FILTER (t.i IS NOT NULL) AS times_read, count(*) FILTER (t.i IS NOT NULL AND t.t IS DISTINCT FROM text.t) AS times_unlike
         FROM text LEFT JOIN q USING (i) LEFT JOIN t USING (i)`,
      [forms],
    );
    assert.deepEqual(compared, [{ numbers_read: 15, numbers_unlike: 0, times_read: 16, times_unlike: 0 }]);

    // What each accepted row must hold: the file's text cast by DuckDB's TRY_CAST, as the text read does.
    const expected = (await store.query(
      `SELECT receipt, strftime(TRY_CAST(trim(ts) AS TIMESTAMP), '%Y-%m-%d %H:%M:%S.%f') AS at, TRY_CAST(qty AS DOUBLE) AS qty, round(TRY_CAST(price AS DOUBLE) * 100)::BIGINT AS price,
              round(coalesce(TRY_CAST(amount AS DOUBLE), TRY_CAST(qty AS DOUBLE) * TRY_CAST(price AS DOUBLE)) * 100)::BIGINT AS amount
         FROM read_csv($1, header = true, all_varchar = true) WHERE receipt NOT IN ('R9', 'R10', 'R11') ORDER BY receipt`,
      [typed],
    ));
    const imported = async (file: string) => {
      const result = await importFile(store, file, 'transactions', { rejectedFolder: home });
      const lines = await store.query(
        `SELECT split_part(r.receipt_id, ':', 3) AS receipt, strftime(l.local_ts, '%Y-%m-%d %H:%M:%S.%f') AS at, l.qty, l.price_kopecks AS price, l.amount_kopecks AS amount FROM receipt_lines l JOIN receipts r USING (receipt_key) WHERE r.source = $1
         UNION ALL
         SELECT split_part(x.receipt_id, ':', 3), strftime(x.ts, '%Y-%m-%d %H:%M:%S.%f'), -l.qty, NULL, -l.amount_kopecks FROM return_lines l JOIN receipt_returns x USING (return_id) WHERE x.source = $1
         ORDER BY 1`,
        [result.source],
      );
      return { result, lines, rejected: readFileSync(result.rejected_file!, 'utf8') };
    };
    const first = await imported(typed);
    assert.equal(first.result.rejected, 3);
    assert.match(first.rejected, /^line,reason,text\n10,no product code,.*\n11,quantity is zero,.*\n12,"negative price/);
    // Returns keep their price only in the amount: compare the sales' and returns' shared fields.
    const comparable = (r: Record<string, unknown>) => ({ ...r, price: r['receipt'] === 'R7' ? null : r['price'] });
    assert.deepEqual(first.lines.map(comparable), expected.map(comparable));
    assert.equal(expected.find((r) => r['receipt'] === 'R4')!['qty'], 1000);

    // Taken off first: the second file's receipts would otherwise be rejected as already imported.
    await removeImport(store, first.result.source);
    const second = await imported(mixed);
    assert.equal(second.result.rejected, 3);
    assert.equal(second.rejected, first.rejected);
    assert.deepEqual(second.lines.slice(0, -1), first.lines);
    assert.deepEqual(second.lines.at(-1), { receipt: 'Z12', at: '2026-06-29 09:03:00.000000', qty: 1234.5, price: 100, amount: 123450 });
  });
});
