import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runCli } from './helpers/run-cli.ts';
import { tempHomes } from './helpers/temp-home.ts';

// The demo retailer plants campaign effects and a program lift whose true size is written in its
// truth file (docs/demo.md). Measured on its receipts, each planted truth must fall inside
// Patron's 95 % intervals, the no-effect campaign must come out not significant and the
// pull-forward campaign must be flagged. The intervals' calibration over many seeds is checked
// in test/measurement-coverage.test.ts; this seed is one draw of many.
const { newHome, removeAll } = tempHomes('patron-measurement-demo-');
after(removeAll);
let home = '';
interface TruthCampaign { code: string; true_effect: { visit_rate_multiplier: number; spend_per_visit_multiplier: number }; after_window: { days: number } | null }
let truth: { campaigns: TruthCampaign[]; program: { lift: { visits: number; spend: number } } };

before(async () => {
  home = newHome();
  const made = await runCli(['demo', '--home', home, '--seed', '7', '--shoppers', '12000', '--end', '2026-06-30']);
  assert.equal(made.code, 0, made.stderr);
  const synced = await runCli(['analytics', 'sync', '--home', home]);
  assert.equal(synced.code, 0, synced.stderr);
  truth = JSON.parse(readFileSync(join(home, 'demo-truth.json'), 'utf8'));
  assert.equal(truth.campaigns.length, 4);
});

async function json<T>(...args: string[]): Promise<T> {
  const r = await runCli([...args, '--home', home, '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as T;
}

type Est = { estimate: number; ci_low: number; ci_high: number; p_value: number };
interface Effect {
  comparisons: { metric: string; significant: boolean; difference: Est; relative: Est; cuped: { relative: Est; difference: Est; variance_reduction: number } | null }[];
  after_window: { pulled_forward: boolean; visits: Est }[];
  economics: { cost: { total_kopecks: number }; roi_margin_pct: Est | null }[];
}

const inside = (what: string, e: { ci_low: number; ci_high: number; estimate: number }, value: number) =>
  assert.ok(e.ci_low <= value && value <= e.ci_high, `${what}: planted ${value.toFixed(3)} is outside ${e.ci_low.toFixed(3)} … ${e.ci_high.toFixed(3)} (estimate ${e.estimate.toFixed(3)})`);

test('every planted campaign effect falls inside the 95 % intervals; the null is not significant; the pull-forward is flagged', async () => {
  for (const c of truth.campaigns) {
    const e = await json<Effect>('measure', 'campaign', c.code);
    const visits = e.comparisons.find((x) => x.metric === 'visits_per_customer')!;
    const check = e.comparisons.find((x) => x.metric === 'average_check')!;
    const revenue = e.comparisons.find((x) => x.metric === 'revenue_per_customer')!;
    inside(`${c.code} visits (CUPED)`, visits.cuped!.relative, c.true_effect.visit_rate_multiplier - 1);
    inside(`${c.code} spend per visit`, check.relative, c.true_effect.spend_per_visit_multiplier - 1);
    assert.ok(visits.cuped!.variance_reduction > 0, `${c.code}: CUPED removed no variance`);
    if (c.code === 'newsletter-new-products') {
      assert.equal(visits.significant, false, 'the no-effect campaign looks significant on visits');
      assert.equal(revenue.significant, false, 'the no-effect campaign looks significant on revenue');
    }
    assert.equal(e.after_window[0]!.pulled_forward, c.after_window !== null, `${c.code}: pulled forward ${e.after_window[0]!.pulled_forward}`);
    assert.ok(e.economics[0]!.cost.total_kopecks >= 0, `${c.code}: a negative cost`);
  }
});

test('the planted program lift falls inside the causal intervals; the naive comparison is far above it', async () => {
  const e = await json<{ baseline: string; visits_lift: Est; spend_per_visit_lift: Est; revenue_lift: Est; naive: { visits_ratio: number; revenue_ratio: number }; event_study: { week: number; effect: Est }[] }>('measure', 'program');
  assert.equal(e.baseline, 'before_launch');
  const { visits, spend } = truth.program.lift;
  inside('program visits', e.visits_lift, visits);
  inside('program spend per visit', e.spend_per_visit_lift, spend);
  inside('program revenue', e.revenue_lift, (1 + visits) * (1 + spend) - 1);
  // Self-selection: members look far better than the program makes them.
  assert.ok(e.naive.revenue_ratio - 1 > e.revenue_lift.ci_high * 2, `naive ${e.naive.revenue_ratio} against causal ${e.revenue_lift.ci_high}`);
  assert.equal(e.event_study.length, 24);
  const post = e.event_study.filter((w) => w.week > 0);
  assert.ok(post.filter((w) => w.effect.estimate > 0).length >= 9, 'the weeks after joining mostly show the lift');
});

test('the measurement reports run on the demo: list, ROI, after-window, breakdowns, planning, event study, program ROI, mechanics', async () => {
  const rows = async (id: string, ...params: string[]) => {
    const r = await runCli(['report', 'run', id, '--home', home, '--format', 'json', ...params.flatMap((p) => ['--param', p])]);
    assert.equal(r.code, 0, r.stderr);
    return (JSON.parse(r.stdout) as { rows: Record<string, unknown>[] }).rows;
  };
  assert.equal((await rows('measurement.campaigns')).length, 4);
  const roi = (await rows('measurement.campaign-roi', 'campaign=double-points-coffee', 'message_cost_kopecks=150'))[0]!;
  assert.ok(Number(roi['messages_kopecks']) > 0 && Number(roi['cost_kopecks']) >= Number(roi['messages_kopecks']));
  assert.equal((await rows('measurement.campaign-after-window', 'campaign=weekend-discount'))[0]!['pulled_forward'], 'yes');
  assert.equal((await rows('measurement.campaign-effect', 'campaign=weekend-discount')).length, 5);
  for (const by of ['segment', 'tier', 'store', 'gender', 'age_band', 'city']) assert.ok((await rows('measurement.campaign-breakdown', 'campaign=newsletter-new-products', `by=${by}`)).length > 0, by);
  const plan = (await rows('measurement.campaign-planning', 'metric=visits', 'control_share=0.15'))[0]!;
  assert.ok(Number(plan['minimum_detectable_relative']) > 0 && Number(plan['minimum_detectable_relative']) < 1);
  const needed = (await rows('measurement.campaign-planning', 'metric=revenue', `effect=${Number(plan['minimum_detectable_relative'])}`))[0]!;
  assert.ok(Number(needed['control_share']) > 0);
  assert.equal((await rows('measurement.program-effect')).length, 7);
  // A global holdout is a campaign whose control group the program leaves out: its comparison shows beside (any campaign stands in here).
  const withHoldout = await rows('measurement.program-effect', 'holdout_campaign=double-points-coffee');
  const holdout = withHoldout.filter((r) => String(r['estimate_kind']).includes('global holdout'));
  assert.deepEqual(holdout.map((r) => r['metric']).sort(), ['revenue_lift', 'spend_per_visit_lift', 'visits_lift']);
  const coffee = await json<Effect>('measure', 'campaign', 'double-points-coffee');
  assert.equal(holdout.find((r) => r['metric'] === 'visits_lift')!['value'], coffee.comparisons.find((c) => c.metric === 'visits_per_customer')!.cuped!.relative.estimate);
  assert.equal((await rows('measurement.program-event-study', 'weeks=8')).length, 16);
  const programRoi = await rows('measurement.program-roi', 'running_cost_kopecks_per_month=100000000');
  const total = programRoi.find((r) => r['item'] === 'cost_total')!;
  assert.ok(Number(total['value_kopecks']) > 100_000_000 * 11);
  const mechanics = await rows('measurement.mechanics', 'discount_bp=500', 'bonus_bp=500');
  const [discount, bonus] = [mechanics[0]!, mechanics[1]!];
  // A 5 % discount costs exactly 5 % of the revenue; a 5 % bonus less, by what is never redeemed.
  assert.ok(Math.abs(Number(discount['cost_share']) - 0.05) < 1e-12);
  assert.ok(Number(bonus['cost_kopecks']) < Number(discount['cost_kopecks']) && Number(bonus['liability_end_kopecks']) > 0);
  const monthly = await rows('measurement.mechanics-monthly');
  assert.equal(monthly.length % 3, 0);
});
