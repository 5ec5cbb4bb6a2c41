import { PatronError } from '../../core/index.ts';
import type { AnalyticsStore } from '../analytics-store.ts';

/**
 * Evaluations of the customer models kept in model_evaluations. Evaluating fits the models on
 * every shopper (churn: two feature loads and two fits; recommenders: four methods scored on a
 * held-out period), tens of seconds on a chain of millions of receipts, so the model jobs do it
 * beside the scores and the reports read what they kept. An evaluation is read only while the
 * read side holds the same data it was computed on; otherwise it is computed anew (and kept).
 */
export type EvaluationKind = 'churn' | 'recommenders' | 'holdout' | 'fit';

export interface Evaluated<T> {
  result: T;
  /** When it was computed (ISO time). */
  evaluated_at: string;
  /** Read as kept rather than computed for this call. */
  stored: boolean;
}

/**
 * The state of the data the models read, cheap to take: row counts and the last receipt (DuckDB
 * answers these from its statistics), and the sync's events applied (a merge or an update
 * changes no count). Imports add rows; a rebuild resets the sync's count.
 */
export async function readSideVersion(store: AnalyticsStore): Promise<string> {
  const row = (
    await store.query(
      `SELECT (SELECT count(*) FROM receipts) AS receipts, (SELECT max(ts)::VARCHAR FROM receipts) AS last_receipt, (SELECT count(*) FROM receipt_lines) AS lines,
              (SELECT count(*) FROM receipt_returns) AS returns, (SELECT count(*) FROM customers) AS customers, (SELECT count(*) FROM products) AS products,
              (SELECT count(*) FROM ledger_movements) AS ledger, (SELECT coalesce(max(events_applied), 0) FROM sync_state) AS events`,
    )
  )[0]!;
  return Object.values(row).map(String).join('|');
}

/** Options as a stable key: keys sorted, absent values as null. */
function optionsKey(options: Record<string, unknown>): string {
  return JSON.stringify(Object.fromEntries(Object.keys(options).sort().map((k) => [k, options[k] ?? null])));
}

/** Keeps an evaluation computed on the data of `version`, replacing any of the same kind and options. */
export async function keepEvaluation(store: AnalyticsStore, kind: EvaluationKind, options: Record<string, unknown>, version: string, result: unknown, seconds: number): Promise<string> {
  const key = optionsKey(options);
  const at = new Date().toISOString();
  await store.transaction(async () => {
    await store.run('DELETE FROM model_evaluations WHERE kind = $1 AND options = $2', [kind, key]);
    await store.run('INSERT INTO model_evaluations VALUES ($1, $2, $3, $4::TIMESTAMPTZ, $5, $6)', [kind, key, version, at, seconds, JSON.stringify(result)]);
  });
  return at;
}

/**
 * The kept evaluation for these options on the data as it is now, or else `evaluate` run now and
 * kept. `fresh` computes anew whatever is kept.
 */
export async function evaluation<T>(store: AnalyticsStore, kind: EvaluationKind, options: Record<string, unknown>, fresh: boolean, evaluate: () => Promise<T>): Promise<Evaluated<T>> {
  const version = await readSideVersion(store);
  if (!fresh) {
    const kept = await store.query(`SELECT strftime(evaluated_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS at, result FROM model_evaluations WHERE kind = $1 AND options = $2 AND data_version = $3`, [kind, optionsKey(options), version]);
    if (kept[0]) return { result: JSON.parse(String(kept[0]['result'])) as T, evaluated_at: String(kept[0]['at']), stored: true };
  }
  const started = performance.now();
  const result = await evaluate();
  const at = await keepEvaluation(store, kind, options, version, result, (performance.now() - started) / 1000);
  return { result, evaluated_at: at, stored: false };
}

/**
 * A job's evaluation, or undefined when the data cannot support it (too little history for the
 * split, say): the job's own work stands, and the report asked later says why in its own error.
 */
export async function evaluateIfPossible<T>(evaluate: () => Promise<T>): Promise<T | undefined> {
  try {
    return await evaluate();
  } catch (e) {
    if (e instanceof PatronError) return undefined;
    throw e;
  }
}
