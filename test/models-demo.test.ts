import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runCli } from './helpers/run-cli.ts';
import { tempHomes } from './helpers/temp-home.ts';

// The demo retailer generates purchases from BG/NBD and spend from Gamma-Gamma (docs/demo.md);
// fitted on its receipts the models must give those parameters back. Every receipt carries the
// shopper's bank-card token here (a cash receipt would hide a purchase, which is not BG/NBD any
// more), two full years make the season average out, and the program (whose lift changes
// members' rates) starts only in the last month.
const { newHome, removeAll } = tempHomes('patron-models-demo-');
after(removeAll);
let home = '';
let truth: { model: { bgnbd: { r: number; alpha_days: number; a: number; b: number }; gammaGamma: { p: number; q: number; gamma_rub: number } } };

before(async () => {
  home = newHome();
  const made = await runCli(['demo', '--home', home, '--shoppers', '4000', '--stores', '3', '--months', '24', '--launch-after-months', '23', '--live-days', '3', '--end', '2026-06-30', '--card-payment-share', '1']);
  assert.equal(made.code, 0, made.stderr);
  const synced = await runCli(['analytics', 'sync', '--home', home]);
  assert.equal(synced.code, 0, synced.stderr);
  truth = JSON.parse(readFileSync(join(home, 'demo-truth.json'), 'utf8'));
});

async function fit(model: string, ...extra: string[]): Promise<Record<string, { estimate: number; standard_error: number }>> {
  // Each receipt is a purchase, timed by its day, as the generator made them.
  const result = await runCli(['model', 'fit', model, '--home', home, '--time-unit', 'day', '--no-merge-same-day', '--format', 'json', ...extra]);
  assert.equal(result.code, 0, result.stderr);
  const summary = JSON.parse(result.stdout) as { converged: boolean; params: { name: string; estimate: number; standard_error: number }[] };
  assert.ok(summary.converged);
  return Object.fromEntries(summary.params.map((p) => [p.name, p]));
}

const within = (name: string, fitted: { estimate: number; standard_error: number }, planted: number) =>
  assert.ok(Math.abs(fitted.estimate - planted) <= 2 * fitted.standard_error, `${name}: ${fitted.estimate.toFixed(3)} ± ${fitted.standard_error.toFixed(3)} against the planted ${planted}`);

test('BG/NBD recovers the demo\'s planted r, α, a, b within two standard errors', async () => {
  const p = await fit('bgnbd');
  const planted = truth.model.bgnbd;
  within('r', p['r']!, planted.r);
  within('alpha (days)', p['alpha']!, planted.alpha_days);
  within('a', p['a']!, planted.a);
  within('b', p['b']!, planted.b);
});

test('Gamma-Gamma recovers the demo\'s planted p, q, γ within two standard errors', async () => {
  const p = await fit('gamma-gamma');
  const planted = truth.model.gammaGamma;
  within('p', p['p']!, planted.p);
  within('q', p['q']!, planted.q);
  within('gamma (rubles)', p['gamma']!, planted.gamma_rub);
});

test('Pareto/NBD fits the demo\'s BG/NBD shoppers worse than BG/NBD does', async () => {
  const run = async (model: string) => JSON.parse((await runCli(['model', 'fit', model, '--home', home, '--time-unit', 'day', '--no-merge-same-day', '--format', 'json'])).stdout) as { log_likelihood: number; params: { name: string; estimate: number }[] };
  const [bg, pareto] = [await run('bgnbd'), await run('pareto-nbd')];
  // The data are BG/NBD's own (dropout at purchases, not in continuous time): the likelihood tells.
  assert.ok(pareto.log_likelihood < bg.log_likelihood, `${pareto.log_likelihood} vs ${bg.log_likelihood}`);
  // Both read the same mean purchase rate while alive, r/α per day.
  const rate = (f: typeof bg) => f.params[0]!.estimate / f.params[1]!.estimate;
  assert.ok(Math.abs(rate(pareto) / rate(bg) - 1) < 0.25, `${rate(pareto)} vs ${rate(bg)}`);
});

test('churn on the demo: the logistic score and BG/NBD both rank churners well; the evaluation names the winner', async () => {
  const result = await runCli(['model', 'evaluate', 'churn', '--home', home, '--window-days', '90', '--format', 'json']);
  assert.equal(result.code, 0, result.stderr);
  const e = JSON.parse(result.stdout) as { customers: number; winner: string; methods: { method: string; auc: number; brier: number | null }[] };
  assert.ok(e.customers > 1000);
  const auc = Object.fromEntries(e.methods.map((m) => [m.method, m.auc]));
  assert.ok(auc['logistic']! > 0.75 && auc['bgnbd_no_purchase']! > 0.75, JSON.stringify(auc));
  assert.equal(e.winner, [...e.methods].sort((a, b) => b.auc - a.auc)[0]!.method);
  const table = await runCli(['model', 'evaluate', 'churn', '--home', home]);
  assert.match(table.stdout, /Best by AUC: (logistic|bgnbd_no_purchase|bgnbd_not_alive)\n/);
});

test('recommenders on the demo: the evaluation says plainly whether each beats popularity', async () => {
  const result = await runCli(['model', 'evaluate', 'recommenders', '--home', home, '--format', 'json']);
  assert.equal(result.code, 0, result.stderr);
  const e = JSON.parse(result.stdout) as { items: number; verdict: string; methods: { method: string; recall_at_k: number; beats_baseline_on_recall: boolean | null; recall_gain: number | null; recall_gain_se: number | null }[] };
  assert.equal(e.items, 71);
  assert.deepEqual(e.methods.map((m) => m.method), ['popularity', 'item_to_item', 'cross_sell', 'up_sell']);
  for (const m of e.methods.slice(1)) {
    assert.equal(m.beats_baseline_on_recall, m.recall_gain! > 2 * m.recall_gain_se!);
    assert.ok(e.verdict.includes(m.method));
  }
  assert.match(e.verdict, /popularity baseline on recall@10/);
});

test('the model jobs keep their evaluations: the reports read them while the data stay the same, and compute anew after', async () => {
  const report = async (id: string, ...params: string[]) => {
    const r = await runCli(['report', 'run', id, '--home', home, '--format', 'json', ...params.flatMap((p) => ['--param', p])]);
    assert.equal(r.code, 0, r.stderr);
    return (JSON.parse(r.stdout) as { rows: Record<string, number | string | null>[] }).rows;
  };
  const figures = (rows: Record<string, unknown>[]) => rows.map(({ evaluated_at: _, ...r }) => r);
  const scored = await runCli(['model', 'score', '--home', home]);
  assert.equal(scored.code, 0, scored.stderr);
  assert.match(scored.stdout, /evaluations for the model reports .* \d+\.\d\d s/);
  const recommended = await runCli(['model', 'recommend', '--home', home]);
  assert.equal(recommended.code, 0, recommended.stderr);
  const jobsDone = new Date().toISOString();

  const asked = [['models.churn-evaluation'], ['models.churn-calibration'], ['models.recommender-evaluation'], ['models.tracking'], ['models.conditional-expectations'], ['models.fit', 'model=gamma-gamma']] as const;
  const kept = new Map<string, Record<string, unknown>[]>();
  for (const [id, ...params] of asked) {
    const rows = await report(id, ...params);
    assert.ok(rows.length > 0, id);
    // Made by the jobs, before this report was asked for, and the same for every row.
    assert.ok(rows.every((r) => String(r['evaluated_at']) < jobsDone && r['evaluated_at'] === rows[0]!['evaluated_at']), `${id}: ${rows[0]!['evaluated_at']} vs ${jobsDone}`);
    kept.set(id, rows);
  }
  for (const [id, ...params] of asked) {
    const fresh = await report(id, ...params, 'fresh=yes');
    assert.ok(String(fresh[0]!['evaluated_at']) > jobsDone, id);
    // The same figures: the jobs evaluate exactly what the report would.
    assert.deepEqual(figures(fresh), figures(kept.get(id)!), id);
  }
  // Other options than the jobs' are computed when asked, then kept for the same data.
  const window60 = await report('models.churn-evaluation', 'window_days=60');
  assert.ok(String(window60[0]!['evaluated_at']) > jobsDone);
  assert.equal((await report('models.churn-evaluation', 'window_days=60'))[0]!['evaluated_at'], window60[0]!['evaluated_at']);
  // An evaluation run on its own is kept too: the report then shows that one.
  const evaluated = await runCli(['model', 'evaluate', 'churn', '--home', home, '--window-days', '45', '--format', 'json']);
  assert.equal(evaluated.code, 0, evaluated.stderr);
  const afterEvaluation = new Date().toISOString();
  const window45 = await report('models.churn-evaluation', 'window_days=45');
  assert.ok(String(window45[0]!['evaluated_at']) < afterEvaluation);
  const auc = Object.fromEntries((JSON.parse(evaluated.stdout) as { methods: { method: string; auc: number }[] }).methods.map((m) => [m.method, m.auc]));
  assert.deepEqual(Object.fromEntries(window45.map((r) => [r['method'], r['auc']])), auc);

  // New data (an imported receipt): what was kept is not read any more.
  const before = (await report('models.churn-evaluation'))[0]!['evaluated_at'];
  const file = join(home, 'one-receipt.csv');
  writeFileSync(file, 'receipt,ts,sku,qty,price,amount,customer,store\nextra-1,2026-06-30 12:00:00,46010001,1,100,100,extra-shopper,extra-store\n');
  const imported = await runCli(['import', '--home', home, '--preset', 'transactions', file]);
  assert.equal(imported.code, 0, imported.stderr);
  const after = (await report('models.churn-evaluation'))[0]!['evaluated_at'];
  assert.ok(String(after) > String(before), `${after} after ${before}`);
});
