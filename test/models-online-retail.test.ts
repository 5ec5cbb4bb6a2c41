import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { runCli } from './helpers/run-cli.ts';
import { tempHomes } from './helpers/temp-home.ts';

// UCI Online Retail (Dec 2010 – Dec 2011): 4,372 customers of a gift wholesaler, no categories.
const { newHome, removeAll } = tempHomes('patron-models-retail-');
after(removeAll);
let home = '';
before(async () => {
  home = newHome();
  const file = new URL('../../shared/datasets/online_retail/online_retail.csv.gz', import.meta.url).pathname;
  const imported = await runCli(['import', '--home', home, '--preset', 'online-retail', file]);
  assert.equal(imported.code, 0, imported.stderr);
});

test('recommenders on Online Retail: item-to-item and cross-sell beat popularity on recall@10; up-sell has no categories', async () => {
  const result = await runCli(['model', 'evaluate', 'recommenders', '--home', home, '--format', 'json']);
  assert.equal(result.code, 0, result.stderr);
  const e = JSON.parse(result.stdout) as { split: string; shoppers_tested: number; verdict: string; methods: { method: string; recall_at_k: number; precision_at_k: number; coverage: number; beats_baseline_on_recall: boolean | null }[] };
  assert.equal(e.split, '2011-09-10');
  assert.ok(e.shoppers_tested > 1500);
  const m = Object.fromEntries(e.methods.map((x) => [x.method, x]));
  assert.equal(m['item_to_item']!.beats_baseline_on_recall, true);
  assert.equal(m['cross_sell']!.beats_baseline_on_recall, true);
  assert.ok(m['item_to_item']!.recall_at_k > 1.5 * m['popularity']!.recall_at_k);
  assert.equal(m['up_sell']!.recall_at_k, 0);
  assert.match(e.verdict, /no categories, so up-sell has nothing to offer/);
  // Personal methods spread over the catalogue; the baseline offers everyone the same few items.
  assert.ok(m['item_to_item']!.coverage > 10 * m['popularity']!.coverage);
  // The same evaluation kept as a report.
  const report = await runCli(['report', 'run', 'models.recommender-evaluation', '--home', home, '--format', 'json']);
  const rows = (JSON.parse(report.stdout) as { rows: { method: string; recall_at_k: number; beats_baseline: string }[] }).rows;
  assert.deepEqual(rows.map((r) => [r.method, r.recall_at_k, r.beats_baseline]), e.methods.map((x) => [x.method, x.recall_at_k, x.beats_baseline_on_recall === null ? 'baseline' : x.beats_baseline_on_recall ? 'yes' : 'no']));
});

test('churn on Online Retail: the logistic score against BG/NBD, and the one-time buyers BG/NBD calls alive', async () => {
  const result = await runCli(['model', 'evaluate', 'churn', '--home', home, '--format', 'json']);
  assert.equal(result.code, 0, result.stderr);
  const e = JSON.parse(result.stdout) as { customers: number; churn_rate: number; winner: string; methods: { method: string; auc: number }[] };
  const auc = Object.fromEntries(e.methods.map((m) => [m.method, m.auc]));
  assert.ok(auc['logistic']! > 0.7 && auc['bgnbd_no_purchase']! > 0.7, JSON.stringify(auc));
  // BG/NBD holds a customer with no repeat purchase alive for sure, so 1 − P(alive) ranks the
  // many one-time buyers, the likeliest to churn, as safest: worse than chance here.
  assert.ok(auc['bgnbd_not_alive']! < 0.5);
  const kept = await runCli(['report', 'run', 'models.churn-evaluation', '--home', home, '--format', 'json']);
  const keptRows = (JSON.parse(kept.stdout) as { rows: { method: string; auc: number; best: string }[] }).rows;
  assert.deepEqual(keptRows.map((r) => [r.method, r.auc]), e.methods.map((m) => [m.method, m.auc]));
  assert.equal(keptRows.find((r) => r.best === 'yes')!.method, e.winner);
  const report = await runCli(['report', 'run', 'models.churn-calibration', '--home', home, '--format', 'json']);
  const bins = (JSON.parse(report.stdout) as { rows: { method: string; customers: number }[] }).rows;
  assert.equal(bins.filter((b) => b.method === 'logistic').reduce((s, b) => s + b.customers, 0), e.customers);
});
