import { PatronError } from '../../core/index.ts';
import type { AnalyticsStore } from '../analytics-store.ts';

/**
 * Evaluations of the customer models kept in model_evaluations. Evaluating fits the models on
 * every shopper (churn: two feature loads and two fits; recommenders: four methods scored on a
 * held-out period), tens of seconds on a chain of millions of receipts, so the model jobs do it
 * beside the scores and the reports read what they kept, as they read the scores. A kept
 * evaluation is read while it was computed on the same imports and the data have moved on by at
 * most a day (a live chain's receipts arrive every second; a day more of them moves evaluations
 * over 90-day windows little, and the nightly jobs evaluate again); otherwise it is computed anew
 * and kept.
 */
export type EvaluationKind = 'churn' | 'recommenders' | 'holdout' | 'fit';

export interface Evaluated<T> {
  result: T;
  /** When it was computed (ISO time). */
  evaluated_at: string;
  /** Read as kept rather than computed for this call. */
  stored: boolean;
}

/** What an evaluation was computed on: the imports (each source with its receipts) and the last receipt. */
export interface ReadSideVersion {
  imports: string;
  through: string | null;
}

/** The read side's version, cheap to take: a count of receipts by source and their last time. */
export async function readSideVersion(store: AnalyticsStore): Promise<ReadSideVersion> {
  const row = (
    await store.query(
      `SELECT coalesce((SELECT string_agg(source || '=' || n, ',' ORDER BY source) FROM (SELECT source, count(*) AS n FROM receipts WHERE source <> 'patron' GROUP BY 1)), '') AS imports,
              (SELECT strftime(max(ts), '%Y-%m-%dT%H:%M:%S.%fZ') FROM receipts) AS through`,
    )
  )[0]!;
  return { imports: String(row['imports']), through: row['through'] === null ? null : String(row['through']) };
}

/** Options as a stable key: keys sorted, absent and null values left out. */
function optionsKey(options: Record<string, unknown>): string {
  return JSON.stringify(Object.fromEntries(Object.keys(options).sort().filter((k) => options[k] !== undefined && options[k] !== null).map((k) => [k, options[k]])));
}

/**
 * Keeps an evaluation computed on the data of `version`; older ones of the same kind and options
 * go. Two statements, not a transaction, which would wait behind a sync batch's or a model job's
 * (transactions take turns); a reader between them finds the newer one.
 */
async function keepEvaluation(store: AnalyticsStore, kind: EvaluationKind, options: Record<string, unknown>, version: ReadSideVersion, result: unknown, seconds: number): Promise<string> {
  const key = optionsKey(options);
  const at = new Date().toISOString();
  await store.run('INSERT INTO model_evaluations VALUES ($1, $2, $3, $4::TIMESTAMPTZ, $5::TIMESTAMPTZ, $6, $7)', [kind, key, version.imports, version.through, at, seconds, JSON.stringify(result)]);
  await store.run('DELETE FROM model_evaluations WHERE kind = $1 AND options = $2 AND evaluated_at < $3::TIMESTAMPTZ', [kind, key, at]);
  return at;
}

/**
 * The kept evaluation for these options on the data as it is now, or else `evaluate` run now and
 * kept. `fresh` computes anew whatever is kept.
 */
export async function evaluation<T>(store: AnalyticsStore, kind: EvaluationKind, options: Record<string, unknown>, fresh: boolean, evaluate: () => Promise<T>): Promise<Evaluated<T>> {
  const version = await readSideVersion(store);
  if (!fresh) {
    const kept = await store.query(
      `SELECT strftime(evaluated_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS at, result FROM model_evaluations
        WHERE kind = $1 AND options = $2 AND imports = $3 AND data_through <= $4::TIMESTAMPTZ AND data_through >= $4::TIMESTAMPTZ - INTERVAL 1 DAY
        ORDER BY evaluated_at DESC LIMIT 1`,
      [kind, optionsKey(options), version.imports, version.through],
    );
    if (kept[0]) return { result: JSON.parse(String(kept[0]['result'])) as T, evaluated_at: String(kept[0]['at']), stored: true };
  }
  const started = performance.now();
  const result = await evaluate();
  const at = await keepEvaluation(store, kind, options, version, result, (performance.now() - started) / 1000);
  return { result, evaluated_at: at, stored: false };
}

/**
 * A model job's evaluation, computed and kept as computed on the data of `version` (taken before
 * the job read anything). Nothing is kept when the data cannot support it (too little history for
 * the split, say): the job's own work stands, and the report asked later says why in its own error.
 */
export async function keepIfPossible(store: AnalyticsStore, kind: EvaluationKind, options: Record<string, unknown>, version: ReadSideVersion, evaluate: () => Promise<unknown>): Promise<void> {
  const started = performance.now();
  let result: unknown;
  try {
    result = await evaluate();
  } catch (e) {
    if (e instanceof PatronError) return;
    throw e;
  }
  await keepEvaluation(store, kind, options, version, result, (performance.now() - started) / 1000);
}
