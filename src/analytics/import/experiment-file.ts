import { basename } from 'node:path';
import { PatronError } from '../../core/index.ts';
import { withStagedTable, type AnalyticsStore } from '../analytics-store.ts';
import { removeSource } from '../source-rows.ts';
import { sqlIdentifier } from '../sql-quote.ts';
import type { RejectedRow } from './basket-list.ts';
import { recordImport } from './import-registry.ts';

/** The fields of a per-customer experiment file: one row per customer with its arm and outcomes. */
export const experimentFields = ['customer', 'arm', 'visits', 'converted', 'revenue', 'margin', 'pre_revenue'] as const;
export type ExperimentField = (typeof experimentFields)[number];

export interface ExperimentPreset {
  map: Partial<Record<ExperimentField, string>>;
  /** The arm that received nothing. */
  controlArm: string;
}

export const experimentPresets = {
  /** Patron's own layout; money in major units (rubles), the arm that got nothing is "control". */
  experiment: { map: { customer: 'customer', arm: 'arm', visits: 'visits', converted: 'converted', revenue: 'revenue', margin: 'margin', pre_revenue: 'pre_revenue' }, controlArm: 'control' },
  /** Kevin Hillstrom's MineThatData e-mail test (2008): spend and last year's history in dollars. */
  hillstrom: { map: { arm: 'segment', visits: 'visit', converted: 'conversion', revenue: 'spend', pre_revenue: 'history' }, controlArm: 'No E-Mail' },
} as const satisfies Record<string, ExperimentPreset>;

export interface ExperimentImportResult {
  rows: number;
  rejected: RejectedRow[];
  units: number;
  arms: Record<string, number>;
  campaign_id: string;
}


/**
 * Imports an experiment file (UTF-8 CSV at `path`) as a campaign whose id is the import's source.
 * Each row is one customer: imported, or listed with its line and reason. Columns not mapped to
 * a field are kept as the customer's attributes, for breakdowns.
 */
export async function importExperiment(
  store: AnalyticsStore,
  path: string,
  originalName: string,
  source: string,
  preset: ExperimentPreset,
  explicit: Partial<Record<ExperimentField, string>>,
  controlArm: string | undefined,
  described: { file: string; preset: string; encoding: string },
): Promise<ExperimentImportResult> {
  const reader = 'read_csv($1, header = true, all_varchar = true)';
  const columns = (await store.query(`SELECT column_name FROM (DESCRIBE SELECT * FROM ${reader})`, [path])).map((r) => String(r['column_name']));
  const map: Partial<Record<ExperimentField, string>> = { ...preset.map, ...explicit };
  for (const field of experimentFields) {
    if (map[field] && !columns.includes(map[field]!) && !explicit[field] && field !== 'arm') delete map[field];
  }
  if (!map.arm) throw new PatronError('validation_failed', "The file's arm column is not mapped; use --map COLUMN=arm", { issues: [{ path: 'map/arm', message: 'required' }] });
  for (const [field, column] of Object.entries(map)) {
    if (!columns.includes(column)) {
      throw new PatronError('validation_failed', `Column ${column} (for ${field}) is not in the file; its columns are ${columns.join(', ')}`, { issues: [{ path: `map/${field}`, message: 'no such column' }] });
    }
  }
  if (!map.visits && !map.converted && !map.revenue) {
    throw new PatronError('validation_failed', 'Map at least one outcome: visits, converted or revenue', { issues: [{ path: 'map/revenue', message: 'an outcome is required' }] });
  }
  const col = (field: ExperimentField) => (map[field] ? `trim(${sqlIdentifier(map[field]!)})` : 'NULL::VARCHAR');
  const number = (field: ExperimentField) => `TRY_CAST(replace(replace(${col(field)}, ' ', ''), ',', '.') AS DOUBLE)`;
  const given = (field: ExperimentField) => (map[field] ? `${col(field)} IS NOT NULL AND ${col(field)} <> ''` : 'false');
  const badNumber = (field: ExperimentField, what: string) => (map[field] ? `WHEN ${given(field)} AND ${number(field)} IS NULL THEN '${what} is not a number: ' || ${col(field)}` : '');
  const attributes = columns.filter((c) => !Object.values(map).includes(c));

  // Staged, the checked rows are dropped however the import ends, a refused file included.
  const checkedRows = `
     WITH raw AS (SELECT row_number() OVER () + 1 AS line, * FROM ${reader})
     SELECT line, coalesce(nullif(${col('customer')}, ''), 'row:' || (line - 1)) AS unit_id, nullif(${col('arm')}, '') AS arm,
            ${number('visits')} AS visits, lower(${col('converted')}) AS converted_text, ${number('revenue')} AS revenue, ${number('margin')} AS margin,
            ${number('pre_revenue')} AS pre_revenue,
            CASE
              WHEN nullif(${col('arm')}, '') IS NULL THEN 'no arm'
              ${badNumber('visits', 'visits')}
              ${badNumber('revenue', 'revenue')}
              ${badNumber('margin', 'margin')}
              ${badNumber('pre_revenue', 'pre-period revenue')}
              ${map.converted ? `WHEN ${given('converted')} AND lower(${col('converted')}) NOT IN ('0', '1', 'true', 'false', 'yes', 'no') THEN 'converted is not 0/1: ' || ${col('converted')}` : ''}
              WHEN ${number('visits')} < 0 THEN 'negative visits'
              WHEN ${number('revenue')} < 0 THEN 'negative revenue'
            END AS reason,
            ${attributes.length ? `struct_pack(${attributes.map((a, i) => `a${i} := ${sqlIdentifier(a)}`).join(', ')})` : 'NULL'} AS attrs
       FROM raw`;
  return withStagedTable(store, 'experiment_checked', checkedRows, [path], async (checked) => {
    const rejected = (await store.query(`SELECT line, reason, coalesce(arm, '') AS text FROM ${checked} WHERE reason IS NOT NULL ORDER BY line`)).map((r) => ({
      line: Number(r['line']),
      reason: String(r['reason']),
      text: String(r['text']),
    }));
    const duplicate = await store.query(`SELECT unit_id, min(line) AS line, count(*) AS n FROM ${checked} WHERE reason IS NULL GROUP BY 1 HAVING count(*) > 1 LIMIT 1`);
    if (duplicate.length > 0) {
      throw new PatronError('validation_failed', `Customer ${duplicate[0]!['unit_id']} appears ${duplicate[0]!['n']} times (first on line ${duplicate[0]!['line']}); an experiment file has one row per customer`, {
        issues: [{ path: 'map/customer', message: 'customers repeat' }],
      });
    }
    const arms = Object.fromEntries((await store.query(`SELECT arm, count(*) AS n FROM ${checked} WHERE reason IS NULL GROUP BY 1 ORDER BY 1`)).map((r) => [String(r['arm']), Number(r['n'])]));
    const control = controlArm ?? preset.controlArm;
    if (!(control in arms)) {
      throw new PatronError('validation_failed', `No customer is in the control arm "${control}"; the file's arms are ${Object.keys(arms).join(', ')} (name it with --control-arm)`, {
        issues: [{ path: 'control_arm', message: 'not an arm of the file' }],
      });
    }
    if (Object.keys(arms).length < 2) throw new PatronError('validation_failed', 'An experiment needs a treatment arm beside the control', { issues: [{ path: 'map/arm', message: 'one arm only' }] });

    const name = basename(originalName).replace(/\.[^.]+$/, '');
    const rows = Number((await store.query(`SELECT count(*) AS n FROM ${checked}`))[0]!['n']);
    const units = rows - rejected.length;
    await store.transaction(async () => {
      await removeSource(store, source);
      await store.run(
        `INSERT INTO campaigns (campaign_id, code, name, starts_at, ends_at, control_share_bp, source, control_arm)
         SELECT $1, $2, $2, NULL, NULL, round(10000.0 * count(*) FILTER (WHERE arm = $3) / count(*))::INTEGER, $1, $3 FROM ${checked} WHERE reason IS NULL`,
        [source, name, control],
      );
      await store.run(
        `INSERT INTO experiment_units
         SELECT $1, unit_id, arm, visits,
                CASE WHEN converted_text IN ('1', 'true', 'yes') THEN true WHEN converted_text IN ('0', 'false', 'no') THEN false END,
                round(revenue * 100)::BIGINT, round(margin * 100)::BIGINT, round(pre_revenue * 100)::BIGINT, $1
           FROM ${checked} WHERE reason IS NULL`,
        [source],
      );
      for (const [i, attribute] of attributes.entries()) {
        await store.run(`INSERT INTO experiment_unit_attributes SELECT $1, unit_id, $2, attrs.a${i}, $1 FROM ${checked} WHERE reason IS NULL`, [source, attribute]);
      }
      await recordImport(store, source, described, { rows, imported: units, rejected: rejected.length, lines: 0, customers: units });
    }, { alongside: true });
    return { rows, rejected, units, arms, campaign_id: source };
  });
}
