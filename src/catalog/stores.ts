import { PatronError, newId } from '../core/index.ts';
import { isoUtc, isUniqueViolation, type Queryable } from '../db/index.ts';

export interface Store {
  id: string;
  code: string;
  name: string;
  city: string | null;
  format: string | null;
  time_zone: string;
  created_at: string;
}

export interface NewStore {
  code: string;
  name: string;
  city?: string | null | undefined;
  format?: string | null | undefined;
  time_zone: string;
}

const columns = `id, code, name, city, format, time_zone, ${isoUtc('created_at')} AS created_at`;

export async function createStore(pool: Queryable, store: NewStore): Promise<Store> {
  try {
    const result = await pool.query<Store>(
      `INSERT INTO stores (id, code, name, city, format, time_zone) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${columns}`,
      [newId('sto'), store.code, store.name, store.city ?? null, store.format ?? null, store.time_zone],
    );
    return result.rows[0]!;
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new PatronError('already_exists', `A store with code ${store.code} already exists`, { details: { store_code: store.code } });
    }
    throw error;
  }
}

export async function listStores(pool: Queryable, onlyStoreId?: string | null): Promise<Store[]> {
  const result = onlyStoreId
    ? await pool.query<Store>(`SELECT ${columns} FROM stores WHERE id = $1`, [onlyStoreId])
    : await pool.query<Store>(`SELECT ${columns} FROM stores ORDER BY code`);
  return result.rows;
}

// Stores are looked up on every receipt and no route changes or deletes one, so a found store is
// kept for a while; a miss is never cached (the store may be created a moment later).
const storeCacheMs = 30_000;
const storesByRef = new Map<string, { store: Store; until: number }>();

/** A store by its id (`sto_…`) or by the chain's own code. */
export async function findStore(pool: Queryable, ref: string): Promise<Store | null> {
  const cached = storesByRef.get(ref);
  if (cached && cached.until > Date.now()) return cached.store;
  const result = await pool.query<Store>(`SELECT ${columns} FROM stores WHERE id = $1 OR code = $1`, [ref]);
  const store = result.rows[0] ?? null;
  if (store) storesByRef.set(ref, { store, until: Date.now() + storeCacheMs });
  return store;
}

export async function getStore(pool: Queryable, ref: string): Promise<Store> {
  const store = await findStore(pool, ref);
  if (!store) throw new PatronError('not_found', `No store ${ref}`, { details: { store: ref } });
  return store;
}
