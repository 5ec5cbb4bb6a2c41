import type { AnalyticsStore, Row } from '../analytics-store.ts';
import type { ReportDefinition } from './report-definition.ts';
import { utcMonth } from '../utc-sql.ts';
import { datePattern, periodArgs, periodOnlyParams, periodReceipts, resolvePeriod, shiftPeriod, type Period } from './report-sql.ts';

const metricNames: [string, { ru: string; en: string }][] = [
  ['receipts', { ru: 'Чеки', en: 'Receipts' }],
  ['revenue_kopecks', { ru: 'Выручка, коп.', en: 'Revenue, kopecks' }],
  ['average_check_kopecks', { ru: 'Средний чек, коп.', en: 'Average check, kopecks' }],
  ['customers', { ru: 'Покупатели с картой', en: 'Customers with a card' }],
  ['card_receipts_share', { ru: 'Доля чеков с картой', en: 'Share of receipts with a card' }],
  ['card_revenue_share', { ru: 'Доля выручки с картой', en: 'Share of revenue with a card' }],
  ['points_earned', { ru: 'Начислено бонусов', en: 'Points earned' }],
  ['points_redeemed', { ru: 'Списано бонусов', en: 'Points redeemed' }],
];

async function metricsOf(store: AnalyticsStore, p: Period): Promise<Row> {
  return (
    await store.query(
      `SELECT count(*)::BIGINT AS receipts, coalesce(sum(total_kopecks), 0)::BIGINT AS revenue_kopecks, round(avg(total_kopecks))::BIGINT AS average_check_kopecks,
              count(DISTINCT customer_id)::BIGINT AS customers, (count(*) FILTER (WHERE member) / nullif(count(*), 0))::DOUBLE AS card_receipts_share,
              (sum(total_kopecks) FILTER (WHERE member) / nullif(sum(total_kopecks), 0))::DOUBLE AS card_revenue_share,
              coalesce(sum(points_earned), 0)::BIGINT AS points_earned, coalesce(sum(points_redeemed), 0)::BIGINT AS points_redeemed
         FROM ${periodReceipts} rc`,
      periodArgs(p, { buyers: 'all' }),
    )
  )[0]!;
}

export const kpiSummaryReport: ReportDefinition = {
  id: 'program.kpi-summary',
  group: 'program',
  title: { ru: 'Ключевые показатели программы', en: 'Program KPI summary' },
  description: {
    en: 'Each indicator for the period, the period of the same length just before it, and the same period a year earlier (364 days back, so weekdays line up), with the change against the previous period. A receipt "with a card" is one with an identified member. Revenue is receipt totals before points, returns not deducted, cancelled receipts left out.',
    ru: 'Каждый показатель за период, за такой же период перед ним и за тот же период годом раньше (364 дня назад, чтобы совпали дни недели), с изменением к предыдущему периоду. Чек «с картой» — чек с идентифицированным участником. Выручка — суммы чеков до оплаты бонусами, без вычета возвратов, без аннулированных чеков.',
  },
  params: periodOnlyParams,
  columns: [
    { name: 'metric', title: { ru: 'Показатель', en: 'Indicator' }, unit: 'text' },
    { name: 'value', title: { ru: 'За период', en: 'Period' }, unit: 'ratio' },
    { name: 'previous', title: { ru: 'Предыдущий период', en: 'Previous period' }, unit: 'ratio' },
    { name: 'change', title: { ru: 'Изменение', en: 'Change' }, unit: 'share' },
    { name: 'last_year', title: { ru: 'Год назад', en: 'A year earlier' }, unit: 'ratio' },
  ],
  chart: { type: 'table', x: 'metric', y: 'value' },
  async run(store, params) {
    const p = await resolvePeriod(store, params);
    const [now, before, yearAgo] = [await metricsOf(store, p), await metricsOf(store, shiftPeriod(p, -p.days)), await metricsOf(store, shiftPeriod(p, -364))];
    return metricNames.map(([name, title]) => {
      const value = now[name] as number | null;
      const previous = before[name] as number | null;
      return { metric: name, title: title.en, value, previous, change: value !== null && previous ? value / previous - 1 : null, last_year: yearAgo[name] as number | null };
    });
  },
};

export const pointsFlowReport: ReportDefinition = {
  id: 'program.points-flow',
  group: 'program',
  title: { ru: 'Движение бонусов по месяцам', en: 'Points flow by month' },
  description: {
    en: 'Ledger movements of the period by month (UTC): points earned (pending lots created), activated (became spendable), redeemed, expired (to breakage), reversed (returns: clawed back or given back) and adjusted by operators; and the members’ outstanding balance (liability) at each month’s end, from all movements since the start.',
    ru: 'Движения бонусного счёта за период по месяцам (UTC): начислено (созданы ожидающие лоты), активировано (стали доступны), списано, сгорело, сторнировано (возвраты) и скорректировано операторами; и обязательства — остаток бонусов участников на конец месяца по всем движениям с начала.',
  },
  params: periodOnlyParams,
  columns: [
    { name: 'month', title: { ru: 'Месяц', en: 'Month' }, unit: 'text' },
    { name: 'earned', title: { ru: 'Начислено', en: 'Earned' }, unit: 'points' },
    { name: 'activated', title: { ru: 'Активировано', en: 'Activated' }, unit: 'points' },
    { name: 'redeemed', title: { ru: 'Списано', en: 'Redeemed' }, unit: 'points' },
    { name: 'expired', title: { ru: 'Сгорело', en: 'Expired' }, unit: 'points' },
    { name: 'reversed', title: { ru: 'Сторнировано', en: 'Reversed' }, unit: 'points' },
    { name: 'adjusted', title: { ru: 'Корректировки', en: 'Adjusted' }, unit: 'points' },
    { name: 'liability', title: { ru: 'Обязательства на конец месяца', en: 'Liability at month end' }, unit: 'points' },
  ],
  chart: { type: 'bar', x: 'month', y: 'earned' },
  async run(store, params) {
    const p = await resolvePeriod(store, params);
    // Into a member account (pending:… or available:…) raises the liability; out of one lowers it; between the two, nothing.
    return store.query(
      `WITH m AS (
         SELECT ${utcMonth('ts')} AS month, reason, amount,
                (CASE WHEN credit_account LIKE 'sys_%' THEN 0 ELSE amount END) - (CASE WHEN debit_account LIKE 'sys_%' THEN 0 ELSE amount END) AS to_members
           FROM ledger_movements WHERE ts < $2::DATE::TIMESTAMPTZ),
       months AS (
         SELECT month, sum(amount) FILTER (WHERE reason = 'earn') AS earned, sum(amount) FILTER (WHERE reason = 'activate') AS activated,
                sum(amount) FILTER (WHERE reason = 'redeem') AS redeemed, sum(amount) FILTER (WHERE reason = 'expire') AS expired,
                sum(amount) FILTER (WHERE reason = 'reverse') AS reversed, sum(amount) FILTER (WHERE reason = 'adjust') AS adjusted,
                sum(sum(to_members)) OVER (ORDER BY month) AS liability
           FROM m GROUP BY month)
       SELECT month::VARCHAR AS month, coalesce(earned, 0)::BIGINT AS earned, coalesce(activated, 0)::BIGINT AS activated, coalesce(redeemed, 0)::BIGINT AS redeemed,
              coalesce(expired, 0)::BIGINT AS expired, coalesce(reversed, 0)::BIGINT AS reversed, coalesce(adjusted, 0)::BIGINT AS adjusted, liability::BIGINT AS liability
         FROM months WHERE month >= date_trunc('month', $1::DATE) ORDER BY month`,
      [p.from, p.until],
    );
  },
};

export const tierDistributionReport: ReportDefinition = {
  id: 'program.tier-distribution',
  group: 'program',
  title: { ru: 'Участники по уровням', en: 'Members by tier' },
  description: {
    en: 'Members now (merged-away accounts not counted) by tier, with their share; and the tier moves of the period (from → to) from the tier job’s changes.',
    ru: 'Участники сейчас (без поглощённых при слиянии) по уровням и их доля; и переходы между уровнями за период (из → в) по изменениям задания пересчёта.',
  },
  params: periodOnlyParams,
  columns: [
    { name: 'tier', title: { ru: 'Уровень', en: 'Tier' }, unit: 'text' },
    { name: 'members', title: { ru: 'Участники', en: 'Members' }, unit: 'count' },
    { name: 'share', title: { ru: 'Доля', en: 'Share' }, unit: 'share' },
    { name: 'moved_in', title: { ru: 'Перешли в уровень за период', en: 'Moved in during the period' }, unit: 'count' },
    { name: 'moved_out', title: { ru: 'Ушли с уровня за период', en: 'Moved out during the period' }, unit: 'count' },
  ],
  chart: { type: 'bar', x: 'tier', y: 'members' },
  async run(store, params) {
    const p = await resolvePeriod(store, params);
    return store.query(
      `WITH now AS (SELECT tier_code AS tier, count(*) AS members FROM customers WHERE merged_into IS NULL AND tier_code IS NOT NULL GROUP BY 1),
            moves AS (SELECT * FROM tier_changes WHERE ts >= $1::DATE::TIMESTAMPTZ AND ts < $2::DATE::TIMESTAMPTZ),
            tiers AS (SELECT tier FROM now UNION SELECT to_tier FROM moves UNION SELECT from_tier FROM moves WHERE from_tier IS NOT NULL)
       SELECT t.tier, coalesce(n.members, 0)::BIGINT AS members, (coalesce(n.members, 0) / nullif(sum(n.members) OVER (), 0))::DOUBLE AS share,
              (SELECT count(*) FROM moves m WHERE m.to_tier = t.tier)::BIGINT AS moved_in, (SELECT count(*) FROM moves m WHERE m.from_tier = t.tier)::BIGINT AS moved_out
         FROM tiers t LEFT JOIN now n USING (tier) ORDER BY members DESC, tier`,
      [p.from, p.until],
    );
  },
};

export const programCostReport: ReportDefinition = {
  id: 'program.cost',
  group: 'program',
  title: { ru: 'Стоимость программы и выручка участников', en: 'Program cost against members’ revenue' },
  description: {
    en: 'Per month (UTC): points redeemed valued at the point value (the discount members actually took), points earned valued the same way (the liability created), the members’ revenue (receipts with a card, before points), and the redeemed value as a share of that revenue. Points expired are shown as breakage (liability that cost nothing).',
    ru: 'По месяцам (UTC): списанные бонусы по стоимости бонуса (скидка, которую участники получили), начисленные бонусы так же (созданное обязательство), выручка участников (чеки с картой, до оплаты бонусами) и доля списаний в этой выручке. Сгоревшие бонусы — breakage (обязательство, которое ничего не стоило).',
  },
  params: [
    ...periodOnlyParams,
    { name: 'point_value_kopecks', title: { ru: 'Стоимость бонуса, коп.', en: 'Point value, kopecks' }, type: 'number', default: 100, min: 1, max: 100_000, integer: true },
  ],
  columns: [
    { name: 'month', title: { ru: 'Месяц', en: 'Month' }, unit: 'text' },
    { name: 'redeemed_value_kopecks', title: { ru: 'Списано бонусами', en: 'Redeemed value' }, unit: 'kopecks' },
    { name: 'earned_value_kopecks', title: { ru: 'Начислено бонусами', en: 'Earned value' }, unit: 'kopecks' },
    { name: 'breakage_value_kopecks', title: { ru: 'Сгорело', en: 'Breakage' }, unit: 'kopecks' },
    { name: 'members_revenue_kopecks', title: { ru: 'Выручка участников', en: 'Members’ revenue' }, unit: 'kopecks' },
    { name: 'cost_share', title: { ru: 'Доля списаний в выручке', en: 'Redeemed value / members’ revenue' }, unit: 'share' },
  ],
  chart: { type: 'bar', x: 'month', y: 'redeemed_value_kopecks' },
  async run(store, params) {
    const p = await resolvePeriod(store, params);
    const value = Number(params['point_value_kopecks']);
    return store.query(
      `WITH months AS (SELECT m::DATE AS month FROM range(date_trunc('month', $1::DATE), $2::DATE, INTERVAL 1 MONTH) t(m)),
            points AS (SELECT ${utcMonth('ts')} AS month, sum(amount) FILTER (WHERE reason = 'redeem') AS redeemed,
                              sum(amount) FILTER (WHERE reason = 'earn') AS earned, sum(amount) FILTER (WHERE reason = 'expire') AS expired
                         FROM ledger_movements WHERE ts >= $1::DATE::TIMESTAMPTZ AND ts < $2::DATE::TIMESTAMPTZ GROUP BY 1),
            revenue AS (SELECT ${utcMonth('ts')} AS month, sum(total_kopecks) AS revenue
                          FROM receipts WHERE customer_id IS NOT NULL AND ts >= $1::DATE::TIMESTAMPTZ AND ts < $2::DATE::TIMESTAMPTZ GROUP BY 1)
       SELECT strftime(m.month, '%Y-%m') AS month, (coalesce(p.redeemed, 0) * ${value})::BIGINT AS redeemed_value_kopecks,
              (coalesce(p.earned, 0) * ${value})::BIGINT AS earned_value_kopecks, (coalesce(p.expired, 0) * ${value})::BIGINT AS breakage_value_kopecks,
              coalesce(r.revenue, 0)::BIGINT AS members_revenue_kopecks, (coalesce(p.redeemed, 0) * ${value} / nullif(r.revenue, 0))::DOUBLE AS cost_share
         FROM months m LEFT JOIN points p USING (month) LEFT JOIN revenue r USING (month) ORDER BY m.month`,
      [p.from, p.until],
    );
  },
};

export const pointsExpiringReport: ReportDefinition = {
  id: 'program.points-expiring',
  group: 'program',
  title: { ru: 'Сгорание бонусов в ближайшие 30/60/90 дней', en: 'Points expiring in the next 30/60/90 days' },
  description: {
    en: 'Points left in lots (each earn is a lot with its expiry date; what is left is its amount less what redemptions, claw-backs, expiry and merges took from it) as of the end of the as-of day, whose expiry falls within 30, 60 and 90 days after it (cumulative), with the members holding them and their value at the point value; pending lots (still in the return window) count, as they expire too unless returned. The last row is all points outstanding in lots, for scale. Merged members count as the member they were merged into.',
    ru: 'Остаток бонусов в партиях (каждое начисление — партия со сроком сгорания; остаток — сумма партии минус то, что из неё списали оплаты, отмены, сгорание и объединения) на конец дня отчёта, срок сгорания которых наступает в течение 30, 60 и 90 дней после него (нарастающим итогом), с числом участников и стоимостью по цене бонуса; ожидающие партии (ещё в окне возврата) учитываются — они тоже сгорят, если покупку не вернут. Последняя строка — все бонусы в партиях, для масштаба. Объединённые участники считаются как тот, в кого их объединили.',
  },
  params: [
    { name: 'as_of', title: { ru: 'На дату', en: 'As of' }, type: 'text', default: null, pattern: datePattern },
    { name: 'point_value_kopecks', title: { ru: 'Стоимость бонуса, коп.', en: 'Point value, kopecks' }, type: 'number', default: 100, min: 1, max: 100_000, integer: true },
  ],
  columns: [
    { name: 'within', title: { ru: 'Сгорят в течение', en: 'Expiring within' }, unit: 'text' },
    { name: 'points', title: { ru: 'Бонусы', en: 'Points' }, unit: 'points' },
    { name: 'members', title: { ru: 'Участники', en: 'Members' }, unit: 'count' },
    { name: 'value_kopecks', title: { ru: 'Стоимость', en: 'Value' }, unit: 'kopecks' },
  ],
  chart: { type: 'bar', x: 'within', y: 'points' },
  async run(store, params) {
    // By default the last day the ledger moved (lots or not), else today.
    const asOf =
      (params['as_of'] as string | null) ??
      ((await store.query(`SELECT strftime(coalesce(greatest((SELECT max(created_at) FROM point_lots), (SELECT max(ts) FROM ledger_movements)), now()), '%Y-%m-%d') AS d`))[0]!['d'] as string);
    const value = Number(params['point_value_kopecks']);
    return store.query(
      `WITH cut AS (SELECT ($1::DATE + INTERVAL 1 DAY)::TIMESTAMPTZ AS t),
            -- What each lot's movements did is kept on it (migration 0012); those after the cut are
            -- taken back out: none for the default day, a few for a recent one.
            later AS (SELECT lot_id, sum(amount) AS amount FROM point_lot_movements WHERE ts >= (SELECT t FROM cut) GROUP BY 1),
            merged AS (SELECT customer_id, any_value(merged_into) AS survivor FROM customers WHERE merged_into IS NOT NULL GROUP BY 1),
            left_in_lots AS (
              SELECT coalesce(g.survivor, p.customer_id) AS member, p.expires_at AS expires, p.amount + coalesce(p.moved, 0) - coalesce(m.amount, 0) AS points
                FROM point_lots p LEFT JOIN later m ON m.lot_id = p.lot_id LEFT JOIN merged g ON g.customer_id = p.customer_id
               WHERE p.created_at < (SELECT t FROM cut)),
            windows AS (SELECT k, within, (SELECT t FROM cut) + days * INTERVAL 1 DAY AS until FROM (VALUES (1, '30 days', 30), (2, '60 days', 60), (3, '90 days', 90)) w(k, within, days))
       SELECT within, points, members, value_kopecks FROM (
         SELECT w.k, within, coalesce(sum(points), 0)::BIGINT AS points, count(DISTINCT member)::BIGINT AS members, (coalesce(sum(points), 0) * $2)::BIGINT AS value_kopecks
           FROM windows w LEFT JOIN left_in_lots x ON x.points > 0 AND x.expires >= (SELECT t FROM cut) AND x.expires < w.until
          GROUP BY w.k, within
         UNION ALL
         SELECT 4, 'all outstanding', coalesce(sum(points), 0)::BIGINT, count(DISTINCT member)::BIGINT, (coalesce(sum(points), 0) * $2)::BIGINT
           FROM left_in_lots WHERE points > 0 AND (expires IS NULL OR expires >= (SELECT t FROM cut)))
        ORDER BY k`,
      [asOf, value],
    );
  },
};
