import type { ReportDefinition } from './report-definition.ts';
import { ageBand, ageOn, periodArgs, periodOnlyParams, periodReceipts, resolvePeriod, rfmSegments } from './report-sql.ts';
import { utcMonth } from '../utc-sql.ts';


export const registrationsReport: ReportDefinition = {
  id: 'customers.registrations',
  group: 'customers',
  title: { ru: 'Регистрации участников по месяцам', en: 'Member registrations by month' },
  description: {
    en: 'Members registered in each month of the period (UTC), and how many of them bought with their card within 30 days of registering.',
    ru: 'Участники, зарегистрированные в каждом месяце периода (UTC), и сколько из них купили по карте в течение 30 дней после регистрации.',
  },
  params: periodOnlyParams,
  columns: [
    { name: 'month', title: { ru: 'Месяц', en: 'Month' }, unit: 'text' },
    { name: 'registered', title: { ru: 'Зарегистрировались', en: 'Registered' }, unit: 'count' },
    { name: 'bought_within_30_days', title: { ru: 'Купили в первые 30 дней', en: 'Bought within 30 days' }, unit: 'count' },
  ],
  chart: { type: 'bar', x: 'month', y: 'registered' },
  async run(store, params) {
    const p = await resolvePeriod(store, params);
    return store.query(
      `SELECT ${utcMonth('c.registered_at')}::VARCHAR AS month, count(*)::BIGINT AS registered,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM receipts r WHERE r.customer_id = c.customer_id AND r.ts >= c.registered_at AND r.ts < c.registered_at + INTERVAL 30 DAY))::BIGINT AS bought_within_30_days
         FROM customers c WHERE c.registered_at >= $1::DATE::TIMESTAMPTZ AND c.registered_at < $2::DATE::TIMESTAMPTZ
        GROUP BY 1 ORDER BY 1`,
      [p.from, p.until],
    );
  },
};

export const demographicsReport: ReportDefinition = {
  id: 'customers.demographics',
  group: 'customers',
  title: { ru: 'Участники по возрасту и полу', en: 'Members by age and gender' },
  description: {
    en: 'Members (merged-away accounts not counted) by age band at the period’s last day (age from the birth date; unknown when none) and gender, with the revenue of their receipts in the period.',
    ru: 'Участники (без поглощённых при слиянии) по возрастным группам на последний день периода (по дате рождения; «неизвестно», если её нет) и полу, с выручкой их чеков за период.',
  },
  params: periodOnlyParams,
  columns: [
    { name: 'age_band', title: { ru: 'Возраст', en: 'Age' }, unit: 'text' },
    { name: 'gender', title: { ru: 'Пол', en: 'Gender' }, unit: 'text' },
    { name: 'members', title: { ru: 'Участники', en: 'Members' }, unit: 'count' },
    { name: 'revenue_kopecks', title: { ru: 'Выручка за период', en: 'Revenue in the period' }, unit: 'kopecks' },
  ],
  chart: { type: 'bar', x: 'age_band', y: 'members' },
  async run(store, params) {
    const p = await resolvePeriod(store, params);
    return store.query(
      `WITH m AS (
         SELECT c.customer_id, coalesce(c.gender, 'unknown') AS gender,
                ${ageBand('a', 'c.birth_date', 'unknown')} AS age_band
           FROM (SELECT *, ${ageOn('birth_date', '$2::DATE - 1')} AS a
                   FROM customers WHERE merged_into IS NULL) c),
       spend AS (SELECT customer_id, sum(total_kopecks) AS revenue FROM ${periodReceipts} rc WHERE customer_id IS NOT NULL GROUP BY 1)
       SELECT age_band, gender, count(*)::BIGINT AS members, coalesce(sum(s.revenue), 0)::BIGINT AS revenue_kopecks
         FROM m LEFT JOIN spend s USING (customer_id) GROUP BY 1, 2 ORDER BY 1, 2`,
      periodArgs(p, { buyers: 'all' }),
    );
  },
};

/**
 * RFM segments of members as of the instant \`at\` (a SQL expression), as CTEs ending in \`name\`:
 * the 365 days before it, quintile scores, named segments.
 */
export const rfmReport: ReportDefinition = {
  id: 'segments.rfm',
  group: 'segments',
  title: { ru: 'RFM-сегменты', en: 'RFM segments' },
  description: {
    en: 'Members who bought in the 365 days up to the period’s last day, scored 1–5 by quintile: R on whole days from the last purchase to the end of the period (recent = 5), F on receipts, M on revenue (ties split by customer id). Segments: champions R≥4 F≥4; loyal R≥3 F≥3; new R≥4 F=1; at risk R≤2 F≥3; hibernating R≤2 F≤2; others need attention.',
    ru: 'Участники с покупками за 365 дней до последнего дня периода; баллы 1–5 по квинтилям: R — дни с последней покупки (недавние = 5), F — число чеков, M — выручка (равные разделяются по id клиента). Сегменты: чемпионы R≥4 F≥4; лояльные R≥3 F≥3; новые R≥4 F=1; в зоне риска R≤2 F≥3; спящие R≤2 F≤2; прочие требуют внимания.',
  },
  params: periodOnlyParams,
  columns: [
    { name: 'segment', title: { ru: 'Сегмент', en: 'Segment' }, unit: 'text' },
    { name: 'customers', title: { ru: 'Клиенты', en: 'Customers' }, unit: 'count' },
    { name: 'share', title: { ru: 'Доля', en: 'Share' }, unit: 'share' },
    { name: 'revenue_kopecks', title: { ru: 'Выручка за 365 дней', en: 'Revenue over 365 days' }, unit: 'kopecks' },
    { name: 'average_recency_days', title: { ru: 'Дней с покупки (среднее)', en: 'Days since purchase (mean)' }, unit: 'ratio' },
    { name: 'average_frequency', title: { ru: 'Чеков (среднее)', en: 'Receipts (mean)' }, unit: 'ratio' },
  ],
  chart: { type: 'bar', x: 'segment', y: 'customers' },
  async run(store, params) {
    const p = await resolvePeriod(store, params);
    return store.query(
      `WITH ${rfmSegments('named', '$1')}
       SELECT segment, count(*)::BIGINT AS customers, (count(*) / sum(count(*)) OVER ())::DOUBLE AS share, sum(monetary)::BIGINT AS revenue_kopecks,
              round(avg(recency), 1)::DOUBLE AS average_recency_days, round(avg(frequency), 2)::DOUBLE AS average_frequency
         FROM named GROUP BY 1 ORDER BY customers DESC, segment`,
      [p.until],
    );
  },
};

export const rfmMapReport: ReportDefinition = {
  id: 'segments.rfm-map',
  group: 'segments',
  title: { ru: 'RFM-карта: давность × частота', en: 'RFM map: recency × frequency' },
  description: {
    en: 'The members of segments.rfm on a grid of their R score (1 = longest since the last purchase, 5 = most recent) and F score (1 = fewest receipts, 5 = most), with the segment each cell belongs to, its members, revenue over the 365 days and average M score.',
    ru: 'Участники из segments.rfm на сетке баллов R (1 — дольше всех без покупок, 5 — недавние) и F (1 — меньше всего чеков, 5 — больше всего): сегмент ячейки, число участников, выручка за 365 дней и средний балл M.',
  },
  params: periodOnlyParams,
  columns: [
    { name: 'r', title: { ru: 'R (давность)', en: 'R (recency)' }, unit: 'text' },
    { name: 'f', title: { ru: 'F (частота)', en: 'F (frequency)' }, unit: 'text' },
    { name: 'segment', title: { ru: 'Сегмент', en: 'Segment' }, unit: 'text' },
    { name: 'customers', title: { ru: 'Клиенты', en: 'Customers' }, unit: 'count' },
    { name: 'revenue_kopecks', title: { ru: 'Выручка за 365 дней', en: 'Revenue over 365 days' }, unit: 'kopecks' },
    { name: 'average_m', title: { ru: 'Средний M', en: 'Mean M' }, unit: 'ratio' },
  ],
  chart: { type: 'heatmap', x: 'r', y: 'f' },
  async run(store, params) {
    const p = await resolvePeriod(store, params);
    return store.query(
      `WITH ${rfmSegments('named', '$1')}
       SELECT r::VARCHAR AS r, f::VARCHAR AS f, any_value(segment) AS segment, count(*)::BIGINT AS customers, sum(monetary)::BIGINT AS revenue_kopecks, round(avg(m), 2)::DOUBLE AS average_m
         FROM named GROUP BY r, f ORDER BY r, f`,
      [p.until],
    );
  },
};

export const retentionCohortsReport: ReportDefinition = {
  id: 'cohorts.retention',
  group: 'cohorts',
  title: { ru: 'Удержание по когортам', en: 'Retention by cohort' },
  description: {
    en: 'Members grouped by the month (UTC) of their first receipt with a card, for first months within the period; for each later month, the share of the cohort with a receipt in it (month 0 is 100 %), and the cohort’s cumulative revenue per member (an LTV curve).',
    ru: 'Участники по месяцу (UTC) первого чека с картой, для первых месяцев в пределах периода; для каждого следующего месяца — доля когорты с чеком в нём (месяц 0 — 100 %) и накопленная выручка на участника когорты (кривая LTV).',
  },
  params: periodOnlyParams,
  columns: [
    { name: 'cohort', title: { ru: 'Когорта', en: 'Cohort' }, unit: 'text' },
    { name: 'month', title: { ru: 'Месяц жизни', en: 'Month since first purchase' }, unit: 'count' },
    { name: 'cohort_size', title: { ru: 'Размер когорты', en: 'Cohort size' }, unit: 'count' },
    { name: 'active', title: { ru: 'Покупали', en: 'Bought' }, unit: 'count' },
    { name: 'retention', title: { ru: 'Удержание', en: 'Retention' }, unit: 'share' },
    { name: 'cumulative_revenue_per_member_kopecks', title: { ru: 'Накопленная выручка на участника', en: 'Cumulative revenue per member' }, unit: 'kopecks' },
  ],
  chart: { type: 'heatmap', x: 'month', y: 'cohort' },
  async run(store, params) {
    const p = await resolvePeriod(store, params);
    return store.query(
      `WITH r AS (SELECT customer_id, ${utcMonth('ts')} AS month, total_kopecks FROM receipts WHERE customer_id IS NOT NULL),
            first AS (SELECT customer_id, min(month) AS cohort FROM r GROUP BY 1),
            sizes AS (SELECT cohort, count(*) AS size FROM first GROUP BY 1),
            activity AS (SELECT f.cohort, date_diff('month', f.cohort, r.month) AS month, count(DISTINCT r.customer_id) AS active, sum(r.total_kopecks) AS revenue
                           FROM r JOIN first f USING (customer_id) GROUP BY 1, 2)
       SELECT a.cohort::VARCHAR AS cohort, a.month::INTEGER AS month, s.size::BIGINT AS cohort_size, a.active::BIGINT AS active, (a.active / s.size)::DOUBLE AS retention,
              round(sum(a.revenue) OVER (PARTITION BY a.cohort ORDER BY a.month) / s.size)::BIGINT AS cumulative_revenue_per_member_kopecks
         FROM activity a JOIN sizes s USING (cohort)
        WHERE a.cohort >= date_trunc('month', $1::DATE) AND a.cohort < $2::DATE
        ORDER BY a.cohort, a.month`,
      [p.from, p.until],
    );
  },
};

export const rfmTransitionsReport: ReportDefinition = {
  id: 'segments.rfm-transitions',
  group: 'segments',
  title: { ru: 'Переходы между RFM-сегментами', en: 'RFM segment transitions' },
  description: {
    en: 'Members’ RFM segment (as in segments.rfm) at the end of the previous period of the same length and at the end of this one: how many moved from each segment to each other. "none" means no purchase in the 365 days before that date.',
    ru: 'RFM-сегмент участника (как в segments.rfm) на конец предыдущего периода той же длины и на конец текущего: сколько перешло из каждого сегмента в каждый. «none» — нет покупок за 365 дней до этой даты.',
  },
  params: periodOnlyParams,
  columns: [
    { name: 'from_segment', title: { ru: 'Был в сегменте', en: 'From segment' }, unit: 'text' },
    { name: 'to_segment', title: { ru: 'Стал', en: 'To segment' }, unit: 'text' },
    { name: 'customers', title: { ru: 'Клиенты', en: 'Customers' }, unit: 'count' },
  ],
  chart: { type: 'heatmap', x: 'to_segment', y: 'from_segment' },
  async run(store, params) {
    const p = await resolvePeriod(store, params);
    return store.query(
      `WITH ${rfmSegments('before', '$1')}, ${rfmSegments('after', '$2')}
       SELECT coalesce(b.segment, 'none') AS from_segment, coalesce(a.segment, 'none') AS to_segment, count(*)::BIGINT AS customers
         FROM before b FULL JOIN after a USING (customer_id) GROUP BY 1, 2 ORDER BY 1, 2`,
      [p.from, p.until],
    );
  },
};
