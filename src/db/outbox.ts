import type { Pool, PoolClient, Queryable } from './pool.ts';

/**
 * Appends an event in the caller's transaction: it becomes visible exactly when the change it
 * describes commits, never before and never without it. The read side tails this table.
 */
export async function appendOutbox(client: PoolClient, topic: string, payload: unknown): Promise<void> {
  await client.query('INSERT INTO outbox (topic, payload) VALUES ($1, $2)', [topic, JSON.stringify(payload)]);
}

export interface OutboxEvent {
  id: number;
  /** The writing transaction's id (xid8, as text: it may exceed 2^53). */
  txid: string;
  topic: string;
  payload: Record<string, unknown>;
  created_at: string;
}

/** Where a reader stands: every event at or before (txid, id) was delivered. */
export interface OutboxCursor {
  txid: string;
  id: number;
}

/**
 * The next events after `cursor`, in (txid, id) order, taking only rows whose transaction ended
 * before the snapshot's xmin. Such a transaction can no longer add rows, so nothing can appear
 * later behind the cursor: each event is read exactly once, also when transactions commit out
 * of id order. A transaction that depends on another's data (a return of a receipt) could only
 * get its txid after that one committed, so it comes after it here.
 */
export async function readOutbox(db: Queryable, cursor: OutboxCursor | null, limit: number): Promise<OutboxEvent[]> {
  const { rows } = await db.query<OutboxEvent>(
    `SELECT id, txid::text AS txid, topic, payload, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at
       FROM outbox
      WHERE txid < pg_snapshot_xmin(pg_current_snapshot())
        AND (txid, id) > ($1::xid8, $2::bigint)
      -- Qualified: the bare name would sort by the text alias above ("10000" before "9999").
      ORDER BY outbox.txid, outbox.id
      LIMIT $3`,
    [cursor?.txid ?? '0', cursor?.id ?? 0, limit],
  );
  return rows;
}

/** How far behind a reader at `cursor` is: events not yet read, and the oldest one's age. */
export async function outboxBacklog(pool: Pool, cursor: OutboxCursor | null): Promise<{ events: number; oldest_at: string | null }> {
  const { rows } = await pool.query<{ events: number; oldest_at: string | null }>(
    `SELECT count(*)::bigint AS events, to_char(min(created_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS oldest_at
       FROM outbox WHERE (txid, id) > ($1::xid8, $2::bigint)`,
    [cursor?.txid ?? '0', cursor?.id ?? 0],
  );
  return rows[0]!;
}
