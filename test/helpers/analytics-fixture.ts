import { addLotMovements, type AnalyticsStore } from '../../src/analytics/index.ts';

/**
 * A chain small enough to compute every report by hand. Moscow is UTC+3, Novosibirsk UTC+7;
 * 2026-03-02 is a Monday. Apple costs 60 of 100 ₽, milk 40 of 50 ₽, wine 300 of 500 ₽.
 * r0 (February) falls before the fixture's usual period of 1–14 March.
 */
export async function loadAnalyticsFixture(store: AnalyticsStore): Promise<void> {
  const src = { source: 'test' };
  await store.append('stores', [
    { store_id: 'sto_1', code: 'S1', name: 'Moscow', city: 'Moscow', format: 'supermarket', time_zone: 'Europe/Moscow', ...src },
    { store_id: 'sto_2', code: 'S2', name: 'Novosibirsk', city: 'Novosibirsk', format: 'convenience', time_zone: 'Asia/Novosibirsk', ...src },
  ]);
  await store.append('products', [
    { sku: 'A', name: 'Apple', category_code: 'fruit', category_path: ['food', 'fruit'], brand: 'B1', price_kopecks: 10_000, cost_kopecks: 6000, non_promotable: false, ...src },
    { sku: 'M', name: 'Milk', category_code: 'dairy', category_path: ['food', 'dairy'], brand: 'B2', price_kopecks: 5000, cost_kopecks: 4000, non_promotable: false, ...src },
    { sku: 'W', name: 'Wine', category_code: 'wine', category_path: ['alcohol', 'wine'], brand: 'B3', price_kopecks: 50_000, cost_kopecks: 30_000, non_promotable: true, ...src },
  ]);
  await store.append('customers', [
    { customer_id: 'c1', registered_at: '2026-03-02T06:00:00Z', birth_date: '1990-06-15', gender: 'female', tier_code: 'base', ...src },
    { customer_id: 'c2', registered_at: '2026-03-10T08:00:00Z', birth_date: '2000-03-31', gender: 'male', tier_code: 'silver', ...src },
    { customer_id: 'c3', registered_at: '2026-03-11T08:00:00Z', tier_code: 'base', merged_into: 'c1', ...src },
  ]);
  const receipt = (id: string, store_id: string, customer_id: string | null, ts: string, total: number, earned = 0, redeemed = 0) => ({
    receipt_id: id, store_id, customer_id, ts, total_kopecks: total, discount_kopecks: 0, points_earned: earned, points_redeemed: redeemed, ...src,
  });
  const receipts = [
    receipt('r0', 'sto_1', 'c2', '2026-02-20T10:00:00Z', 20_000, 600),
    receipt('r1', 'sto_1', 'c1', '2026-03-02T07:00:00Z', 25_000, 750),
    receipt('r2', 'sto_1', null, '2026-03-03T18:30:00Z', 50_000),
    receipt('r3', 'sto_2', 'c2', '2026-03-04T20:00:00Z', 15_000, 450),
    receipt('r4', 'sto_1', 'c1', '2026-03-10T09:00:00Z', 100_000, 3000, 500),
    receipt('r5', 'sto_2', null, '2026-03-12T05:00:00Z', 5000),
  ];
  await store.append('receipts', receipts);
  // A line carries its receipt's time, store and customer, as the sync and imports write them.
  const line = (receipt_id: string, line_no: number, sku: string, qty: number, amount: number) => {
    const r = receipts.find((x) => x.receipt_id === receipt_id)!;
    return { receipt_id, line_no, sku, qty, price_kopecks: null, amount_kopecks: amount, discount_kopecks: 0, ts: r.ts, store_id: r.store_id, customer_id: r.customer_id, first_line: line_no === 1 };
  };
  await store.append('receipt_lines', [
    line('r0', 1, 'A', 2, 20_000),
    line('r1', 1, 'A', 2, 20_000), line('r1', 2, 'M', 1, 5000),
    line('r2', 1, 'W', 1, 50_000),
    line('r3', 1, 'M', 2, 10_000), line('r3', 2, 'A', 0.5, 5000),
    line('r4', 1, 'W', 2, 100_000),
    line('r5', 1, 'M', 1, 5000),
  ]);
  const move = (id: string, customer: string, reason: string, debit: string, credit: string, amount: number, ts: string) => ({
    transfer_id: id, customer_id: customer, reason, debit_account: debit, credit_account: credit, amount, reference: null, ts,
  });
  await store.append('ledger_movements', [
    move('t0', 'c2', 'earn', 'sys_issuance', 'pending:c2', 600, '2026-02-20T10:00:00Z'),
    move('t1', 'c1', 'earn', 'sys_issuance', 'pending:c1', 750, '2026-03-02T07:00:00Z'),
    move('t2', 'c1', 'activate', 'pending:c1', 'available:c1', 750, '2026-03-10T00:00:00Z'),
    move('t3', 'c1', 'redeem', 'available:c1', 'sys_redemption', 500, '2026-03-10T09:00:00Z'),
    move('t4', 'c1', 'expire', 'available:c1', 'sys_breakage', 100, '2026-03-12T00:00:00Z'),
  ]);
  await store.append('tier_changes', [{ customer_id: 'c2', from_tier: 'base', to_tier: 'silver', ts: '2026-03-05T00:00:00Z' }]);
  // Lots (what points expire when) and what later transfers took from them. c3 was merged into c1.
  const lot = (lot_id: string, customer_id: string, amount: number, created_at: string, expires_at: string) => ({ lot_id, customer_id, transfer_id: `t-${lot_id}`, amount, available_at: created_at, expires_at, created_at });
  await store.append('point_lots', [
    lot('L1', 'c1', 500, '2026-03-02T07:00:00Z', '2026-04-10T00:00:00Z'),
    lot('L2', 'c1', 300, '2026-03-05T07:00:00Z', '2026-05-20T00:00:00Z'),
    lot('L3', 'c2', 200, '2026-03-01T07:00:00Z', '2026-03-12T00:00:00Z'),
    lot('L4', 'c3', 100, '2026-03-03T07:00:00Z', '2026-06-25T00:00:00Z'),
  ]);
  const movements = [
    { transfer_id: 't3', lot_id: 'L1', amount: -200, ts: '2026-03-08T09:00:00Z' },
    { transfer_id: 't9', lot_id: 'L2', amount: -300, ts: '2026-03-20T09:00:00Z' },
  ];
  await store.append('point_lot_movements', movements);
  // As the sync does: the lots carry what the movements did to them.
  await addLotMovements(store, movements);
  // As the sync and imports do: each receipt's local time, once.
  await store.fillArrivalColumns();
}
