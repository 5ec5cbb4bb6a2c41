import { evaluateRecommender, pairedRecallDifference, trainCrossSell, trainItemToItem, trainPopularity, trainUpSell, type Recommender, type RecommenderScore } from '../../models/index.ts';
import type { AnalyticsStore } from '../analytics-store.ts';
import { loadRecommendationData, type RecommendationData } from './recommendation-data.ts';
import { isoDay } from './epoch-days.ts';
import { evaluation, type Evaluated } from './model-evaluations.ts';

export interface RecommenderEvaluation {
  split: string;
  last_day: string;
  test_days: number;
  k: number;
  items: number;
  shoppers_tested: number;
  methods: (Omit<RecommenderScore, 'recalls'> & {
    /** Recall@k minus the baseline's, per shopper, averaged; with its standard error. */
    recall_gain: number | null;
    recall_gain_se: number | null;
    /** Better than the baseline by more than two standard errors of the paired difference. */
    beats_baseline_on_recall: boolean | null;
    train_seconds: number;
  })[];
  /** Plainly: which methods beat the popularity baseline on recall@k, and which do not. */
  verdict: string;
  seconds: { load: number; train_and_test: number };
}


/** Every recommender trained on the same data, timed. */
export function trainRecommenders(data: RecommendationData): { recommender: Recommender; seconds: number }[] {
  const timed = (train: () => Recommender) => {
    const t = performance.now();
    const recommender = train();
    return { recommender, seconds: (performance.now() - t) / 1000 };
  };
  const items = data.skus.length;
  const popularity = timed(() => trainPopularity(data.history, items));
  return [
    popularity,
    timed(() => trainItemToItem(data.history, items, popularity.recommender)),
    timed(() => trainCrossSell(data.baskets, items, popularity.recommender)),
    timed(() => trainUpSell(data.history, items, data.category, data.price, data.margin)),
  ];
}

/** The options a recommender evaluation is kept under. */
export function recommenderEvaluationKey(options: { testDays: number; k: number; source?: string }): Record<string, unknown> {
  return { test_days: options.testDays, k: options.k, source: options.source };
}

/** The kept recommender evaluation for these options (see model-evaluations.ts), or one computed now and kept; `fresh` computes anew. */
export function keptRecommenderEvaluation(store: AnalyticsStore, options: { testDays: number; k: number; source?: string }, fresh: boolean): Promise<Evaluated<RecommenderEvaluation>> {
  return evaluation(store, 'recommenders', recommenderEvaluationKey(options), fresh, () => evaluateRecommenders(store, options));
}

/**
 * Trains each method on purchases up to (last day − testDays) and asks for each shopper's top k;
 * a hit is an item the shopper bought in the test days and never before (discovery: what a
 * personal offer is for). Popularity is the baseline.
 */
export async function evaluateRecommenders(store: AnalyticsStore, options: { testDays: number; k: number; source?: string }): Promise<RecommenderEvaluation> {
  return evaluateRecommendersOn(await loadRecommendationData(store, options), options);
}

/** The evaluation on data already split `testDays` before its last day. */
export function evaluateRecommendersOn(data: RecommendationData, options: { testDays: number; k: number }): RecommenderEvaluation {
  const t = performance.now();
  const trained = trainRecommenders(data);
  const scores = trained.map(({ recommender, seconds }) => ({ ...evaluateRecommender(recommender, data.history, data.targets, data.skus.length, options.k), train_seconds: seconds }));
  const baseline = scores[0]!;
  const methods = scores.map(({ recalls, ...s }) => {
    if (s.method === 'popularity') return { ...s, recall_gain: null, recall_gain_se: null, beats_baseline_on_recall: null };
    const gain = pairedRecallDifference(recalls, baseline.recalls);
    return { ...s, recall_gain: gain.mean, recall_gain_se: gain.standardError, beats_baseline_on_recall: gain.mean > 2 * gain.standardError };
  });
  const beat = methods.filter((m) => m.beats_baseline_on_recall === true).map((m) => m.method);
  const lost = methods.filter((m) => m.beats_baseline_on_recall === false).map((m) => m.method);
  const noCategories = data.category.every((c) => c < 0);
  const verdict =
    `${beat.length ? `Beat the popularity baseline on recall@${options.k} (by more than two standard errors): ${beat.join(', ')}.` : `No method beat the popularity baseline on recall@${options.k}.`}` +
    `${lost.length ? ` Did not beat it: ${lost.join(', ')}.` : ''}${noCategories ? ' The catalogue has no categories, so up-sell has nothing to offer.' : ''}`;
  return {
    split: isoDay(data.splitDay),
    last_day: isoDay(data.lastDay),
    test_days: options.testDays,
    k: options.k,
    items: data.skus.length,
    shoppers_tested: baseline.shoppers,
    methods,
    verdict,
    seconds: { load: data.seconds, train_and_test: (performance.now() - t) / 1000 },
  };
}
