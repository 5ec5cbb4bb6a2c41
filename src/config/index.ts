export { loadConfig, type ConfigFlags } from './load-config.ts';
export { configSchema, configSources, roles, logLevels, type Config, type ConfigKey, type Role } from './schema.ts';
