import { momentsFromSums, type GroupMoments } from '../../models/index.ts';
import type { AnalyticsStore } from '../analytics-store.ts';

export interface AggregatedGroup {
  /** The grouping values, in the order of `keys`. */
  key: string[];
  moments: GroupMoments;
  /** Whether each variable was known for the group's units (not NULL throughout). */
  known: boolean[];
}

/**
 * One pass of SQL over `relation` (a subquery) grouped by `keys`: the count, Σv and Σvᵢvⱼ of
 * each variable (NULL counted as 0, and flagged unknown when every value is NULL), turned into
 * group moments. Millions of rows stay in DuckDB; only a few numbers per group come back.
 * `crossed` names the pairs whose Σvᵢvⱼ the caller's inference reads (every pair by default):
 * with 30 variables there are 465, and summing all of them was most of the program effect's
 * query. A covariance left out is NaN, so a use of it shows rather than passing for a zero.
 */
export async function aggregateGroups(
  store: AnalyticsStore, relation: string, keys: readonly string[], variables: readonly string[], params: (string | number)[],
  crossed: (a: string, b: string) => boolean = () => true,
): Promise<AggregatedGroup[]> {
  const v = (name: string) => `coalesce("${name}", 0)`;
  const selects: string[] = ['count(*)::DOUBLE AS n'];
  const summed = (i: number, j: number) => crossed(variables[i]!, variables[j]!) || crossed(variables[j]!, variables[i]!);
  variables.forEach((name, i) => {
    selects.push(`sum(${v(name)})::DOUBLE AS s${i}`, `count("${name}")::DOUBLE AS k${i}`);
    for (let j = i; j < variables.length; j++) if (summed(i, j)) selects.push(`sum(${v(name)} * ${v(variables[j]!)})::DOUBLE AS c${i}_${j}`);
  });
  const keyList = keys.map((k, i) => `"${k}"::VARCHAR AS key${i}`);
  const rows = await store.query(
    `SELECT ${[...keyList, ...selects].join(', ')} FROM (${relation}) ${keys.length ? `GROUP BY ${keys.map((_, i) => i + 1).join(', ')} ORDER BY ${keys.map((_, i) => i + 1).join(', ')}` : ''}`,
    params,
  );
  return rows.map((row) => {
    const n = Number(row['n']);
    const sums = variables.map((_, i) => Number(row[`s${i}`]));
    const cross = variables.map((_, i) => variables.map((_, j) => (summed(i, j) ? Number(row[`c${Math.min(i, j)}_${Math.max(i, j)}`]) : Number.NaN)));
    return { key: keys.map((_, i) => String(row[`key${i}`])), moments: momentsFromSums(n, sums, cross), known: variables.map((_, i) => Number(row[`k${i}`]) > 0) };
  });
}
