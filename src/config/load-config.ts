import { PatronError } from '../core/index.ts';
import { configSchema, configSources, type Config, type ConfigKey } from './schema.ts';

export type ConfigFlags = Partial<Record<ConfigKey, string | number | boolean | undefined>>;

/**
 * Reads the settings once: flags win over environment variables, which win over defaults.
 * The result is frozen; modules receive it as an argument and never read the environment.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, flags: ConfigFlags = {}): Config {
  const raw: Record<string, unknown> = {};
  const origin: Record<string, string> = {};
  for (const key of Object.keys(configSources) as ConfigKey[]) {
    const source = configSources[key];
    const flagValue = flags[key];
    const envValue = env[source.env];
    if (flagValue !== undefined) {
      raw[key] = String(flagValue);
      origin[key] = source.flag;
    } else if (envValue !== undefined && envValue !== '') {
      raw[key] = envValue;
      origin[key] = source.env;
    }
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const key = String(issue.path[0] ?? '') as ConfigKey;
      const name = origin[key] ?? configSources[key]?.env ?? key;
      const given = raw[key] === undefined ? '' : ` (got ${JSON.stringify(raw[key])})`;
      return `${name}: ${issue.message}${given}`;
    });
    throw new PatronError('config_invalid', `Invalid setting: ${lines.join('; ')}`, {
      issues: parsed.error.issues.map((issue, i) => ({ path: String(issue.path[0] ?? ''), message: lines[i]! })),
    });
  }
  return Object.freeze(parsed.data);
}
