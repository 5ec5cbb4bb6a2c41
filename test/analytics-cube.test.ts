import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openAnalyticsStore, runCube, runReport, type AnalyticsStore } from '../src/analytics/index.ts';
import { PatronError } from '../src/core/index.ts';
import { loadAnalyticsFixture } from './helpers/analytics-fixture.ts';

let store: AnalyticsStore;
before(async () => {
  store = await openAnalyticsStore(':memory:');
  await store.migrate();
  await loadAnalyticsFixture(store);
});
after(() => store.close());
const period = { from: '2026-03-01', to: '2026-03-14' };

test('measures by two dimensions, as a long table', async () => {
  const { rows } = await runCube(store, { ...period, measures: ['revenue_kopecks', 'receipts', 'margin_kopecks'], dimensions: ['department', 'member'] });
  assert.deepEqual(rows, [
    { department: 'alcohol', member: 'no', revenue_kopecks: 50_000, receipts: 1, margin_kopecks: 20_000 },
    { department: 'alcohol', member: 'yes', revenue_kopecks: 100_000, receipts: 1, margin_kopecks: 40_000 },
    { department: 'food', member: 'no', revenue_kopecks: 5000, receipts: 1, margin_kopecks: 1000 },
    { department: 'food', member: 'yes', revenue_kopecks: 40_000, receipts: 2, margin_kopecks: 13_000 },
  ]);
});

test('filters, local-time dimensions and customer dimensions', async () => {
  const byWeek = await runCube(store, { ...period, measures: ['average_check_kopecks', 'customers'], dimensions: ['week'], filters: { store: ['S1'] } });
  assert.deepEqual(byWeek.rows, [{ week: '2026-03-02', average_check_kopecks: 37_500, customers: 1 }, { week: '2026-03-09', average_check_kopecks: 100_000, customers: 1 }]);
  // r3 was bought at 03:00 on 5 March in Novosibirsk (20:00 UTC on the 4th).
  assert.deepEqual((await runCube(store, { ...period, measures: ['receipts'], dimensions: ['day', 'hour'], filters: { store: ['S2'] } })).rows, [
    { day: '2026-03-05', hour: '03', receipts: 1 },
    { day: '2026-03-12', hour: '12', receipts: 1 },
  ]);
  assert.deepEqual((await runCube(store, { ...period, measures: ['revenue_kopecks'], dimensions: ['age_band', 'gender', 'tier'] })).rows, [
    { age_band: '25–34', gender: 'male', tier: 'silver', revenue_kopecks: 15_000 },
    { age_band: '35–44', gender: 'female', tier: 'base', revenue_kopecks: 125_000 },
    { age_band: '—', gender: '—', tier: '—', revenue_kopecks: 55_000 },
  ]);
  assert.deepEqual((await runCube(store, { ...period, measures: ['items', 'points_earned'], dimensions: [] })).rows, [{ items: 9.5, points_earned: 0 }]);
});

test('pivots summed first by hour or day, store, member and product equal those summed line by line', async () => {
  // A filter on every RFM segment there is keeps every line but, not being a raw key, makes the
  // cube sum line by line (see cube.ts): the same pivot both ways.
  const segments = (await runCube(store, { ...period, measures: ['receipts'], dimensions: ['rfm_segment'] })).rows.map((r) => String(r['rfm_segment']));
  const summable = ['revenue_kopecks', 'margin_kopecks', 'items', 'points_earned', 'points_redeemed'];
  const cases: { dimensions: string[]; measures: string[]; filters?: Record<string, string[]> }[] = [
    ...['day', 'week', 'month', 'quarter', 'year', 'weekday', 'hour', 'store', 'city', 'format', 'member'].map((d) => ({ dimensions: [d], measures: [...summable, 'receipts', 'average_check_kopecks', 'customers'] })),
    ...['department', 'category', 'brand', 'sku'].map((d) => ({ dimensions: [d, 'member'], measures: [...summable, 'customers'] })),
    { dimensions: ['day', 'hour', 'city'], measures: ['receipts', 'revenue_kopecks'], filters: { member: ['yes'] } },
    { dimensions: ['weekday'], measures: ['items', 'margin_kopecks'], filters: { category: ['wine'], store: ['S1', 'S2'] } },
    { dimensions: [], measures: ['customers', 'receipts'] },
  ];
  let nonEmpty = 0;
  for (const q of cases) {
    const summed = await runCube(store, { ...period, ...q });
    const byLine = await runCube(store, { ...period, ...q, filters: { ...q.filters, rfm_segment: segments } });
    assert.deepEqual(summed.rows, byLine.rows, JSON.stringify(q));
    if (summed.rows.some((r) => Number(r[q.measures[0]!]) !== 0)) nonEmpty++;
  }
  assert.equal(nonEmpty, cases.length, 'a pivot came out empty: the comparison proved nothing');
});

test('members are counted distinct over every line of the pivot’s receipts', async () => {
  // Counted over first lines by the cube; here over every line, by store and member.
  const expected = await store.query(
    `SELECT s.code AS store, CASE WHEN l.customer_id IS NULL THEN 'no' ELSE 'yes' END AS member, count(DISTINCT l.customer_id)::BIGINT AS customers, count(DISTINCT l.receipt_key)::BIGINT AS receipts
       FROM receipt_lines l JOIN stores s USING (store_id) WHERE l.local_ts >= DATE '2026-03-01' AND l.local_ts < DATE '2026-03-15' GROUP BY 1, 2 ORDER BY 1, 2`,
  );
  const { rows } = await runCube(store, { ...period, measures: ['customers', 'receipts'], dimensions: ['store', 'member'] });
  assert.deepEqual(rows, expected);
  assert.ok(rows.some((r) => Number(r['customers']) > 0));
});

test('unknown measures and dimensions are refused by name, values never reach SQL as text', async () => {
  for (const q of [{ measures: ['profit'], dimensions: [] }, { measures: ['receipts'], dimensions: ['store; DROP TABLE receipts'] }, { measures: [], dimensions: [] }]) {
    await assert.rejects(runCube(store, { ...period, ...q }), (e: unknown) => e instanceof PatronError && e.code === 'validation_failed');
  }
  const hostile = await runCube(store, { ...period, measures: ['receipts'], dimensions: [], filters: { store: ["S1' OR '1'='1"] } });
  assert.deepEqual(hostile.rows, [{ receipts: 0 }]);
  assert.equal((await store.query('SELECT count(*)::INTEGER AS n FROM receipts'))[0]!['n'], 6);
});

test('RFM segment and campaign group dimensions', async () => {
  // The segment is the member's as segments.rfm defines it at the period's end.
  const { rows: segments } = await runReport(store, 'segments.rfm', period);
  const cube = await runCube(store, { ...period, measures: ['customers'], dimensions: ['rfm_segment'] });
  assert.deepEqual(
    cube.rows.filter((r) => r['rfm_segment'] !== '—').map((r) => [r['rfm_segment'], r['customers']]),
    segments.map((s) => [s['segment'], s['customers']]).sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
  );
  // c1 is treated in K1 and held out in K2, c2 held out in K1: each campaign group has its own total.
  await store.append('campaigns', [{ campaign_id: 'cmp_1', code: 'K1', name: 'K1', source: 'test' }, { campaign_id: 'cmp_2', code: 'K2', name: 'K2', source: 'test' }]);
  await store.append('campaign_assignments', [
    { campaign_id: 'cmp_1', customer_id: 'c1', group_name: 'treatment', assigned_at: '2026-03-01T00:00:00Z', source: 'test' },
    { campaign_id: 'cmp_1', customer_id: 'c2', group_name: 'control', assigned_at: '2026-03-01T00:00:00Z', source: 'test' },
    { campaign_id: 'cmp_2', customer_id: 'c1', group_name: 'control', assigned_at: '2026-03-01T00:00:00Z', source: 'test' },
  ]);
  try {
    assert.deepEqual((await runCube(store, { ...period, measures: ['revenue_kopecks'], dimensions: ['campaign_group'] })).rows, [
      { campaign_group: 'K1:control', revenue_kopecks: 15_000 },
      { campaign_group: 'K1:treatment', revenue_kopecks: 125_000 },
      { campaign_group: 'K2:control', revenue_kopecks: 125_000 },
      { campaign_group: '—', revenue_kopecks: 55_000 },
    ]);
    // Without the dimension nothing fans out.
    assert.deepEqual((await runCube(store, { ...period, measures: ['revenue_kopecks'], dimensions: [] })).rows, [{ revenue_kopecks: 195_000 }]);
  } finally {
    await store.run("DELETE FROM campaign_assignments WHERE source = 'test'");
    await store.run("DELETE FROM campaigns WHERE source = 'test'");
  }
});
