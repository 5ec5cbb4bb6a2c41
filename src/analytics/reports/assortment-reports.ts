import type { ReportDefinition } from './report-definition.ts';
import { periodArgs, periodLines, periodOnlyParams, periodReceipts, productRows, resolvePeriod } from './report-sql.ts';
import { utcTime } from '../utc-sql.ts';


/**
 * Weekly quantities per SKU over the whole weeks inside the period (a partial week at an edge
 * would look like a slump), weeks without sales as zeros, from the period's lines.
 */
const weeklyQuantities = (lines: string) => `
  weeks AS (SELECT DISTINCT date_trunc('week', d) AS week FROM range($1::DATE, $2::DATE, INTERVAL 1 DAY) t(d)
             WHERE date_trunc('week', d) >= $1::DATE AND date_trunc('week', d) + INTERVAL 7 DAY <= $2::DATE),
  sold AS (SELECT l.sku, date_trunc('week', l.local_ts) AS week, sum(l.qty) AS qty FROM ${lines} l GROUP BY 1, 2),
  skus AS (SELECT DISTINCT sku FROM sold),
  grid AS (SELECT s.sku, w.week, coalesce(x.qty, 0) AS qty FROM skus s CROSS JOIN weeks w LEFT JOIN sold x ON x.sku = s.sku AND x.week = w.week),
  xyz AS (SELECT sku, avg(qty) AS mean, stddev_pop(qty) AS sd, stddev_pop(qty) / nullif(avg(qty), 0) AS cv,
                 CASE WHEN stddev_pop(qty) / nullif(avg(qty), 0) <= 0.1 THEN 'X' WHEN stddev_pop(qty) / nullif(avg(qty), 0) <= 0.25 THEN 'Y' ELSE 'Z' END AS class
            FROM grid GROUP BY sku)`;

export const xyzReport: ReportDefinition = {
  id: 'sales.xyz',
  group: 'sales',
  title: { ru: 'XYZ-анализ спроса', en: 'XYZ analysis of demand' },
  description: {
    en: 'Per product: the quantity sold in each whole week (Monday to Sunday, store-local) inside the period, weeks without sales counted as zero; the coefficient of variation = population standard deviation / mean. X: at most 10 % (steady), Y: at most 25 %, Z: above (erratic). A period without a whole week has no rows.',
    ru: 'По каждому товару: количество, проданное в каждую полную неделю (с понедельника по воскресенье, по местному времени) внутри периода, недели без продаж — нули; коэффициент вариации = стандартное отклонение / среднее. X — не более 10 % (стабильный спрос), Y — не более 25 %, Z — выше (нерегулярный). Без полной недели в периоде строк нет.',
  },
  params: periodOnlyParams,
  columns: [
    { name: 'sku', title: { ru: 'Артикул', en: 'SKU' }, unit: 'text' },
    { name: 'weekly_mean', title: { ru: 'Среднее в неделю', en: 'Weekly mean' }, unit: 'ratio' },
    { name: 'coefficient_of_variation', title: { ru: 'Коэффициент вариации', en: 'Coefficient of variation' }, unit: 'ratio' },
    { name: 'class', title: { ru: 'Класс', en: 'Class' }, unit: 'text' },
  ],
  chart: { type: 'bar', x: 'sku', y: 'coefficient_of_variation' },
  async run(store, params) {
    const p = await resolvePeriod(store, params);
    return store.query(`WITH ${weeklyQuantities(periodLines(p))} SELECT sku, mean::DOUBLE AS weekly_mean, cv::DOUBLE AS coefficient_of_variation, class FROM xyz ORDER BY cv, sku`, periodArgs(p, { buyers: 'all' }));
  },
};

export const abcXyzReport: ReportDefinition = {
  id: 'sales.abc-xyz',
  group: 'sales',
  title: { ru: 'Матрица ABC×XYZ', en: 'ABC × XYZ matrix' },
  description: {
    en: 'Products of the period by ABC class on revenue (A while the cumulative share before them is under 80 %, B under 95 %, C after) and XYZ class on weekly demand (X ≤ 10 %, Y ≤ 25 %, Z above, coefficient of variation): how many products and how much revenue in each cell.',
    ru: 'Товары периода по классу ABC по выручке (A — пока накопленная доля до товара меньше 80 %, B — меньше 95 %, иначе C) и классу XYZ по недельному спросу (X ≤ 10 %, Y ≤ 25 %, Z — выше, коэффициент вариации): сколько товаров и какая выручка в каждой клетке.',
  },
  params: periodOnlyParams,
  columns: [
    { name: 'abc', title: { ru: 'ABC', en: 'ABC' }, unit: 'text' },
    { name: 'xyz', title: { ru: 'XYZ', en: 'XYZ' }, unit: 'text' },
    { name: 'products', title: { ru: 'Товаров', en: 'Products' }, unit: 'count' },
    { name: 'revenue_kopecks', title: { ru: 'Выручка', en: 'Revenue' }, unit: 'kopecks' },
  ],
  chart: { type: 'heatmap', x: 'xyz', y: 'abc' },
  async run(store, params) {
    const p = await resolvePeriod(store, params);
    const lines = periodLines(p);
    return store.query(
      `WITH ${weeklyQuantities(lines)},
            revenue AS (SELECT l.sku, sum(l.amount_kopecks) AS value FROM ${lines} l GROUP BY 1),
            abc AS (SELECT sku, value, CASE WHEN coalesce(sum(value) OVER (ORDER BY value DESC, sku ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) / sum(value) OVER () < 0.8 THEN 'A'
                                            WHEN coalesce(sum(value) OVER (ORDER BY value DESC, sku ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) / sum(value) OVER () < 0.95 THEN 'B' ELSE 'C' END AS class FROM revenue)
       SELECT abc.class AS abc, xyz.class AS xyz, count(*)::BIGINT AS products, sum(abc.value)::BIGINT AS revenue_kopecks
         FROM abc JOIN xyz USING (sku) GROUP BY 1, 2 ORDER BY 1, 2`,
      periodArgs(p, { buyers: 'all' }),
    );
  },
};

export const cardPenetrationReport: ReportDefinition = {
  id: 'program.card-penetration',
  group: 'program',
  title: { ru: 'Проникновение карты по неделям', en: 'Card penetration by week' },
  description: {
    en: 'Per week (from Monday, store-local): the share of receipts with a member’s card and the share of revenue they carry.',
    ru: 'По неделям (с понедельника, по местному времени): доля чеков с картой участника и доля выручки по ним.',
  },
  params: periodOnlyParams,
  columns: [
    { name: 'week', title: { ru: 'Неделя', en: 'Week' }, unit: 'text' },
    { name: 'receipts', title: { ru: 'Чеки', en: 'Receipts' }, unit: 'count' },
    { name: 'receipts_share', title: { ru: 'Доля чеков с картой', en: 'Share of receipts with a card' }, unit: 'share' },
    { name: 'revenue_share', title: { ru: 'Доля выручки с картой', en: 'Share of revenue with a card' }, unit: 'share' },
  ],
  chart: { type: 'line', x: 'week', y: 'receipts_share' },
  async run(store, params) {
    const p = await resolvePeriod(store, params);
    return store.query(
      `SELECT strftime(date_trunc('week', rc.local_ts), '%Y-%m-%d') AS week, count(*)::BIGINT AS receipts, (count(*) FILTER (WHERE rc.member) / count(*))::DOUBLE AS receipts_share,
              (coalesce(sum(rc.total_kopecks) FILTER (WHERE rc.member), 0) / nullif(sum(rc.total_kopecks), 0))::DOUBLE AS revenue_share
         FROM ${periodReceipts} rc GROUP BY 1 ORDER BY 1`,
      periodArgs(p, { buyers: 'all' }),
    );
  },
};

export const lifecycleReport: ReportDefinition = {
  id: 'customers.lifecycle',
  group: 'customers',
  title: { ru: 'Стадии жизненного цикла', en: 'Lifecycle stages' },
  description: {
    en: 'Members (merged-away accounts not counted) at the period’s end by their receipts with the card: new (first purchase within 30 days), active (last purchase within the activity window), at risk (within twice the window), lapsed (longer ago), never bought.',
    ru: 'Участники (без поглощённых при слиянии) на конец периода по чекам с картой: новые (первая покупка за последние 30 дней), активные (последняя покупка в окне активности), в зоне риска (в пределах двух окон), ушедшие (раньше), без покупок.',
  },
  params: [...periodOnlyParams, { name: 'window_days', title: { ru: 'Окно активности, дней', en: 'Activity window, days' }, type: 'number', default: 90, min: 1, max: 730, integer: true }],
  columns: [
    { name: 'stage', title: { ru: 'Стадия', en: 'Stage' }, unit: 'text' },
    { name: 'members', title: { ru: 'Участники', en: 'Members' }, unit: 'count' },
    { name: 'share', title: { ru: 'Доля', en: 'Share' }, unit: 'share' },
  ],
  chart: { type: 'bar', x: 'stage', y: 'members' },
  async run(store, params) {
    const p = await resolvePeriod(store, params);
    const w = Number(params['window_days']);
    return store.query(
      `WITH m AS (
         SELECT c.customer_id, min(r.ts) AS first_ts, max(r.ts) AS last_ts
           FROM customers c LEFT JOIN receipts r ON r.customer_id = c.customer_id AND r.ts < $1::TIMESTAMPTZ
          WHERE c.merged_into IS NULL GROUP BY c.customer_id),
       staged AS (
         SELECT CASE WHEN last_ts IS NULL THEN 'never_bought'
                     WHEN first_ts >= $1::TIMESTAMPTZ - INTERVAL 30 DAY THEN 'new'
                     WHEN last_ts >= $1::TIMESTAMPTZ - INTERVAL ${w} DAY THEN 'active'
                     WHEN last_ts >= $1::TIMESTAMPTZ - INTERVAL ${2 * w} DAY THEN 'at_risk'
                     ELSE 'lapsed' END AS stage FROM m)
       SELECT stage, count(*)::BIGINT AS members, (count(*) / sum(count(*)) OVER ())::DOUBLE AS share FROM staged GROUP BY 1
        ORDER BY array_position(['new', 'active', 'at_risk', 'lapsed', 'never_bought'], stage)`,
      [p.until],
    );
  },
};

export const newProductsReport: ReportDefinition = {
  id: 'sales.new-products',
  group: 'sales',
  title: { ru: 'Приживаемость новых товаров', en: 'New products’ uptake' },
  description: {
    en: 'Products first sold (in all the data) within the period: when, in how many receipts, revenue, members who bought them, and members who came back for them (two or more receipts with the product in the period).',
    ru: 'Товары, впервые проданные (по всем данным) в течение периода: когда, в скольких чеках, выручка, участники, которые их купили, и вернувшиеся за ними (два и более чека с товаром за период).',
  },
  params: periodOnlyParams,
  columns: [
    { name: 'sku', title: { ru: 'Артикул', en: 'SKU' }, unit: 'text' },
    { name: 'name', title: { ru: 'Товар', en: 'Product' }, unit: 'text' },
    { name: 'first_sold', title: { ru: 'Первая продажа', en: 'First sold' }, unit: 'text' },
    { name: 'receipts', title: { ru: 'Чеки', en: 'Receipts' }, unit: 'count' },
    { name: 'revenue_kopecks', title: { ru: 'Выручка', en: 'Revenue' }, unit: 'kopecks' },
    { name: 'buyers', title: { ru: 'Купили участники', en: 'Members who bought' }, unit: 'count' },
    { name: 'repeat_buyers', title: { ru: 'Купили повторно', en: 'Bought again' }, unit: 'count' },
  ],
  chart: { type: 'bar', x: 'name', y: 'receipts' },
  async run(store, params) {
    const p = await resolvePeriod(store, params);
    return store.query(
      `WITH first AS (SELECT l.sku, min(coalesce(l.local_ts, ${utcTime('l.ts')})) AS first_local FROM receipt_lines l GROUP BY 1),
            fresh AS (SELECT * FROM first WHERE first_local >= $1::DATE AND first_local < $2::DATE),
            sales AS (SELECT l.sku, l.receipt_key, l.customer_key, l.amount_kopecks FROM ${periodLines(p)} l SEMI JOIN fresh USING (sku)),
            sold AS (SELECT sku, count(DISTINCT receipt_key) AS receipts, sum(amount_kopecks) AS revenue FROM sales GROUP BY 1),
            per_buyer AS (SELECT sku, customer_key, count(DISTINCT receipt_key) AS n FROM sales WHERE customer_key IS NOT NULL GROUP BY 1, 2),
            buyers AS (SELECT sku, count(*) AS buyers, count(*) FILTER (n >= 2) AS repeat_buyers FROM per_buyer GROUP BY 1)
       SELECT f.sku, coalesce(pr.name, f.sku) AS name, strftime(f.first_local, '%Y-%m-%d') AS first_sold,
              coalesce(s.receipts, 0)::BIGINT AS receipts, coalesce(s.revenue, 0)::BIGINT AS revenue_kopecks,
              coalesce(b.buyers, 0)::BIGINT AS buyers, coalesce(b.repeat_buyers, 0)::BIGINT AS repeat_buyers
         FROM fresh f LEFT JOIN sold s USING (sku) LEFT JOIN buyers b USING (sku) LEFT JOIN ${productRows} pr ON pr.sku = f.sku ORDER BY f.first_local, f.sku`,
      periodArgs(p, { buyers: 'all' }),
    );
  },
};
