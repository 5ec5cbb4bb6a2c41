import type { ReportDefinition } from './report-definition.ts';
import { itemsOfLine, periodArgs, periodLines, periodOnlyParams, periodParams, periodReceipts, productRows, resolvePeriod } from './report-sql.ts';


export const membersVsNonMembersReport: ReportDefinition = {
  id: 'program.members-vs-non-members',
  group: 'program',
  title: { ru: 'Участники и неучастники', en: 'Members vs non-members' },
  description: {
    en: 'Receipts of the period with a member (card) and without: receipts, revenue, average check, items per receipt (a weighed line is one item), buyers (members by card; others by bank-card token where the POS sent one) and receipts per buyer. The comparison is descriptive: members are self-selected and would differ without the program too.',
    ru: 'Чеки периода с участником (картой) и без: чеки, выручка, средний чек, товаров в чеке (весовая позиция — один товар), покупатели (участники — по карте, прочие — по токену банковской карты, если касса его передала) и чеков на покупателя. Сравнение описательное: участники выбирают себя сами и отличались бы и без программы.',
  },
  params: periodOnlyParams,
  columns: [
    { name: 'buyers', title: { ru: 'Покупатели', en: 'Buyers' }, unit: 'text' },
    { name: 'receipts', title: { ru: 'Чеки', en: 'Receipts' }, unit: 'count' },
    { name: 'revenue_kopecks', title: { ru: 'Выручка', en: 'Revenue' }, unit: 'kopecks' },
    { name: 'average_check_kopecks', title: { ru: 'Средний чек', en: 'Average check' }, unit: 'kopecks' },
    { name: 'items_per_receipt', title: { ru: 'Товаров в чеке', en: 'Items per receipt' }, unit: 'ratio' },
    { name: 'identified_buyers', title: { ru: 'Различимых покупателей', en: 'Identified buyers' }, unit: 'count' },
    { name: 'receipts_per_buyer', title: { ru: 'Чеков на покупателя', en: 'Receipts per buyer' }, unit: 'ratio' },
  ],
  chart: { type: 'bar', x: 'buyers', y: 'average_check_kopecks' },
  async run(store, params) {
    const p = await resolvePeriod(store, params);
    return store.query(
      `WITH items AS (SELECT receipt_key, sum(${itemsOfLine('l')}) AS items FROM ${periodLines(p)} l GROUP BY 1),
            g AS (SELECT CASE WHEN rc.member THEN 'members' ELSE 'non_members' END AS buyers, rc.total_kopecks, i.items,
                         CASE WHEN rc.member THEN rc.customer_id ELSE rc.payment_token END AS buyer
                    FROM ${periodReceipts} rc LEFT JOIN items i USING (receipt_key))
       SELECT buyers, count(*)::BIGINT AS receipts, sum(total_kopecks)::BIGINT AS revenue_kopecks, round(avg(total_kopecks))::BIGINT AS average_check_kopecks,
              round(sum(items) / count(*), 2)::DOUBLE AS items_per_receipt, count(DISTINCT buyer)::BIGINT AS identified_buyers,
              round(count(buyer) / nullif(count(DISTINCT buyer), 0), 2)::DOUBLE AS receipts_per_buyer
         FROM g GROUP BY 1 ORDER BY 1`,
      periodArgs(p, { buyers: 'all' }),
    );
  },
};

export const salesByPeriodReport: ReportDefinition = {
  id: 'sales.by-period',
  group: 'sales',
  title: { ru: 'Продажи по дням, неделям, месяцам', en: 'Sales by day, week or month' },
  description: {
    en: 'Receipts of the period by store-local day, week (from Monday) or month: receipts, revenue (receipt totals before points), members among buyers, and revenue with a card.',
    ru: 'Чеки периода по местным дням, неделям (с понедельника) или месяцам: чеки, выручка (суммы чеков до оплаты бонусами), участники среди покупателей и выручка с картой.',
  },
  params: [...periodParams, { name: 'granularity', title: { ru: 'Шаг', en: 'Step' }, type: 'enum', default: 'day', values: ['day', 'week', 'month'] }],
  columns: [
    { name: 'period', title: { ru: 'Период', en: 'Period' }, unit: 'text' },
    { name: 'receipts', title: { ru: 'Чеки', en: 'Receipts' }, unit: 'count' },
    { name: 'revenue_kopecks', title: { ru: 'Выручка', en: 'Revenue' }, unit: 'kopecks' },
    { name: 'members', title: { ru: 'Участники', en: 'Members' }, unit: 'count' },
    { name: 'card_revenue_kopecks', title: { ru: 'Выручка с картой', en: 'Revenue with a card' }, unit: 'kopecks' },
  ],
  chart: { type: 'line', x: 'period', y: 'revenue_kopecks' },
  async run(store, params) {
    const p = await resolvePeriod(store, params);
    const unit = params['granularity'] as 'day' | 'week' | 'month';
    return store.query(
      `SELECT date_trunc('${unit}', rc.local_ts)::DATE::VARCHAR AS period, count(*)::BIGINT AS receipts, sum(rc.total_kopecks)::BIGINT AS revenue_kopecks,
              count(DISTINCT rc.customer_id)::BIGINT AS members, coalesce(sum(rc.total_kopecks) FILTER (WHERE rc.member), 0)::BIGINT AS card_revenue_kopecks
         FROM ${periodReceipts} rc GROUP BY 1 ORDER BY 1`,
      periodArgs(p, params),
    );
  },
};

export const topCustomersReport: ReportDefinition = {
  id: 'segments.top-customers',
  group: 'segments',
  title: { ru: 'Лучшие клиенты', en: 'Top customers' },
  description: {
    en: 'Members ranked by their revenue in the period (receipt totals before points): receipts, revenue, average check, last purchase and tier.',
    ru: 'Участники по выручке за период (суммы чеков до оплаты бонусами): чеки, выручка, средний чек, последняя покупка и уровень.',
  },
  params: [...periodOnlyParams, { name: 'limit', title: { ru: 'Сколько показать', en: 'How many' }, type: 'number', default: 100, min: 1, max: 100_000, integer: true }],
  columns: [
    { name: 'customer_id', title: { ru: 'Клиент', en: 'Customer' }, unit: 'text' },
    { name: 'receipts', title: { ru: 'Чеки', en: 'Receipts' }, unit: 'count' },
    { name: 'revenue_kopecks', title: { ru: 'Выручка', en: 'Revenue' }, unit: 'kopecks' },
    { name: 'average_check_kopecks', title: { ru: 'Средний чек', en: 'Average check' }, unit: 'kopecks' },
    { name: 'last_purchase', title: { ru: 'Последняя покупка', en: 'Last purchase' }, unit: 'text' },
    { name: 'tier', title: { ru: 'Уровень', en: 'Tier' }, unit: 'text' },
  ],
  chart: { type: 'bar', x: 'customer_id', y: 'revenue_kopecks' },
  async run(store, params) {
    const p = await resolvePeriod(store, params);
    return store.query(
      `SELECT rc.customer_id, count(*)::BIGINT AS receipts, sum(rc.total_kopecks)::BIGINT AS revenue_kopecks, round(avg(rc.total_kopecks))::BIGINT AS average_check_kopecks,
              strftime(max(rc.ts), '%Y-%m-%dT%H:%M:%SZ') AS last_purchase, any_value(c.tier_code) AS tier
         FROM ${periodReceipts} rc LEFT JOIN customers c ON c.customer_id = rc.customer_id
        WHERE rc.customer_id IS NOT NULL GROUP BY rc.customer_id ORDER BY revenue_kopecks DESC, rc.customer_id LIMIT ${Number(params['limit'])}`,
      periodArgs(p, { buyers: 'all' }),
    );
  },
};

export const customerFlowReport: ReportDefinition = {
  id: 'customers.flow',
  group: 'customers',
  title: { ru: 'Приток, отток и реактивация', en: 'Inflow, outflow and reactivation' },
  description: {
    en: 'Members by month of the period. Active at a date: a receipt with the card in the activity window (days) before it. Inflow: first receipt ever in the month. Outflow: active at the month’s start, no longer active at its end (the period’s end for the last month). Reactivated: bought in the month, not active at its start, not new. Churn rate: outflow / active at the start.',
    ru: 'Участники по месяцам периода. Активен на дату: есть чек по карте в окне активности (дней) до неё. Приток: первый чек в этом месяце. Отток: активен на начало месяца и не активен на конец (для последнего месяца — на конец периода). Реактивация: купил в месяце, не был активен на начало и не новый. Отток, %: отток / активные на начало.',
  },
  params: [...periodOnlyParams, { name: 'window_days', title: { ru: 'Окно активности, дней', en: 'Activity window, days' }, type: 'number', default: 90, min: 1, max: 730, integer: true }],
  columns: [
    { name: 'month', title: { ru: 'Месяц', en: 'Month' }, unit: 'text' },
    { name: 'active_at_start', title: { ru: 'Активны на начало', en: 'Active at start' }, unit: 'count' },
    { name: 'inflow', title: { ru: 'Приток', en: 'Inflow' }, unit: 'count' },
    { name: 'reactivated', title: { ru: 'Вернулись', en: 'Reactivated' }, unit: 'count' },
    { name: 'outflow', title: { ru: 'Отток', en: 'Outflow' }, unit: 'count' },
    { name: 'active_at_end', title: { ru: 'Активны на конец', en: 'Active at end' }, unit: 'count' },
    { name: 'churn_rate', title: { ru: 'Доля оттока', en: 'Churn rate' }, unit: 'share' },
  ],
  chart: { type: 'bar', x: 'month', y: 'inflow' },
  async run(store, params) {
    const p = await resolvePeriod(store, params);
    const window = `INTERVAL ${Number(params['window_days'])} DAY`;
    return store.query(
      `WITH months AS (SELECT m::TIMESTAMPTZ AS start_at, least(m + INTERVAL 1 MONTH, $2::DATE)::TIMESTAMPTZ AS end_at
                         FROM range(date_trunc('month', $1::DATE), $2::DATE, INTERVAL 1 MONTH) t(m)),
            r AS (SELECT customer_id, ts FROM receipts WHERE customer_id IS NOT NULL),
            first AS (SELECT customer_id, min(ts) AS first_ts FROM r GROUP BY 1),
            at_start AS (SELECT DISTINCT mo.start_at, r.customer_id FROM months mo JOIN r ON r.ts < mo.start_at AND r.ts >= mo.start_at - ${window}),
            at_end AS (SELECT DISTINCT mo.start_at, r.customer_id FROM months mo JOIN r ON r.ts < mo.end_at AND r.ts >= mo.end_at - ${window}),
            bought AS (SELECT DISTINCT mo.start_at, r.customer_id FROM months mo JOIN r ON r.ts >= mo.start_at AND r.ts < mo.end_at)
       SELECT strftime(mo.start_at, '%Y-%m-%d') AS month,
              (SELECT count(*) FROM at_start s WHERE s.start_at = mo.start_at)::BIGINT AS active_at_start,
              (SELECT count(*) FROM first f WHERE f.first_ts >= mo.start_at AND f.first_ts < mo.end_at)::BIGINT AS inflow,
              (SELECT count(*) FROM bought b JOIN first f USING (customer_id) WHERE b.start_at = mo.start_at AND f.first_ts < mo.start_at
                  AND NOT EXISTS (SELECT 1 FROM at_start s WHERE s.start_at = mo.start_at AND s.customer_id = b.customer_id))::BIGINT AS reactivated,
              (SELECT count(*) FROM at_start s WHERE s.start_at = mo.start_at
                  AND NOT EXISTS (SELECT 1 FROM at_end e WHERE e.start_at = mo.start_at AND e.customer_id = s.customer_id))::BIGINT AS outflow,
              (SELECT count(*) FROM at_end e WHERE e.start_at = mo.start_at)::BIGINT AS active_at_end
         FROM months mo ORDER BY mo.start_at`,
      [p.from, p.until],
    ).then((rows) => rows.map((r) => ({ ...r, churn_rate: (r['active_at_start'] as number) > 0 ? (r['outflow'] as number) / (r['active_at_start'] as number) : null })));
  },
};

export const boughtTogetherReport: ReportDefinition = {
  id: 'basket.bought-together',
  group: 'baskets',
  title: { ru: 'С этим товаром покупают', en: 'Frequently bought together' },
  description: {
    en: 'For one product (by SKU): the other products in the same receipts of the period, with the number of such receipts, their share of the product’s receipts (confidence) and lift = confidence / share of all receipts holding the other product.',
    ru: 'Для одного товара (по артикулу): другие товары в тех же чеках периода — число таких чеков, их доля среди чеков с товаром (достоверность) и лифт = достоверность / доля всех чеков с другим товаром.',
  },
  params: [...periodParams, { name: 'sku', title: { ru: 'Артикул', en: 'SKU' }, type: 'text', default: null, pattern: /^[^\u0000-\u001f]{1,64}$/ }],
  columns: [
    { name: 'sku', title: { ru: 'Артикул', en: 'SKU' }, unit: 'text' },
    { name: 'name', title: { ru: 'Товар', en: 'Product' }, unit: 'text' },
    { name: 'receipts_together', title: { ru: 'Чеков вместе', en: 'Receipts together' }, unit: 'count' },
    { name: 'confidence', title: { ru: 'Достоверность', en: 'Confidence' }, unit: 'share' },
    { name: 'lift', title: { ru: 'Лифт', en: 'Lift' }, unit: 'ratio' },
  ],
  chart: { type: 'bar', x: 'name', y: 'lift' },
  async run(store, params) {
    const p = await resolvePeriod(store, params);
    return store.query(
      `WITH b AS (SELECT DISTINCT l.receipt_key, l.sku FROM ${periodLines(p)} l),
            total AS (SELECT count(DISTINCT receipt_key) AS n FROM b),
            mine AS (SELECT receipt_key FROM b WHERE sku = $4),
            share AS (SELECT sku, count(*) / (SELECT n FROM total) AS s FROM b GROUP BY sku)
       SELECT b.sku, coalesce(any_value(p.name), b.sku) AS name, count(*)::BIGINT AS receipts_together, (count(*) / (SELECT count(*) FROM mine))::DOUBLE AS confidence,
              (count(*) / (SELECT count(*) FROM mine) / any_value(share.s))::DOUBLE AS lift
         FROM b JOIN mine USING (receipt_key) JOIN share USING (sku) LEFT JOIN ${productRows} p ON p.sku = b.sku
        WHERE b.sku <> $4 GROUP BY b.sku ORDER BY receipts_together DESC, lift DESC, b.sku`,
      [...periodArgs(p, params), params['sku'] ?? ''],
    );
  },
};
