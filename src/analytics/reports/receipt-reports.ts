import type { ReportDefinition } from './report-definition.ts';
import { bandIndex, checkSizeBands, itemsOfLine, periodArgs, periodLines, periodParams, periodReceipts, resolvePeriod } from './report-sql.ts';


export const averageCheckReport: ReportDefinition = {
  id: 'receipts.average-check',
  group: 'receipts',
  title: { ru: 'Средний чек и структура чека по неделям', en: 'Average check and receipt structure by week' },
  description: {
    en: 'Per week (Monday first, store-local dates): receipts, revenue (receipt totals before points, returns not deducted, cancelled receipts left out), average check = revenue / receipts, lines and items per receipt (units sold; a weighed line counts as one item), average item price = revenue / items.',
    ru: 'По неделям (с понедельника, по местному времени магазина): чеки, выручка (суммы чеков до оплаты бонусами, без вычета возвратов, без аннулированных чеков), средний чек = выручка / чеки, позиций и товаров в чеке (штуки; весовая позиция — один товар), средняя цена товара = выручка / товары.',
  },
  params: periodParams,
  columns: [
    { name: 'week', title: { ru: 'Неделя', en: 'Week' }, unit: 'text' },
    { name: 'receipts', title: { ru: 'Чеки', en: 'Receipts' }, unit: 'count' },
    { name: 'revenue_kopecks', title: { ru: 'Выручка', en: 'Revenue' }, unit: 'kopecks' },
    { name: 'average_check_kopecks', title: { ru: 'Средний чек', en: 'Average check' }, unit: 'kopecks' },
    { name: 'lines_per_receipt', title: { ru: 'Позиций в чеке', en: 'Lines per receipt' }, unit: 'ratio' },
    { name: 'items_per_receipt', title: { ru: 'Товаров в чеке', en: 'Items per receipt' }, unit: 'ratio' },
    { name: 'average_item_price_kopecks', title: { ru: 'Средняя цена товара', en: 'Average item price' }, unit: 'kopecks' },
  ],
  chart: { type: 'line', x: 'week', y: 'average_check_kopecks' },
  async run(store, params) {
    const p = await resolvePeriod(store, params);
    return store.query(
      // Receipts and their lines summed by week each on its own (a line carries its receipt's
      // time), then put side by side: no join of every line with its receipt.
      `WITH r AS (SELECT date_trunc('week', rc.local_ts) AS week, count(*) AS receipts, sum(rc.total_kopecks) AS revenue, avg(rc.total_kopecks) AS average
                    FROM ${periodReceipts} rc GROUP BY 1),
            t AS (SELECT date_trunc('week', l.local_ts) AS week, count(*) AS lines, sum(${itemsOfLine('l')}) AS items FROM ${periodLines(p)} l GROUP BY 1)
       SELECT week::DATE::VARCHAR AS week, receipts::BIGINT AS receipts, revenue::BIGINT AS revenue_kopecks,
              round(average)::BIGINT AS average_check_kopecks, round(t.lines / receipts, 2)::DOUBLE AS lines_per_receipt,
              round(t.items / receipts, 2)::DOUBLE AS items_per_receipt, round(revenue / nullif(t.items, 0))::BIGINT AS average_item_price_kopecks
         FROM r LEFT JOIN t USING (week)
        ORDER BY 1`,
      periodArgs(p, params),
    );
  },
};

export const checkSizeBandsReport: ReportDefinition = {
  id: 'receipts.check-size-bands',
  group: 'receipts',
  title: { ru: 'Чеки по размеру', en: 'Receipts by check size' },
  description: {
    en: 'Receipts of the period in bands of their total (lower bound included): how many, their share of receipts, their revenue and its share.',
    ru: 'Чеки периода по диапазонам суммы (нижняя граница включена): сколько их, доля в чеках, выручка и её доля.',
  },
  params: periodParams,
  columns: [
    { name: 'band', title: { ru: 'Сумма чека', en: 'Check size' }, unit: 'text' },
    { name: 'receipts', title: { ru: 'Чеки', en: 'Receipts' }, unit: 'count' },
    { name: 'receipts_share', title: { ru: 'Доля чеков', en: 'Share of receipts' }, unit: 'share' },
    { name: 'revenue_kopecks', title: { ru: 'Выручка', en: 'Revenue' }, unit: 'kopecks' },
    { name: 'revenue_share', title: { ru: 'Доля выручки', en: 'Share of revenue' }, unit: 'share' },
  ],
  chart: { type: 'bar', x: 'band', y: 'receipts' },
  async run(store, params) {
    const p = await resolvePeriod(store, params);
    const rows = await store.query(
      `WITH b AS (SELECT ${bandIndex('rc.total_kopecks', checkSizeBands)} AS band, rc.total_kopecks FROM ${periodReceipts} rc)
       SELECT band, count(*)::BIGINT AS receipts, (count(*) / sum(count(*)) OVER ())::DOUBLE AS receipts_share,
              sum(total_kopecks)::BIGINT AS revenue_kopecks, (sum(total_kopecks) / nullif(sum(sum(total_kopecks)) OVER (), 0))::DOUBLE AS revenue_share
         FROM b GROUP BY band ORDER BY band`,
      periodArgs(p, params),
    );
    return rows.map((r) => ({ ...r, band: checkSizeBands[r['band'] as number]![0] }));
  },
};

export const weekdayHourReport: ReportDefinition = {
  id: 'receipts.weekday-hour',
  group: 'receipts',
  title: { ru: 'Чеки по дням недели и часам', en: 'Receipts by weekday and hour' },
  description: {
    en: 'Receipts of the period by weekday (1 = Monday … 7 = Sunday) and hour of the day, both in the store’s local time, with their average check.',
    ru: 'Чеки периода по дням недели (1 — понедельник … 7 — воскресенье) и часам, по местному времени магазина, со средним чеком.',
  },
  params: periodParams,
  columns: [
    { name: 'weekday', title: { ru: 'День недели', en: 'Weekday' }, unit: 'count' },
    { name: 'hour', title: { ru: 'Час', en: 'Hour' }, unit: 'count' },
    { name: 'receipts', title: { ru: 'Чеки', en: 'Receipts' }, unit: 'count' },
    { name: 'average_check_kopecks', title: { ru: 'Средний чек', en: 'Average check' }, unit: 'kopecks' },
  ],
  chart: { type: 'heatmap', x: 'hour', y: 'weekday' },
  async run(store, params) {
    const p = await resolvePeriod(store, params);
    return store.query(
      `SELECT isodow(rc.local_ts)::INTEGER AS weekday, hour(rc.local_ts)::INTEGER AS hour, count(*)::BIGINT AS receipts, round(avg(rc.total_kopecks))::BIGINT AS average_check_kopecks
         FROM ${periodReceipts} rc GROUP BY 1, 2 ORDER BY 1, 2`,
      periodArgs(p, params),
    );
  },
};
