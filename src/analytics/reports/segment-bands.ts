import type { ReportDefinition } from './report-definition.ts';
import { bandIndex, checkSizeBands, periodArgs, periodOnlyParams, periodReceipts, resolvePeriod, shiftPeriod } from './report-sql.ts';


const frequencyBands: [string, number, number][] = [['1', 1, 2], ['2', 2, 3], ['3–4', 3, 5], ['5–9', 5, 10], ['10+', 10, 1e9]];

function memberBands(id: string, title: { ru: string; en: string }, description: { ru: string; en: string }, measure: string, bands: [string, number, number][]): ReportDefinition {
  return {
    id,
    group: 'segments',
    title,
    description,
    params: periodOnlyParams,
    columns: [
      { name: 'band', title: { ru: 'Группа', en: 'Band' }, unit: 'text' },
      { name: 'members', title: { ru: 'Участники', en: 'Members' }, unit: 'count' },
      { name: 'share', title: { ru: 'Доля участников', en: 'Share of members' }, unit: 'share' },
      { name: 'revenue_kopecks', title: { ru: 'Выручка', en: 'Revenue' }, unit: 'kopecks' },
      { name: 'revenue_share', title: { ru: 'Доля выручки', en: 'Share of revenue' }, unit: 'share' },
    ],
    chart: { type: 'bar', x: 'band', y: 'members' },
    async run(store, params) {
      const p = await resolvePeriod(store, params);
      const rows = await store.query(
        `WITH m AS (SELECT customer_id, count(*) AS receipts, sum(total_kopecks) AS revenue, avg(total_kopecks) AS average FROM ${periodReceipts} rc WHERE customer_id IS NOT NULL GROUP BY 1)
         SELECT ${bandIndex(measure, bands)} AS band, count(*)::BIGINT AS members, (count(*) / sum(count(*)) OVER ())::DOUBLE AS share,
                sum(revenue)::BIGINT AS revenue_kopecks, (sum(revenue) / sum(sum(revenue)) OVER ())::DOUBLE AS revenue_share
           FROM m GROUP BY 1 ORDER BY 1`,
        periodArgs(p, { buyers: 'all' }),
      );
      return rows.map((r) => ({ ...r, band: bands[r['band'] as number]![0] }));
    },
  };
}

export const frequencySegmentsReport = memberBands(
  'segments.frequency',
  { ru: 'Участники по частоте покупок', en: 'Members by purchase frequency' },
  {
    en: 'Members who bought with their card in the period, by the number of such receipts (1, 2, 3–4, 5–9, 10+), with their revenue and its share.',
    ru: 'Участники с покупками по карте за период — по числу таких чеков (1, 2, 3–4, 5–9, 10+), с выручкой и её долей.',
  },
  'receipts',
  frequencyBands,
);

export const averageCheckSegmentsReport = memberBands(
  'segments.average-check',
  { ru: 'Участники по среднему чеку', en: 'Members by average check' },
  {
    en: 'Members who bought with their card in the period, by their own average check (receipt totals before points; lower bound of each band included), with their revenue and its share.',
    ru: 'Участники с покупками по карте за период — по их собственному среднему чеку (суммы чеков до оплаты бонусами; нижняя граница включена), с выручкой и её долей.',
  },
  'average',
  checkSizeBands,
);

export const storeComparisonReport: ReportDefinition = {
  id: 'sales.store-comparison',
  group: 'sales',
  title: { ru: 'Сравнение магазинов с прошлым периодом', en: 'Stores against the previous period' },
  description: {
    en: 'Per store: revenue and receipts in the period and in the period of the same length just before, the change in revenue, the average check and the share of receipts with a card in the period.',
    ru: 'По магазинам: выручка и чеки за период и за такой же период перед ним, изменение выручки, средний чек и доля чеков с картой за период.',
  },
  params: periodOnlyParams,
  columns: [
    { name: 'store', title: { ru: 'Магазин', en: 'Store' }, unit: 'text' },
    { name: 'revenue_kopecks', title: { ru: 'Выручка', en: 'Revenue' }, unit: 'kopecks' },
    { name: 'previous_revenue_kopecks', title: { ru: 'Выручка в прошлом периоде', en: 'Previous revenue' }, unit: 'kopecks' },
    { name: 'revenue_change', title: { ru: 'Изменение выручки', en: 'Revenue change' }, unit: 'share' },
    { name: 'receipts', title: { ru: 'Чеки', en: 'Receipts' }, unit: 'count' },
    { name: 'previous_receipts', title: { ru: 'Чеки в прошлом периоде', en: 'Previous receipts' }, unit: 'count' },
    { name: 'average_check_kopecks', title: { ru: 'Средний чек', en: 'Average check' }, unit: 'kopecks' },
    { name: 'card_receipts_share', title: { ru: 'Доля чеков с картой', en: 'Share of receipts with a card' }, unit: 'share' },
  ],
  chart: { type: 'bar', x: 'store', y: 'revenue_change' },
  async run(store, params) {
    const p = await resolvePeriod(store, params);
    const before = shiftPeriod(p, -p.days);
    const figures = (args: [string, string, string]) =>
      store.query(
        `SELECT coalesce(rc.store_code, '—') AS store, sum(rc.total_kopecks)::BIGINT AS revenue, count(*)::BIGINT AS receipts,
                round(avg(rc.total_kopecks))::BIGINT AS average, (count(*) FILTER (WHERE rc.member) / count(*))::DOUBLE AS card_share
           FROM ${periodReceipts} rc GROUP BY 1`,
        args,
      );
    const [now, prev] = [await figures(periodArgs(p, { buyers: 'all' })), await figures(periodArgs(before, { buyers: 'all' }))];
    const previous = new Map(prev.map((r) => [r['store'], r]));
    return now
      .map((r) => {
        const b = previous.get(r['store']);
        const before = (b?.['revenue'] as number | undefined) ?? 0;
        return {
          store: r['store'],
          revenue_kopecks: r['revenue'],
          previous_revenue_kopecks: before,
          revenue_change: before > 0 ? (r['revenue'] as number) / before - 1 : null,
          receipts: r['receipts'],
          previous_receipts: (b?.['receipts'] as number | undefined) ?? 0,
          average_check_kopecks: r['average'],
          card_receipts_share: r['card_share'],
        };
      })
      .sort((a, b) => (b.revenue_kopecks as number) - (a.revenue_kopecks as number) || String(a.store).localeCompare(String(b.store)));
  },
};

export const promoSensitivityReport: ReportDefinition = {
  id: 'segments.promo-sensitivity',
  group: 'segments',
  title: { ru: 'Чувствительность к бонусам и скидкам', en: 'Promo sensitivity' },
  description: {
    en: 'Members who bought with their card in the period, by the share of their receipts on which they paid with points or got a POS discount: none (0), low (up to 25 %), medium (up to 50 %), high (above).',
    ru: 'Участники с покупками по карте за период — по доле их чеков, где они платили бонусами или получили скидку кассы: нет (0), низкая (до 25 %), средняя (до 50 %), высокая (выше).',
  },
  params: periodOnlyParams,
  columns: [
    { name: 'sensitivity', title: { ru: 'Чувствительность', en: 'Sensitivity' }, unit: 'text' },
    { name: 'members', title: { ru: 'Участники', en: 'Members' }, unit: 'count' },
    { name: 'average_check_kopecks', title: { ru: 'Средний чек', en: 'Average check' }, unit: 'kopecks' },
    { name: 'revenue_kopecks', title: { ru: 'Выручка', en: 'Revenue' }, unit: 'kopecks' },
  ],
  chart: { type: 'bar', x: 'sensitivity', y: 'members' },
  async run(store, params) {
    const p = await resolvePeriod(store, params);
    return store.query(
      `WITH m AS (SELECT customer_id, count(*) FILTER (WHERE points_redeemed > 0 OR discount_kopecks > 0) / count(*) AS promo_share, sum(total_kopecks) AS revenue, count(*) AS receipts
                    FROM ${periodReceipts} rc WHERE customer_id IS NOT NULL GROUP BY 1),
            s AS (SELECT *, CASE WHEN promo_share = 0 THEN 0 WHEN promo_share <= 0.25 THEN 1 WHEN promo_share <= 0.5 THEN 2 ELSE 3 END AS level FROM m)
       SELECT (['none', 'low', 'medium', 'high'])[level + 1] AS sensitivity, count(*)::BIGINT AS members, round(sum(revenue) / sum(receipts))::BIGINT AS average_check_kopecks,
              sum(revenue)::BIGINT AS revenue_kopecks
         FROM s GROUP BY level ORDER BY level`,
      periodArgs(p, { buyers: 'all' }),
    );
  },
};

export const customerMatrixReport: ReportDefinition = {
  id: 'segments.customer-matrix',
  group: 'segments',
  title: { ru: 'Матрица клиентов (BCG)', en: 'Customer matrix (BCG style)' },
  description: {
    en: 'Members who bought with their card in the period or the one of the same length before it, placed by value (revenue in the period at or above the median of those who bought in it) and growth (more revenue than in the previous period): stars (high, growing), cash cows (high, not growing), question marks (low, growing), dogs (low, not growing).',
    ru: 'Участники с покупками по карте в периоде или в таком же периоде перед ним — по ценности (выручка в периоде не ниже медианы купивших в нём) и росту (выручка больше, чем в прошлом периоде): звёзды (высокая, растёт), дойные коровы (высокая, не растёт), знаки вопроса (низкая, растёт), собаки (низкая, не растёт).',
  },
  params: periodOnlyParams,
  columns: [
    { name: 'quadrant', title: { ru: 'Квадрант', en: 'Quadrant' }, unit: 'text' },
    { name: 'members', title: { ru: 'Участники', en: 'Members' }, unit: 'count' },
    { name: 'revenue_kopecks', title: { ru: 'Выручка', en: 'Revenue' }, unit: 'kopecks' },
    { name: 'previous_revenue_kopecks', title: { ru: 'Выручка в прошлом периоде', en: 'Previous revenue' }, unit: 'kopecks' },
  ],
  chart: { type: 'scatter', x: 'quadrant', y: 'members' },
  async run(store, params) {
    const p = await resolvePeriod(store, params);
    const before = shiftPeriod(p, -p.days);
    const spend = `SELECT customer_id, sum(total_kopecks) AS revenue FROM ${periodReceipts} rc WHERE customer_id IS NOT NULL GROUP BY 1`;
    return store.query(
      `WITH now AS (${spend}),
            -- The same query over the previous period's bounds ($4, $5).
            prev AS (${spend.replaceAll('$1', '$4').replaceAll('$2', '$5')}),
            m AS (SELECT customer_id, coalesce(n.revenue, 0) AS revenue, coalesce(b.revenue, 0) AS previous FROM now n FULL JOIN prev b USING (customer_id)),
            q AS (SELECT *, revenue >= (SELECT median(revenue) FROM now) AND revenue > 0 AS high, revenue > previous AS growing FROM m)
       SELECT CASE WHEN high AND growing THEN 'stars' WHEN high THEN 'cash_cows' WHEN growing THEN 'question_marks' ELSE 'dogs' END AS quadrant,
              count(*)::BIGINT AS members, sum(revenue)::BIGINT AS revenue_kopecks, sum(previous)::BIGINT AS previous_revenue_kopecks
         FROM q GROUP BY 1 ORDER BY array_position(['stars', 'cash_cows', 'question_marks', 'dogs'], quadrant)`,
      [...periodArgs(p, { buyers: 'all' }), before.from, before.until],
    );
  },
};
