import { listCampaigns } from '../../campaigns/index.ts';
import { listProductsWithPaths, listStores } from '../../catalog/index.ts';
import { customersForAnalytics } from '../../customers/index.ts';
import { outboxBacklog, readOutbox, type OutboxCursor, type Pool } from '../../db/index.ts';
import { listValue } from '@duckdb/node-api';
import type { AnalyticsStore } from '../analytics-store.ts';
import { removeSource } from '../source-rows.ts';
import { rowsFromEvents } from './event-rows.ts';
import { removeCancelledReceipts } from './cancelled-receipts.ts';
import { refreshRollups } from '../rollups.ts';
import { addLotMovements } from './lot-state.ts';

export interface SyncState {
  cursor: OutboxCursor | null;
  events_applied: number;
  last_event_at: string | null;
  synced_at: string | null;
}

export interface SyncReport {
  events: number;
  topics: Record<string, number>;
  state: SyncState;
}

const batchSize = 5000;

export async function readSyncState(store: AnalyticsStore): Promise<SyncState> {
  const row = (await store.query('SELECT cursor_txid, cursor_id, events_applied, last_event_at::VARCHAR AS last_event_at, synced_at::VARCHAR AS synced_at FROM sync_state'))[0];
  if (!row) return { cursor: null, events_applied: 0, last_event_at: null, synced_at: null };
  return {
    cursor: { txid: String(row['cursor_txid']), id: Number(row['cursor_id']) },
    events_applied: Number(row['events_applied']),
    last_event_at: row['last_event_at'] as string | null,
    synced_at: row['synced_at'] as string | null,
  };
}

/** Stores, products and campaigns: small tables, copied whole when they changed. */
async function refreshDimensions(pool: Pool, store: AnalyticsStore): Promise<void> {
  const stores = await listStores(pool);
  const products = await listProductsWithPaths(pool);
  const campaigns = await listCampaigns(pool);
  await store.run("DELETE FROM stores WHERE source = 'patron'");
  await store.append('stores', stores.map((s) => ({ store_id: s.id, name: s.name, city: s.city, format: s.format, time_zone: s.time_zone, source: 'patron', code: s.code })));
  await store.run("DELETE FROM products WHERE source = 'patron'");
  await store.append(
    'products',
    products.map((p) => ({ ...p, source: 'patron' })),
  );
  await store.run("DELETE FROM campaigns WHERE source = 'patron'");
  await store.append(
    'campaigns',
    campaigns.map((c) => ({ campaign_id: c.id, code: c.code, name: c.name, starts_at: c.startsAt.toISOString(), ends_at: c.endsAt.toISOString(), control_share_bp: c.controlShareBp, source: 'patron' })),
  );
}

async function dimensionSignature(pool: Pool): Promise<string> {
  const { rows } = await pool.query<{ signature: string }>(
    `SELECT concat_ws('/', (SELECT count(*) FROM stores), (SELECT max(created_at) FROM stores), (SELECT count(*) FROM products), (SELECT max(updated_at) FROM products),
                          (SELECT max(updated_at) FROM product_categories), (SELECT count(*) FROM campaigns)) AS signature`,
  );
  return rows[0]!.signature;
}

/**
 * Applies outbox events to the read side until it has caught up (or `maxBatches` ran). Each
 * batch is one DuckDB transaction holding its rows and the new cursor, so a crash at any point
 * leaves either the whole batch or none of it, and the next run continues from the cursor.
 */
export async function syncOnce(
  pool: Pool,
  store: AnalyticsStore,
  options: { maxBatches?: number; onBatch?: (state: SyncState) => void; dimensions?: { signature: string } } = {},
): Promise<SyncReport> {
  let state = await readSyncState(store);
  const dimensions = options.dimensions ?? { signature: '' };
  const topics: Record<string, number> = {};
  let events = 0;
  for (let batch = 0; batch < (options.maxBatches ?? Infinity); batch++) {
    const found = await readOutbox(pool, state.cursor, batchSize);
    const signature = await dimensionSignature(pool);
    if (found.length === 0 && signature === dimensions.signature) break;
    const rows = rowsFromEvents(found);
    const customers = rows.customers.size > 0 ? await customersForAnalytics(pool, [...rows.customers]) : [];
    const last = found[found.length - 1];
    const now = new Date().toISOString();
    // Applied only if the cursor is still where this batch was read from: a pass that waited its
    // turn behind another (transactions take turns) would otherwise apply the same events twice.
    const applied = await store.transaction(async () => {
      const standing = (await readSyncState(store)).cursor;
      if (standing?.txid !== state.cursor?.txid || standing?.id !== state.cursor?.id) return false;
      if (signature !== dimensions.signature) await refreshDimensions(pool, store);
      for (const [table, list] of rows.rows) await store.append(table, list);
      if (rows.rows.has('receipts')) await store.fillArrivalColumns();
      await removeCancelledReceipts(store, rows.rows.get('receipt_returns') ?? []);
      await addLotMovements(store, rows.rows.get('point_lot_movements') ?? [], rows.rows.get('ledger_movements') ?? []);
      if (customers.length > 0) {
        await store.run(`DELETE FROM customers WHERE source = 'patron' AND customer_id IN (SELECT unnest($1))`, [listValue(customers.map((c) => c.customer_id))]);
        await store.append('customers', customers.map((c) => ({ ...c, source: 'patron' })));
      }
      if (last) {
        await store.run(
          `INSERT OR REPLACE INTO sync_state (singleton, cursor_txid, cursor_id, events_applied, last_event_at, synced_at) VALUES (1, $1, $2, $3, $4::TIMESTAMPTZ, $5::TIMESTAMPTZ)`,
          [last.txid, last.id, state.events_applied + found.length, last.created_at, now],
        );
      }
      return true;
    });
    if (!applied) {
      state = await readSyncState(store);
      continue;
    }
    dimensions.signature = signature;
    if (last) state = { cursor: { txid: last.txid, id: last.id }, events_applied: state.events_applied + found.length, last_event_at: last.created_at, synced_at: now };
    events += found.length;
    for (const [topic, n] of rows.topics) topics[topic] = (topics[topic] ?? 0) + n;
    options.onBatch?.(state);
    // A short batch means caught up; what commits meanwhile is the next call's.
    if (found.length < batchSize) break;
  }
  // The rollups follow the receipts here, one month a pass, so readers rarely wait on them: the
  // newest stale month, today's under live processing (0.15–0.3 s at 5 M receipts). Older months
  // (an import's, a demo's history) catch up a month a pass when idle, unless their importer or a
  // reader got there first: a month of history takes 1–2.5 s, which under load is sync lag.
  await refreshRollups(store, { months: 1 });
  return { events, topics, state };
}

/** Where the sync stands against the outbox: events waiting, and how old the oldest is. */
export async function syncLag(pool: Pool, store: AnalyticsStore): Promise<{ state: SyncState; pending_events: number; lag_seconds: number }> {
  const state = await readSyncState(store);
  const backlog = await outboxBacklog(pool, state.cursor);
  const lag = backlog.oldest_at ? Math.max(0, (Date.now() - Date.parse(backlog.oldest_at)) / 1000) : 0;
  return { state, pending_events: Number(backlog.events), lag_seconds: lag };
}

/**
 * Empties what the sync wrote and reads the whole outbox again: the read side rebuilt from the
 * write side's record of everything that happened. Imported data (other sources) stays.
 */
export async function rebuildReadSide(pool: Pool, store: AnalyticsStore, onBatch?: (state: SyncState) => void): Promise<SyncReport> {
  await store.transaction(async () => {
    await removeSource(store, 'patron');
    for (const table of ['ledger_movements', 'point_lots', 'point_lot_movements', 'tier_changes', 'sync_state']) await store.run(`DELETE FROM ${table}`);
  });
  // The pass refreshes the newest month's rollups; `patron analytics rebuild` refreshes the rest
  // with a progress bar, as `patron analytics sync` does, and any reader refreshes what is left.
  return syncOnce(pool, store, onBatch ? { onBatch } : {});
}
