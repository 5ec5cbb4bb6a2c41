import type { Command } from 'commander';
import { configFrom } from '../options.ts';
import { openRuntime } from '../runtime.ts';

export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('Apply pending PostgreSQL and analytics-store migrations, then exit')
    .action(async (_options: object, command: Command) => {
      const config = configFrom(command);
      const runtime = await openRuntime(config, { attachToRunning: true, analytics: true });
      await runtime.close();
      process.stdout.write('migrations are up to date\n');
    });
}
