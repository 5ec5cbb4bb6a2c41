import type { Command } from 'commander';
import { createApiKey, listApiKeys, revokeApiKey } from '../../api/index.ts';
import { getStore } from '../../catalog/index.ts';
import { configFrom } from '../options.ts';
import { withDatabase } from '../runtime.ts';
import { printTable } from '../table.ts';

export function registerKeysCommand(program: Command): void {
  const keys = program.command('keys').description('API keys for POS and e-shop systems');

  keys
    .command('create')
    .description('Create an API key; prints the token once')
    .requiredOption('--name <name>', 'what the key is for, e.g. "Tills of store MSK-001"')
    .option('--store <code>', 'limit the key to one store (id or code); omit for a chain-wide key')
    .action(async (options: { name: string; store?: string }, command: Command) => {
      await withDatabase(configFrom(command), async (pool) => {
        const storeId = options.store ? (await getStore(pool, options.store)).id : null;
        const { key, token } = await createApiKey(pool, { name: options.name, storeId, createdBy: null });
        process.stderr.write(`created ${key.id} (${key.store_code ? `store ${key.store_code}` : 'whole chain'}); the token is shown only now:\n`);
        process.stdout.write(token + '\n');
      });
    });

  keys
    .command('list')
    .description('List API keys (never their secrets)')
    .action(async (_options: object, command: Command) => {
      await withDatabase(configFrom(command), async (pool) => {
        const rows = await listApiKeys(pool);
        printTable(
          rows.map((k) => ({ id: k.id, name: k.name, store: k.store_code ?? '(chain)', last_used: k.last_used_at ?? '-', revoked: k.revoked ? 'yes' : '' })),
        );
      });
    });

  keys
    .command('revoke')
    .description('Revoke an API key; it stops working on its next request')
    .argument('<id>', 'key id (key_…)')
    .action(async (id: string, _options: object, command: Command) => {
      await withDatabase(configFrom(command), async (pool) => {
        const key = await revokeApiKey(pool, id);
        process.stdout.write(`revoked ${key.id} (${key.name})\n`);
      });
    });
}
