import { PatronError } from '../../core/index.ts';
import type { RepeatPurchases, RepeatSpend } from '../../models/index.ts';
import type { AnalyticsStore } from '../analytics-store.ts';
import { shopperPurchasesSql } from './shopper-purchases.ts';
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
  /** Also summarise each shopper as of this many days before the calibration end (for trends). */
  lookbackDays?: number;
}

export const defaultModelDataOptions: ModelDataOptions = { timeUnit: 'week', mergeSameDay: true, spendIncludesFirst: false };

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
export async function loadModelData(store: AnalyticsStore, options: ModelDataOptions): Promise<ModelData> {
  const purchases = shopperPurchasesSql(options.mergeSameDay);
  const source = options.source ?? null;
  const bounds = (await store.query(`SELECT min(day) AS first, max(day) AS last, count(*) AS n FROM ${purchases} p`, [source]))[0]!;
  if (Number(bounds['n']) === 0) throw new PatronError('not_found', 'No purchases by identified shoppers in the read side: import history or run the sync first');
  const lastDay = Number(bounds['last']);
  const calibrationEnd = options.calibrationEnd ?? isoDay(lastDay);
  const holdoutEnd = options.holdoutEnd ?? isoDay(Math.max(lastDay, epochDay(calibrationEnd)));
  const calEnd = epochDay(calibrationEnd);
  const holdEnd = epochDay(holdoutEnd);
  if (holdEnd < calEnd) throw new PatronError('validation_failed', `The holdout end ${holdoutEnd} is before the calibration end ${calibrationEnd}`);
  const unitDays = options.timeUnit === 'week' ? 7 : 1;
  const lookback = options.lookbackDays ?? 0;
  const earlierEnd = calEnd - lookback;
  const spendFilter = options.spendIncludesFirst ? 'day <= $2' : 'day <= $2 AND NOT is_first';
  const rows = await store.query(
    `WITH p AS (SELECT shopper, day, spend_kopecks, row_number() OVER (PARTITION BY shopper ORDER BY day, receipt_id) = 1 AS is_first FROM ${purchases} p0),
          s AS (SELECT shopper, min(day) AS first_day,
                       count(*) FILTER (day <= $2) - 1 AS x, max(day) FILTER (day <= $2) AS last_day,
                       coalesce(avg(spend_kopecks) FILTER (${spendFilter}), 0) AS mean_spend,
                       count(*) FILTER (day > $2 AND day <= $3) AS holdout_purchases,
                       coalesce(sum(spend_kopecks) FILTER (day > $2 AND day <= $3), 0) AS holdout_spend,
                       count(*) FILTER (day <= $4) - 1 AS x_earlier, max(day) FILTER (day <= $4) AS last_earlier
                  FROM p GROUP BY shopper)
     SELECT shopper, first_day, x, last_day, mean_spend::DOUBLE AS mean_spend, holdout_purchases, holdout_spend::DOUBLE AS holdout_spend, x_earlier, last_earlier
       FROM s WHERE first_day <= $2 ORDER BY shopper`,
    [source, calEnd, holdEnd, earlierEnd],
  );
  const n = rows.length;
  const shoppers = new Array<string>(n);
  const firstDay = new Int32Array(n);
  const last = new Int32Array(n);
  const x = new Float64Array(n);
  const tx = new Float64Array(n);
  const T = new Float64Array(n);
  const zbar = new Float64Array(n);
  const holdoutPurchases = new Float64Array(n);
  const holdoutSpendKopecks = new Float64Array(n);
  const earlier = lookback > 0 ? { x: new Float64Array(n), tx: new Float64Array(n), T: new Float64Array(n) } : null;
  rows.forEach((row, i) => {
    shoppers[i] = row['shopper'] as string;
    const first = Number(row['first_day']);
    firstDay[i] = first;
    last[i] = Number(row['last_day']);
    x[i] = Number(row['x']);
    tx[i] = (last[i]! - first) / unitDays;
    T[i] = (calEnd - first) / unitDays;
    zbar[i] = Number(row['mean_spend']) / 100;
    holdoutPurchases[i] = Number(row['holdout_purchases']);
    holdoutSpendKopecks[i] = Number(row['holdout_spend']);
    if (earlier) {
      const seen = first <= earlierEnd;
      earlier.x[i] = seen ? Number(row['x_earlier']) : -1;
      earlier.tx[i] = seen ? (Number(row['last_earlier']) - first) / unitDays : 0;
      earlier.T[i] = seen ? (earlierEnd - first) / unitDays : 0;
    }
  });
  const repeats = await store.query(
    `WITH p AS (SELECT shopper, day, row_number() OVER (PARTITION BY shopper ORDER BY day, receipt_id) = 1 AS is_first FROM ${purchases} p0),
          cohort AS (SELECT shopper FROM p WHERE is_first AND day <= $2)
     SELECT day, count(*) AS repeats FROM p JOIN cohort USING (shopper) WHERE NOT is_first AND day <= $3 GROUP BY day ORDER BY day`,
    [source, calEnd, holdEnd],
  );
  return {
    options: { ...options, calibrationEnd, holdoutEnd },
    unitDays,
    shoppers,
    firstDay,
    lastDay: last,
    calibration: { x, tx, T },
    zbar,
    holdoutPurchases,
    holdoutSpendKopecks,
    holdoutLength: (holdEnd - calEnd) / unitDays,
    earlier,
    repeatsByDay: repeats.map((r) => ({ day: Number(r['day']), repeats: Number(r['repeats']) })),
  };
}

/** The repeat buyers' spend, for the Gamma-Gamma fit. */
export function repeatSpend(data: ModelData): RepeatSpend & { index: Int32Array } {
  const index: number[] = [];
  for (let i = 0; i < data.shoppers.length; i++) if (data.calibration.x[i]! > 0 && data.zbar[i]! > 0) index.push(i);
  return { x: Float64Array.from(index, (i) => data.calibration.x[i]!), zbar: Float64Array.from(index, (i) => data.zbar[i]!), index: Int32Array.from(index) };
}
