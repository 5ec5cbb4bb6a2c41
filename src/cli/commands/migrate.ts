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
      const attached = runtime.db.mode === 'attached';
      await runtime.close();
      process.stdout.write(
        attached
          ? 'PostgreSQL migrations are up to date; the analytics store is held by the running Patron, which migrated it at start\n'
          : 'PostgreSQL and analytics-store migrations are up to date\n',
      );
    });
}
