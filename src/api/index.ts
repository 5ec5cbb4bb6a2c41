export { buildApp, type BuildAppOptions } from './app.ts';
export type { ApiDeps, App } from './route-context.ts';
export { LoginThrottle } from './auth/login-throttle.ts';
export { createUser, listUsers, countUsers, setPassword, userRoles, type User, type UserRole } from './auth/users.ts';
export { createApiKey, listApiKeys, revokeApiKey, type ApiKey } from './auth/api-keys.ts';
export { deleteExpiredSessions } from './auth/sessions.ts';
export { generatePassword } from './auth/passwords.ts';
export { problemSchema, type Problem } from './problem.ts';
export { deleteOldIdempotencyKeys } from './idempotency.ts';
