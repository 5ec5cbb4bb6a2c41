import type { Command } from 'commander';
import { loadConfig, type Config, type ConfigFlags } from '../config/index.ts';

/** Global flags every command accepts; they override the matching environment variables. */
export function addGlobalOptions(program: Command): Command {
  return program
    .option('--home <folder>', 'data folder (PATRON_HOME, default ./.patron)')
    .option('--database-url <url>', 'external PostgreSQL (DATABASE_URL) instead of the embedded one')
    .option('--log-level <level>', 'fatal|error|warn|info|debug|trace|silent (PATRON_LOG_LEVEL)')
    .option('--locale <ru|en>', 'language of what commands say in words (PATRON_LOCALE, default ru)');
}

/** The frozen config for a command: its own flags plus the program's global ones. */
export function configFrom(command: Command, own: ConfigFlags = {}): Config {
  const global = command.optsWithGlobals() as { home?: string; databaseUrl?: string; logLevel?: string; locale?: string };
  return loadConfig(process.env, { home: global.home, databaseUrl: global.databaseUrl, logLevel: global.logLevel, locale: global.locale, ...own });
}
