import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { runCli } from './helpers/run-cli.ts';
import { tempHomes } from './helpers/temp-home.ts';

// The CDNOW sample end to end: imported as the event log it is, prepared by Patron's own data
// preparation (exact days, same-day purchases merged), fitted from the CLI.
const { newHome, removeAll } = tempHomes('patron-models-cdnow-');
after(removeAll);
const sample = new URL('../../shared/datasets/cdnow/CDNOW_sample.txt', import.meta.url).pathname;
let home = '';

before(async () => {
  home = newHome();
  const imported = await runCli(['import', '--home', home, '--preset', 'cdnow', sample]);
  assert.equal(imported.code, 0, imported.stderr);
});

interface FitJson {
  customers: number;
  params: { name: string; estimate: number; standard_error: number }[];
  log_likelihood: number;
  converged: boolean;
  holdout: { actual: number; expected: number } | null;
}

async function fit(model: string, ...extra: string[]): Promise<FitJson> {
  const result = await runCli(['model', 'fit', model, '--home', home, '--calibration-end', '1997-09-30', '--time-unit', 'week', '--format', 'json', ...extra]);
  assert.equal(result.code, 0, result.stderr);
  return JSON.parse(result.stdout) as FitJson;
}
const estimates = (f: FitJson, digits: number) => f.params.map((p) => `${p.name}=${p.estimate.toFixed(digits)}`);

test('BG/NBD on CDNOW: r = 0.243, α = 4.414, a = 0.793, b = 2.426, LL = −9582.4 (Fader, Hardie & Lee 2005)', async () => {
  const f = await fit('bgnbd', '--holdout-end', '1998-06-30');
  assert.equal(f.customers, 2357);
  assert.ok(f.converged);
  assert.deepEqual(estimates(f, 3), ['r=0.243', 'alpha=4.414', 'a=0.793', 'b=2.426']);
  assert.equal(f.log_likelihood.toFixed(1), '-9582.4');
  // The 39-week holdout: 1,882 repeat purchase days happened (counted from the raw file).
  assert.equal(f.holdout!.actual, 1882);
  assert.ok(f.holdout!.expected > 1500 && f.holdout!.expected < 1900);
});

test('Gamma-Gamma on the 946 repeat buyers: p = 6.25, q = 3.74, γ = 15.44 (Fader & Hardie)', async () => {
  const f = await fit('gamma-gamma');
  assert.equal(f.customers, 946);
  assert.deepEqual(estimates(f, 2), ['p=6.25', 'q=3.74', 'gamma=15.44']);
});

test('Pareto/NBD on CDNOW: r = 0.55, α = 10.58, s = 0.61, β = 11.67, LL = −9595.0', async () => {
  const f = await fit('pareto-nbd');
  assert.deepEqual(estimates(f, 2), ['r=0.55', 'alpha=10.58', 's=0.61', 'beta=11.67']);
  assert.equal(f.log_likelihood.toFixed(1), '-9595.0');
});

test('the table output states the data preparation; bad flags are usage errors', async () => {
  const table = await runCli(['model', 'fit', 'bgnbd', '--home', home, '--calibration-end', '1997-09-30']);
  assert.match(table.stdout, /^bgnbd: 2357 customers, calibration to 1997-09-30, time unit week, same-day purchases merged\n/);
  assert.match(table.stdout, /alpha +4\.413\d +0\.378\d/);
  // Days instead of weeks: the same fit with α scaled by 7 (r, a, b unchanged).
  const days = await fit('bgnbd', '--time-unit', 'day');
  const weeks = await fit('bgnbd');
  assert.ok(Math.abs(days.params[1]!.estimate / 7 - weeks.params[1]!.estimate) < 1e-3);
  assert.ok(Math.abs(days.params[0]!.estimate - weeks.params[0]!.estimate) < 1e-4);
  const bad = await runCli(['model', 'fit', 'bgnbd', '--home', home, '--time-unit', 'month']);
  assert.equal(bad.code, 64);
  assert.match(bad.stderr, /expected day or week/);
  const noModel = await runCli(['model', 'fit', 'nbd', '--home', home]);
  assert.equal(noModel.code, 64);
});

test('scoring writes every customer\'s predictions; the model reports read them', async () => {
  const scored = await runCli(['model', 'score', '--home', home, '--calibration-end', '1997-09-30', '--horizon-days', '273']);
  assert.equal(scored.code, 0, scored.stderr);
  assert.match(scored.stdout, /Scored 2357 customers as of 1997-09-30/);
  const run = async (id: string, ...params: string[]) => {
    const r = await runCli(['report', 'run', id, '--home', home, '--format', 'json', ...params.flatMap((p) => ['--param', p])]);
    assert.equal(r.code, 0, r.stderr);
    return (JSON.parse(r.stdout) as { rows: Record<string, number | string>[] }).rows;
  };
  const deciles = await run('models.clv-distribution');
  assert.equal(deciles.length, 10);
  assert.equal(deciles.reduce((s, d) => s + Number(d['customers']), 0), 2357);
  assert.ok(Math.abs(deciles.reduce((s, d) => s + Number(d['clv_share']), 0) - 1) < 1e-9);
  assert.ok(Number(deciles[0]!['min_clv_kopecks']) >= Number(deciles[1]!['max_clv_kopecks']));
  const top = await run('models.top-clv', 'limit=3');
  assert.equal(top.length, 3);
  assert.ok(Number(top[0]!['clv_kopecks']) >= Number(top[2]!['clv_kopecks']));
  // Customer 1 of the paper's worked example (x = 2, tx = 30.43, T = 38.86): 1.226 expected in 39 weeks.
  const tracking = await run('models.tracking', 'calibration_end=1997-09-30', 'holdout_end=1998-06-30');
  assert.equal(tracking.length, 78);
  const lastCalibration = tracking.filter((w) => w['period'] === 'calibration').at(-1)!;
  assert.equal(lastCalibration['actual_cumulative'], 2457);
  assert.ok(Math.abs(Number(lastCalibration['expected_cumulative']) - 2457) / 2457 < 0.03);
  const fitRows = await run('models.fit', 'model=gamma-gamma', 'calibration_end=1997-09-30');
  assert.deepEqual(fitRows.slice(0, 3).map((r) => `${r['parameter']}=${Number(r['estimate']).toFixed(2)}`), ['p=6.25', 'q=3.74', 'gamma=15.44']);
  const atRisk = await run('models.at-risk', 'top_share=0.5', 'drop=0.05');
  assert.ok(atRisk.length > 0);
  for (const c of atRisk) assert.ok(Number(c['p_alive']) >= 0.1 && (Number(c['p_alive']) < 0.5 || Number(c['p_alive']) <= Number(c['p_alive_before']) - 0.05));
  const next = await run('models.next-purchase');
  assert.ok(next.length > 0 && next.every((w) => String(w['week_start']) > '1997-09-22'));
  const byFrequency = await run('models.conditional-expectations', 'calibration_end=1997-09-30', 'holdout_end=1998-06-30');
  assert.equal(byFrequency.reduce((s, g) => s + Number(g['customers']), 0), 2357);
  assert.equal(byFrequency[0]!['customers'], 1411);
});
