export { openAnalyticsStore, type AnalyticsStore, type Row } from './analytics-store.ts';
