import { PatronError } from '../../core/index.ts';
import type { RepeatPurchases, RepeatSpend } from '../../models/index.ts';
import { withStagedTable, type AnalyticsStore } from '../analytics-store.ts';
import { mergedByDay, shopperPurchasesSql, type StagedPurchases } from './shopper-purchases.ts';
import { epochDay, isoDay } from './epoch-days.ts';

/** How purchase histories become the models' (x, tx, T): every choice explicit, as the literature asks. */
export interface ModelDataOptions {
  /** Last day of the calibration period, YYYY-MM-DD (inclusive). Default: the last day with purchases. */
  calibrationEnd?: string;
  /** Last day of the holdout period (inclusive). Default: the last day with purchases. */
  holdoutEnd?: string;
  timeUnit: 'day' | 'week';
  /** Purchases on one day count as one, with their spend added (CDNOW's convention). */
  mergeSameDay: boolean;
  /** Count the first purchase in the average spend (the literature leaves it out). */
  spendIncludesFirst: boolean;
  /** Only receipts of this source (an import's `import:…`, or `patron`). */
  source?: string;
  /** Without a calibration end: calibrate up to the last day with purchases (default), or the middle one. */
  calibration?: 'last-day' | 'half';
  /** Also summarise each shopper as of this many days before the calibration end (for trends). */
  lookbackDays?: number;
}

export const defaultModelDataOptions: ModelDataOptions = { timeUnit: 'week', mergeSameDay: true, spendIncludesFirst: false };

/** The choices that make a fit what it is, as the options an evaluation is kept under (the lookback only adds a summary). */
export function modelDataKey(options: ModelDataOptions): Record<string, unknown> {
  return {
    calibration_end: options.calibrationEnd, holdout_end: options.holdoutEnd, calibration: options.calibration ?? 'last-day',
    time_unit: options.timeUnit, merge_same_day: options.mergeSameDay, spend_includes_first: options.spendIncludesFirst, source: options.source,
  };
}

export interface ModelData {
  options: ModelDataOptions & { calibrationEnd: string; holdoutEnd: string };
  unitDays: number;
  shoppers: string[];
  /** First purchase, days since 1970-01-01. */
  firstDay: Int32Array;
  lastDay: Int32Array;
  calibration: RepeatPurchases;
  /** Mean spend per counted purchase in money units (kopecks / 100); 0 when there is none. */
  zbar: Float64Array;
  /** Purchases and spend (kopecks) after the calibration end, up to the holdout end. */
  holdoutPurchases: Float64Array;
  holdoutSpendKopecks: Float64Array;
  /** Length of the holdout period in the time unit. */
  holdoutLength: number;
  /** The same shoppers summarised `lookbackDays` earlier (x = −1 where they had not yet bought). */
  earlier: RepeatPurchases | null;
  /** Repeat purchases (after each shopper's first) per day over calibration and holdout, for tracking plots. */
  repeatsByDay: { day: number; repeats: number }[];
}


/**
 * Each shopper who first bought by the calibration end, summarised for the buy-till-you-die
 * models: x = purchases after the first up to the end, tx = last − first, T = end − first, in the
 * time unit (a week is 7 days); the mean spend of the purchases counted; what they did in the holdout.
 */
export async function loadModelData(store: AnalyticsStore, options: ModelDataOptions, staged?: StagedPurchases): Promise<ModelData> {
  // The purchases are derived once (shoppers from members, merges and card tokens), or taken as
  // the caller staged them for the same source, and every figure below reads that table:
  // deriving them costs more than all the sums after.
  const derived = staged ? (options.mergeSameDay ? mergedByDay(staged.table) : staged.table) : shopperPurchasesSql(options.mergeSameDay);
  // Merged, a shopper's first purchase is their first day's; only unmerged ones need the receipt
  // to break a tie (and the receipt ids are long strings to copy).
  const receipt = options.mergeSameDay ? 'NULL::VARCHAR' : 'receipt_id';
  return withStagedTable(store, 'model_purchases', `SELECT shopper, day, spend_kopecks, ${receipt} AS receipt_id FROM ${derived} p`, staged ? [] : [options.source ?? null], (purchases) =>
    summarise(store, purchases, options),
  );
}

async function summarise(store: AnalyticsStore, purchases: string, options: ModelDataOptions): Promise<ModelData> {
  const bounds = (await store.query(`SELECT min(day) AS first, max(day) AS last, count(*) AS n FROM ${purchases}`))[0]!;
  if (Number(bounds['n']) === 0) throw new PatronError('not_found', 'No purchases by identified shoppers in the read side: import history or run the sync first');
  const lastDay = Number(bounds['last']);
  // Without a calibration end: the last day, or (calibration: 'half') the middle day, so that
  // the second half of the days with purchases is the holdout.
  const calibrationEnd = options.calibrationEnd ?? isoDay(options.calibration === 'half' ? Math.floor((Number(bounds['first']) + lastDay) / 2) : lastDay);
  const holdoutEnd = options.holdoutEnd ?? isoDay(Math.max(lastDay, epochDay(calibrationEnd)));
  const calEnd = epochDay(calibrationEnd);
  const holdEnd = epochDay(holdoutEnd);
  if (holdEnd < calEnd) throw new PatronError('validation_failed', `The holdout end ${holdoutEnd} is before the calibration end ${calibrationEnd}`);
  const unitDays = options.timeUnit === 'week' ? 7 : 1;
  const lookback = options.lookbackDays ?? 0;
  const earlierEnd = calEnd - lookback;
  // The first purchase is the earliest by (day, receipt): left out of the mean spend unless asked.
  const meanSpend = options.spendIncludesFirst
    ? 'calibration_spend / (x + 1)'
    : 'CASE WHEN x > 0 THEN (calibration_spend - first_spend) / x ELSE 0 END';
  const rows = await store.columns(
    `WITH s AS (SELECT shopper, min(day) AS first_day,
                       count(*) FILTER (day <= $1) - 1 AS x, max(day) FILTER (day <= $1) AS last_day,
                       coalesce(sum(spend_kopecks) FILTER (day <= $1), 0) AS calibration_spend,
                       arg_min(spend_kopecks, {'day': day, 'receipt': receipt_id}) AS first_spend,
                       count(*) FILTER (day > $1 AND day <= $2) AS holdout_purchases,
                       coalesce(sum(spend_kopecks) FILTER (day > $1 AND day <= $2), 0) AS holdout_spend,
                       count(*) FILTER (day <= $3) - 1 AS x_earlier, max(day) FILTER (day <= $3) AS last_earlier
                  FROM ${purchases} GROUP BY shopper)
     SELECT shopper, first_day, x::DOUBLE AS x, last_day, (${meanSpend})::DOUBLE AS mean_spend, holdout_purchases::DOUBLE AS holdout_purchases,
            holdout_spend::DOUBLE AS holdout_spend, x_earlier::DOUBLE AS x_earlier, last_earlier
       FROM s WHERE first_day <= $1 ORDER BY shopper`,
    [calEnd, holdEnd, earlierEnd],
  );
  const n = rows['shopper']!.length;
  const firstDay = Int32Array.from(rows['first_day']!, Number);
  const last = Int32Array.from(rows['last_day']!, Number);
  const x = Float64Array.from(rows['x']!, Number);
  const tx = Float64Array.from({ length: n }, (_, i) => (last[i]! - firstDay[i]!) / unitDays);
  const T = Float64Array.from(firstDay, (first) => (calEnd - first) / unitDays);
  const zbar = Float64Array.from(rows['mean_spend']!, (v) => Number(v) / 100);
  let earlier: RepeatPurchases | null = null;
  if (lookback > 0) {
    const xEarlier = rows['x_earlier']!;
    const lastEarlier = rows['last_earlier']!;
    earlier = { x: new Float64Array(n), tx: new Float64Array(n), T: new Float64Array(n) };
    for (let i = 0; i < n; i++) {
      const first = firstDay[i]!;
      const seen = first <= earlierEnd;
      earlier.x[i] = seen ? Number(xEarlier[i]) : -1;
      earlier.tx[i] = seen ? (Number(lastEarlier[i]) - first) / unitDays : 0;
      earlier.T[i] = seen ? (earlierEnd - first) / unitDays : 0;
    }
  }
  // Repeats by day of the shoppers who first bought by the calibration end: their purchases
  // that day less the first purchases made that day (one per shopper).
  const repeats = await store.columns(
    `WITH cohort AS (SELECT shopper, min(day) AS first_day FROM ${purchases} GROUP BY shopper HAVING min(day) <= $1),
          bought AS (SELECT p.day, count(*) AS n FROM ${purchases} p SEMI JOIN cohort USING (shopper) WHERE p.day <= $2 GROUP BY p.day),
          firsts AS (SELECT first_day AS day, count(*) AS n FROM cohort GROUP BY first_day)
     SELECT day, (b.n - coalesce(f.n, 0))::DOUBLE AS repeats FROM bought b LEFT JOIN firsts f USING (day) WHERE b.n > coalesce(f.n, 0) ORDER BY day`,
    [calEnd, holdEnd],
  );
  return {
    options: { ...options, calibrationEnd, holdoutEnd },
    unitDays,
    shoppers: rows['shopper'] as string[],
    firstDay,
    lastDay: last,
    calibration: { x, tx, T },
    zbar,
    holdoutPurchases: Float64Array.from(rows['holdout_purchases']!, Number),
    holdoutSpendKopecks: Float64Array.from(rows['holdout_spend']!, Number),
    holdoutLength: (holdEnd - calEnd) / unitDays,
    earlier,
    repeatsByDay: repeats['day']!.map((day, i) => ({ day: Number(day), repeats: Number(repeats['repeats']![i]) })),
  };
}

/** The repeat buyers' spend, for the Gamma-Gamma fit. */
export function repeatSpend(data: ModelData): RepeatSpend & { index: Int32Array } {
  const index: number[] = [];
  for (let i = 0; i < data.shoppers.length; i++) if (data.calibration.x[i]! > 0 && data.zbar[i]! > 0) index.push(i);
  return { x: Float64Array.from(index, (i) => data.calibration.x[i]!), zbar: Float64Array.from(index, (i) => data.zbar[i]!), index: Int32Array.from(index) };
}
