import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { defaultDemoOptions, isChainEmpty, runDemo, truthText, type DemoProgress } from '../../demo/index.ts';
import { configFrom } from '../options.ts';
import { UsageError } from '../usage-error.ts';
import { createProgress, status, type Progress } from '../progress.ts';
import { withDatabase } from '../runtime.ts';

function wholeNumber(min: number, max: number) {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}`);
    return n;
  };
}

function shareOf(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) throw new InvalidArgumentError('expected a share from 0 to 1');
  return n;
}

function isoDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) throw new InvalidArgumentError('expected a date as YYYY-MM-DD');
  return value;
}

function cliProgress(): DemoProgress {
  let bar: Progress | null = null;
  let current = '';
  return {
    phase(name, total) {
      if (current === name && bar) return;
      current = name;
      bar = createProgress(name === 'history' ? 'history (bulk load)    ' : 'live (processing path) ', total);
    },
    update(done) {
      bar?.update(done);
    },
    done() {
      bar?.finish();
      bar = null;
    },
  };
}

export function registerDemoCommand(program: Command): void {
  const d = defaultDemoOptions;
  program
    .command('demo')
    .description('Generate a demo retail chain with planted, documented truths into the data folder')
    .option('--seed <n>', 'random seed: the same seed and flags give the same data', wholeNumber(0, 2 ** 32 - 1), d.seed)
    .option('--shoppers <n>', 'shoppers (members and not)', wholeNumber(10, 5_000_000), d.shoppers)
    .option('--stores <n>', 'stores', wholeNumber(1, 500), d.stores)
    .option('--months <n>', 'months of history', wholeNumber(2, 120), d.months)
    .option('--end <date>', 'last day of the history, YYYY-MM-DD (default: yesterday, UTC)', isoDate)
    .option('--live-days <n>', 'days at the end sent through the processing path', wholeNumber(1, 365), d.liveDays)
    .option('--launch-after-months <n>', 'months after the start at which the loyalty program launches', wholeNumber(1, 119), d.launchAfterMonths)
    .option('--locale <ru|en>', 'language of store, category and product names', d.locale)
    .option('--card-payment-share <share>', 'share of receipts paid by bank card, carrying a payment token (0–1)', shareOf, d.cardPaymentShare)
    .option('--force', 'erase whatever chain the data folder holds (users and keys too) and generate the demo')
    .option('--if-empty', 'do nothing when the data folder already holds a chain (for start-up scripts)')
    .action(async (flags: Record<string, unknown>, command: Command) => {
      const config = configFrom(command);
      const locale = flags['locale'];
      if (locale !== 'ru' && locale !== 'en') throw new UsageError('--locale must be ru or en');
      const months = flags['months'] as number;
      const launch = flags['launchAfterMonths'] as number;
      if (launch >= months) throw new UsageError('--launch-after-months must be less than --months');
      const end = (flags['end'] as string | undefined) ?? new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
      await withDatabase(config, async (pool) => {
        if (flags['ifEmpty'] && !(await isChainEmpty(pool))) {
          status('the data folder already holds a chain; demo not generated');
          return;
        }
        const summary = await runDemo(
          pool,
          {
            seed: flags['seed'] as number,
            shoppers: flags['shoppers'] as number,
            stores: flags['stores'] as number,
            months,
            end,
            liveDays: flags['liveDays'] as number,
            launchAfterMonths: launch,
            locale,
            cardPaymentShare: flags['cardPaymentShare'] as number,
            force: flags['force'] === true,
          },
          cliProgress(),
        );
        const truthPath = join(config.home, 'demo-truth.json');
        writeFileSync(truthPath, truthText(summary.truth));
        const r = summary.truth.realized;
        const receipts = r.history_receipts + r.live_receipts;
        process.stdout.write(
          [
            `Demo chain generated in ${summary.seconds.total.toFixed(1)} s (seed ${summary.truth.seed}, ${summary.truth.period.start.slice(0, 10)} … ${end}):`,
            `  ${summary.truth.options.stores} stores, ${summary.truth.catalog.products} products, ${r.shoppers} shoppers of whom ${r.members} joined the program`,
            `  ${receipts} receipts: ${r.history_receipts} loaded as history, ${r.live_receipts} through the processing path (${r.live_returns} returns)`,
            `  ${summary.truth.campaigns.length} campaigns with control groups, ${summary.truth.abuse.length} planted abuse cases`,
            `  truth file: ${truthPath}`,
            `Open http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}/ after \`patron start\`.`,
            '',
          ].join('\n'),
        );
      });
    });
}
