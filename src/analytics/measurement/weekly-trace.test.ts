import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openAnalyticsStore } from '../analytics-store.ts';
import { traceWeeks, weekColumn, weeklyTrace } from './weekly-trace.ts';

const weeks = 12;
const weekCols = traceWeeks(weeks);
// Week k before the anchor holds days 7k … 7k + 6 (k < 0); week k after it days 7(k − 1) + 1 … 7k.
const inWeek = (k: number, o: number) => (k < 0 ? o >= k * 7 && o < (k + 1) * 7 : o > (k - 1) * 7 && o <= k * 7);

async function traced(visits: string): Promise<Record<string, unknown>[]> {
  const store = await openAnalyticsStore(':memory:');
  try {
    const trace = weeklyTrace(weeks);
    return await store.query(
      `WITH visits AS (${visits}),
            per_unit AS (SELECT v.unit, count(*) AS n${trace.sums} FROM ${trace.from} v GROUP BY v.unit)
       SELECT p.unit${trace.counts} FROM per_unit p${trace.check} ORDER BY 1`,
    );
  } finally {
    store.close();
  }
}

test('weekly trace: each unit’s visits counted in its week around the anchor, the anchor day and days beyond left out', async () => {
  // Days relative to the anchor, on each week's edges; unit 3 had no visit (a left join's NULL).
  const days: [number, number | null][] = [[1, -85], [1, -84], [1, -78], [1, -77], [1, -8], [1, -7], [1, -1], [1, 0], [1, 1], [1, 7], [1, 8], [1, 84], [1, 85], [2, 5], [2, 5], [2, 83], [3, null]];
  const rows = await traced(`SELECT * FROM (VALUES ${days.map(([u, o]) => `(${u}, ${o ?? 'NULL'})`).join(', ')}) t(unit, o)`);
  for (const unit of [1, 2, 3]) {
    const row = rows.find((r) => Number(r['unit']) === unit)!;
    for (const k of weekCols) {
      const expected = days.filter(([u, o]) => u === unit && o !== null && inWeek(k, o)).length;
      assert.equal(row[weekColumn(k)], expected, `unit ${unit}, week ${k}`);
    }
  }
  assert.equal(rows[0]!['w_m12'], 2);
  assert.equal(rows[0]!['w_p12'], 1);
});

test('weekly trace: a week past 65,535 visits fails the query rather than spilling into the next', async () => {
  const many = (o: number) => `SELECT 1 AS unit, ${o} AS o FROM range(65536)`;
  await assert.rejects(traced(many(3)), /65,535 receipts in one week/);
  // The last week of a sum: its carry leaves the 64 bits.
  await assert.rejects(traced(many(-60)));
  // One fewer fits.
  const rows = await traced(`SELECT 1 AS unit, 3 AS o FROM range(65535)`);
  assert.equal(rows[0]!['w_p1'], 65535);
});
