export { openAnalyticsStore, type AnalyticsStore, type Row } from './analytics-store.ts';
export { tableColumns, type TableName, type TableRow } from './table-columns.ts';
export { syncOnce, syncLag, rebuildReadSide, readSyncState, type SyncReport, type SyncState } from './sync/outbox-sync.ts';
export { startAnalyticsSync } from './sync/sync-loop.ts';
export { importFile, importPresets, type ImportPreset, type ImportSummary } from './import/import-file.ts';
export { flatFields, flatPresets, type FieldMap } from './import/flat-transactions.ts';
export { reportCatalog, findReport, runReport } from './reports/report-catalog.ts';
export type { ReportDefinition, ParamSpec, ColumnSpec } from './reports/report-definition.ts';
export { runCube, cubeMeasures, cubeDimensions, type CubeQuery } from './cube.ts';
