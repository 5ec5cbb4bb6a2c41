import { InvalidArgumentError, type Command } from 'commander';
import { customerModelNames, defaultScoreOptions, keptChurnEvaluation, keptRecommenderEvaluation, writeRecommendations, fitModelSummary, scoreCustomers, type CustomerModelName, type ModelDataOptions } from '../../analytics/index.ts';
import { frequencyModelNames, type FrequencyModelName } from '../../models/index.ts';
import { configFrom } from '../options.ts';
import { progressOnDemand } from '../progress.ts';
import { withAnalyticsStore } from '../runtime.ts';
import { printTable } from '../table.ts';

const isoDate = (value: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) throw new InvalidArgumentError('expected a date YYYY-MM-DD');
  return value;
};
const oneOf = <T extends string>(values: readonly T[]) => (value: string) => {
  if (!(values as readonly string[]).includes(value)) throw new InvalidArgumentError(`expected ${values.join(' or ')}`);
  return value as T;
};
const positive = (max: number) => (value: string) => {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > max) throw new InvalidArgumentError(`expected a number above 0, at most ${max}`);
  return n;
};

interface DataFlags {
  calibrationEnd?: string;
  holdoutEnd?: string;
  timeUnit: 'day' | 'week';
  mergeSameDay: boolean;
  spendIncludesFirst?: boolean;
  source?: string;
}

/** The data-preparation flags every model command shares: each choice the literature makes, explicit. */
function withDataFlags(command: Command): Command {
  return command
    .option('--calibration-end <date>', 'last day of the calibration period (default: the last day with purchases)', isoDate)
    .option('--holdout-end <date>', 'last day of the holdout period (default: the last day with purchases)', isoDate)
    .option('--time-unit <day|week>', 'time unit of the models', oneOf(['day', 'week'] as const), 'week')
    .option('--no-merge-same-day', 'count each receipt as a purchase (default: purchases on one day are one)')
    .option('--spend-includes-first', 'count the first purchase in average spend (default: repeat purchases only)')
    .option('--source <source>', 'only receipts of this source (import:… or patron)');
}

function dataOptions(flags: DataFlags): ModelDataOptions {
  return {
    timeUnit: flags.timeUnit,
    mergeSameDay: flags.mergeSameDay,
    spendIncludesFirst: flags.spendIncludesFirst === true,
    ...(flags.calibrationEnd ? { calibrationEnd: flags.calibrationEnd } : {}),
    ...(flags.holdoutEnd ? { holdoutEnd: flags.holdoutEnd } : {}),
    ...(flags.source ? { source: flags.source } : {}),
  };
}

export function registerModelCommand(program: Command): void {
  const model = program.command('model').description('Customer models: lifetime value, churn, recommendations');

  withDataFlags(
    model
      .command('fit')
      .description('Fit a model by maximum likelihood and print its parameters, standard errors and holdout check')
      .argument('<model>', customerModelNames.join(' | '), oneOf(customerModelNames))
      .option('--format <table|json>', 'output format', oneOf(['table', 'json'] as const), 'table'),
  ).action(async (name: CustomerModelName, flags: DataFlags & { format: 'table' | 'json' }, command: Command) => {
    await withAnalyticsStore(configFrom(command), async ({ analytics }) => {
      const summary = await fitModelSummary(analytics, name, dataOptions(flags));
      if (flags.format === 'json') return void process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
      const d = summary.data;
      process.stdout.write(
        `${name}: ${summary.customers} customers, calibration to ${d.calibration_end}, time unit ${d.time_unit}` +
          `${d.merge_same_day ? ', same-day purchases merged' : ''}${d.source ? `, source ${d.source}` : ''}\n`,
      );
      printTable(summary.params.map((p) => ({ parameter: p.name, estimate: Number(p.estimate.toFixed(4)), standard_error: Number(p.standard_error.toFixed(4)) })));
      process.stdout.write(`log-likelihood ${summary.log_likelihood.toFixed(2)}, ${summary.converged ? 'converged' : 'NOT converged'} in ${summary.iterations} iterations, ${summary.seconds.fit.toFixed(2)} s\n`);
      if (summary.holdout) {
        const h = summary.holdout;
        const error = h.actual !== 0 ? ` (${(((h.expected - h.actual) / h.actual) * 100).toFixed(1)} %)` : '';
        process.stdout.write(`holdout to ${d.holdout_end} (${h.length.toFixed(1)} ${d.time_unit}s): ${h.what}: actual ${h.actual.toFixed(2)}, expected ${h.expected.toFixed(2)}${error}\n`);
      }
    });
  });

  withDataFlags(
    model
      .command('score')
      .description('Fit on everything to the as-of day and write each customer\'s predictions to the read side')
      .option('--model <bgnbd|pareto-nbd>', 'purchase frequency model', oneOf(frequencyModelNames), defaultScoreOptions.model)
      .option('--horizon-days <n>', 'window of the expected purchases', positive(3650), defaultScoreOptions.horizonDays)
      .option('--clv-months <n>', 'CLV horizon in months', positive(120), defaultScoreOptions.clvMonths)
      .option('--discount-rate <rate>', 'yearly discount rate for CLV (0.1 = 10 %)', positive(1), defaultScoreOptions.annualDiscountRate),
  ).action(async (flags: DataFlags & { model: FrequencyModelName; horizonDays: number; clvMonths: number; discountRate: number }, command: Command) => {
    await withAnalyticsStore(configFrom(command), async ({ analytics }) => {
      const progress = progressOnDemand('scoring');
      const summary = await scoreCustomers(
        analytics,
        { ...defaultScoreOptions, ...dataOptions(flags), model: flags.model, horizonDays: flags.horizonDays, clvMonths: flags.clvMonths, annualDiscountRate: flags.discountRate },
        (done, total) => progress.update(done, total),
      );
      progress.finish();
      const s = summary.seconds;
      process.stdout.write(
        `Scored ${summary.customers} customers as of ${summary.as_of} (fit ${summary.fit_id}): total CLV ${(summary.total_clv_kopecks / 100).toFixed(2)} over ${flags.clvMonths} months; ` +
          `load ${s.load.toFixed(2)} s, fit ${s.fit.toFixed(2)} s, churn model ${s.churn.toFixed(2)} s, score ${s.score.toFixed(2)} s, write ${s.write.toFixed(2)} s; evaluations for the model reports (fit, holdout, churn on a time split) ${s.evaluate.toFixed(2)} s\n`,
      );
    });
  });

  model
    .command('recommend')
    .description('Train the recommenders on all purchases and write each active shopper\'s top k per method to the read side')
    .option('--k <n>', 'recommendations per shopper and method', positive(100), 10)
    .option('--active-days <n>', 'shoppers who bought in this many last days', positive(3650), 365)
    .option('--source <source>', 'only receipts of this source (import:… or patron)')
    .action(async (flags: { k: number; activeDays: number; source?: string }, command: Command) => {
      await withAnalyticsStore(configFrom(command), async ({ analytics }) => {
        const progress = progressOnDemand('recommending');
        const summary = await writeRecommendations(analytics, { k: flags.k, activeDays: flags.activeDays, ...(flags.source ? { source: flags.source } : {}) }, (done, total) =>
          progress.update(done, total),
        );
        progress.finish();
        const s = summary.seconds;
        process.stdout.write(
          `Wrote ${summary.rows} recommendations for ${summary.customers} shoppers as of ${summary.as_of} (${summary.items} items); ` +
            `load ${s.load.toFixed(2)} s, train ${s.train.toFixed(2)} s, recommend ${s.recommend.toFixed(2)} s, write ${s.write.toFixed(2)} s; evaluation on a time split for the report ${s.evaluate.toFixed(2)} s\n`,
        );
      });
    });

  const evaluate = model.command('evaluate').description('Offline evaluation on a time split');
  evaluate
    .command('churn')
    .description('Train the churn score on one window, test it on the next; compare with BG/NBD on the same shoppers')
    .option('--window-days <n>', 'churned = no purchase in this many days after the cut', positive(730), 90)
    .option('--source <source>', 'only receipts of this source (import:… or patron)')
    .option('--format <table|json>', 'output format', oneOf(['table', 'json'] as const), 'table')
    .action(async (flags: { windowDays: number; source?: string; format: 'table' | 'json' }, command: Command) => {
      await withAnalyticsStore(configFrom(command), async ({ analytics }) => {
        // Kept for the reports, which then read it while the data stand.
        const { result } = await keptChurnEvaluation(analytics, { windowDays: flags.windowDays, ...(flags.source ? { source: flags.source } : {}) }, true);
        if (flags.format === 'json') return void process.stdout.write(JSON.stringify(result, null, 2) + '\n');
        process.stdout.write(
          `Churn = no purchase in ${result.window_days} days. Trained on ${result.train_customers} shoppers at ${result.train_cut} (churn rate ${(result.train_churn_rate * 100).toFixed(1)} %), ` +
            `tested on ${result.customers} at ${result.evaluation_cut} (churn rate ${(result.churn_rate * 100).toFixed(1)} %)\n`,
        );
        printTable(result.methods.map((m) => ({ method: m.method, auc: m.auc.toFixed(4), brier: m.brier?.toFixed(4) ?? '—', log_loss: m.log_loss?.toFixed(4) ?? '—' })));
        process.stdout.write(`Best by AUC: ${result.winner}\n`);
        printTable(result.coefficients.map((c) => ({ feature: c.feature, weight_per_sd: c.weight.toFixed(3) })));
      });
    });

  evaluate
    .command('recommenders')
    .description('Train each recommender on history, test on the next period\'s new purchases, against the popularity baseline')
    .option('--test-days <n>', 'length of the test period at the end of the data', positive(730), 90)
    .option('--k <n>', 'recommendations per shopper', positive(100), 10)
    .option('--source <source>', 'only receipts of this source (import:… or patron)')
    .option('--format <table|json>', 'output format', oneOf(['table', 'json'] as const), 'table')
    .action(async (flags: { testDays: number; k: number; source?: string; format: 'table' | 'json' }, command: Command) => {
      await withAnalyticsStore(configFrom(command), async ({ analytics }) => {
        const { result } = await keptRecommenderEvaluation(analytics, { testDays: flags.testDays, k: flags.k, ...(flags.source ? { source: flags.source } : {}) }, true);
        if (flags.format === 'json') return void process.stdout.write(JSON.stringify(result, null, 2) + '\n');
        process.stdout.write(`Trained on purchases to ${result.split}, tested on ${result.shoppers_tested} shoppers' new items to ${result.last_day}; ${result.items} items\n`);
        const k = result.k;
        printTable(
          result.methods.map((m) => ({
            method: m.method, [`precision@${k}`]: m.precision_at_k.toFixed(4), [`recall@${k}`]: m.recall_at_k.toFixed(4), [`map@${k}`]: m.map_at_k.toFixed(4),
            coverage: m.coverage.toFixed(3), recall_gain: m.recall_gain === null ? '—' : `${m.recall_gain >= 0 ? '+' : ''}${m.recall_gain.toFixed(4)} ± ${m.recall_gain_se!.toFixed(4)}`,
            train_s: m.train_seconds.toFixed(2),
          })),
        );
        process.stdout.write(result.verdict + '\n');
      });
    });
}
