import { Command, CommanderError } from 'commander';
import { ExitCode, PatronError } from '../core/index.ts';
import { registerAnalyticsCommand } from './commands/analytics.ts';
import { registerCubeCommand } from './commands/cube.ts';
import { registerDemoCommand } from './commands/demo.ts';
import { registerImportCommand } from './commands/import.ts';
import { registerReportCommand } from './commands/report.ts';
import { registerKeysCommand } from './commands/keys.ts';
import { registerLedgerCommand } from './commands/ledger.ts';
import { registerMigrateCommand } from './commands/migrate.ts';
import { registerMeasureCommand } from './commands/measure.ts';
import { registerModelCommand } from './commands/model.ts';
import { registerStartCommand } from './commands/start.ts';
import { registerUsersCommand } from './commands/users.ts';
import { addGlobalOptions } from './options.ts';
import { UsageError } from './usage-error.ts';
import { patronVersion } from './version.ts';

/**
 * `patron <command>`. Exit codes follow sysexits: 64 bad usage, 65 bad data, 69 a service is
 * unavailable, 70 internal error, 75 try again later (folder locked), 78 bad configuration.
 */
export function buildProgram(): Command {
  const program = addGlobalOptions(new Command('patron'))
    .description('Patron — loyalty processing and analytics for retail chains')
    .version(patronVersion)
    .showHelpAfterError()
    .exitOverride();
  registerStartCommand(program);
  registerMigrateCommand(program);
  registerKeysCommand(program);
  registerUsersCommand(program);
  registerLedgerCommand(program);
  registerDemoCommand(program);
  registerAnalyticsCommand(program);
  registerImportCommand(program);
  registerReportCommand(program);
  registerCubeCommand(program);
  registerModelCommand(program);
  registerMeasureCommand(program);
  for (const command of program.commands) command.exitOverride();
  return program;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return ExitCode.ok;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`patron: ${error.message}\n`);
      return ExitCode.usage;
    }
    if (error instanceof CommanderError) {
      // --help and --version end through here too, with exit code 0.
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    if (error instanceof PatronError) {
      process.stderr.write(`patron: ${error.message} [${error.code}]\n`);
      return error.exitCode;
    }
    process.stderr.write(`patron: internal error: ${(error as Error).stack ?? String(error)}\n`);
    return ExitCode.software;
  }
}
