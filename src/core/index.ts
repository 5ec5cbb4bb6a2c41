export { errorCodes, isErrorCode, ExitCode, type ErrorCode, type ErrorCodeSpec } from './error-codes.ts';
export { PatronError, type FieldIssue } from './patron-error.ts';
export { newId, idFrom, idAlphabet, isId, idPrefixes, type IdPrefix } from './ids.ts';
export {
  readMigrationFiles,
  planMigrations,
  checksumOf,
  type MigrationFile,
  type AppliedMigration,
} from './migration-plan.ts';
export { packageRoot, postgresMigrationsFolder, analyticsMigrationsFolder, webBuildFolder } from './paths.ts';
export { isTimeZone } from './time-zone.ts';
export { canonicalJson, requestHash } from './request-hash.ts';
export { csvCell, csvDocument } from './csv.ts';
export { writeZip, readZip } from './zip-archive.ts';
export { xlsxDocument, readXlsxRows } from './xlsx-workbook.ts';
