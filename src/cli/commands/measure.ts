import type { Command } from 'commander';
import { breakdownOptions, campaignBreakdown, campaignEffect, effectOptions, findReport, planCampaign, planInput, programEffect, programOptions, programRoi, programRoiOptions, runMechanics, type Text } from '../../analytics/index.ts';
import type { Estimate } from '../../models/index.ts';
import { parseParams } from '../../analytics/reports/report-definition.ts';
import { collectParam, configFrom } from '../options.ts';
import { UsageError } from '../usage-error.ts';
import { withAnalyticsStore } from '../runtime.ts';
import { printTable } from '../table.ts';

const r = (x: number | null | undefined, digits = 4) => (x === null || x === undefined || !Number.isFinite(x) ? '' : Number(x.toFixed(digits)));
const ci = (e: Estimate | null | undefined, digits = 4) => (e ? `${r(e.ci_low, digits)} … ${r(e.ci_high, digits)}` : '');
const p = (e: Estimate | null | undefined) => (e ? (e.p_value < 0.001 ? '< 0.001' : r(e.p_value, 3)) : '');

interface Flags {
  param: Record<string, string>;
  format: string;
}

/** Whether the output is JSON; a format other than table or json is a usage error. */
function wantsJson(flags: Flags): boolean {
  if (!['table', 'json'].includes(flags.format)) throw new UsageError('--format must be table or json');
  return flags.format === 'json';
}

/** Each subcommand takes the parameters of the report it mirrors (`--param k=v`), prints tables and the plain-language verdict, or JSON. */
function sub(measure: Command, name: string, reportId: string, description: string, withRef: boolean, run: (ctx: { analytics: Parameters<Parameters<typeof withAnalyticsStore>[1]>[0]['analytics']; params: ReturnType<typeof parseParams>; ref?: string; json: boolean; say: (t: Text) => void }) => Promise<unknown>): void {
  const command = measure.command(name).description(`${description} (parameters as in report ${reportId})`);
  if (withRef) command.argument('<campaign>', 'campaign id or code (see patron report run measurement.campaigns)');
  command
    .option('--param <name=value>', 'a parameter (repeatable); patron report list shows them', collectParam, {})
    .option('--format <table|json>', 'output format', 'table')
    .action(async (...args: unknown[]) => {
      const cmd = args.at(-1) as Command;
      const flags = args.at(-2) as Flags;
      const ref = withRef ? (args[0] as string) : undefined;
      const json = wantsJson(flags);
      const config = configFrom(cmd);
      await withAnalyticsStore(config, async ({ analytics }) => {
        const params = parseParams(findReport(reportId), flags.param);
        const result = await run({ analytics, params, ref, json, say: (t) => process.stdout.write(`\n${t[config.locale]}\n`) });
        if (json) process.stdout.write(JSON.stringify(result, null, 2) + '\n');
      });
    });
}

export function registerMeasureCommand(program: Command): void {
  const measure = program.command('measure').description('What campaigns and the program cause: effects with intervals, ROI, planning');

  sub(measure, 'campaign', 'measurement.campaign-effect', 'A campaign’s effect per arm: differences with 95% intervals, CUPED, cost, ROI, purchases pulled forward', true, async ({ analytics, params, ref, json, say }) => {
    const e = await campaignEffect(analytics, ref!, effectOptions(params));
    if (json) return e;
    process.stdout.write(`${e.campaign.name} (${e.campaign.code}, ${e.campaign.kind}${e.campaign.starts_at ? `, ${e.campaign.starts_at.slice(0, 10)} … ${e.campaign.ends_at!.slice(0, 10)}` : ''})\n\n`);
    printTable(e.arms.map((a) => ({ arm: a.arm, control: a.control ? 'yes' : '', customers: a.customers, response_rate: r(a.response_rate), visits: r(a.visits_per_customer), revenue_kopecks: r(a.revenue_per_customer_kopecks, 2), average_check_kopecks: r(a.average_check_kopecks, 0) })));
    process.stdout.write('\n');
    printTable(e.comparisons.map((c) => ({
      arm: c.arm, metric: c.metric, difference: r(c.difference.estimate), '95% CI': ci(c.difference), p: p(c.difference), lift: r(c.relative.estimate), 'lift CI': ci(c.relative),
      cuped: r(c.cuped?.difference.estimate), 'cuped CI': ci(c.cuped?.difference), 'var. removed': r(c.cuped?.variance_reduction, 3),
    })));
    if (e.economics.length) {
      process.stdout.write('\n');
      printTable(e.economics.map((x) => ({ arm: x.arm, incremental_revenue_kopecks: r(x.incremental_revenue_kopecks.estimate, 0), incremental_margin_kopecks: r(x.incremental_margin_kopecks?.estimate, 0), cost_kopecks: r(x.cost.total_kopecks, 0), 'ROI margin %': r(x.roi_margin_pct?.estimate, 1), 'ROI revenue %': r(x.roi_revenue_pct?.estimate, 1) })));
    }
    for (const a of e.after_window) say(a.meaning);
    for (const v of Object.values(e.verdict)) say(v);
    return e;
  });

  sub(measure, 'breakdown', 'measurement.campaign-breakdown', 'A campaign’s effect within segments, tiers, stores or demographics, with Holm-adjusted p-values', true, async ({ analytics, params, ref, json, say }) => {
    const { by, ...options } = breakdownOptions(params);
    const b = await campaignBreakdown(analytics, ref!, by, options);
    if (json) return b;
    printTable(b.cells.map((c) => ({ arm: c.arm, [b.by]: c.value, treated: c.treated, control: c.control, revenue_diff_kopecks: r(c.revenue_per_customer.estimate, 1), '95% CI': ci(c.revenue_per_customer, 1), p: p(c.revenue_per_customer), 'p (Holm)': r(c.p_adjusted, 3) })));
    say(b.caveat);
    return b;
  });

  sub(measure, 'plan', 'measurement.campaign-planning', 'The smallest effect a control share detects, or the control share an effect needs', false, async ({ analytics, params, json, say }) => {
    const plan = await planCampaign(analytics, planInput(params));
    if (!json) say(plan.meaning);
    return plan;
  });

  sub(measure, 'program', 'measurement.program-effect', 'What joining the program does: difference in differences against matched shoppers, event study, and the naive comparison', false, async ({ analytics, params, json, say }) => {
    const e = await programEffect(analytics, programOptions(params));
    if (json) return e;
    printTable([['visits', e.visits_lift], ['spend per visit', e.spend_per_visit_lift], ['revenue', e.revenue_lift]].map(([name, est]) => ({ lift: name as string, estimate: r((est as Estimate).estimate), '95% CI': ci(est as Estimate), p: p(est as Estimate) })));
    process.stdout.write('\n');
    printTable(e.event_study.map((w) => ({ week: w.week, joiners: r(w.joiners_visits, 3), matched: r(w.matched_visits, 3), effect: r(w.effect.estimate, 3), '95% band': ci(w.effect, 3) })));
    if (e.naive) say(e.naive.meaning);
    say(e.meaning);
    return e;
  });

  sub(measure, 'roi', 'measurement.program-roi', 'The program’s incremental margin against its full cost', false, async ({ analytics, params, json, say }) => {
    const roi = await programRoi(analytics, programRoiOptions(params));
    if (!json) say(roi.meaning);
    return roi;
  });

  program
    .command('simulate')
    .description('The mechanics simulator: a discount, a bonus and tiered bonuses replayed on the chain’s own receipts (parameters as in report measurement.mechanics)')
    .option('--param <name=value>', 'a parameter (repeatable): discount_bp, bonus_bp, tiers, participants, redemption_rate, redemption_delay_months, expiry_months, from, to', collectParam, {})
    .option('--format <table|json>', 'output format', 'table')
    .action(async (flags: Flags, cmd: Command) => {
      const json = wantsJson(flags);
      const config = configFrom(cmd);
      await withAnalyticsStore(config, async ({ analytics }) => {
        const m = await runMechanics(analytics, parseParams(findReport('measurement.mechanics'), flags.param));
        if (json) {
          process.stdout.write(JSON.stringify(m, null, 2) + '\n');
          return;
        }
        process.stdout.write(`${m.from} … ${m.to}, ${m.participants}; redemption ${(m.redemption.rate * 100).toFixed(1)} % (${m.redemption.basis}), mean ${m.redemption.mean_delay_months.toFixed(1)} months to redeem (${m.redemption.delay_basis}), expiry ${m.redemption.expiry_months} months\n\n`);
        printTable(m.results.map((x) => ({ mechanic: x.label, cost_kopecks: r(x.cost, 0), 'cost/revenue': r(x.cost_share), cash_out_kopecks: r(x.cash_out, 0), liability_end_kopecks: r(x.liability_end, 0), 'break-even lift': r(x.break_even_lift) })));
        process.stdout.write('\n');
        printTable(m.results[1]!.months.map((x, i) => ({ month: x.month, revenue_kopecks: r(x.revenue, 0), ...Object.fromEntries(m.results.map((res) => [`${res.label} cash`, r(res.months[i]!.cash_out, 0)])), 'bonus liability': r(x.liability_end, 0) })));
        process.stdout.write(`\n${m.meaning[config.locale]}\n`);
      });
    });
}
