import type { PoolClient } from './pool.ts';

/**
 * Appends an event in the caller's transaction: it becomes visible exactly when the change it
 * describes commits, never before and never without it. The read side tails this table.
 */
export async function appendOutbox(client: PoolClient, topic: string, payload: unknown): Promise<void> {
  await client.query('INSERT INTO outbox (topic, payload) VALUES ($1, $2)', [topic, JSON.stringify(payload)]);
}
