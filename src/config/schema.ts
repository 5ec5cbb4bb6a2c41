import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { isTimeZone } from '../core/index.ts';

/**
 * Every setting Patron has, in one schema. Each key names its environment variable and flag,
 * so that an error can tell the operator exactly which one to fix.
 */
export const roles = ['all', 'api', 'worker', 'analytics'] as const;
export type Role = (typeof roles)[number];

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;


const postgresUrl = z
  .string()
  .refine((v) => /^postgres(ql)?:\/\//.test(v) && URL.canParse(v), {
    message: 'must be a postgres:// or postgresql:// URL',
  });

export const configSchema = z.object({
  host: z.string().min(1).default('127.0.0.1'),
  port: z.coerce.number().int().min(0).max(65535).default(8080),
  home: z
    .string()
    .min(1)
    .default('./.patron')
    .transform((v) => (isAbsolute(v) ? v : resolve(v))),
  databaseUrl: postgresUrl.optional(),
  logLevel: z.enum(logLevels).default('info'),
  locale: z.enum(['ru', 'en']).default('ru'),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as RUB')
    .default('RUB'),
  timeZone: z.string().refine(isTimeZone, 'must be an IANA time zone such as Europe/Moscow').default('Europe/Moscow'),
  role: z.enum(roles).default('all'),
  sessionTtlHours: z.coerce.number().int().min(1).max(24 * 90).default(12),
  /** Set when Patron is served over HTTPS, so session cookies are marked Secure. */
  cookieSecure: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

export type Config = Readonly<z.output<typeof configSchema>>;
export type ConfigKey = keyof z.input<typeof configSchema>;

/** Where each setting comes from: environment variable and command-line flag. */
export const configSources: Record<ConfigKey, { env: string; flag: string; describe: string }> = {
  host: { env: 'PATRON_HOST', flag: '--host', describe: 'address the HTTP server binds to' },
  port: { env: 'PATRON_PORT', flag: '--port', describe: 'HTTP port (0 picks a free one)' },
  home: { env: 'PATRON_HOME', flag: '--home', describe: 'data folder: embedded PostgreSQL, DuckDB, logs' },
  databaseUrl: { env: 'DATABASE_URL', flag: '--database-url', describe: 'external PostgreSQL instead of the embedded one' },
  logLevel: { env: 'PATRON_LOG_LEVEL', flag: '--log-level', describe: 'fatal|error|warn|info|debug|trace|silent' },
  locale: { env: 'PATRON_LOCALE', flag: '--locale', describe: 'default interface language: ru|en' },
  currency: { env: 'PATRON_CURRENCY', flag: '--currency', describe: 'ISO 4217 currency of amounts (minor units)' },
  timeZone: { env: 'PATRON_TIME_ZONE', flag: '--time-zone', describe: "chain's default IANA time zone" },
  role: { env: 'PATRON_ROLE', flag: '--role', describe: 'all|api|worker|analytics' },
  sessionTtlHours: { env: 'PATRON_SESSION_TTL_HOURS', flag: '--session-ttl-hours', describe: 'web session lifetime' },
  cookieSecure: { env: 'PATRON_COOKIE_SECURE', flag: '--cookie-secure', describe: 'mark session cookies Secure (HTTPS)' },
};
