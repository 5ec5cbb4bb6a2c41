import { PatronError } from '../../core/index.ts';
import { keyOf, type AnalyticsStore } from '../analytics-store.ts';
import { ageBand, ageOn, productRows, rfmSegments } from '../reports/report-sql.ts';

/** A campaign on the read side: Patron's own (assignments + receipts) or an imported experiment file. */
export interface MeasuredCampaign {
  id: string;
  code: string;
  name: string;
  kind: 'patron' | 'experiment';
  starts_at: string | null;
  ends_at: string | null;
  control_arm: string;
  window_days: number | null;
  arms: { arm: string; customers: number }[];
}

/**
 * The per-customer variables the measurement aggregates, in this order. Outcomes are for the
 * campaign's window; `pre_` is the period before it (for CUPED), `after_` the period right after
 * it (purchases pulled forward show as a dip there).
 */
export const unitVariables = ['responded', 'visits', 'revenue', 'margin', 'points', 'discount', 'orders', 'pre_visits', 'pre_revenue', 'after_visits', 'after_revenue'] as const;
export type UnitVariable = (typeof unitVariables)[number];
export const variableIndex = Object.fromEntries(unitVariables.map((v, i) => [v, i])) as Record<UnitVariable, number>;

const day = 86_400_000;

export async function findCampaign(store: AnalyticsStore, ref: string): Promise<MeasuredCampaign> {
  const rows = await store.query(
    `SELECT campaign_id, any_value(code) AS code, any_value(name) AS name, any_value(source) AS source, any_value(control_arm) AS control_arm,
            any_value(starts_at)::VARCHAR AS starts_at, any_value(ends_at)::VARCHAR AS ends_at,
            epoch(any_value(starts_at)) * 1000 AS starts_ms, epoch(any_value(ends_at)) * 1000 AS ends_ms
       FROM campaigns WHERE campaign_id = $1 OR code = $1 GROUP BY campaign_id`,
    [ref],
  );
  if (rows.length === 0) throw new PatronError('not_found', `No campaign ${ref} on the read side; patron report run campaigns.list shows them`);
  if (rows.length > 1) throw new PatronError('validation_failed', `${ref} names ${rows.length} campaigns; use the campaign id`, { issues: [{ path: 'campaign', message: 'ambiguous' }] });
  const r = rows[0]!;
  const id = String(r['campaign_id']);
  const experiment = r['source'] !== 'patron' && (await store.query('SELECT 1 FROM experiment_units WHERE campaign_id = $1 LIMIT 1', [id])).length > 0;
  const arms = experiment
    ? await store.query('SELECT arm, count(*) AS customers FROM experiment_units WHERE campaign_id = $1 GROUP BY 1 ORDER BY 1', [id])
    : await store.query('SELECT group_name AS arm, count(DISTINCT customer_id) AS customers FROM campaign_assignments WHERE campaign_id = $1 GROUP BY 1 ORDER BY 1 DESC', [id]);
  const startsMs = r['starts_ms'] === null ? null : Number(r['starts_ms']);
  const endsMs = r['ends_ms'] === null ? null : Number(r['ends_ms']);
  return {
    id,
    code: String(r['code'] ?? id),
    name: String(r['name'] ?? id),
    kind: experiment ? 'experiment' : 'patron',
    starts_at: startsMs === null ? null : new Date(startsMs).toISOString(),
    ends_at: endsMs === null ? null : new Date(endsMs).toISOString(),
    control_arm: experiment ? String(r['control_arm']) : 'control',
    window_days: startsMs !== null && endsMs !== null ? Math.round((endsMs - startsMs) / day) : null,
    arms: arms.map((a) => ({ arm: String(a['arm']), customers: Number(a['customers']) })),
  };
}

export interface UnitWindows {
  preDays: number;
  afterDays: number;
}

/**
 * SQL for one row per customer of the campaign: unit_id, arm, and every variable of
 * `unitVariables` (NULL where the source does not know it). Parameter $1 is the campaign id.
 *
 * Patron's campaigns: a visit is a receipt of the customer (cancelled ones are not on the read side);
 * revenue is the receipt total less what was returned of it; margin is the lines' amount less
 * their cost (lines of products without a cost add none), scaled down by the share returned;
 * points are those earned net of claw-backs; a customer "responded" with at least one receipt
 * in the window. Experiment files: the file's outcomes; orders are conversions where the file
 * has them, else visits.
 */
export function unitsSql(campaign: MeasuredCampaign, windows: UnitWindows): string {
  if (campaign.kind === 'experiment') {
    return `SELECT unit_id, arm,
                   coalesce(converted::INTEGER, (coalesce(revenue_kopecks, 0) > 0 OR coalesce(visits, 0) > 0)::INTEGER)::DOUBLE AS responded,
                   visits, revenue_kopecks::DOUBLE AS revenue, margin_kopecks::DOUBLE AS margin, NULL::DOUBLE AS points, NULL::DOUBLE AS discount,
                   coalesce(converted::INTEGER, visits)::DOUBLE AS orders, NULL::DOUBLE AS pre_visits, pre_revenue_kopecks::DOUBLE AS pre_revenue,
                   NULL::DOUBLE AS after_visits, NULL::DOUBLE AS after_revenue
              FROM experiment_units WHERE campaign_id = $1`;
  }
  const start = `'${campaign.starts_at}'::TIMESTAMPTZ`;
  const end = `'${campaign.ends_at}'::TIMESTAMPTZ`;
  const preStart = `(${start} - INTERVAL ${windows.preDays} DAY)`;
  const afterEnd = `(${end} + INTERVAL ${windows.afterDays} DAY)`;
  // Receipts and lines are found, and summed per unit, by the members' 64-bit keys (migrations
  // 0011, 0013), cheaper to read and hash than their ids: a semi join on the ids read every
  // receipt's id string in the window.
  return `WITH units AS (SELECT customer_id AS unit_id, ${keyOf('customer_id')} AS unit_key, any_value(group_name) AS arm FROM campaign_assignments WHERE campaign_id = $1 GROUP BY 1),
       returned AS (SELECT receipt_id, sum(amount_kopecks) AS amount, sum(coalesce(points_clawed_back, 0)) AS clawed
                      FROM receipt_returns GROUP BY 1),
       bought AS (
         SELECT r.receipt_key, r.customer_key, r.ts, r.total_kopecks, r.discount_kopecks, r.points_earned, ret.amount AS returned, ret.clawed
           FROM receipts r SEMI JOIN units u ON u.unit_key = r.customer_key
           LEFT JOIN returned ret USING (receipt_id)
          WHERE r.ts >= ${preStart} AND r.ts < ${afterEnd}),
       -- The bought receipts' lines by the receipts' own window and members, which each line
       -- carries (migrations 0008, 0013): not by a semi join on all 26 million lines' receipt ids.
       margins AS (
         SELECT l.receipt_key, sum(l.amount_kopecks - coalesce(p.cost_kopecks * l.qty, l.amount_kopecks)) AS margin
           FROM receipt_lines l SEMI JOIN units u ON u.unit_key = l.customer_key
           LEFT JOIN ${productRows} p ON p.sku = l.sku
          WHERE l.ts >= ${preStart} AND l.ts < ${afterEnd} GROUP BY 1),
       receipt_values AS (
         SELECT b.customer_key, b.ts, b.total_kopecks - coalesce(b.returned, 0) AS revenue,
                coalesce(m.margin, 0) * (b.total_kopecks - coalesce(b.returned, 0)) / nullif(b.total_kopecks, 0) AS margin,
                coalesce(b.points_earned, 0) - coalesce(b.clawed, 0) AS points, coalesce(b.discount_kopecks, 0) AS discount
           FROM bought b LEFT JOIN margins m USING (receipt_key)),
       per_unit AS (
         SELECT customer_key AS unit_key,
                count(*) FILTER (WHERE ts >= ${start} AND ts < ${end}) AS visits,
                sum(revenue) FILTER (WHERE ts >= ${start} AND ts < ${end}) AS revenue,
                sum(margin) FILTER (WHERE ts >= ${start} AND ts < ${end}) AS margin,
                sum(points) FILTER (WHERE ts >= ${start} AND ts < ${end}) AS points,
                sum(discount) FILTER (WHERE ts >= ${start} AND ts < ${end}) AS discount,
                count(*) FILTER (WHERE ts < ${start}) AS pre_visits,
                sum(revenue) FILTER (WHERE ts < ${start}) AS pre_revenue,
                count(*) FILTER (WHERE ts >= ${end}) AS after_visits,
                sum(revenue) FILTER (WHERE ts >= ${end}) AS after_revenue
           FROM receipt_values GROUP BY 1)
     SELECT u.unit_id, u.arm, (coalesce(p.visits, 0) > 0)::INTEGER::DOUBLE AS responded, coalesce(p.visits, 0)::DOUBLE AS visits,
            coalesce(p.revenue, 0)::DOUBLE AS revenue, coalesce(p.margin, 0)::DOUBLE AS margin, coalesce(p.points, 0)::DOUBLE AS points,
            coalesce(p.discount, 0)::DOUBLE AS discount, coalesce(p.visits, 0)::DOUBLE AS orders,
            coalesce(p.pre_visits, 0)::DOUBLE AS pre_visits, coalesce(p.pre_revenue, 0)::DOUBLE AS pre_revenue,
            coalesce(p.after_visits, 0)::DOUBLE AS after_visits, coalesce(p.after_revenue, 0)::DOUBLE AS after_revenue
       FROM units u LEFT JOIN per_unit p USING (unit_key)`;
}

/** Breakdowns Patron knows for its own campaigns' customers, each as of the campaign's start. */
export const patronBreakdowns = ['segment', 'tier', 'store', 'gender', 'age_band', 'city'] as const;

/** The names a campaign can be broken down by: Patron's own, or an experiment file's other columns. */
export async function breakdownsOf(store: AnalyticsStore, campaign: MeasuredCampaign): Promise<string[]> {
  if (campaign.kind === 'patron') return [...patronBreakdowns];
  return (await store.query('SELECT DISTINCT name FROM experiment_unit_attributes WHERE campaign_id = $1 ORDER BY 1', [campaign.id])).map((r) => String(r['name']));
}

/** The parameters breakdownSql's text expects. */
export function breakdownParams(campaign: MeasuredCampaign, name: string): string[] {
  return campaign.kind === 'experiment' ? [campaign.id, name] : [campaign.id];
}

/**
 * SQL for (unit_id, value) of one breakdown, $1 the campaign id. The segment is the customer's
 * RFM segment (as segments.rfm defines it) on the campaign's first day; the tier the one held
 * then; the store the one the customer bought at most in the pre-period (ties: the first code).
 */
export function breakdownSql(campaign: MeasuredCampaign, name: string, windows: UnitWindows): string {
  // The column's name travels as the parameter $2 (see breakdownParams), never as SQL text.
  if (campaign.kind === 'experiment') return `SELECT unit_id, coalesce(value, '(empty)') AS value FROM experiment_unit_attributes WHERE campaign_id = $1 AND name = $2`;
  const start = `'${campaign.starts_at}'`;
  const units = `SELECT DISTINCT customer_id AS unit_id FROM campaign_assignments WHERE campaign_id = $1`;
  const customer = `(SELECT customer_id, any_value(gender) AS gender, any_value(city) AS city, any_value(birth_date) AS birth_date, any_value(tier_code) AS tier_code FROM customers GROUP BY 1)`;
  switch (name) {
    case 'segment':
      return `WITH ${rfmSegments('rfm', start)} SELECT u.unit_id, coalesce(rfm.segment, 'no_purchases') AS value FROM (${units}) u LEFT JOIN rfm ON rfm.customer_id = u.unit_id`;
    case 'tier':
      return `SELECT u.unit_id, coalesce((SELECT to_tier FROM tier_changes t WHERE t.customer_id = u.unit_id AND t.ts < ${start}::TIMESTAMPTZ ORDER BY t.ts DESC LIMIT 1),
                                         (SELECT from_tier FROM tier_changes t WHERE t.customer_id = u.unit_id AND t.ts >= ${start}::TIMESTAMPTZ ORDER BY t.ts LIMIT 1),
                                         c.tier_code, 'unknown') AS value
                FROM (${units}) u LEFT JOIN ${customer} c ON c.customer_id = u.unit_id`;
    case 'store':
      return `SELECT u.unit_id, coalesce(h.code, 'no_purchases') AS value FROM (${units}) u LEFT JOIN (
                SELECT r.customer_id, arg_max(coalesce(s.code, r.store_id), n) AS code FROM (
                  SELECT customer_id, store_id, count(*) AS n FROM receipts
                   WHERE customer_id IN (${units}) AND ts < ${start}::TIMESTAMPTZ AND ts >= ${start}::TIMESTAMPTZ - INTERVAL ${windows.preDays} DAY GROUP BY 1, 2) r
                  LEFT JOIN (SELECT store_id, any_value(code) AS code FROM stores GROUP BY 1) s USING (store_id) GROUP BY 1) h ON h.customer_id = u.unit_id`;
    case 'gender':
      return `SELECT u.unit_id, coalesce(c.gender, 'unknown') AS value FROM (${units}) u LEFT JOIN ${customer} c ON c.customer_id = u.unit_id`;
    case 'city':
      return `SELECT u.unit_id, coalesce(c.city, 'unknown') AS value FROM (${units}) u LEFT JOIN ${customer} c ON c.customer_id = u.unit_id`;
    case 'age_band':
      return `SELECT u.unit_id, ${ageBand(ageOn('c.birth_date', `${start}::DATE`), 'c.birth_date', 'unknown')} AS value FROM (${units}) u LEFT JOIN ${customer} c ON c.customer_id = u.unit_id`;
    default:
      throw new PatronError('validation_failed', `No breakdown ${name}; a Patron campaign breaks down by ${patronBreakdowns.join(', ')}`, { issues: [{ path: 'by', message: 'unknown breakdown' }] });
  }
}
