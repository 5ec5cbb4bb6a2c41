import { PatronError } from '../../core/index.ts';
import type { AnalyticsStore } from '../analytics-store.ts';
import { keptChurnEvaluation } from '../customer-models/churn-evaluation.ts';
import { keptRecommenderEvaluation } from '../customer-models/recommendation-evaluation.ts';
import { customerModelNames, type CustomerModelName } from '../customer-models/fit-models.ts';
import { fitModelSummary, fitSummaryKey } from '../customer-models/fit-summary.ts';
import { checkOnHoldout, holdoutCheckKey } from '../customer-models/holdout-check.ts';
import type { ModelDataOptions } from '../customer-models/model-data.ts';
import { evaluation, type EvaluationKind } from '../customer-models/model-evaluations.ts';
import { recommenderTestDays } from '../customer-models/write-recommendations.ts';
import type { ColumnSpec, ParamSpec, ParamValue, ReportDefinition, Text } from './report-definition.ts';
import { datePattern, sourceParam } from './report-sql.ts';

/** The data-preparation choices, as report parameters (the CLI's `model fit` flags). */
const modelDataParams: ParamSpec[] = [
  { name: 'calibration_end', title: { ru: 'Конец калибровки', en: 'Calibration end' }, type: 'text', default: null, pattern: datePattern },
  { name: 'holdout_end', title: { ru: 'Конец проверки', en: 'Holdout end' }, type: 'text', default: null, pattern: datePattern },
  { name: 'time_unit', title: { ru: 'Единица времени', en: 'Time unit' }, type: 'enum', default: 'week', values: ['week', 'day'] },
  { name: 'merge_same_day', title: { ru: 'Покупки одного дня — одна', en: 'Same-day purchases as one' }, type: 'enum', default: 'yes', values: ['yes', 'no'] },
  sourceParam,
];

function modelDataOptions(params: Record<string, ParamValue>): ModelDataOptions {
  return {
    timeUnit: params['time_unit'] as 'day' | 'week',
    mergeSameDay: params['merge_same_day'] === 'yes',
    spendIncludesFirst: false,
    ...(params['calibration_end'] ? { calibrationEnd: params['calibration_end'] as string } : {}),
    ...(params['holdout_end'] ? { holdoutEnd: params['holdout_end'] as string } : {}),
    ...(params['source'] ? { source: params['source'] as string } : {}),
  };
}

/** Computing an evaluation anew even when the latest model run kept one for the same options and data. */
const freshParam: ParamSpec = { name: 'fresh', title: { ru: 'Рассчитать заново', en: 'Compute anew' }, type: 'enum', default: 'no', values: ['no', 'yes'] };
const evaluatedAtColumn: ColumnSpec = { name: 'evaluated_at', title: { ru: 'Рассчитано', en: 'Evaluated at' }, unit: 'text' };

/** An evaluation report's description, with how it gets its figures. */
function describedWith(description: Text, job: string): Text {
  return {
    en: `${description.en} Read as the latest \`${job}\` (which evaluates the defaults) or an earlier look kept it for the same options, while the imports are the same and the data have moved on by at most a day; otherwise computed now and kept. evaluated_at says when; fresh = yes computes anew.`,
    ru: `${description.ru} Берётся из последнего \`${job}\` (он оценивает параметры по умолчанию) или прошлого расчёта с теми же параметрами, пока импорты те же и данные ушли вперёд не больше чем на день; иначе рассчитывается сейчас и сохраняется. «Рассчитано» — когда; «Рассчитать заново» = yes — пересчёт.`,
  };
}

/** The kept evaluation for these parameters, or one computed now, with the time it was made. */
function evaluated<T>(store: AnalyticsStore, kind: EvaluationKind, key: Record<string, unknown>, params: Record<string, ParamValue>, evaluate: () => Promise<T>) {
  return evaluation(store, kind, key, params['fresh'] === 'yes', evaluate);
}

const frequencyParam: ParamSpec = { name: 'model', title: { ru: 'Модель', en: 'Model' }, type: 'enum', default: 'bgnbd', values: ['bgnbd', 'pareto-nbd'] };

export const modelFitReport: ReportDefinition = {
  id: 'models.fit',
  group: 'models',
  title: { ru: 'Подгонка модели покупателей', en: 'Customer model fit' },
  description: describedWith({
    en: 'Fits BG/NBD, Pareto/NBD or Gamma-Gamma by maximum likelihood on the calibration period and shows each parameter with its standard error (from the inverse Hessian), the log-likelihood and, when a holdout period follows, what the model expected of it against what happened. A shopper is a member, or a bank card no member claims; x counts purchases after the first up to the calibration end (same-day purchases as one unless told otherwise), T runs from the first purchase to the calibration end. Gamma-Gamma is fitted on repeat buyers\' mean spend per repeat purchase.',
    ru: 'Подгонка BG/NBD, Pareto/NBD или Gamma-Gamma методом максимального правдоподобия на периоде калибровки: каждый параметр со стандартной ошибкой (по обратной матрице Гессе), логарифм правдоподобия и, если за калибровкой есть проверочный период, что модель ожидала в нём и что было на деле. Покупатель — участник или банковская карта, которую не заявил ни один участник; x — покупки после первой до конца калибровки (покупки одного дня — одна, если не указано иное), T — от первой покупки до конца калибровки. Gamma-Gamma подгоняется по средней сумме повторных покупок повторных покупателей.',
  }, 'patron model score'),
  params: [{ ...frequencyParam, values: customerModelNames }, ...modelDataParams, freshParam],
  columns: [
    { name: 'parameter', title: { ru: 'Параметр', en: 'Parameter' }, unit: 'text' },
    { name: 'estimate', title: { ru: 'Оценка', en: 'Estimate' }, unit: 'ratio' },
    { name: 'standard_error', title: { ru: 'Стандартная ошибка', en: 'Standard error' }, unit: 'ratio' },
    evaluatedAtColumn,
  ],
  chart: { type: 'table', x: 'parameter', y: 'estimate' },
  async run(store, params) {
    const model = params['model'] as CustomerModelName;
    const options = modelDataOptions(params);
    const { result: s, evaluated_at } = await evaluated(store, 'fit', fitSummaryKey(model, options), params, () => fitModelSummary(store, model, options));
    const rows: { parameter: string; estimate: number; standard_error: number | null }[] = s.params.map((p) => ({ parameter: p.name, estimate: p.estimate, standard_error: p.standard_error }));
    rows.push({ parameter: 'customers', estimate: s.customers, standard_error: null }, { parameter: 'log_likelihood', estimate: s.log_likelihood, standard_error: null });
    if (s.holdout) rows.push({ parameter: 'holdout_actual', estimate: s.holdout.actual, standard_error: null }, { parameter: 'holdout_expected', estimate: s.holdout.expected, standard_error: null });
    return rows.map((r) => ({ ...r, evaluated_at }));
  },
};

export const modelTrackingReport: ReportDefinition = {
  id: 'models.tracking',
  group: 'models',
  title: { ru: 'Повторные покупки: факт и модель по неделям', en: 'Repeat purchases: actual vs model by week' },
  description: describedWith({
    en: 'The tracking plot of Fader, Hardie & Lee (2005): repeat purchases of the shoppers who first bought by the calibration end, week by week from the first purchase day, against what the frequency model fitted on the calibration period expects (each shopper\'s expected repeat purchases since their first purchase, summed). Weeks after the calibration end are the holdout: there the model had no data. Without a calibration end, the first half of the days with purchases calibrates.',
    ru: 'График отслеживания (Fader, Hardie & Lee, 2005): повторные покупки покупателей, впервые купивших до конца калибровки, по неделям от первого дня покупок — против ожидания модели, подогнанной на калибровке (сумма ожидаемых повторных покупок каждого покупателя с его первой покупки). Недели после конца калибровки — проверочные: этих данных модель не видела. Без конца калибровки калибруется первая половина дней с покупками.',
  }, 'patron model score'),
  params: [frequencyParam, ...modelDataParams, freshParam],
  columns: [
    { name: 'week_start', title: { ru: 'Неделя с', en: 'Week from' }, unit: 'text' },
    { name: 'period', title: { ru: 'Период', en: 'Period' }, unit: 'text' },
    { name: 'actual', title: { ru: 'Факт за неделю', en: 'Actual in week' }, unit: 'count' },
    { name: 'expected', title: { ru: 'Модель за неделю', en: 'Model in week' }, unit: 'ratio' },
    { name: 'actual_cumulative', title: { ru: 'Факт нарастающим', en: 'Actual cumulative' }, unit: 'count' },
    { name: 'expected_cumulative', title: { ru: 'Модель нарастающим', en: 'Model cumulative' }, unit: 'ratio' },
    evaluatedAtColumn,
  ],
  chart: { type: 'line', x: 'week_start', y: 'actual_cumulative' },
  async run(store, params) {
    const { result, evaluated_at } = await holdoutCheck(store, params);
    return result.tracking.map((w) => ({ ...w, evaluated_at }));
  },
};

/** The frequency model against the holdout, for the tracking plot and the conditional expectations alike. */
function holdoutCheck(store: AnalyticsStore, params: Record<string, ParamValue>) {
  const model = params['model'] as 'bgnbd' | 'pareto-nbd';
  const options = modelDataOptions(params);
  return evaluated(store, 'holdout', holdoutCheckKey(model, options), params, () => checkOnHoldout(store, model, options));
}

export const conditionalExpectationsReport: ReportDefinition = {
  id: 'models.conditional-expectations',
  group: 'models',
  title: { ru: 'Калибровка и проверка по частоте', en: 'Calibration vs holdout by frequency' },
  description: describedWith({
    en: 'Shoppers grouped by their repeat purchases in the calibration period (7 and more together): how many, their mean purchases in the holdout period, and the mean the model expected for them from their own history (the conditional expectation). Without a calibration end, the first half of the days with purchases calibrates and the second is the holdout.',
    ru: 'Покупатели по числу повторных покупок в калибровке (7 и более вместе): сколько их, сколько в среднем они купили в проверочном периоде и сколько ожидала модель по их собственной истории (условное ожидание). Без конца калибровки первая половина дней с покупками — калибровка, вторая — проверка.',
  }, 'patron model score'),
  params: [frequencyParam, ...modelDataParams, freshParam],
  columns: [
    { name: 'repeat_purchases', title: { ru: 'Повторных покупок в калибровке', en: 'Repeat purchases in calibration' }, unit: 'text' },
    { name: 'customers', title: { ru: 'Покупатели', en: 'Customers' }, unit: 'count' },
    { name: 'actual_mean', title: { ru: 'Факт в проверке, среднее', en: 'Actual in holdout, mean' }, unit: 'ratio' },
    { name: 'expected_mean', title: { ru: 'Модель, среднее', en: 'Model, mean' }, unit: 'ratio' },
    evaluatedAtColumn,
  ],
  chart: { type: 'bar', x: 'repeat_purchases', y: 'actual_mean' },
  async run(store, params) {
    const { result, evaluated_at } = await holdoutCheck(store, params);
    if (result.holdout_length <= 0) throw new PatronError('validation_failed', 'This report compares the model with a holdout period: set calibration_end before the last day with purchases', { issues: [{ path: 'params/calibration_end', message: 'no holdout period after it' }] });
    return result.by_frequency.map((g) => ({ ...g, evaluated_at }));
  },
};

async function requireScores(store: AnalyticsStore): Promise<void> {
  const n = Number((await store.query('SELECT count(*) AS n FROM customer_scores'))[0]!['n']);
  if (n === 0) throw new PatronError('not_found', 'No customer scores yet: run `patron model score` (or POST /v1/models/score) first');
}

export const clvDistributionReport: ReportDefinition = {
  id: 'models.clv-distribution',
  group: 'models',
  title: { ru: 'Распределение CLV', en: 'CLV distribution' },
  description: {
    en: 'Customers of the latest scoring in ten equal groups by predicted lifetime value (CLV: expected purchases month by month over the horizon times the Gamma-Gamma expected spend, discounted), from the highest: customers, CLV range, total CLV and its share, and mean probability alive.',
    ru: 'Покупатели последнего расчёта моделей в десяти равных группах по прогнозной ценности (CLV: ожидаемые покупки по месяцам горизонта, умноженные на ожидаемый чек Gamma-Gamma, с дисконтированием), от самых ценных: покупатели, диапазон CLV, сумма CLV и её доля, средняя вероятность активности.',
  },
  params: [],
  columns: [
    { name: 'decile', title: { ru: 'Дециль', en: 'Decile' }, unit: 'text' },
    { name: 'customers', title: { ru: 'Покупатели', en: 'Customers' }, unit: 'count' },
    { name: 'min_clv_kopecks', title: { ru: 'CLV от', en: 'CLV from' }, unit: 'kopecks' },
    { name: 'max_clv_kopecks', title: { ru: 'CLV до', en: 'CLV to' }, unit: 'kopecks' },
    { name: 'total_clv_kopecks', title: { ru: 'Сумма CLV', en: 'Total CLV' }, unit: 'kopecks' },
    { name: 'clv_share', title: { ru: 'Доля CLV', en: 'Share of CLV' }, unit: 'share' },
    { name: 'mean_p_alive', title: { ru: 'Вероятность активности', en: 'Mean P(alive)' }, unit: 'share' },
  ],
  chart: { type: 'bar', x: 'decile', y: 'total_clv_kopecks' },
  async run(store) {
    await requireScores(store);
    return store.query(
      `WITH d AS (SELECT *, ntile(10) OVER (ORDER BY clv_kopecks DESC, customer_id) AS decile FROM customer_scores)
       SELECT decile::VARCHAR AS decile, count(*)::BIGINT AS customers, min(clv_kopecks)::BIGINT AS min_clv_kopecks, max(clv_kopecks)::BIGINT AS max_clv_kopecks,
              sum(clv_kopecks)::BIGINT AS total_clv_kopecks, (sum(clv_kopecks) / nullif(sum(sum(clv_kopecks)) OVER (), 0))::DOUBLE AS clv_share, avg(p_alive)::DOUBLE AS mean_p_alive
         FROM d GROUP BY decile ORDER BY d.decile`,
    );
  },
};

const scoreColumns = [
  { name: 'customer_id', title: { ru: 'Покупатель', en: 'Customer' }, unit: 'text' },
  { name: 'clv_kopecks', title: { ru: 'CLV', en: 'CLV' }, unit: 'kopecks' },
  { name: 'p_alive', title: { ru: 'Вероятность активности', en: 'P(alive)' }, unit: 'share' },
  { name: 'p_alive_before', title: { ru: 'Она же раньше', en: 'P(alive) before' }, unit: 'share' },
  { name: 'expected_purchases', title: { ru: 'Ожидаемые покупки', en: 'Expected purchases' }, unit: 'ratio' },
  { name: 'expected_spend_kopecks', title: { ru: 'Ожидаемый чек', en: 'Expected spend per purchase' }, unit: 'kopecks' },
  { name: 'repeat_purchases', title: { ru: 'Повторных покупок', en: 'Repeat purchases' }, unit: 'count' },
  { name: 'last_purchase', title: { ru: 'Последняя покупка', en: 'Last purchase' }, unit: 'text' },
] as const;
const scoreSelect = scoreColumns.map((c) => (c.name === 'last_purchase' ? "strftime(last_purchase, '%Y-%m-%d') AS last_purchase" : c.name)).join(', ');

export const topClvReport: ReportDefinition = {
  id: 'models.top-clv',
  group: 'models',
  title: { ru: 'Самые ценные покупатели по прогнозу', en: 'Top customers by predicted value' },
  description: {
    en: 'The customers of the latest scoring with the highest predicted lifetime value, with their probability alive now and a lookback earlier, expected purchases in the scoring horizon, expected spend per purchase, repeat purchases so far and last purchase day.',
    ru: 'Покупатели последнего расчёта моделей с наибольшей прогнозной ценностью: вероятность активности сейчас и раньше, ожидаемые покупки на горизонте, ожидаемый чек, повторные покупки и день последней покупки.',
  },
  params: [{ name: 'limit', title: { ru: 'Сколько', en: 'How many' }, type: 'number', default: 50, min: 1, max: 10000, integer: true }],
  columns: scoreColumns,
  chart: { type: 'bar', x: 'customer_id', y: 'clv_kopecks' },
  async run(store, params) {
    await requireScores(store);
    return store.query(`SELECT ${scoreSelect} FROM customer_scores ORDER BY clv_kopecks DESC, customer_id LIMIT $1`, [params['limit'] as number]);
  },
};

export const atRiskReport: ReportDefinition = {
  id: 'models.at-risk',
  group: 'models',
  title: { ru: 'Ценные покупатели под угрозой ухода', en: 'Valuable customers at risk' },
  description: {
    en: 'Customers among the top share by value (spend so far: repeat purchases + 1 times expected spend per purchase) who are still probably there (P(alive) at least the floor) but whose probability alive fell since the lookback by at least the given drop, or is below one half; ordered by value. These are the candidates for a retention offer before they are gone; below the floor they are lost already.',
    ru: 'Покупатели из верхней доли по ценности (потрачено: повторные покупки + 1, умноженные на ожидаемый чек), которые ещё вероятно с нами (вероятность активности не ниже порога), но она упала с прошлого расчёта не меньше чем на заданную величину или ниже половины; по убыванию ценности. Кандидаты на удерживающее предложение, пока они не ушли; ниже порога они уже потеряны.',
  },
  params: [
    { name: 'top_share', title: { ru: 'Верхняя доля по ценности', en: 'Top share by value' }, type: 'number', default: 0.2, min: 0.01, max: 1 },
    { name: 'drop', title: { ru: 'Падение вероятности', en: 'Drop in P(alive)' }, type: 'number', default: 0.1, min: 0, max: 1 },
    { name: 'floor', title: { ru: 'Порог «ещё с нами»', en: 'Floor: still there' }, type: 'number', default: 0.1, min: 0, max: 1 },
    { name: 'limit', title: { ru: 'Сколько', en: 'How many' }, type: 'number', default: 100, min: 1, max: 100000, integer: true },
  ],
  columns: scoreColumns,
  chart: { type: 'scatter', x: 'p_alive', y: 'clv_kopecks' },
  async run(store, params) {
    await requireScores(store);
    return store.query(
      `WITH v AS (SELECT *, (repeat_purchases + 1) * expected_spend_kopecks AS value, percent_rank() OVER (ORDER BY (repeat_purchases + 1) * expected_spend_kopecks DESC) AS value_rank FROM customer_scores)
       SELECT ${scoreSelect} FROM v
        WHERE value_rank < $1 AND p_alive >= $4 AND (p_alive < 0.5 OR p_alive <= p_alive_before - $2)
        ORDER BY value DESC, customer_id LIMIT $3`,
      [params['top_share'] as number, params['drop'] as number, params['limit'] as number, params['floor'] as number],
    );
  },
};

export const nextPurchaseReport: ReportDefinition = {
  id: 'models.next-purchase',
  group: 'models',
  title: { ru: 'Ожидаемые даты следующей покупки', en: 'Expected next purchase dates' },
  description: {
    en: 'Customers of the latest scoring who are probably alive (P(alive) at least the threshold) by the week of their expected next purchase: the median wait given they are alive, from the rate\'s posterior Gamma(r + x, α + T). The expected purchases column sums the model\'s expectation over the horizon.',
    ru: 'Вероятно активные покупатели последнего расчёта (вероятность не ниже порога) по неделе ожидаемой следующей покупки: медиана ожидания при условии активности по апостериорному Gamma(r + x, α + T). Столбец ожидаемых покупок — сумма ожиданий модели на горизонте.',
  },
  params: [{ name: 'min_p_alive', title: { ru: 'Порог вероятности активности', en: 'Minimum P(alive)' }, type: 'number', default: 0.5, min: 0, max: 1 }],
  columns: [
    { name: 'week_start', title: { ru: 'Неделя с', en: 'Week from' }, unit: 'text' },
    { name: 'customers', title: { ru: 'Покупатели', en: 'Customers' }, unit: 'count' },
    { name: 'expected_purchases', title: { ru: 'Ожидаемые покупки на горизонте', en: 'Expected purchases in horizon' }, unit: 'ratio' },
  ],
  chart: { type: 'bar', x: 'week_start', y: 'customers' },
  async run(store, params) {
    await requireScores(store);
    return store.query(
      `SELECT strftime(date_trunc('week', next_purchase_date), '%Y-%m-%d') AS week_start, count(*)::BIGINT AS customers, sum(expected_purchases)::DOUBLE AS expected_purchases
         FROM customer_scores WHERE p_alive >= $1 AND next_purchase_date IS NOT NULL GROUP BY 1 ORDER BY 1 LIMIT 60`,
      [params['min_p_alive'] as number],
    );
  },
};

const churnParams: ParamSpec[] = [
  { name: 'window_days', title: { ru: 'Окно оттока, дней', en: 'Churn window, days' }, type: 'number', default: 90, min: 7, max: 730, integer: true },
  sourceParam,
  freshParam,
];

/** The churn evaluation these parameters ask for, kept or computed now. */
function churnEvaluation(store: AnalyticsStore, params: Record<string, ParamValue>) {
  return keptChurnEvaluation(store, { windowDays: params['window_days'] as number, ...(params['source'] ? { source: params['source'] as string } : {}) }, params['fresh'] === 'yes');
}

const churnDescription = {
  en: 'Churned means no purchase in the window after a cut day. The logistic churn score is trained on the shoppers active in the year before the cut two windows before the last day (features: recency, its log and its ratio to the shopper\'s usual gap, tenure, purchases and spend in the year, the 90-day spend trend, mean gap, category breadth, promo share, points balance), and tested on the last window, which it never saw. BG/NBD is fitted on all history to the test cut and scored on the same shoppers: its probability of no purchase in the window, and 1 − P(alive). AUC: the chance a churner scores above a stayer.',
  ru: 'Отток — ни одной покупки в окне после даты среза. Логистическая оценка оттока обучается на покупателях, активных в течение года до среза за два окна до последнего дня (признаки: давность покупки, её логарифм и отношение к обычному интервалу покупателя, стаж, покупки и траты за год, тренд трат за 90 дней, средний интервал, широта категорий, доля промо, баланс баллов), и проверяется на последнем окне, которого не видела. BG/NBD подгоняется на всей истории до проверочного среза и оценивает тех же покупателей: вероятность не купить в окне и 1 − P(активен). AUC — вероятность, что ушедший получит оценку выше оставшегося.',
};

export const churnEvaluationReport: ReportDefinition = {
  id: 'models.churn-evaluation',
  group: 'models',
  title: { ru: 'Модели оттока: проверка на отложенном периоде', en: 'Churn models on a time split' },
  description: describedWith(churnDescription, 'patron model score'),
  params: churnParams,
  columns: [
    { name: 'method', title: { ru: 'Метод', en: 'Method' }, unit: 'text' },
    { name: 'auc', title: { ru: 'AUC', en: 'AUC' }, unit: 'ratio' },
    { name: 'brier', title: { ru: 'Оценка Брайера', en: 'Brier score' }, unit: 'ratio' },
    { name: 'log_loss', title: { ru: 'Логистическая потеря', en: 'Log loss' }, unit: 'ratio' },
    { name: 'customers', title: { ru: 'Покупатели в проверке', en: 'Customers tested' }, unit: 'count' },
    { name: 'churn_rate', title: { ru: 'Доля ушедших', en: 'Churn rate' }, unit: 'share' },
    { name: 'best', title: { ru: 'Лучший по AUC', en: 'Best by AUC' }, unit: 'text' },
    evaluatedAtColumn,
  ],
  chart: { type: 'bar', x: 'method', y: 'auc' },
  async run(store, params) {
    const { result: e, evaluated_at } = await churnEvaluation(store, params);
    return e.methods.map((m) => ({ method: m.method, auc: m.auc, brier: m.brier, log_loss: m.log_loss, customers: e.customers, churn_rate: e.churn_rate, best: m.method === e.winner ? 'yes' : 'no', evaluated_at }));
  },
};

export const churnCalibrationReport: ReportDefinition = {
  id: 'models.churn-calibration',
  group: 'models',
  title: { ru: 'Калибровка оценок оттока', en: 'Churn score calibration' },
  description: describedWith({ en: `Predicted churn probability in ten bins against the churn rate observed in each, for the logistic score and BG/NBD's probability of no purchase. ${churnDescription.en}`, ru: `Прогноз вероятности оттока по десяти интервалам против наблюдаемой доли ушедших — для логистической оценки и вероятности BG/NBD не купить. ${churnDescription.ru}` }, 'patron model score'),
  params: churnParams,
  columns: [
    { name: 'method', title: { ru: 'Метод', en: 'Method' }, unit: 'text' },
    { name: 'bin', title: { ru: 'Интервал прогноза', en: 'Predicted bin' }, unit: 'text' },
    { name: 'customers', title: { ru: 'Покупатели', en: 'Customers' }, unit: 'count' },
    { name: 'predicted', title: { ru: 'Прогноз', en: 'Predicted' }, unit: 'share' },
    { name: 'observed', title: { ru: 'Факт', en: 'Observed' }, unit: 'share' },
    evaluatedAtColumn,
  ],
  chart: { type: 'scatter', x: 'predicted', y: 'observed' },
  async run(store, params) {
    const { result: e, evaluated_at } = await churnEvaluation(store, params);
    return e.methods.flatMap((m) => m.calibration.map((b) => ({ method: m.method, bin: `${b.from.toFixed(1)}–${b.to.toFixed(1)}`, customers: b.count, predicted: b.predicted, observed: b.observed, evaluated_at })));
  },
};

export const recommenderEvaluationReport: ReportDefinition = {
  id: 'models.recommender-evaluation',
  group: 'models',
  title: { ru: 'Рекомендации: проверка на отложенном периоде', en: 'Recommenders on a time split' },
  description: describedWith({
    en: 'Each recommender is trained on purchases up to the test period (the last days of the data) and asked for each shopper\'s top k. A hit is an item the shopper bought in the test period and never before (discovery: what a personal offer is for), among items sold before the split. precision@k = hits / k; recall@k = hits / such items; MAP@k averages precision at each hit; coverage = share of the catalogue ever recommended. Recall gain is the mean per-shopper difference from the popularity baseline with its standard error; a method beats the baseline only by more than two standard errors.',
    ru: 'Каждый метод обучается на покупках до проверочного периода (последних дней данных) и выдаёт каждому покупателю k товаров. Попадание — товар, который покупатель купил в проверочном периоде и никогда раньше (открытие нового — для этого и нужны персональные предложения), среди товаров, продававшихся до разделения. precision@k = попадания / k; recall@k = попадания / число таких товаров; MAP@k усредняет точность в каждом попадании; охват — доля каталога, попавшая в рекомендации. Прирост полноты — средняя по покупателям разница с базовым методом популярности и её стандартная ошибка; метод лучше базового, только если разница больше двух стандартных ошибок.',
  }, 'patron model recommend'),
  params: [
    { name: 'test_days', title: { ru: 'Проверочный период, дней', en: 'Test period, days' }, type: 'number', default: recommenderTestDays, min: 1, max: 730, integer: true },
    { name: 'k', title: { ru: 'Рекомендаций на покупателя', en: 'Recommendations per shopper' }, type: 'number', default: 10, min: 1, max: 100, integer: true },
    sourceParam,
    freshParam,
  ],
  columns: [
    { name: 'method', title: { ru: 'Метод', en: 'Method' }, unit: 'text' },
    { name: 'shoppers', title: { ru: 'Покупатели в проверке', en: 'Shoppers tested' }, unit: 'count' },
    { name: 'precision_at_k', title: { ru: 'Точность@k', en: 'Precision@k' }, unit: 'share' },
    { name: 'recall_at_k', title: { ru: 'Полнота@k', en: 'Recall@k' }, unit: 'share' },
    { name: 'map_at_k', title: { ru: 'MAP@k', en: 'MAP@k' }, unit: 'share' },
    { name: 'coverage', title: { ru: 'Охват каталога', en: 'Catalogue coverage' }, unit: 'share' },
    { name: 'recall_gain', title: { ru: 'Прирост полноты к базовому', en: 'Recall gain over baseline' }, unit: 'ratio' },
    { name: 'recall_gain_se', title: { ru: 'Его стандартная ошибка', en: 'Its standard error' }, unit: 'ratio' },
    { name: 'beats_baseline', title: { ru: 'Лучше базового', en: 'Beats the baseline' }, unit: 'text' },
    evaluatedAtColumn,
  ],
  chart: { type: 'bar', x: 'method', y: 'recall_at_k' },
  async run(store, params) {
    const options = { testDays: params['test_days'] as number, k: params['k'] as number, ...(params['source'] ? { source: params['source'] as string } : {}) };
    const { result: e, evaluated_at } = await keptRecommenderEvaluation(store, options, params['fresh'] === 'yes');
    return e.methods.map((m) => ({
      method: m.method, shoppers: m.shoppers, precision_at_k: m.precision_at_k, recall_at_k: m.recall_at_k, map_at_k: m.map_at_k, coverage: m.coverage,
      recall_gain: m.recall_gain, recall_gain_se: m.recall_gain_se, beats_baseline: m.beats_baseline_on_recall === null ? 'baseline' : m.beats_baseline_on_recall ? 'yes' : 'no', evaluated_at,
    }));
  },
};
