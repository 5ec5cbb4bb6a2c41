import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { compareMechanics, cubeMeasures, openAnalyticsStore, reportCatalog, runCube, runReport, type AnalyticsStore } from '../src/analytics/index.ts';
import { removeCancelledReceipts } from '../src/analytics/sync/cancelled-receipts.ts';
import { resolvePeriod } from '../src/analytics/reports/report-sql.ts';
import { loadAnalyticsFixture } from './helpers/analytics-fixture.ts';

// The fixture's chain: see test/helpers/analytics-fixture.ts.
let store: AnalyticsStore;
const period = { from: '2026-03-01', to: '2026-03-14' };

before(async () => {
  store = await openAnalyticsStore(':memory:');
  await store.migrate();
  await loadAnalyticsFixture(store);
});
after(() => store.close());

/** Runs a report over the fixture's period (for reports that take one). */
const run = async (id: string, params: Record<string, string> = {}) => {
  const takesPeriod = reportCatalog.find((r) => r.id === id)!.params.some((p) => p.name === 'from');
  return (await runReport(store, id, { ...(takesPeriod ? period : {}), ...params })).rows;
};

test('every report in the catalog states its definition in both languages and runs', async () => {
  assert.ok(reportCatalog.length >= 34);
  for (const r of reportCatalog) {
    for (const text of [r.title.ru, r.title.en, r.description.ru, r.description.en]) assert.ok(text.length > 10, `${r.id} lacks a title or description`);
    assert.ok(r.columns.some((c) => c.name === r.chart.x) && r.columns.some((c) => c.name === r.chart.y), `${r.id}: chart axes are columns`);
    // The customer models and the measurement need more customers than this fixture has:
    // test/models-*.test.ts and test/measurement-*.test.ts run them.
    if (r.group === 'models' || r.group === 'measurement') continue;
    const sample: Record<string, Record<string, string>> = { 'basket.association-rules': { min_confidence: '0.5' }, 'basket.bought-together': { sku: 'M' } };
    const rows = await run(r.id, sample[r.id] ?? {});
    assert.ok(rows.length > 0, `${r.id} is empty on the fixture`);
    for (const row of rows) for (const c of r.columns) assert.ok(c.name in row, `${r.id}: column ${c.name} missing`);
  }
});

test('a cancelled receipt changes no report and no pivot: a voided sale is no sale', async () => {
  const voided = await openAnalyticsStore(':memory:');
  await voided.migrate();
  await loadAnalyticsFixture(voided);
  // c2's wine and apples in Moscow on 6 March, voided at the till an hour later: the sync appends
  // the receipt and, when the cancellation arrives, applies it as it does here.
  const at = '2026-03-06T12:00:00Z';
  await voided.append('receipts', [{ receipt_id: 'r9', store_id: 'sto_1', customer_id: 'c2', ts: at, total_kopecks: 70_000, discount_kopecks: 0, points_earned: 0, points_redeemed: 0, source: 'test' }]);
  const line = (line_no: number, sku: string, qty: number, amount: number) => ({
    receipt_id: 'r9', line_no, sku, qty, price_kopecks: null, amount_kopecks: amount, discount_kopecks: 0, ts: at, store_id: 'sto_1', customer_id: 'c2', first_line: line_no === 1,
  });
  await voided.append('receipt_lines', [line(1, 'W', 1, 50_000), line(2, 'A', 2, 20_000)]);
  await voided.fillArrivalColumns();
  const cancellation = { return_id: 'x9', receipt_id: 'r9', customer_id: 'c2', ts: '2026-03-06T13:00:00Z', kind: 'cancel', amount_kopecks: 70_000, points_clawed_back: 0, points_refunded: 0, source: 'test' };
  await voided.append('receipt_returns', [cancellation]);
  await removeCancelledReceipts(voided, [cancellation]);
  try {
    const sample: Record<string, Record<string, string>> = { 'basket.association-rules': { min_confidence: '0.5' }, 'basket.bought-together': { sku: 'M' } };
    for (const r of reportCatalog) {
      if (r.group === 'models' || r.group === 'measurement') continue;
      const params = { ...(r.params.some((p) => p.name === 'from') ? period : {}), ...(sample[r.id] ?? {}) };
      assert.deepEqual((await runReport(voided, r.id, params)).rows, (await runReport(store, r.id, params)).rows, r.id);
    }
    const pivot = { ...period, measures: Object.keys(cubeMeasures), dimensions: ['day', 'store', 'member'] };
    assert.deepEqual((await runCube(voided, pivot)).rows, (await runCube(store, pivot)).rows, 'cube');
  } finally {
    voided.close();
  }
});

test('every model report is run by a models test on real or planted data', () => {
  const folder = new URL('.', import.meta.url);
  const text = readdirSync(folder).filter((f) => f.startsWith('models-') && f.endsWith('.test.ts')).map((f) => readFileSync(new URL(f, folder), 'utf8')).join('\n');
  for (const r of reportCatalog.filter((x) => x.group === 'models')) assert.ok(text.includes(`'${r.id}'`), `${r.id} is not run by any test/models-*.test.ts`);
});

test('every measurement report is run by a measurement test on real or planted data', () => {
  const folder = new URL('.', import.meta.url);
  const text = readdirSync(folder).filter((f) => f.startsWith('measurement-') && f.endsWith('.test.ts')).map((f) => readFileSync(new URL(f, folder), 'utf8')).join('\n');
  for (const r of reportCatalog.filter((x) => x.group === 'measurement')) assert.ok(text.includes(`'${r.id}'`), `${r.id} is not run by any test/measurement-*.test.ts`);
});

test('segments.rfm-map puts every member of segments.rfm in one R × F cell of its segment', async () => {
  const segments = await run('segments.rfm');
  const cells = await run('segments.rfm-map');
  for (const seg of segments) {
    const inCells = cells.filter((c) => c['segment'] === seg['segment']).reduce((s, c) => s + Number(c['customers']), 0);
    assert.equal(inCells, seg['customers'], String(seg['segment']));
  }
  // Champions are exactly the cells with R ≥ 4 and F ≥ 4.
  for (const c of cells) assert.equal(c['segment'] === 'champions', Number(c['r']) >= 4 && Number(c['f']) >= 4, `${c['r']}${c['f']}`);
});

test('receipts.average-check', async () => {
  assert.deepEqual(await run('receipts.average-check'), [
    { week: '2026-03-02', receipts: 3, revenue_kopecks: 90_000, average_check_kopecks: 30_000, lines_per_receipt: 1.67, items_per_receipt: 2.33, average_item_price_kopecks: 12_857 },
    { week: '2026-03-09', receipts: 2, revenue_kopecks: 105_000, average_check_kopecks: 52_500, lines_per_receipt: 1, items_per_receipt: 1.5, average_item_price_kopecks: 35_000 },
  ]);
  // Members only: r1, r3 in the first week, r4 in the second.
  assert.deepEqual((await run('receipts.average-check', { buyers: 'members' })).map((r) => r['receipts']), [2, 1]);
});

test('receipts.check-size-bands and receipts.weekday-hour (store-local time)', async () => {
  assert.deepEqual(await run('receipts.check-size-bands'), [
    { band: '< 300 ₽', receipts: 3, receipts_share: 0.6, revenue_kopecks: 45_000, revenue_share: 45_000 / 195_000 },
    { band: '300–700 ₽', receipts: 1, receipts_share: 0.2, revenue_kopecks: 50_000, revenue_share: 50_000 / 195_000 },
    { band: '700–1 500 ₽', receipts: 1, receipts_share: 0.2, revenue_kopecks: 100_000, revenue_share: 100_000 / 195_000 },
  ]);
  assert.deepEqual((await run('receipts.weekday-hour')).map((r) => [r['weekday'], r['hour'], r['receipts']]), [[1, 10, 1], [2, 12, 1], [2, 21, 1], [4, 3, 1], [4, 12, 1]]);
});

test('sales by store, department, category, brand and ABC', async () => {
  assert.deepEqual(await run('sales.by-store'), [
    { key: 'S1', receipts: 3, revenue_kopecks: 175_000, margin_kopecks: 69_000, quantity: 6 },
    { key: 'S2', receipts: 2, revenue_kopecks: 20_000, margin_kopecks: 5000, quantity: 3.5 },
  ]);
  assert.deepEqual((await run('sales.by-department')).map((r) => [r['key'], r['receipts'], r['revenue_kopecks']]), [['alcohol', 2, 150_000], ['food', 3, 45_000]]);
  assert.deepEqual((await run('sales.by-category')).map((r) => [r['key'], r['revenue_kopecks'], r['margin_kopecks']]), [['wine', 150_000, 60_000], ['fruit', 25_000, 10_000], ['dairy', 20_000, 4000]]);
  assert.deepEqual((await run('sales.by-brand')).map((r) => r['key']), ['B3', 'B1', 'B2']);
  assert.deepEqual((await run('sales.abc')).map((r) => [r['sku'], r['class']]), [['W', 'A'], ['A', 'A'], ['M', 'B']]);
  // By quantity: milk 4, wine 3, apples 2.5 of 9.5; apples start at 7 / 9.5 = 0.74, still A.
  assert.deepEqual((await run('sales.abc', { measure: 'quantity' })).map((r) => [r['sku'], r['value'], r['class']]), [['M', 4, 'A'], ['W', 3, 'A'], ['A', 2.5, 'A']]);
  // By margin (revenue − cost × quantity): wine 150,000 − 30,000 × 3, apples 25,000 − 6,000 × 2.5,
  // milk 20,000 − 4,000 × 4 of 74,000; apples start at 60 / 74 = 0.81 (B), milk at 70 / 74 (B).
  assert.deepEqual((await run('sales.abc', { measure: 'margin' })).map((r) => [r['sku'], r['value'], r['class']]), [['W', 60_000, 'A'], ['A', 10_000, 'B'], ['M', 4000, 'B']]);
});

test('a period holding every receipt reads every line; one that misses a receipt at either end leaves its lines out', async () => {
  const byStore = async (from: string, to: string, on = store) =>
    (await runReport(on, 'sales.by-store', { from, to })).rows.map((r) => [r['key'], r['receipts'], r['revenue_kopecks']]);
  // Longer than the default four weeks, so the receipts' bounds are read: February's r0 is in.
  assert.deepEqual(await byStore('2026-02-01', '2026-03-31'), [['S1', 4, 195_000], ['S2', 2, 20_000]]);
  // From the day after r0, and to the day before r5 (noon of 12 March in Novosibirsk).
  assert.deepEqual(await byStore('2026-02-21', '2026-04-30'), [['S1', 3, 175_000], ['S2', 2, 20_000]]);
  assert.deepEqual(await byStore('2026-02-01', '2026-03-11'), [['S1', 4, 195_000], ['S2', 1, 15_000]]);
  // A receipt without a stored local time leaves the bounds unknown: its lines are still tested,
  // and the last day of data comes from the receipts' instants in their stores' zones.
  const partial = await openAnalyticsStore(':memory:');
  try {
    await partial.migrate();
    await loadAnalyticsFixture(partial);
    await partial.run("UPDATE receipts SET local_ts = NULL WHERE receipt_id = 'r0'");
    assert.deepEqual(await byStore('2026-02-21', '2026-04-30', partial), [['S1', 3, 175_000], ['S2', 2, 20_000]]);
    assert.deepEqual(await resolvePeriod(partial, { from: '2026-02-01', to: '2026-03-31' }), { from: '2026-02-01', until: '2026-04-01', days: 59, whole: false });
    assert.deepEqual(await resolvePeriod(partial, {}), { from: '2026-02-13', until: '2026-03-13', days: 28, whole: false });
  } finally {
    partial.close();
  }
  // By default the four weeks ending with the last local day of data: r5, noon of 12 March in Novosibirsk.
  assert.deepEqual(await resolvePeriod(store, {}), { from: '2026-02-13', until: '2026-03-13', days: 28, whole: false });
  assert.deepEqual(await resolvePeriod(store, { from: '2026-02-01', to: '2026-03-31' }), { from: '2026-02-01', until: '2026-04-01', days: 59, whole: true });
  assert.deepEqual(await resolvePeriod(store, { from: '2026-02-01' }), { from: '2026-02-01', until: '2026-03-13', days: 40, whole: true });
  assert.equal((await resolvePeriod(store, { from: '2026-02-21' })).whole, false);
});

test('program.kpi-summary against the previous period and a year earlier', async () => {
  const rows = Object.fromEntries((await run('program.kpi-summary')).map((r) => [r['metric'], r]));
  assert.deepEqual([rows['receipts']!['value'], rows['receipts']!['previous'], rows['receipts']!['change'], rows['receipts']!['last_year']], [5, 1, 4, 0]);
  assert.equal(rows['revenue_kopecks']!['value'], 195_000);
  assert.equal(rows['average_check_kopecks']!['value'], 39_000);
  assert.equal(rows['customers']!['value'], 2);
  assert.equal(rows['card_receipts_share']!['value'], 0.6);
  assert.equal(rows['card_revenue_share']!['value'], 140_000 / 195_000);
  assert.equal(rows['points_earned']!['value'], 4200);
  assert.equal(rows['points_redeemed']!['value'], 500);
  assert.equal(rows['average_check_kopecks']!['last_year'], null);
});

test('program.points-flow with the liability carried from before the period', async () => {
  assert.deepEqual(await run('program.points-flow'), [{ month: '2026-03-01', earned: 750, activated: 750, redeemed: 500, expired: 100, reversed: 0, adjusted: 0, liability: 750 }]);
});

test('program.tier-distribution, customers.registrations and customers.demographics', async () => {
  assert.deepEqual(await run('program.tier-distribution'), [
    { tier: 'base', members: 1, share: 0.5, moved_in: 0, moved_out: 1 },
    { tier: 'silver', members: 1, share: 0.5, moved_in: 1, moved_out: 0 },
  ]);
  assert.deepEqual(await run('customers.registrations'), [{ month: '2026-03-01', registered: 3, bought_within_30_days: 1 }]);
  assert.deepEqual(await run('customers.demographics'), [
    { age_band: '25–34', gender: 'male', members: 1, revenue_kopecks: 15_000 },
    { age_band: '35–44', gender: 'female', members: 1, revenue_kopecks: 125_000 },
  ]);
});

test('segments.rfm and cohorts.retention', async () => {
  // c1: last bought 4.6 days before the period's end, 2 receipts; c2: 10.2 days, 2 receipts. Two customers: quintiles 1 and 2.
  assert.deepEqual(await run('segments.rfm'), [{ segment: 'hibernating', customers: 2, share: 1, revenue_kopecks: 160_000, average_recency_days: 7, average_frequency: 2 }]);
  // c2's first receipt was in February, before the period's cohorts.
  assert.deepEqual(await run('cohorts.retention'), [{ cohort: '2026-03-01', month: 0, cohort_size: 1, active: 1, retention: 1, cumulative_revenue_per_member_kopecks: 125_000 }]);
});

test('basket.association-rules on the fixture', async () => {
  // Six baskets from February on: {A} {A,M} {W} {A,M} {W} {M}. {A,M} in 2; A in 3, M in 3: confidence 2/3 both ways, lift (2/3)/(1/2).
  const all = { from: '2026-02-01', to: '2026-03-31' };
  assert.deepEqual(await run('basket.association-rules', { ...all, min_support: '0.3', min_confidence: '0.6' }), [
    { lhs: 'Apple', rhs: 'Milk', baskets: 2, support: 2 / 6, confidence: 2 / 3, lift: 2 / 3 / 0.5 },
    { lhs: 'Milk', rhs: 'Apple', baskets: 2, support: 2 / 6, confidence: 2 / 3, lift: 2 / 3 / 0.5 },
  ]);
  assert.deepEqual(await run('basket.association-rules', { ...all, min_support: '0.34', min_confidence: '0.6' }), []);
  // The period counts: without February's receipt r0 there are five baskets.
  const march = await run('basket.association-rules', { min_support: '0.3', min_confidence: '0.6' });
  assert.ok(march.length > 0 && march.every((r) => r['support'] === Number(r['baskets']) / 5), JSON.stringify(march));
});

test('program.members-vs-non-members and sales.by-period', async () => {
  assert.deepEqual(await run('program.members-vs-non-members'), [
    { buyers: 'members', receipts: 3, revenue_kopecks: 140_000, average_check_kopecks: 46_667, items_per_receipt: 2.67, identified_buyers: 2, receipts_per_buyer: 1.5 },
    { buyers: 'non_members', receipts: 2, revenue_kopecks: 55_000, average_check_kopecks: 27_500, items_per_receipt: 1, identified_buyers: 0, receipts_per_buyer: null },
  ]);
  assert.deepEqual(await run('sales.by-period', { granularity: 'week' }), [
    { period: '2026-03-02', receipts: 3, revenue_kopecks: 90_000, members: 2, card_revenue_kopecks: 40_000 },
    { period: '2026-03-09', receipts: 2, revenue_kopecks: 105_000, members: 1, card_revenue_kopecks: 100_000 },
  ]);
});

test('segments.top-customers and basket.bought-together', async () => {
  assert.deepEqual(await run('segments.top-customers'), [
    { customer_id: 'c1', receipts: 2, revenue_kopecks: 125_000, average_check_kopecks: 62_500, last_purchase: '2026-03-10T09:00:00Z', tier: 'base' },
    { customer_id: 'c2', receipts: 1, revenue_kopecks: 15_000, average_check_kopecks: 15_000, last_purchase: '2026-03-04T20:00:00Z', tier: 'silver' },
  ]);
  // Five baskets in the period; milk in three, apples with it in two; apples in two of five.
  assert.deepEqual(await run('basket.bought-together', { sku: 'M' }), [{ sku: 'A', name: 'Apple', receipts_together: 2, confidence: 2 / 3, lift: 2 / 3 / 0.4 }]);
});

test('customers.flow under two activity windows', async () => {
  // 90 days: c2 (February) is active at the start and stays; c1 is new.
  assert.deepEqual(await run('customers.flow'), [{ month: '2026-03-01', active_at_start: 1, inflow: 1, reactivated: 0, outflow: 0, active_at_end: 2, churn_rate: 0 }]);
  // 7 days: nobody is active at the start; c2 comes back on 4 March; only c1 bought in the last week.
  assert.deepEqual(await run('customers.flow', { window_days: '7' }), [{ month: '2026-03-01', active_at_start: 0, inflow: 1, reactivated: 1, outflow: 0, active_at_end: 1, churn_rate: null }]);
});

test('sales.xyz, sales.abc-xyz and program.card-penetration', async () => {
  // Two whole weeks: apples 2.5 then 0 (CV 1), milk 3 then 1 (CV 0.5), wine 1 then 2 (CV 1/3): all erratic.
  const weeks = { from: '2026-03-02', to: '2026-03-15' };
  assert.deepEqual(
    (await run('sales.xyz', weeks)).map((r) => [r['sku'], r['coefficient_of_variation'], r['class']]),
    [['W', 0.5 / 1.5, 'Z'], ['M', 0.5, 'Z'], ['A', 1, 'Z']],
  );
  assert.deepEqual(await run('sales.abc-xyz', weeks), [
    { abc: 'A', xyz: 'Z', products: 2, revenue_kopecks: 175_000 },
    { abc: 'B', xyz: 'Z', products: 1, revenue_kopecks: 20_000 },
  ]);
  assert.deepEqual(await run('program.card-penetration'), [
    { week: '2026-03-02', receipts: 3, receipts_share: 2 / 3, revenue_share: 40_000 / 90_000 },
    { week: '2026-03-09', receipts: 2, receipts_share: 0.5, revenue_share: 100_000 / 105_000 },
  ]);
});

test('customers.lifecycle at the period’s end', async () => {
  assert.deepEqual(await run('customers.lifecycle'), [{ stage: 'new', members: 2, share: 1 }]);
  // On 1 May: c1 last bought 52 days before, c2 58 days before; with a 55-day window c2 is at risk.
  assert.deepEqual(await run('customers.lifecycle', { from: '2026-04-01', to: '2026-04-30', window_days: '55' }), [
    { stage: 'active', members: 1, share: 0.5 },
    { stage: 'at_risk', members: 1, share: 0.5 },
  ]);
});

test('program.cost: points valued at the point value against members’ revenue', async () => {
  // March: 500 points redeemed, 750 earned, 100 expired; members' receipts r1, r3, r4 = 140,000 kopecks.
  assert.deepEqual(await run('program.cost'), [
    { month: '2026-03', redeemed_value_kopecks: 50_000, earned_value_kopecks: 75_000, breakage_value_kopecks: 10_000, members_revenue_kopecks: 140_000, cost_share: 50_000 / 140_000 },
  ]);
  assert.equal((await run('program.cost', { point_value_kopecks: '50' }))[0]!['redeemed_value_kopecks'], 25_000);
});

test('segments.rfm-transitions between the ends of two periods', async () => {
  // On 1 March only c2 had bought (one customer: quintile 1 on all scores); by 15 March c1 had too.
  assert.deepEqual(await run('segments.rfm-transitions'), [
    { from_segment: 'hibernating', to_segment: 'hibernating', customers: 1 },
    { from_segment: 'none', to_segment: 'hibernating', customers: 1 },
  ]);
});

test('sales.new-products: first sold within the period', async () => {
  // Apples were sold in February already; milk first on 2 March (Moscow), wine on 3 March.
  assert.deepEqual(await run('sales.new-products'), [
    { sku: 'M', name: 'Milk', first_sold: '2026-03-02', receipts: 3, revenue_kopecks: 20_000, buyers: 2, repeat_buyers: 0 },
    { sku: 'W', name: 'Wine', first_sold: '2026-03-03', receipts: 2, revenue_kopecks: 150_000, buyers: 1, repeat_buyers: 0 },
  ]);
});

test('receipts whose local time was never filled read the same, converted on the fly', async () => {
  const bare = await openAnalyticsStore(':memory:');
  try {
    await bare.migrate();
    await loadAnalyticsFixture(bare);
    await bare.run('UPDATE receipts SET local_ts = NULL');
    for (const id of ['receipts.weekday-hour', 'sales.xyz', 'receipts.average-check']) {
      const params = id === 'sales.xyz' ? { from: '2026-03-02', to: '2026-03-15' } : period;
      assert.deepEqual((await runReport(bare, id, params)).rows, (await runReport(store, id, params)).rows, id);
    }
  } finally {
    bare.close();
  }
});

test('segments.frequency, segments.average-check and sales.store-comparison', async () => {
  // c1: two receipts, 125,000 (average 62,500); c2: one, 15,000.
  assert.deepEqual(await run('segments.frequency'), [
    { band: '1', members: 1, share: 0.5, revenue_kopecks: 15_000, revenue_share: 15_000 / 140_000 },
    { band: '2', members: 1, share: 0.5, revenue_kopecks: 125_000, revenue_share: 125_000 / 140_000 },
  ]);
  assert.deepEqual((await run('segments.average-check')).map((r) => [r['band'], r['members']]), [['< 300 ₽', 1], ['300–700 ₽', 1]]);
  // The previous 14 days (15–28 February) hold r0 only: 20,000 in S1.
  assert.deepEqual(await run('sales.store-comparison'), [
    { store: 'S1', revenue_kopecks: 175_000, previous_revenue_kopecks: 20_000, revenue_change: 7.75, receipts: 3, previous_receipts: 1, average_check_kopecks: 58_333, card_receipts_share: 2 / 3 },
    { store: 'S2', revenue_kopecks: 20_000, previous_revenue_kopecks: 0, revenue_change: null, receipts: 2, previous_receipts: 0, average_check_kopecks: 10_000, card_receipts_share: 0.5 },
  ]);
});

test('segments.promo-sensitivity and segments.customer-matrix', async () => {
  // c1 redeemed on one of two receipts (medium); c2 never (none).
  assert.deepEqual(await run('segments.promo-sensitivity'), [
    { sensitivity: 'none', members: 1, average_check_kopecks: 15_000, revenue_kopecks: 15_000 },
    { sensitivity: 'medium', members: 1, average_check_kopecks: 62_500, revenue_kopecks: 125_000 },
  ]);
  // Median of this period's members: 70,000. c1 125,000 (nothing before): a star; c2 15,000 after 20,000: a dog.
  assert.deepEqual(await run('segments.customer-matrix'), [
    { quadrant: 'stars', members: 1, revenue_kopecks: 125_000, previous_revenue_kopecks: 0 },
    { quadrant: 'dogs', members: 1, revenue_kopecks: 15_000, previous_revenue_kopecks: 20_000 },
  ]);
});

test('segments.lifestyle: members clustered by category shares', async () => {
  // c1 spent 80 % on wine, 16 % on fruit, 4 % on dairy; c2 67 % dairy, 33 % fruit. Two clusters: one each.
  assert.deepEqual(await run('segments.lifestyle', { clusters: '2' }), [
    { cluster: 1, members: 1, revenue_kopecks: 125_000, top_categories: 'wine 80%, fruit 16%, dairy 4%' },
    { cluster: 2, members: 1, revenue_kopecks: 15_000, top_categories: 'dairy 67%, fruit 33%' },
  ]);
  assert.deepEqual((await run('segments.lifestyle', { clusters: '2', level: 'department' })).map((r) => r['top_categories']), ['alcohol 80%, food 20%', 'food 100%']);
});

test('program.points-expiring: what is left of lots by expiry, merged members as their survivor', async () => {
  // As of 14 March: L1 has 300 left (200 redeemed on the 8th) and expires 10 April (within 30
  // days); L2 keeps its 300 until the 20th's redemption and expires 20 May (within 90, not 60);
  // L3 expired on the 12th; L4 (c3, merged into c1) expires in June: outstanding only.
  assert.deepEqual(await run('program.points-expiring', { as_of: '2026-03-14' }), [
    { within: '30 days', points: 300, members: 1, value_kopecks: 30_000 },
    { within: '60 days', points: 300, members: 1, value_kopecks: 30_000 },
    { within: '90 days', points: 600, members: 1, value_kopecks: 60_000 },
    { within: 'all outstanding', points: 700, members: 1, value_kopecks: 70_000 },
  ]);
  // A week later L2's 300 were redeemed.
  assert.deepEqual((await run('program.points-expiring', { as_of: '2026-03-21', point_value_kopecks: '50' })).map((r) => [r['within'], r['points'], r['value_kopecks']]), [
    ['30 days', 300, 15_000], ['60 days', 300, 15_000], ['90 days', 300, 15_000], ['all outstanding', 400, 20_000],
  ]);
});

test('the mechanics simulator reads the redemption rate and its delay off the ledger', async () => {
  const m = await compareMechanics(store, {});
  // As of the last movement (12 March) one lot is settled: L2, emptied by t9, which is not a
  // redemption. L1 still holds 300, L3 expires exactly then (not before), L4 is whole.
  assert.equal(m.redemption.rate, 0);
  assert.equal(m.redemption.basis, 'settled lots of the ledger');
  // The one redemption (t3) took 200 points of L1, 6 days 2 hours after the lot was made,
  // whether or not the lot is settled.
  assert.equal(m.redemption.delay_basis, 'ledger');
  assert.ok(Math.abs(m.redemption.mean_delay_months - (6 * 86_400 + 2 * 3600) / (86_400 * 30.44)) < 1e-9, String(m.redemption.mean_delay_months));
  // Given, they are not read.
  const given = await compareMechanics(store, { redemptionRate: 0.5, redemptionDelayMonths: 3 });
  assert.deepEqual([given.redemption.rate, given.redemption.basis, given.redemption.mean_delay_months, given.redemption.delay_basis], [0.5, 'given', 3, 'given']);
});
