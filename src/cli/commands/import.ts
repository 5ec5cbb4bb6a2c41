import { join } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { importFields, importFile, importPresets, removeImport, type FieldMap, type ImportPreset } from '../../analytics/index.ts';
import { configFrom } from '../options.ts';
import { progressOnDemand } from '../progress.ts';
import { withAnalyticsStore } from '../runtime.ts';
import { UsageError } from '../usage-error.ts';

function collectMap(value: string, previous: FieldMap): FieldMap {
  const eq = value.lastIndexOf('=');
  const field = value.slice(eq + 1);
  if (eq <= 0 || !(importFields as readonly string[]).includes(field)) throw new InvalidArgumentError(`expected COLUMN=FIELD with FIELD one of ${importFields.join(', ')}`);
  return { ...previous, [field]: value.slice(0, eq) };
}

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description('Import files into the analytics read side; re-importing a file replaces it, never duplicates it')
    .argument('[files...]', 'files to import')
    .option('--preset <name>', `the file's layout: ${importPresets.join('|')}`)
    .option('--map <column=field>', `use the file's COLUMN as FIELD (${importFields.join(', ')}); repeatable`, collectMap, {})
    .option('--control-arm <name>', 'experiment files: the arm that received nothing (experiment: control, hillstrom: No E-Mail)')
    .option('--remove <source>', 'take an earlier import (import:<hash>, as its summary named it) off the read side instead')
    .action(async (files: string[], options: { preset?: string; map: FieldMap; controlArm?: string; remove?: string }, command: Command) => {
      const config = configFrom(command);
      if (options.remove !== undefined) {
        if (files.length > 0) throw new UsageError('--remove takes no files');
        await withAnalyticsStore(config, async ({ analytics }) => removeImport(analytics, options.remove!));
        process.stdout.write(`${options.remove}: removed from the read side\n`);
        return;
      }
      if (files.length === 0) throw new UsageError('name the files to import (or --remove SOURCE)');
      if (!(importPresets as readonly string[]).includes(options.preset ?? '')) throw new UsageError(`--preset must be one of ${importPresets.join(', ')}`);
      await withAnalyticsStore(config, async ({ analytics }) => {
        for (const file of files) {
          const progress = progressOnDemand(`import ${file}`, 'receipts');
          const summary = await importFile(analytics, file, options.preset as ImportPreset, {
            rejectedFolder: join(config.home, 'imports'),
            map: options.map,
            controlArm: options.controlArm,
            onProgress: (done, total, step) => progress.update(done, total, step),
          });
          progress.finish();
          if (summary.campaign_id) {
            process.stdout.write(
              `${file}: ${summary.rows} rows (${summary.encoding}): ${summary.imported} customers imported as campaign ${summary.campaign_id} (${Object.entries(summary.arms ?? {}).map(([arm, n]) => `${arm} ${n}`).join(', ')}), ` +
                `${summary.rejected} rejected${summary.rejected_file ? ` (see ${summary.rejected_file})` : ''}${summary.replaced_earlier_import ? ' (replaced the earlier import of the same file)' : ''}\n`,
            );
            continue;
          }
          process.stdout.write(
            `${file}: ${summary.rows} rows (${summary.encoding}): ${summary.imported} imported as ${summary.receipts} receipts with ${summary.lines} lines` +
              `${summary.return_lines ? `, ${summary.return_lines} returned lines` : ''}${summary.customers ? `, ${summary.customers} customers` : ''}, ` +
              `${summary.rejected} rejected${summary.rejected_file ? ` (see ${summary.rejected_file})` : ''}; source ${summary.source}` +
              `${summary.replaced_earlier_import ? ' (replaced the earlier import of the same file)' : ''}\n`,
          );
        }
      });
    });
}
