import { createApiKey } from '../../src/api/index.ts';
import { createStore, upsertCategories, upsertProducts, type Store } from '../../src/catalog/index.ts';
import { withTransaction } from '../../src/db/index.ts';
import type { TestApp } from './test-app.ts';

/**
 * A small chain to drive the protocol with: two stores, a catalog with a non-promotable
 * tobacco category, and API keys for the chain and for store A.
 */
export interface RetailFixture {
  storeA: Store;
  storeB: Store;
  chainKey: string;
  keyA: string;
  keyB: string;
}

export async function createRetailFixture(t: TestApp): Promise<RetailFixture> {
  const storeA = await createStore(t.db.pool, { code: 'A-001', name: 'Тверская', time_zone: 'Europe/Moscow' });
  const storeB = await createStore(t.db.pool, { code: 'B-002', name: 'Невский', time_zone: 'Europe/Moscow' });
  await withTransaction(t.db.pool, async (client) => {
    await upsertCategories(client, [
      { code: 'food', name: 'Продукты' },
      { code: 'dairy', parent_code: 'food', name: 'Молочные' },
      { code: 'tobacco', name: 'Табак', non_promotable: true },
    ]);
    await upsertProducts(client, [
      { sku: 'MILK', name: 'Молоко 3,2%', category_code: 'dairy', price_kopecks: 8990, cost_kopecks: 6500 },
      { sku: 'CHEESE', name: 'Сыр Российский, кг', category_code: 'dairy', price_kopecks: 79900, cost_kopecks: 52000 },
      { sku: 'BREAD', name: 'Хлеб Бородинский', category_code: 'food', price_kopecks: 5990, cost_kopecks: 3100 },
      { sku: 'CIGS', name: 'Сигареты', category_code: 'tobacco', price_kopecks: 22000, cost_kopecks: 19000 },
    ]);
  });
  const key = async (store: Store | null) => (await createApiKey(t.db.pool, { name: 'till', storeId: store?.id ?? null, createdBy: null })).token;
  return { storeA, storeB, chainKey: await key(null), keyA: await key(storeA), keyB: await key(storeB) };
}

let sequence = 0;
export function nextKey(): string {
  return `test-${process.pid}-${++sequence}`;
}

export function headers(token: string, idempotencyKey?: string): Record<string, string> {
  return { authorization: `Bearer ${token}`, ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) };
}
