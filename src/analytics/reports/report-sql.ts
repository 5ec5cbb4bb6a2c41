import type { AnalyticsStore } from '../analytics-store.ts';
import type { ParamSpec, ParamValue } from './report-definition.ts';

const datePattern = /^\d{4}-\d{2}-\d{2}$/;

/** The parameters most reports share: a period (local dates, `to` included) and who bought. */
export const periodParams: ParamSpec[] = [
  { name: 'from', title: { ru: 'С даты', en: 'From' }, type: 'text', default: null, pattern: datePattern },
  { name: 'to', title: { ru: 'По дату', en: 'To' }, type: 'text', default: null, pattern: datePattern },
  { name: 'buyers', title: { ru: 'Покупатели', en: 'Buyers' }, type: 'enum', default: 'all', values: ['all', 'members', 'non_members'] },
];

export interface Period {
  /** First local day, inclusive. */
  from: string;
  /** Day after the last, exclusive. */
  until: string;
  days: number;
}

const day = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The period a report covers: as given, or else the 28 days ending with the last day that has
 * receipts (so a report on an imported history shows its data, not an empty "this month").
 */
export async function resolvePeriod(store: AnalyticsStore, params: Record<string, ParamValue>): Promise<Period> {
  let to = params['to'] as string | null;
  let from = params['from'] as string | null;
  if (!to) {
    // The latest receipt per store first, then one time-zone conversion per store: converting
    // every receipt with its store's zone costs about 2 µs a row.
    const last = (
      await store.query(
        `SELECT max(timezone(coalesce(s.time_zone, 'UTC'), r.last_ts))::DATE::VARCHAR AS d FROM (SELECT store_id, max(ts) AS last_ts FROM receipts GROUP BY store_id) r LEFT JOIN stores s USING (store_id)`,
      )
    )[0]!['d'] as string | null;
    to = last ?? iso(Date.now());
  }
  const until = Date.parse(`${to}T00:00:00Z`) + day;
  if (!from) from = iso(until - 28 * day);
  return { from, until: iso(until), days: Math.round((until - Date.parse(`${from}T00:00:00Z`)) / day) };
}

export function shiftPeriod(p: Period, days: number): Period {
  const move = (d: string) => iso(Date.parse(`${d}T00:00:00Z`) + days * day);
  return { from: move(p.from), until: move(p.until), days: p.days };
}

/** A receipt's local time: in its store's time zone (imports without stores: UTC), kept on the row since it arrived. */
export function localTs(receipt: string, store: string): string {
  return `coalesce(${receipt}.local_ts, timezone(coalesce(${store}.time_zone, 'UTC'), ${receipt}.ts))`;
}

/**
 * The receipts of a period as a subquery `rc` with local time, store code and a member flag
 * (a receipt with a customer). Placeholders: $1 first day, $2 day after the last, $3 buyers.
 */
export const periodReceipts = `(
  SELECT r.* EXCLUDE (local_ts), ${localTs('r', 's')} AS local_ts, s.code AS store_code, s.city AS store_city, s.format AS store_format, r.customer_id IS NOT NULL AS member
    FROM receipts r LEFT JOIN stores s USING (store_id)
   -- A zone is at most 14 hours from UTC: the cheap UTC bounds first, the local ones on what is left.
   WHERE r.ts >= $1::TIMESTAMPTZ - INTERVAL 14 HOUR AND r.ts < $2::TIMESTAMPTZ + INTERVAL 14 HOUR
     AND ${localTs('r', 's')} >= $1::DATE AND ${localTs('r', 's')} < $2::DATE
     AND ($3 = 'all' OR ($3 = 'members') = (r.customer_id IS NOT NULL))
)`;

export function periodArgs(p: Period, params: Record<string, ParamValue>): [string, string, string] {
  return [p.from, p.until, (params['buyers'] as string | null) ?? 'all'];
}
