import { InvalidArgumentError, type Command } from 'commander';
import { cubeDimensions, cubeMeasures, runCube } from '../../analytics/index.ts';
import { configFrom } from '../options.ts';
import { withAnalyticsStore } from '../runtime.ts';
import { checkRowFormat, writeRows } from '../rows-output.ts';

const collect = (value: string, previous: string[]) => [...previous, value];

function collectFilter(value: string, previous: Record<string, string[]>): Record<string, string[]> {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new InvalidArgumentError('expected DIMENSION=VALUE[,VALUE…]');
  return { ...previous, [value.slice(0, eq)]: value.slice(eq + 1).split(',') };
}

export function registerCubeCommand(program: Command): void {
  program
    .command('cube')
    .description('A pivot over receipt lines: measures by dimensions, filtered')
    .option('--measure <name>', `a measure (repeatable): ${Object.keys(cubeMeasures).join(', ')}`, collect, [])
    .option('--by <dimension>', `group by a dimension (repeatable): ${Object.keys(cubeDimensions).join(', ')}`, collect, [])
    .option('--filter <dimension=values>', 'keep only these values of a dimension, comma-separated (repeatable)', collectFilter, {})
    .option('--from <date>', 'first day (YYYY-MM-DD, store-local)')
    .option('--to <date>', 'last day (YYYY-MM-DD, store-local)')
    .option('--format <table|csv|json|xlsx|parquet>', 'output format (xlsx and parquet need --out)', 'table')
    .option('--out <file>', 'write to a file instead of the terminal')
    .action(async (options: { measure: string[]; by: string[]; filter: Record<string, string[]>; from?: string; to?: string; format: string; out?: string }, command: Command) => {
      checkRowFormat(options.format, options.out);
      await withAnalyticsStore(configFrom(command), async ({ analytics }) => {
        const result = await runCube(analytics, { measures: options.measure.length ? options.measure : ['revenue_kopecks'], dimensions: options.by, filters: options.filter, from: options.from ?? null, to: options.to ?? null });
        await writeRows({ store: analytics, title: 'Pivot', format: options.format, out: options.out, columns: [...result.dimensions, ...result.measures], rows: result.rows, json: result });
      });
    });
}
