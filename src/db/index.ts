export { openDatabase, type Database, type OpenDatabaseOptions } from './open-database.ts';
export { startEmbeddedPostgres, findFreePort, embeddedUrlFor, type EmbeddedPostgres } from './embedded-postgres.ts';
export { acquireHomeLock, readLiveLock, isProcessAlive, type HomeLock } from './home-lock.ts';
export { createPool, withTransaction, translateDatabaseError, checkConnection, isUniqueViolation, type Pool, type PoolClient, type Queryable } from './pool.ts';
export { migratePostgres, type MigrateOptions } from './migrate.ts';
export { startPeriodicJobs, type PeriodicJob, type JobRunner } from './periodic-job.ts';
export { appendOutbox, readOutbox, outboxBacklog, type OutboxEvent, type OutboxCursor } from './outbox.ts';
export { isoUtc } from './sql-fragments.ts';
export { eraseAndMigrate } from './reset.ts';
