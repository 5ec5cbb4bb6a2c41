import { writeFileSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import { reportCatalog, runReport, type ColumnSpec } from '../../analytics/index.ts';
import { configFrom } from '../options.ts';
import { withAnalyticsStore } from '../runtime.ts';
import { printTable } from '../table.ts';

function collectParam(value: string, previous: Record<string, string>): Record<string, string> {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new InvalidArgumentError('expected name=value');
  return { ...previous, [value.slice(0, eq)]: value.slice(eq + 1) };
}

function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

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
    .option('--format <table|csv|json>', 'output format', 'table')
    .option('--out <file>', 'write to a file instead of the terminal')
    .action(async (id: string, options: { param: Record<string, string>; format: string; out?: string }, command: Command) => {
      if (!['table', 'csv', 'json'].includes(options.format)) throw new InvalidArgumentError('--format must be table, csv or json');
      await withAnalyticsStore(configFrom(command), async ({ analytics }) => {
        const started = Date.now();
        const { report: def, rows } = await runReport(analytics, id, options.param);
        const names = def.columns.map((c) => c.name);
        let text: string;
        if (options.format === 'json') text = JSON.stringify({ report: def.id, rows }, null, 2) + '\n';
        else if (options.format === 'csv') text = [names.join(','), ...rows.map((r) => names.map((n) => csvCell(r[n])).join(','))].join('\n') + '\n';
        else {
          const chunks: string[] = [];
          printTable(forTerminal(rows, def.columns), { write: (s: string) => chunks.push(s) } as unknown as NodeJS.WritableStream);
          text = chunks.join('');
        }
        if (options.out) writeFileSync(options.out, text);
        else process.stdout.write(text);
        process.stderr.write(`${def.id}: ${rows.length} rows in ${((Date.now() - started) / 1000).toFixed(2)} s${options.out ? ` → ${options.out}` : ''}\n`);
      });
    });
}
