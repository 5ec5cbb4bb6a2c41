import type { Command } from 'commander';
import { createUser, generatePassword, listUsers, setPassword, userRoles, type UserRole } from '../../api/index.ts';
import { PatronError } from '../../core/index.ts';
import { configFrom } from '../options.ts';
import { withDatabase } from '../runtime.ts';
import { printTable } from '../table.ts';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/** A password from standard input (for scripts), or a generated one that is printed once. */
async function passwordFrom(options: { passwordStdin?: boolean }): Promise<{ password: string; generated: boolean }> {
  if (options.passwordStdin) return { password: await readStdin(), generated: false };
  return { password: generatePassword(), generated: true };
}

export function registerUsersCommand(program: Command): void {
  const users = program.command('users').description('People who sign in to the web app');

  users
    .command('create')
    .description('Create a user; prints a generated password unless --password-stdin is given')
    .requiredOption('--email <email>', 'sign-in e-mail')
    .requiredOption('--role <role>', userRoles.join('|'))
    .option('--name <name>', 'display name (default: the e-mail)')
    .option('--locale <locale>', 'ru|en', 'ru')
    .option('--password-stdin', 'read the password from standard input')
    .action(async (options: { email: string; role: string; name?: string; locale: string; passwordStdin?: boolean }, command: Command) => {
      if (!(userRoles as readonly string[]).includes(options.role)) {
        throw new PatronError('validation_failed', `--role must be one of ${userRoles.join(', ')}`);
      }
      const locale = options.locale;
      if (locale !== 'ru' && locale !== 'en') throw new PatronError('validation_failed', '--locale must be ru or en');
      const { password, generated } = await passwordFrom(options);
      await withDatabase(configFrom(command), async (pool) => {
        const user = await createUser(pool, {
          email: options.email,
          name: options.name ?? options.email,
          role: options.role as UserRole,
          password,
          locale,
        });
        process.stdout.write(`created ${user.id} ${user.email} (${user.role})${generated ? `\npassword: ${password}` : ''}\n`);
      });
    });

  users
    .command('list')
    .description('List users')
    .action(async (_options: object, command: Command) => {
      await withDatabase(configFrom(command), async (pool) => {
        const rows = await listUsers(pool);
        printTable(rows.map((u) => ({ id: u.id, email: u.email, role: u.role, name: u.name, disabled: u.disabled ? 'yes' : '' })));
      });
    });

  users
    .command('set-password')
    .description("Set a user's password (ends their open sessions); generated and printed unless --password-stdin")
    .requiredOption('--email <email>', 'sign-in e-mail')
    .option('--password-stdin', 'read the password from standard input')
    .action(async (options: { email: string; passwordStdin?: boolean }, command: Command) => {
      const { password, generated } = await passwordFrom(options);
      await withDatabase(configFrom(command), async (pool) => {
        await setPassword(pool, options.email, password);
        process.stdout.write(`password of ${options.email} changed${generated ? `\npassword: ${password}` : ''}\n`);
      });
    });
}
