// models: pure numeric code (no SQL): the customer models and the random processes behind them.
export { Random } from './random.ts';
export { kMeans, nearestCentre } from './k-means.ts';
export type { ModelFit } from './model-fit.ts';
export { repeatPurchases, type RepeatPurchases, type RepeatSpend } from './repeat-purchases.ts';
export { fitBgNbd, bgNbdLogLikelihood, bgNbdProbabilityAlive, bgNbdConditionalExpected, bgNbdPopulationExpected, type BgNbdParams } from './bg-nbd.ts';
export { fitParetoNbd, paretoNbdLogLikelihood, paretoNbdProbabilityAlive, paretoNbdConditionalExpected, paretoNbdPopulationExpected, type ParetoNbdParams } from './pareto-nbd.ts';
export { fitGammaGamma, gammaGammaLogLikelihood, gammaGammaExpectedSpend, type GammaGammaParams } from './gamma-gamma.ts';
export { fitFrequencyModel, frequencyModel, frequencyModelNames, medianWaitIfAlive, bgNbdProbabilityNoPurchase, type FrequencyModel, type FrequencyModelName } from './frequency-model.ts';
export { customerLifetimeValue, DAYS_PER_MONTH, type ClvOptions } from './clv.ts';
export { fitLogistic, predictLogistic, type LogisticModel } from './logistic-regression.ts';
export { areaUnderRoc, brierScore, logLoss, calibrationBins } from './classification-metrics.ts';
export { itemRowsFromPairs, rowCount, topItems, type ItemRows } from './purchase-matrix.ts';
export { trainPopularity, trainItemToItem, trainCrossSell, trainUpSell, type Recommender } from './recommenders.ts';
export { evaluateRecommender, pairedRecallDifference, type RecommenderScore } from './recommendation-metrics.ts';
export { predictCustomer, type CustomerPrediction } from './customer-prediction.ts';
export { normalCdf, normalQuantile, normalTwoSidedP, studentTCdf, studentTQuantile, studentTTwoSidedP } from './distributions.ts';
export { momentsFromSums, covarianceOfMean, quadraticForm, weightedMean, type GroupMoments } from './group-moments.ts';
export {
  welch, differenceOfMeans, differenceOfProportions, differenceOfRatios, relativeLiftOfMeans, relativeLiftOfRatios, relativeFromMeans, cuped, holmAdjust,
  type Estimate, type CupedResult,
} from './effect-estimates.ts';
export { minimumDetectableEffect, controlShareForEffect, audienceForEffect } from './experiment-design.ts';
export { simulateMechanic, geometricProfile, type Mechanic, type RedemptionProfile, type SalesMonth, type SimulatedMonth, type SimulationResult } from './mechanics-simulation.ts';
