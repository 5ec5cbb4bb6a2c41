import { join } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { importFields, importFile, importPresets, listImports, removeImport, type FieldMap, type ImportPreset, type ImportSummary } from '../../analytics/index.ts';
import { configFrom } from '../options.ts';
import { progressOnDemand } from '../progress.ts';
import { refreshRollupsWithProgress } from '../refresh-rollups.ts';
import { printTable } from '../table.ts';
import { withAnalyticsStore } from '../runtime.ts';
import { UsageError } from '../usage-error.ts';

function collectMap(value: string, previous: FieldMap): FieldMap {
  const eq = value.lastIndexOf('=');
  const field = value.slice(eq + 1);
  if (eq <= 0 || !(importFields as readonly string[]).includes(field)) throw new InvalidArgumentError(`expected COLUMN=FIELD with FIELD one of ${importFields.join(', ')}`);
  return { ...previous, [field]: value.slice(0, eq) };
}

/** The receipts a file shared with files already on the read side, and which files. */
function alreadyImported(summary: ImportSummary): string {
  if (summary.already_imported === 0) return '';
  const files = summary.overlaps.map((o) => `${o.receipts} from ${o.file ?? o.source} (${o.source})`).join(', ');
  return `  ${summary.already_imported} of the rejected rows belong to receipts already on the read side, not counted twice: ${files}\n`;
}

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description('Import files into the analytics read side; re-importing a file replaces it, never duplicates it')
    .argument('[files...]', 'files to import')
    .option('--preset <name>', `the file's layout: ${importPresets.join('|')}`)
    .option('--map <column=field>', `use the file's COLUMN as FIELD (${importFields.join(', ')}); repeatable`, collectMap, {})
    .option('--control-arm <name>', 'experiment files: the arm that received nothing (experiment: control, hillstrom: No E-Mail)')
    .option('--remove <source>', 'take an earlier import (import:<hash>, as its summary or --list named it) off the read side instead')
    .option('--list', 'list the files the read side holds instead: source, file, layout, period, counts')
    .action(async (files: string[], options: { preset?: string; map: FieldMap; controlArm?: string; remove?: string; list?: boolean }, command: Command) => {
      const config = configFrom(command);
      if (options.list) {
        if (files.length > 0 || options.remove !== undefined) throw new UsageError('--list takes no files and no --remove');
        await withAnalyticsStore(config, async ({ analytics }) => printTable((await listImports(analytics)).map((r) => ({
          source: r.source, file: r.file ?? '(before the registry)', preset: r.preset ?? '', period: r.first_day ? `${r.first_day} … ${r.last_day}` : '',
          receipts: r.receipts ?? '', lines: r.lines ?? '', rejected: r.rejected ?? '', 'imported at': r.imported_at ?? '',
        }))));
        return;
      }
      if (options.remove !== undefined) {
        if (files.length > 0) throw new UsageError('--remove takes no files');
        await withAnalyticsStore(config, async ({ analytics }) => {
          await removeImport(analytics, options.remove!);
          await refreshRollupsWithProgress(analytics);
        });
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
              `${summary.replaced_earlier_import ? ' (replaced the earlier import of the same file)' : ''}\n${alreadyImported(summary)}`,
          );
        }
        await refreshRollupsWithProgress(analytics);
      });
    });
}
