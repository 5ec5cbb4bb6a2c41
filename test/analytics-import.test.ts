import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
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
