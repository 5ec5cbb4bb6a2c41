import { PatronError } from '../../core/index.ts';
import type { Estimate } from '../../models/index.ts';
import type { AnalyticsStore, Row } from '../analytics-store.ts';
import {
  campaignBreakdown, campaignEffect, campaignMethods, compareMechanics, listMeasuredCampaigns, planCampaign, programEffect, programMethods, programRoi,
  type CampaignEffectOptions, type PlanInput, type ProgramRoiOptions,
} from '../measurement/index.ts';
import type { ColumnSpec, ParamSpec, ParamValue, ReportDefinition, Text } from './report-definition.ts';
import { datePattern } from './report-sql.ts';

const campaignParam: ParamSpec = { name: 'campaign', title: { ru: 'Кампания (id или код)', en: 'Campaign (id or code)' }, type: 'text', default: null, pattern: /^[A-Za-z0-9_.:-]{1,64}$/ };
const confidenceParam: ParamSpec = { name: 'confidence', title: { ru: 'Уровень доверия', en: 'Confidence level' }, type: 'number', default: 0.95, min: 0.5, max: 0.999 };
const preDaysParam: ParamSpec = { name: 'pre_days', title: { ru: 'Дней предпериода (CUPED)', en: 'Pre-period days (CUPED)' }, type: 'number', default: 90, min: 7, max: 730, integer: true };
const costParams: ParamSpec[] = [
  { name: 'after_days', title: { ru: 'Дней после кампании (0 = длина кампании)', en: 'Days after the campaign (0 = its length)' }, type: 'number', default: 0, min: 0, max: 365, integer: true },
  { name: 'point_value_kopecks', title: { ru: 'Стоимость бонуса, коп.', en: 'Point value, kopecks' }, type: 'number', default: 100, min: 1, max: 100_000, integer: true },
  { name: 'redemption_rate', title: { ru: 'Доля списания бонусов (−1 = по данным)', en: 'Redemption rate (−1 = from data)' }, type: 'number', default: -1, min: -1, max: 1 },
  { name: 'message_cost_kopecks', title: { ru: 'Стоимость сообщения, коп.', en: 'Cost per message, kopecks' }, type: 'number', default: 0, min: 0, max: 100_000, integer: true },
  { name: 'fixed_cost_kopecks', title: { ru: 'Постоянные затраты, коп.', en: 'Fixed cost, kopecks' }, type: 'number', default: 0, min: 0, max: 1e13, integer: true },
  { name: 'margin_rate_bp', title: { ru: 'Маржа, б.п. (для файлов без маржи; −1 = нет)', en: 'Margin rate, bp (files without margin; −1 = none)' }, type: 'number', default: -1, min: -1, max: 10_000, integer: true },
];

const col = (name: string, en: string, ru: string, unit: ColumnSpec['unit']): ColumnSpec => ({ name, title: { en, ru }, unit });
const estimateColumns = (prefix: string, en: string, ru: string, unit: ColumnSpec['unit']): ColumnSpec[] => [
  col(prefix, en, ru, unit),
  col(`${prefix}_ci_low`, `${en}: 95% CI from`, `${ru}: 95% ДИ от`, unit),
  col(`${prefix}_ci_high`, `${en}: 95% CI to`, `${ru}: 95% ДИ до`, unit),
  col(`${prefix}_p_value`, `${en}: p-value`, `${ru}: p-value`, 'ratio'),
];
const flat = (prefix: string, e: Estimate | null | undefined): Row => ({
  [prefix]: e?.estimate ?? null, [`${prefix}_ci_low`]: e?.ci_low ?? null, [`${prefix}_ci_high`]: e?.ci_high ?? null, [`${prefix}_p_value`]: e?.p_value ?? null,
});
const meaningColumn = col('meaning', 'What it means', 'Что это значит', 'text');

/** The campaign a report is about: the one named, else the latest of Patron's own, else the latest import. */
async function campaignRef(store: AnalyticsStore, params: Record<string, ParamValue>): Promise<string> {
  if (params['campaign']) return String(params['campaign']);
  const rows = await listMeasuredCampaigns(store);
  const own = rows.filter((r) => r['kind'] === 'patron' && Number(r['control']) > 1);
  const pick = own.at(-1) ?? rows.filter((r) => Number(r['control']) > 1).at(-1);
  if (!pick) throw new PatronError('not_found', 'No campaign with a control group on the read side');
  return String(pick['campaign_id']);
}

export function effectOptions(params: Record<string, ParamValue>): CampaignEffectOptions {
  const n = (k: string) => Number(params[k]);
  return {
    preDays: n('pre_days'), afterDays: n('after_days') > 0 ? n('after_days') : undefined, pointValueKopecks: n('point_value_kopecks'),
    redemptionRate: n('redemption_rate') >= 0 ? n('redemption_rate') : undefined, messageCostKopecks: n('message_cost_kopecks'), fixedCostKopecks: n('fixed_cost_kopecks'),
    marginRateBp: n('margin_rate_bp') >= 0 ? n('margin_rate_bp') : undefined, confidence: n('confidence'),
  };
}

const campaignDescription = (what: Text): Text => ({ en: `${what.en} ${campaignMethods.en}`, ru: `${what.ru} ${campaignMethods.ru}` });

export const campaignListReport: ReportDefinition = {
  id: 'measurement.campaigns',
  group: 'measurement',
  title: { ru: 'Кампании с контрольными группами', en: 'Campaigns with control groups' },
  description: {
    en: 'Every campaign on the read side: Patron’s own (assignments by the holdout hash) and experiments imported from files, with the window and the customers in treatment and control.',
    ru: 'Все кампании в аналитике: собственные (распределение хэшем контрольной группы) и эксперименты, импортированные из файлов, с периодом и числом клиентов в тестовой и контрольной группах.',
  },
  params: [],
  columns: [col('campaign_id', 'Campaign', 'Кампания', 'text'), col('code', 'Code', 'Код', 'text'), col('name', 'Name', 'Название', 'text'), col('kind', 'Kind', 'Вид', 'text'),
    col('starts_on', 'Starts', 'Начало', 'text'), col('ends_on', 'Ends', 'Конец', 'text'), col('treated', 'Treated', 'Тестовая группа', 'count'), col('control', 'Control', 'Контроль', 'count')],
  chart: { type: 'bar', x: 'code', y: 'treated' },
  run: (store) => listMeasuredCampaigns(store),
};

export const campaignEffectReport: ReportDefinition = {
  id: 'measurement.campaign-effect',
  group: 'measurement',
  title: { ru: 'Эффект кампании', en: 'Campaign effect' },
  description: campaignDescription({
    en: 'Per treatment arm and metric: the arm’s and control’s value, the difference with its interval and p-value, the relative lift, and the CUPED-adjusted difference with the variance it removed. Response = bought at least once in the window; visits = receipts; revenue net of returns; margin = lines less their cost.',
    ru: 'По каждой тестовой группе и показателю: значение в группе и в контроле, разница с интервалом и p-value, относительный прирост и разница с поправкой CUPED с долей убранной дисперсии. Отклик — хотя бы одна покупка в период кампании; визиты — чеки; выручка за вычетом возвратов; маржа — строки минус себестоимость.',
  }),
  params: [campaignParam, preDaysParam, ...costParams, confidenceParam],
  columns: [
    col('arm', 'Arm', 'Группа', 'text'), col('metric', 'Metric', 'Показатель', 'text'), col('treatment', 'Treatment', 'Тестовая', 'ratio'), col('control', 'Control', 'Контроль', 'ratio'),
    ...estimateColumns('difference', 'Difference', 'Разница', 'ratio'), ...estimateColumns('relative', 'Relative lift', 'Относительный прирост', 'share'),
    ...estimateColumns('cuped_difference', 'Difference, CUPED', 'Разница, CUPED', 'ratio'), col('variance_reduction', 'Variance removed by CUPED', 'Дисперсия, убранная CUPED', 'share'),
    col('method', 'Method', 'Метод', 'text'), col('significant', 'Significant', 'Значимо', 'text'), meaningColumn,
  ],
  chart: { type: 'bar', x: 'metric', y: 'relative' },
  async run(store, params) {
    const e = await campaignEffect(store, await campaignRef(store, params), effectOptions(params));
    return e.comparisons.map((c) => ({
      arm: c.arm, metric: c.metric, treatment: c.treatment, control: c.control, ...flat('difference', c.difference), ...flat('relative', c.relative),
      ...flat('cuped_difference', c.cuped?.difference), variance_reduction: c.cuped?.variance_reduction ?? null, method: c.difference.method, significant: c.significant ? 'yes' : 'no', meaning: c.meaning.en,
    }));
  },
};

export const campaignEconomicsReport: ReportDefinition = {
  id: 'measurement.campaign-roi',
  group: 'measurement',
  title: { ru: 'Кампания: дополнительная выручка, затраты и ROI', en: 'Campaign: incremental revenue, cost and ROI' },
  description: campaignDescription({
    en: 'Per treatment arm: incremental revenue and margin (CUPED where the pre-period is known) with intervals, the cost by part, and ROI on incremental revenue (the brief’s formula) and on incremental margin, with the intervals the effect’s uncertainty gives them.',
    ru: 'По каждой тестовой группе: дополнительная выручка и маржа (с CUPED, где известен предпериод) с интервалами, затраты по статьям и ROI по дополнительной выручке (формула брифа) и по марже с интервалами от неопределённости эффекта.',
  }),
  params: campaignEffectReport.params,
  columns: [
    col('arm', 'Arm', 'Группа', 'text'), col('treated', 'Treated customers', 'Клиентов в группе', 'count'),
    col('incremental_revenue_kopecks', 'Incremental revenue', 'Доп. выручка', 'kopecks'), col('incremental_revenue_ci_low', 'from', 'от', 'kopecks'), col('incremental_revenue_ci_high', 'to', 'до', 'kopecks'),
    col('incremental_margin_kopecks', 'Incremental margin', 'Доп. маржа', 'kopecks'), col('incremental_margin_ci_low', 'from', 'от', 'kopecks'), col('incremental_margin_ci_high', 'to', 'до', 'kopecks'),
    col('incremental_points', 'Extra points issued', 'Доп. бонусы', 'points'), col('points_cost_kopecks', 'Points cost', 'Стоимость бонусов', 'kopecks'), col('redemption_rate', 'Expected redemption', 'Ожидаемое списание', 'share'),
    col('discount_kopecks', 'Extra discounts', 'Доп. скидки', 'kopecks'), col('messages_kopecks', 'Messages', 'Сообщения', 'kopecks'), col('fixed_kopecks', 'Fixed cost', 'Постоянные', 'kopecks'),
    col('cost_kopecks', 'Total cost', 'Затраты всего', 'kopecks'), col('roi_revenue_pct', 'ROI on revenue, %', 'ROI по выручке, %', 'ratio'), col('roi_revenue_ci_low', 'from', 'от', 'ratio'), col('roi_revenue_ci_high', 'to', 'до', 'ratio'),
    col('roi_margin_pct', 'ROI on margin, %', 'ROI по марже, %', 'ratio'), col('roi_margin_ci_low', 'from', 'от', 'ratio'), col('roi_margin_ci_high', 'to', 'до', 'ratio'), meaningColumn,
  ],
  chart: { type: 'bar', x: 'arm', y: 'incremental_margin_kopecks' },
  async run(store, params) {
    const e = await campaignEffect(store, await campaignRef(store, params), effectOptions(params));
    return e.economics.map((x) => ({
      arm: x.arm, treated: x.treated,
      incremental_revenue_kopecks: x.incremental_revenue_kopecks.estimate, incremental_revenue_ci_low: x.incremental_revenue_kopecks.ci_low, incremental_revenue_ci_high: x.incremental_revenue_kopecks.ci_high,
      incremental_margin_kopecks: x.incremental_margin_kopecks?.estimate ?? null, incremental_margin_ci_low: x.incremental_margin_kopecks?.ci_low ?? null, incremental_margin_ci_high: x.incremental_margin_kopecks?.ci_high ?? null,
      incremental_points: x.cost.incremental_points, points_cost_kopecks: x.cost.points_value_kopecks, redemption_rate: x.cost.redemption.rate, discount_kopecks: x.cost.incremental_discount_kopecks,
      messages_kopecks: x.cost.messages_kopecks, fixed_kopecks: x.cost.fixed_kopecks, cost_kopecks: x.cost.total_kopecks,
      roi_revenue_pct: x.roi_revenue_pct?.estimate ?? null, roi_revenue_ci_low: x.roi_revenue_pct?.ci_low ?? null, roi_revenue_ci_high: x.roi_revenue_pct?.ci_high ?? null,
      roi_margin_pct: x.roi_margin_pct?.estimate ?? null, roi_margin_ci_low: x.roi_margin_pct?.ci_low ?? null, roi_margin_ci_high: x.roi_margin_pct?.ci_high ?? null,
      meaning: e.verdict[x.arm]!.en,
    }));
  },
};

export const campaignAfterWindowReport: ReportDefinition = {
  id: 'measurement.campaign-after-window',
  group: 'measurement',
  title: { ru: 'Кампания: после окончания (перенос покупок)', en: 'Campaign: after it ended (pulled-forward purchases)' },
  description: {
    en: 'Visits and revenue per customer, treatment against control, in the days right after the campaign (its own length by default), both CUPED-adjusted by the pre-period; and window plus after-window together. A campaign that only pulled purchases forward shows a significant dip after it and little net effect; it is flagged.',
    ru: 'Визиты и выручка на клиента, тестовая группа против контрольной, в дни сразу после кампании (по умолчанию столько же, сколько длилась кампания), с поправкой CUPED по предпериоду; и период кампании вместе с последующим. Кампания, которая лишь перенесла покупки, даёт значимый провал после себя и малый итог; такая помечается.',
  },
  params: campaignEffectReport.params,
  columns: [
    col('arm', 'Arm', 'Группа', 'text'), col('days', 'Days after', 'Дней после', 'count'), col('days_observed', 'Days in the data', 'Дней в данных', 'count'),
    ...estimateColumns('visits', 'Visits per customer after', 'Визиты на клиента после', 'ratio'), ...estimateColumns('revenue', 'Revenue per customer after', 'Выручка на клиента после', 'kopecks'),
    ...estimateColumns('net_visits', 'Net visits, window + after', 'Итог визитов, кампания + после', 'ratio'), ...estimateColumns('net_revenue', 'Net revenue, window + after', 'Итог выручки', 'kopecks'),
    col('pulled_forward', 'Pulled forward', 'Перенос покупок', 'text'), meaningColumn,
  ],
  chart: { type: 'bar', x: 'arm', y: 'visits' },
  async run(store, params) {
    const e = await campaignEffect(store, await campaignRef(store, params), effectOptions(params));
    return e.after_window.map((a) => ({
      arm: a.arm, days: a.days, days_observed: a.days_observed, ...flat('visits', a.visits), ...flat('revenue', a.revenue), ...flat('net_visits', a.net_visits), ...flat('net_revenue', a.net_revenue),
      pulled_forward: a.pulled_forward ? 'yes' : 'no', meaning: a.meaning.en,
    }));
  },
};

export const campaignBreakdownReport: ReportDefinition = {
  id: 'measurement.campaign-breakdown',
  group: 'measurement',
  title: { ru: 'Кампания: эффект по сегментам', en: 'Campaign effect by segment' },
  description: {
    en: 'The campaign’s effect on response and revenue per customer within each value of one breakdown: RFM segment, tier, home store, gender, age band or city at the campaign’s start (for imported experiments, any other column of the file). Each cell has its own p-value and the Holm-adjusted one over the whole breakdown: with many cells, some look significant by chance.',
    ru: 'Эффект кампании на отклик и выручку на клиента внутри каждого значения разреза: RFM-сегмент, уровень, основной магазин, пол, возраст или город на начало кампании (для импортированных экспериментов — любой другой столбец файла). У каждой ячейки свой p-value и p-value с поправкой Холма по всему разрезу: при многих ячейках часть кажется значимой случайно.',
  },
  params: [campaignParam, { name: 'by', title: { ru: 'Разрез', en: 'Breakdown' }, type: 'text', default: 'segment', pattern: /^[A-Za-z0-9_ .-]{1,64}$/ }, preDaysParam, confidenceParam],
  columns: [
    col('arm', 'Arm', 'Группа', 'text'), col('value', 'Value', 'Значение', 'text'), col('treated', 'Treated', 'Тестовая', 'count'), col('control', 'Control', 'Контроль', 'count'),
    ...estimateColumns('response_rate', 'Response rate difference', 'Разница отклика', 'share'), ...estimateColumns('revenue_per_customer', 'Revenue per customer difference', 'Разница выручки на клиента', 'kopecks'),
    col('revenue_lift', 'Relative revenue lift', 'Прирост выручки', 'share'), col('p_adjusted', 'Holm-adjusted p', 'p с поправкой Холма', 'ratio'), col('significant_after_adjustment', 'Significant after adjustment', 'Значимо с поправкой', 'text'), meaningColumn,
  ],
  chart: { type: 'bar', x: 'value', y: 'revenue_per_customer' },
  async run(store, params) {
    const { by, ...options } = breakdownOptions(params);
    const b = await campaignBreakdown(store, await campaignRef(store, params), by, options);
    return b.cells.map((c) => ({
      arm: c.arm, value: c.value, treated: c.treated, control: c.control, ...flat('response_rate', c.response_rate), ...flat('revenue_per_customer', c.revenue_per_customer),
      revenue_lift: c.revenue_lift.estimate, p_adjusted: c.p_adjusted, significant_after_adjustment: c.significant_after_adjustment ? 'yes' : 'no', meaning: b.caveat.en,
    }));
  },
};

export const campaignPlanningReport: ReportDefinition = {
  id: 'measurement.campaign-planning',
  group: 'measurement',
  title: { ru: 'Планирование контрольной группы', en: 'Planning a control group' },
  description: {
    en: 'The smallest effect a campaign can detect with a control share, or the control share a relative effect needs (set effect > 0), from the members’ own mean and spread of the metric over a window of the given length at the end of the data (members who bought in the year before). Two-sided test at level α with the stated power, normal approximation: MDE = (z₁₋α/₂ + z_power)·σ / √(N·s·(1 − s)).',
    ru: 'Минимальный эффект, который кампания обнаружит при заданной доле контроля, или доля контроля, нужная для относительного эффекта (effect > 0), по среднему и разбросу показателя у участников за окно заданной длины в конце данных (участники с покупками в предыдущий год). Двусторонний тест на уровне α с заданной мощностью, нормальное приближение: MDE = (z₁₋α/₂ + z_мощн)·σ / √(N·s·(1 − s)).',
  },
  params: [
    { name: 'metric', title: { ru: 'Показатель', en: 'Metric' }, type: 'enum', default: 'revenue', values: ['revenue', 'visits', 'response'] },
    { name: 'window_days', title: { ru: 'Длина кампании, дней', en: 'Campaign length, days' }, type: 'number', default: 14, min: 1, max: 365, integer: true },
    { name: 'control_share', title: { ru: 'Доля контроля', en: 'Control share' }, type: 'number', default: 0.1, min: 0.001, max: 0.999 },
    { name: 'effect', title: { ru: 'Эффект (доля, 0 = найти MDE)', en: 'Effect (share, 0 = find the MDE)' }, type: 'number', default: 0, min: 0, max: 10 },
    { name: 'audience', title: { ru: 'Аудитория (0 = все активные участники)', en: 'Audience (0 = all active members)' }, type: 'number', default: 0, min: 0, max: 1e9, integer: true },
    { name: 'power', title: { ru: 'Мощность', en: 'Power' }, type: 'number', default: 0.8, min: 0.5, max: 0.999 },
    { name: 'alpha', title: { ru: 'Уровень значимости', en: 'Significance level' }, type: 'number', default: 0.05, min: 0.001, max: 0.5 },
  ],
  columns: [
    col('metric', 'Metric', 'Показатель', 'text'), col('audience', 'Audience', 'Аудитория', 'count'), col('baseline_mean', 'Mean per customer', 'Среднее на клиента', 'ratio'), col('baseline_sd', 'SD per customer', 'Ст. откл. на клиента', 'ratio'),
    col('control_share', 'Control share', 'Доля контроля', 'share'), col('minimum_detectable_effect', 'Minimum detectable effect', 'Минимальный эффект', 'ratio'), col('minimum_detectable_relative', 'Minimum detectable, relative', 'Минимальный эффект, доля', 'share'),
    col('audience_needed_at_even_split', 'Audience needed at 50/50', 'Аудитория при 50/50', 'count'), meaningColumn,
  ],
  chart: { type: 'table', x: 'metric', y: 'minimum_detectable_relative' },
  async run(store, params) {
    const p = await planCampaign(store, planInput(params));
    return [{ ...p, meaning: p.meaning.en }];
  },
};

const programParams: ParamSpec[] = [
  { name: 'weeks', title: { ru: 'Недель до и после', en: 'Weeks before and after' }, type: 'number', default: 12, min: 2, max: 52, integer: true },
  { name: 'baseline', title: { ru: 'База сравнения', en: 'Baseline' }, type: 'enum', default: 'auto', values: ['auto', 'before_launch', 'before_joining'] },
  { name: 'match', title: { ru: 'Сопоставление', en: 'Matching' }, type: 'enum', default: 'calendar', values: ['calendar', 'pre_period'] },
  confidenceParam,
];
/** Report parameters as the options of each measurement: one adapter, for the reports, the CLI and the API. */
export function breakdownOptions(params: Record<string, ParamValue>): { by: string; preDays: number; confidence: number } {
  return { by: String(params['by']), preDays: Number(params['pre_days']), confidence: Number(params['confidence']) };
}

export function planInput(params: Record<string, ParamValue>): PlanInput {
  const positive = (k: string) => (Number(params[k]) > 0 ? Number(params[k]) : undefined);
  return {
    metric: params['metric'] as PlanInput['metric'], windowDays: Number(params['window_days']), controlShare: Number(params['control_share']),
    effect: positive('effect'), audience: positive('audience'), power: Number(params['power']), alpha: Number(params['alpha']),
  };
}

export function programRoiOptions(params: Record<string, ParamValue>): ProgramRoiOptions {
  return {
    ...programOptions(params), from: (params['from'] as string | null) ?? undefined, to: (params['to'] as string | null) ?? undefined,
    pointValueKopecks: Number(params['point_value_kopecks']), runningCostKopecksPerMonth: Number(params['running_cost_kopecks_per_month']),
  };
}

export const programOptions = (params: Record<string, ParamValue>) => ({
  weeks: Number(params['weeks']), baseline: params['baseline'] === 'auto' ? undefined : (params['baseline'] as 'before_launch'), match: params['match'] as 'calendar', confidence: Number(params['confidence']),
});

export const programEffectReport: ReportDefinition = {
  id: 'measurement.program-effect',
  group: 'measurement',
  title: { ru: 'Эффект программы лояльности', en: 'Program effect' },
  description: {
    en: `The naive member vs non-member comparison (self-selection, shown for contrast) and the causal estimate. ${programMethods.en} When the program keeps a global holdout (members held out of it, recorded as a campaign with a control group), name that campaign: its randomised comparison is shown beside, the cleanest estimate there is.`,
    ru: `Наивное сравнение участников и неучастников (самоотбор, для контраста) и причинная оценка. ${programMethods.ru} Если у программы есть глобальная контрольная группа (участники, исключённые из программы, записанные как кампания с контрольной группой), укажите эту кампанию: рядом будет её рандомизированное сравнение — самая чистая оценка из возможных.`,
  },
  params: [...programParams, { ...campaignParam, name: 'holdout_campaign', title: { ru: 'Глобальная контрольная группа (кампания)', en: 'Global holdout (a campaign)' } }],
  columns: [col('estimate_kind', 'Kind', 'Вид', 'text'), col('metric', 'Metric', 'Показатель', 'text'), ...estimateColumns('value', 'Estimate', 'Оценка', 'ratio'), col('shoppers', 'Shoppers compared', 'Покупателей', 'count'), meaningColumn],
  chart: { type: 'bar', x: 'metric', y: 'value' },
  async run(store, params) {
    // The event study is a report of its own: not computed here.
    const e = await programEffect(store, { ...programOptions(params), eventStudy: false });
    const shoppers = e.matching.joiners_matched + e.matching.controls;
    const row = (kind: string, metric: string, est: Estimate, meaning: string) => ({ estimate_kind: kind, metric, ...flat('value', est), shoppers, meaning });
    const n = e.naive!; // computed: not turned off here
    const naive = (metric: string, ratio: number | null) => ({ estimate_kind: 'naive (self-selection)', metric, value: ratio === null ? null : ratio - 1, value_ci_low: null, value_ci_high: null, value_p_value: null, shoppers: n.members + n.non_members, meaning: n.meaning.en });
    return [
      naive('visits_ratio', n.visits_ratio), naive('revenue_ratio', n.revenue_ratio),
      row('causal (difference in differences)', 'visits_lift', e.visits_lift, e.meaning.en), row('causal (difference in differences)', 'spend_per_visit_lift', e.spend_per_visit_lift, e.meaning.en),
      row('causal (difference in differences)', 'revenue_lift', e.revenue_lift, e.meaning.en), row('causal, per joiner per week', 'visits_per_week', e.visits_per_week, e.meaning.en),
      row('causal, per joiner per week', 'revenue_per_week_kopecks', e.revenue_per_week_kopecks, e.meaning.en),
      ...(params['holdout_campaign'] ? await holdoutRows(store, String(params['holdout_campaign']), Number(params['confidence'])) : []),
    ];
  },
};

/** The program against its global holdout: the campaign comparison's relative lifts (CUPED where the pre-period is known). */
async function holdoutRows(store: AnalyticsStore, ref: string, confidence: number): Promise<Row[]> {
  const h = await campaignEffect(store, ref, { confidence });
  const customers = h.arms.reduce((s, a) => s + a.customers, 0);
  return h.comparisons
    .filter((c) => c.metric === 'visits_per_customer' || c.metric === 'revenue_per_customer' || c.metric === 'average_check')
    .map((c) => ({
      estimate_kind: 'causal (global holdout, randomised)', metric: { visits_per_customer: 'visits_lift', revenue_per_customer: 'revenue_lift', average_check: 'spend_per_visit_lift' }[c.metric as string],
      ...flat('value', c.cuped?.relative ?? c.relative), shoppers: customers, meaning: h.verdict[c.arm]!.en,
    }));
}

export const programEventStudyReport: ReportDefinition = {
  id: 'measurement.program-event-study',
  group: 'measurement',
  title: { ru: 'Эффект программы по неделям после вступления', en: 'Program effect by week since joining (event study)' },
  description: { en: `Visits per shopper each week before and after joining, joiners against matched not-yet-joiners, as a lift over the baseline ratio with its 95% band. ${programMethods.en}`, ru: `Визиты на покупателя по неделям до и после вступления, вступившие против сопоставимых ещё не вступивших, как прирост к отношению в базовом периоде с 95% полосой. ${programMethods.ru}` },
  params: programParams,
  columns: [col('week', 'Week since joining', 'Неделя от вступления', 'count'), col('joiners_visits', 'Joiners: visits per shopper', 'Вступившие: визиты', 'ratio'), col('matched_visits', 'Matched: visits per shopper', 'Контроль: визиты', 'ratio'), ...estimateColumns('effect', 'Effect', 'Эффект', 'share')],
  chart: { type: 'line', x: 'week', y: 'effect' },
  async run(store, params) {
    // The week-by-week trace alone: the naive comparison is the program effect report's.
    const e = await programEffect(store, { ...programOptions(params), naive: false });
    return e.event_study.map((w) => ({ week: w.week, joiners_visits: w.joiners_visits, matched_visits: w.matched_visits, ...flat('effect', w.effect) }));
  },
};

export const programRoiReport: ReportDefinition = {
  id: 'measurement.program-roi',
  group: 'measurement',
  title: { ru: 'ROI программы', en: 'Program ROI' },
  description: {
    en: 'The program’s incremental revenue and margin in the period (members’ revenue × L / (1 + L), L the measured revenue lift of joining) against its full cost: points redeemed at the point value, POS discounts on members’ receipts and the running cost per month; ROI on incremental margin and on incremental revenue, with the lift’s interval carried through.',
    ru: 'Дополнительная выручка и маржа программы за период (выручка участников × L / (1 + L), L — измеренный прирост выручки от вступления) против полных затрат: списанные бонусы по стоимости бонуса, скидки кассы по чекам участников и затраты на ведение программы в месяц; ROI по дополнительной марже и выручке с интервалом прироста.',
  },
  params: [
    { name: 'from', title: { ru: 'С даты', en: 'From' }, type: 'text', default: null, pattern: datePattern },
    { name: 'to', title: { ru: 'По дату', en: 'To' }, type: 'text', default: null, pattern: datePattern },
    { name: 'point_value_kopecks', title: { ru: 'Стоимость бонуса, коп.', en: 'Point value, kopecks' }, type: 'number', default: 100, min: 1, max: 100_000, integer: true },
    { name: 'running_cost_kopecks_per_month', title: { ru: 'Затраты на ведение в месяц, коп.', en: 'Running cost per month, kopecks' }, type: 'number', default: 0, min: 0, max: 1e13, integer: true },
    ...programParams,
  ],
  columns: [
    col('item', 'Item', 'Статья', 'text'), col('value_kopecks', 'Value', 'Значение', 'kopecks'), col('ci_low', '95% CI from', '95% ДИ от', 'kopecks'), col('ci_high', '95% CI to', '95% ДИ до', 'kopecks'), meaningColumn,
  ],
  chart: { type: 'bar', x: 'item', y: 'value_kopecks' },
  async run(store, params) {
    const r = await programRoi(store, programRoiOptions(params));
    const counted = (item: string, v: number) => ({ item, value_kopecks: v, ci_low: v, ci_high: v, meaning: r.meaning.en });
    return [
      counted('members_revenue', r.members_revenue_kopecks), counted('members_margin', r.members_margin_kopecks),
      { item: 'incremental_revenue', value_kopecks: r.incremental_revenue_kopecks.estimate, ci_low: r.incremental_revenue_kopecks.ci_low, ci_high: r.incremental_revenue_kopecks.ci_high, meaning: r.meaning.en },
      { item: 'incremental_margin', value_kopecks: r.incremental_margin_kopecks.estimate, ci_low: r.incremental_margin_kopecks.ci_low, ci_high: r.incremental_margin_kopecks.ci_high, meaning: r.meaning.en },
      counted('cost_points_redeemed', r.cost.points_redeemed_kopecks), counted('cost_discounts', r.cost.discounts_kopecks), counted('cost_running', r.cost.running_kopecks), counted('cost_total', r.cost.total_kopecks),
      { item: 'roi_margin_pct', value_kopecks: r.roi_margin_pct.estimate, ci_low: r.roi_margin_pct.ci_low, ci_high: r.roi_margin_pct.ci_high, meaning: r.meaning.en },
      { item: 'roi_revenue_pct', value_kopecks: r.roi_revenue_pct.estimate, ci_low: r.roi_revenue_pct.ci_low, ci_high: r.roi_revenue_pct.ci_high, meaning: r.meaning.en },
    ];
  },
};

const mechanicsParams: ParamSpec[] = [
  { name: 'from', title: { ru: 'С даты', en: 'From' }, type: 'text', default: null, pattern: datePattern },
  { name: 'to', title: { ru: 'По дату', en: 'To' }, type: 'text', default: null, pattern: datePattern },
  { name: 'discount_bp', title: { ru: 'Скидка, б.п.', en: 'Discount, bp' }, type: 'number', default: 500, min: 0, max: 10_000, integer: true },
  { name: 'bonus_bp', title: { ru: 'Бонус, б.п.', en: 'Bonus, bp' }, type: 'number', default: 500, min: 0, max: 10_000, integer: true },
  { name: 'tiers', title: { ru: 'Уровни: порог коп.:ставка б.п., …', en: 'Tiers: threshold kopecks:rate bp, …' }, type: 'text', default: '0:300,3000000:500,10000000:700', pattern: /^\d{1,13}:\d{1,5}(,\d{1,13}:\d{1,5}){0,9}$/ },
  { name: 'participants', title: { ru: 'Участники', en: 'Participants' }, type: 'enum', default: 'members', values: ['members', 'identified'] },
  { name: 'redemption_rate', title: { ru: 'Доля списания (−1 = по данным)', en: 'Redemption rate (−1 = from data)' }, type: 'number', default: -1, min: -1, max: 1 },
  { name: 'redemption_delay_months', title: { ru: 'Средний срок до списания, мес. (−1 = по данным)', en: 'Mean months to redemption (−1 = from data)' }, type: 'number', default: -1, min: -1, max: 60 },
  { name: 'expiry_months', title: { ru: 'Сгорание через, мес.', en: 'Expiry after, months' }, type: 'number', default: 12, min: 1, max: 120, integer: true },
];

export async function runMechanics(store: AnalyticsStore, params: Record<string, ParamValue>) {
  const n = (k: string) => Number(params[k]);
  return compareMechanics(store, {
    from: (params['from'] as string | null) ?? undefined, to: (params['to'] as string | null) ?? undefined, discountBp: n('discount_bp'), bonusBp: n('bonus_bp'),
    tiers: String(params['tiers']).split(',').map((pair) => pair.split(':').map(Number) as [number, number]), participants: params['participants'] as 'members',
    redemptionRate: n('redemption_rate') >= 0 ? n('redemption_rate') : undefined, redemptionDelayMonths: n('redemption_delay_months') >= 0 ? n('redemption_delay_months') : undefined, expiryMonths: n('expiry_months'),
  });
}

export const mechanicsReport: ReportDefinition = {
  id: 'measurement.mechanics',
  group: 'measurement',
  title: { ru: 'Симулятор механик: скидка или бонусы', en: 'Mechanics simulator: discount or bonus' },
  description: {
    en: 'The chain’s own receipts by month (members’, or every identified shopper’s) replayed under a flat discount, a flat bonus and tiered bonuses (tier by the shopper’s spend in the 12 months before). A discount costs its rate at the till; a bonus is a liability when earned, costs cash when redeemed (redemption rate and delay from the ledger, else assumed) and expires unredeemed after the expiry. Per mechanic: cost (discount, or bonuses × redemption rate), cash paid out, liability left, and the sales lift needed to break even, C ÷ (margin − C).',
    ru: 'Собственные чеки сети по месяцам (участников или всех опознанных покупателей), проигранные при плоской скидке, плоском бонусе и уровнях (уровень — по тратам покупателя за предыдущие 12 месяцев). Скидка стоит свою ставку на кассе; бонус — обязательство при начислении, деньги при списании (доля и срок списания — по бонусному счёту, иначе допущение) и сгорает несписанным после срока. По каждой механике: затраты (скидка или бонусы × доля списания), выплачено, остаток обязательств и рост продаж для окупаемости, C ÷ (маржа − C).',
  },
  params: mechanicsParams,
  columns: [
    col('mechanic', 'Mechanic', 'Механика', 'text'), col('revenue_kopecks', 'Revenue', 'Выручка', 'kopecks'), col('margin_kopecks', 'Margin', 'Маржа', 'kopecks'), col('cost_kopecks', 'Cost', 'Затраты', 'kopecks'),
    col('cost_share', 'Cost / revenue', 'Затраты / выручка', 'share'), col('cash_out_kopecks', 'Cash paid out', 'Выплачено', 'kopecks'), col('liability_end_kopecks', 'Liability at the end', 'Обязательства на конец', 'kopecks'),
    col('break_even_lift', 'Sales lift to break even', 'Рост продаж для окупаемости', 'share'), meaningColumn,
  ],
  chart: { type: 'bar', x: 'mechanic', y: 'cost_kopecks' },
  async run(store, params) {
    const m = await runMechanics(store, params);
    return m.results.map((r) => ({
      mechanic: r.label, revenue_kopecks: r.revenue, margin_kopecks: r.margin, cost_kopecks: r.cost, cost_share: r.cost_share, cash_out_kopecks: r.cash_out, liability_end_kopecks: r.liability_end,
      break_even_lift: r.break_even_lift, meaning: m.meaning.en,
    }));
  },
};

export const mechanicsMonthlyReport: ReportDefinition = {
  id: 'measurement.mechanics-monthly',
  group: 'measurement',
  title: { ru: 'Симулятор механик по месяцам', en: 'Mechanics simulator by month' },
  description: { en: `Month by month: what each mechanic gives, redeems, lets expire, pays out in cash and owes at the month’s end. ${mechanicsReport.description.en}`, ru: `По месяцам: что каждая механика выдаёт, списывает, теряет на сгорании, выплачивает и остаётся должна на конец месяца. ${mechanicsReport.description.ru}` },
  params: mechanicsParams,
  columns: [
    col('month', 'Month', 'Месяц', 'text'), col('mechanic', 'Mechanic', 'Механика', 'text'), col('revenue_kopecks', 'Revenue', 'Выручка', 'kopecks'), col('given_kopecks', 'Given', 'Выдано', 'kopecks'),
    col('redeemed_kopecks', 'Redeemed', 'Списано', 'kopecks'), col('expired_kopecks', 'Expired', 'Сгорело', 'kopecks'), col('cash_out_kopecks', 'Cash paid out', 'Выплачено', 'kopecks'),
    col('accrued_cost_kopecks', 'Cost recognised', 'Признанные затраты', 'kopecks'), col('liability_end_kopecks', 'Liability at month end', 'Обязательства на конец', 'kopecks'),
  ],
  chart: { type: 'line', x: 'month', y: 'cash_out_kopecks' },
  async run(store, params) {
    const m = await runMechanics(store, params);
    return m.results.flatMap((r) => r.months.map((x) => ({
      month: x.month, mechanic: r.label, revenue_kopecks: x.revenue, given_kopecks: x.given, redeemed_kopecks: x.redeemed, expired_kopecks: x.expired,
      cash_out_kopecks: x.cash_out, accrued_cost_kopecks: x.accrued_cost, liability_end_kopecks: x.liability_end,
    })));
  },
};

export const measurementReports: readonly ReportDefinition[] = [
  campaignListReport, campaignEffectReport, campaignEconomicsReport, campaignAfterWindowReport, campaignBreakdownReport, campaignPlanningReport,
  programEffectReport, programEventStudyReport, programRoiReport, mechanicsReport, mechanicsMonthlyReport,
];
