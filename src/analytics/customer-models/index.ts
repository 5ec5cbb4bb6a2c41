export { loadModelData, repeatSpend, defaultModelDataOptions, type ModelData, type ModelDataOptions } from './model-data.ts';
export { fitCustomerModels, customerModelNames, type CustomerModelName } from './fit-models.ts';
export { fitModelSummary, type FitSummary } from './fit-summary.ts';
export { scoreCustomers, defaultScoreOptions, type ScoreOptions, type ScoreSummary } from './score-customers.ts';
export { evaluateChurn, churnScores, type ChurnEvaluation } from './churn-evaluation.ts';
export { churnFeatureNames } from './churn-features.ts';
