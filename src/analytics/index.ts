export { openAnalyticsStore, type AnalyticsStore, type Row } from './analytics-store.ts';
export { tableColumns, type TableName, type TableRow } from './table-columns.ts';
export { syncOnce, syncLag, rebuildReadSide, readSyncState, type SyncReport, type SyncState } from './sync/outbox-sync.ts';
export { startAnalyticsSync } from './sync/sync-loop.ts';
