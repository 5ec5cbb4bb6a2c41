import type { AnalyticsStore } from '../analytics-store.ts';
import type { ParamSpec, ParamValue } from './report-definition.ts';

export const datePattern = /^\d{4}-\d{2}-\d{2}$/;

/** The parameters most reports share: a period (local dates, `to` included) and who bought. */
export const periodParams: ParamSpec[] = [
  { name: 'from', title: { ru: 'С даты', en: 'From' }, type: 'text', default: null, pattern: datePattern },
  { name: 'to', title: { ru: 'По дату', en: 'To' }, type: 'text', default: null, pattern: datePattern },
  { name: 'buyers', title: { ru: 'Покупатели', en: 'Buyers' }, type: 'enum', default: 'all', values: ['all', 'members', 'non_members'] },
];

/** Which data a report reads: one import (`import:<hash>`), Patron's own processing, or all (null). */
export const sourcePattern = /^(patron|import:[0-9a-f]{12})$/;
export const sourceParam: ParamSpec = { name: 'source', title: { ru: 'Источник данных', en: 'Data source' }, type: 'text', default: null, pattern: sourcePattern };

/** The period without the buyers filter, for reports about members or points rather than receipts. */
export const periodOnlyParams: ParamSpec[] = periodParams.filter((p) => p.name !== 'buyers');

/** One row per SKU (a SKU imported from two sources counts once: the first source by name). */
export const productRows = `(SELECT DISTINCT ON (sku) * FROM products ORDER BY sku, source)`;

/** Items of a receipt line: units as sold; a weighed line (a fractional quantity) counts as one item. */
export function itemsOfLine(line: string): string {
  return `CASE WHEN ${line}.qty = floor(${line}.qty) THEN ${line}.qty ELSE 1 END`;
}

/** Bands of a receipt's (or a member's average) check in kopecks, lower bound included. */
export const checkSizeBands: [string, number, number][] = [
  ['< 300 ₽', 0, 30_000],
  ['300–700 ₽', 30_000, 70_000],
  ['700–1 500 ₽', 70_000, 150_000],
  ['1 500–3 000 ₽', 150_000, 300_000],
  ['≥ 3 000 ₽', 300_000, 1e18],
];

/** The index of the band `expr` falls in (lower bound included), as SQL. */
export function bandIndex(expr: string, bands: [string, number, number][]): string {
  return `CASE ${bands.map(([, lo, hi], i) => `WHEN ${expr} >= ${lo} AND ${expr} < ${hi} THEN ${i}`).join(' ')} END`;
}

/** Whole years of age on a day, as SQL (a birthday later in the year not yet reached). */
export function ageOn(birthDate: string, day: string): string {
  return `date_diff('year', ${birthDate}, ${day}) - CASE WHEN strftime(${day}, '%m%d') < strftime(${birthDate}, '%m%d') THEN 1 ELSE 0 END`;
}

/** Age bands as SQL over an age in whole years; `unknown` when there is no birth date. */
export function ageBand(age: string, birthDate: string, unknown: string): string {
  return `CASE WHEN ${birthDate} IS NULL THEN '${unknown}' WHEN ${age} < 25 THEN '18–24' WHEN ${age} < 35 THEN '25–34' WHEN ${age} < 45 THEN '35–44' WHEN ${age} < 55 THEN '45–54' WHEN ${age} < 65 THEN '55–64' ELSE '65+' END`;
}

export interface Period {
  /** First local day, inclusive. */
  from: string;
  /** Day after the last, exclusive. */
  until: string;
  days: number;
  /** It holds every receipt on the read side: no line's time need be tested (see periodLines). */
  whole: boolean;
}

const day = 86_400_000;
/** A report's period when none is given: the last four weeks of data. */
const defaultPeriodDays = 28;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const daysBetween = (from: string, until: number) => Math.round((until - Date.parse(`${from}T00:00:00Z`)) / day);

/**
 * The period a report covers: as given, or else the defaultPeriodDays ending with the last day that has
 * receipts (so a report on an imported history shows its data, not an empty "this month").
 */
export async function resolvePeriod(store: AnalyticsStore, params: Record<string, ParamValue>): Promise<Period> {
  let to = params['to'] as string | null;
  let from = params['from'] as string | null;
  // The receipts' first and last local days, when needed: for the last day of data, and for
  // whether a period longer than the default (the only kind likely to) holds every receipt.
  const bounds = !to || (from && daysBetween(from, Date.parse(`${to}T00:00:00Z`) + day) > defaultPeriodDays) ? await receiptBounds(store) : null;
  if (!to) to = bounds!.last ?? (await lastDayByStore(store)) ?? iso(Date.now());
  const until = Date.parse(`${to}T00:00:00Z`) + day;
  if (!from) from = iso(until - defaultPeriodDays * day);
  const days = daysBetween(from, until);
  const whole = days > defaultPeriodDays && bounds?.first != null && bounds.first >= from && bounds.last! < iso(until);
  return { from, until: iso(until), days, whole };
}

/**
 * The first and last local days of the receipts (a line's local time is its receipt's, so they
 * bound the lines too). DuckDB often answers them from its statistics; else a scan of 5 million
 * receipts' times takes 10–40 ms, against 30–50 ms for the last day by store below. Unknown (null)
 * when a receipt's local time was never stored: it has no place in them.
 */
async function receiptBounds(store: AnalyticsStore): Promise<{ first: string | null; last: string | null }> {
  const row = (await store.query('SELECT min(local_ts)::DATE::VARCHAR AS first, max(local_ts)::DATE::VARCHAR AS last, count(*) = count(local_ts) AS filled FROM receipts'))[0]!;
  return row['filled'] === true ? { first: row['first'] as string | null, last: row['last'] as string | null } : { first: null, last: null };
}

/** The last local day of data from the receipts' instants and their stores' zones. */
async function lastDayByStore(store: AnalyticsStore): Promise<string | null> {
  // The latest receipt per store first, then one time-zone conversion per store: converting
  // every receipt with its store's zone costs about 2 µs a row.
  const row = (
    await store.query(
      `SELECT max(timezone(coalesce(s.time_zone, 'UTC'), r.last_ts))::DATE::VARCHAR AS d FROM (SELECT store_id, max(ts) AS last_ts FROM receipts GROUP BY store_id) r LEFT JOIN stores s USING (store_id)`,
    )
  )[0]!;
  return row['d'] as string | null;
}

/** The same length of time moved by `days`: a period that held everything no longer does. */
export function shiftPeriod(p: Period, days: number): Period {
  const move = (d: string) => iso(Date.parse(`${d}T00:00:00Z`) + days * day);
  return { from: move(p.from), until: move(p.until), days: p.days, whole: false };
}

/** A receipt's local time: in its store's time zone (imports without stores: UTC), kept on the row since it arrived. */
export function localTs(receipt: string, store: string): string {
  return `coalesce(${receipt}.local_ts, timezone(coalesce(${store}.time_zone, 'UTC'), ${receipt}.ts))`;
}

/**
 * The period and buyers filter over receipts or lines `t` whose local time is `local`: computed
 * (then the UTC bounds go first) or stored (then its bounds alone prune by the column's min/max).
 * `whole`: the period holds every row, and no row's time is tested (see periodLines).
 * Placeholders: $1 first day, $2 day after the last, $3 buyers.
 */
function periodFilter(t: string, local: string, localStored: boolean, whole = false): string {
  // A zone is at most 14 hours from UTC: the cheap UTC bounds first, the local ones on what is
  // left. Beside a stored local time they were a second test of every row: 0.1 s over 26 million lines.
  // Members by their key (migrations 0011, 0013), which is cheaper to read than their id.
  return `(${whole ? 'true OR ' : ''}${localStored ? '' : `${t}.ts >= $1::TIMESTAMPTZ - INTERVAL 14 HOUR AND ${t}.ts < $2::TIMESTAMPTZ + INTERVAL 14 HOUR
     AND `}${local} >= $1::DATE AND ${local} < $2::DATE)
     AND ($3 = 'all' OR ($3 = 'members') = (${t}.customer_key IS NOT NULL))`;
}

/**
 * The receipts of a period as a subquery `rc` with local time, store code and a member flag
 * (a receipt with a customer). Placeholders as periodFilter.
 */
export const periodReceipts = `(
  SELECT r.* EXCLUDE (local_ts), ${localTs('r', 's')} AS local_ts, s.code AS store_code, s.city AS store_city, s.format AS store_format, r.customer_key IS NOT NULL AS member
    FROM receipts r LEFT JOIN stores s USING (store_id)
   WHERE ${periodFilter('r', localTs('r', 's'), false)}
)`;

/**
 * The lines of a period's receipts as a subquery with a member flag (from the member's key, as in
 * periodFilter: reading the id strings took three times as long), read from the lines alone:
 * each carries its receipt's time, store and customer (a join of every line with its receipt
 * cost ten times the scan). Their local time is always there: the sync and imports set it in
 * the transaction that writes them. Placeholders as periodFilter.
 *
 * A period that holds every receipt on the read side (a report over the whole history) tests no
 * line's time: DuckDB folds `true OR …` away, where the test read and compared the local time of
 * every line (over the 5 M chain's 26 million lines, ABC took 190–250 ms with it and 125–170 ms
 * without).
 */
export function periodLines(p: Period): string {
  return `(
  SELECT l.*, l.customer_key IS NOT NULL AS member
    FROM receipt_lines l
   WHERE ${periodFilter('l', 'l.local_ts', true, p.whole)}
)`;
}

/** One row per store id (a store imported from two sources counts once), for joining after grouping. */
export const storeRows = `(SELECT store_id, any_value(code) AS store_code, any_value(city) AS store_city, any_value(format) AS store_format FROM stores GROUP BY store_id)`;

export function periodArgs(p: Period, params: Record<string, ParamValue>): [string, string, string] {
  return [p.from, p.until, (params['buyers'] as string | null) ?? 'all'];
}

/**
 * Members' RFM segments as of `at` (a SQL expression for an instant): a CTE named `name` with
 * customer_id, recency, frequency, monetary, r, f, m and segment, as segments.rfm defines them.
 */
export function rfmSegments(name: string, at: string): string {
  return `${name}_c AS (
      SELECT customer_id, floor((epoch(${at}::TIMESTAMPTZ) - epoch(max(ts))) / 86400)::INTEGER AS recency, count(*) AS frequency, sum(total_kopecks) AS monetary
        FROM receipts WHERE customer_id IS NOT NULL AND ts < ${at}::TIMESTAMPTZ AND ts >= ${at}::TIMESTAMPTZ - INTERVAL 365 DAY GROUP BY 1),
    ${name}_s AS (SELECT *, ntile(5) OVER (ORDER BY recency DESC, customer_id) AS r, ntile(5) OVER (ORDER BY frequency, customer_id) AS f, ntile(5) OVER (ORDER BY monetary, customer_id) AS m FROM ${name}_c),
    ${name} AS (SELECT *, CASE WHEN r >= 4 AND f >= 4 THEN 'champions' WHEN r >= 3 AND f >= 3 THEN 'loyal' WHEN r >= 4 AND f = 1 THEN 'new'
                               WHEN r <= 2 AND f >= 3 THEN 'at_risk' WHEN r <= 2 AND f <= 2 THEN 'hibernating' ELSE 'needs_attention' END AS segment FROM ${name}_s)`;
}
