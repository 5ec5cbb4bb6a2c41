import { PatronError } from '../../core/index.ts';
import type { AnalyticsStore, Row } from '../analytics-store.ts';
import { associationRulesReport } from './association-rules.ts';
import { lifestyleClustersReport } from './lifestyle-clusters.ts';
import { averageCheckSegmentsReport, customerMatrixReport, frequencySegmentsReport, promoSensitivityReport, storeComparisonReport } from './segment-bands.ts';
import { abcXyzReport, cardPenetrationReport, lifecycleReport, newProductsReport, xyzReport } from './assortment-reports.ts';
import { demographicsReport, registrationsReport, retentionCohortsReport, rfmMapReport, rfmReport, rfmTransitionsReport } from './customer-reports.ts';
import { boughtTogetherReport, customerFlowReport, membersVsNonMembersReport, salesByPeriodReport, topCustomersReport } from './flow-reports.ts';
import { kpiSummaryReport, pointsExpiringReport, pointsFlowReport, programCostReport, tierDistributionReport } from './program-reports.ts';
import { averageCheckReport, checkSizeBandsReport, weekdayHourReport } from './receipt-reports.ts';
import { abcReport, salesByBrandReport, salesByCategoryReport, salesByStoreReport, salesByTopCategoryReport } from './sales-reports.ts';
import { atRiskReport, churnCalibrationReport, churnEvaluationReport, clvDistributionReport, recommenderEvaluationReport, conditionalExpectationsReport, modelFitReport, modelTrackingReport, nextPurchaseReport, topClvReport } from './model-reports.ts';
import { measurementReports } from './measurement-reports.ts';
import { parseParams, type ReportDefinition } from './report-definition.ts';

export const reportCatalog: readonly ReportDefinition[] = [
  kpiSummaryReport,
  membersVsNonMembersReport,
  cardPenetrationReport,
  pointsFlowReport,
  pointsExpiringReport,
  programCostReport,
  tierDistributionReport,
  registrationsReport,
  demographicsReport,
  customerFlowReport,
  lifecycleReport,
  averageCheckReport,
  checkSizeBandsReport,
  weekdayHourReport,
  salesByPeriodReport,
  salesByStoreReport,
  storeComparisonReport,
  salesByTopCategoryReport,
  salesByCategoryReport,
  salesByBrandReport,
  abcReport,
  xyzReport,
  abcXyzReport,
  newProductsReport,
  rfmReport,
  rfmMapReport,
  rfmTransitionsReport,
  topCustomersReport,
  frequencySegmentsReport,
  averageCheckSegmentsReport,
  promoSensitivityReport,
  customerMatrixReport,
  lifestyleClustersReport,
  retentionCohortsReport,
  associationRulesReport,
  boughtTogetherReport,
  modelFitReport,
  modelTrackingReport,
  conditionalExpectationsReport,
  clvDistributionReport,
  topClvReport,
  atRiskReport,
  nextPurchaseReport,
  churnEvaluationReport,
  churnCalibrationReport,
  recommenderEvaluationReport,
  ...measurementReports,
];

export function findReport(id: string): ReportDefinition {
  const report = reportCatalog.find((r) => r.id === id);
  if (!report) throw new PatronError('not_found', `No report ${id}; patron report list shows them all`);
  return report;
}

export async function runReport(store: AnalyticsStore, id: string, raw: Record<string, string>): Promise<{ report: ReportDefinition; rows: Row[] }> {
  const report = findReport(id);
  return { report, rows: await report.run(store, parseParams(report, raw)) };
}
