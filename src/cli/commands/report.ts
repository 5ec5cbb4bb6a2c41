import type { Command } from 'commander';
import { reportCatalog, runReport, type ColumnSpec } from '../../analytics/index.ts';
import { collectParam, configFrom } from '../options.ts';
import { withAnalyticsStore } from '../runtime.ts';
import { checkRowFormat, writeRows } from '../rows-output.ts';
import { printTable } from '../table.ts';

/** Shares and ratios rounded for reading; CSV and JSON keep full precision. */
function forTerminal(rows: Record<string, unknown>[], columns: readonly ColumnSpec[]): Record<string, string | number>[] {
  return rows.map((row) =>
    Object.fromEntries(
      columns.map((c) => {
        const v = row[c.name];
        return [c.name, typeof v === 'number' && (c.unit === 'share' || c.unit === 'ratio') ? Number(v.toFixed(6)) : (v as string | number)];
      }),
    ),
  );
}

export function registerReportCommand(program: Command): void {
  const report = program.command('report').description('The report catalog over the analytics read side');

  report
    .command('list')
    .description('Every report with its id, group and parameters')
    .action(() => {
      printTable(reportCatalog.map((r) => ({ id: r.id, group: r.group, title: r.title.en, params: r.params.map((p) => `${p.name}=${p.default ?? ''}`).join(' ') })));
    });

  report
    .command('run')
    .description('Run a report and print or save its rows')
    .argument('<id>', 'report id (see patron report list)')
    .option('--param <name=value>', 'a report parameter (repeatable)', collectParam, {})
    .option('--format <table|csv|json|xlsx|parquet>', 'output format (xlsx and parquet need --out)', 'table')
    .option('--out <file>', 'write to a file instead of the terminal')
    .action(async (id: string, options: { param: Record<string, string>; format: string; out?: string }, command: Command) => {
      checkRowFormat(options.format, options.out);
      await withAnalyticsStore(configFrom(command), async ({ analytics }) => {
        const started = Date.now();
        const { report: def, rows } = await runReport(analytics, id, options.param);
        await writeRows({ store: analytics, title: def.title.en, format: options.format, out: options.out, columns: def.columns.map((c) => c.name), rows, tableRows: forTerminal(rows, def.columns), json: { report: def.id, rows } });
        process.stderr.write(`${def.id}: ${rows.length} rows in ${((Date.now() - started) / 1000).toFixed(2)} s${options.out ? ` → ${options.out}` : ''}\n`);
      });
    });
}
