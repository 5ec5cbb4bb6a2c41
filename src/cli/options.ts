import { InvalidArgumentError, type Command } from 'commander';
import { loadConfig, type Config, type ConfigFlags } from '../config/index.ts';

/** Global flags every command accepts; they override the matching environment variables. */
export function addGlobalOptions(program: Command): Command {
  return program
    .option('--home <folder>', 'data folder (PATRON_HOME, default ./.patron)')
    .option('--database-url <url>', 'external PostgreSQL (DATABASE_URL) instead of the embedded one')
    .option('--log-level <level>', 'fatal|error|warn|info|debug|trace|silent (PATRON_LOG_LEVEL)')
    .option('--locale <ru|en>', 'language of what commands say in words (PATRON_LOCALE, default ru)', (value: string) => {
      if (value !== 'ru' && value !== 'en') throw new InvalidArgumentError('expected ru or en');
      return value;
    });
}

/** A repeatable `--param name=value`, collected into one record. */
export function collectParam(value: string, previous: Record<string, string>): Record<string, string> {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new InvalidArgumentError('expected name=value');
  return { ...previous, [value.slice(0, eq)]: value.slice(eq + 1) };
}

/** The frozen config for a command: its own flags plus the program's global ones. */
export function configFrom(command: Command, own: ConfigFlags = {}): Config {
  const global = command.optsWithGlobals() as { home?: string; databaseUrl?: string; logLevel?: string; locale?: string };
  // A command may have a --locale of its own (the demo's product names) that checks its value itself.
  const locale = global.locale === 'ru' || global.locale === 'en' ? global.locale : undefined;
  return loadConfig(process.env, { home: global.home, databaseUrl: global.databaseUrl, logLevel: global.logLevel, locale, ...own });
}
