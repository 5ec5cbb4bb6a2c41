import type { Command } from 'commander';
import { ExitCode } from '../../core/index.ts';
import { withTransaction } from '../../db/index.ts';
import { verifyLedger } from '../../ledger/index.ts';
import { configFrom } from '../options.ts';
import { withDatabase } from '../runtime.ts';

export function registerLedgerCommand(program: Command): void {
  const ledger = program.command('ledger').description('The points ledger');
  ledger
    .command('verify')
    .description('Check every ledger invariant (balances equal the sum of transfers, lots match balances, liability balances); exit 65 on any violation')
    .action(async (_options: object, command: Command) => {
      await withDatabase(configFrom(command), async (pool) => {
        // One consistent snapshot of the whole ledger while tills keep writing: the totals printed
        // are those of the books that were checked.
        const { problems, totals } = await withTransaction(pool, async (client) => {
          await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
          await client.query('SET LOCAL statement_timeout = 0');
          const problems = await verifyLedger(client);
          const totals = (
            await client.query<{ transfers: number; members: number; liability: number }>(
              "SELECT (SELECT count(*) FROM ledger_transfers)::int AS transfers, (SELECT count(*) FROM customers)::int AS members, (SELECT coalesce(sum(balance), 0) FROM ledger_accounts WHERE customer_id IS NOT NULL)::bigint AS liability",
            )
          ).rows[0]!;
          return { problems, totals };
        });
        if (problems.length === 0) {
          process.stdout.write(`ledger balanced: ${totals.transfers} transfers, ${totals.members} members, ${totals.liability} points outstanding\n`);
        } else {
          for (const problem of problems) process.stdout.write(`${problem}\n`);
          process.exitCode = ExitCode.dataError;
        }
      });
    });
}
