import { PatronError } from '../core/index.ts';
import { isUniqueViolation, type PoolClient } from '../db/index.ts';

async function lockCard(client: PoolClient, number: string): Promise<{ customer_id: string; status: string }> {
  const card = (await client.query<{ customer_id: string; status: string }>('SELECT customer_id, status FROM cards WHERE number = $1 FOR UPDATE', [number])).rows[0];
  if (!card) throw new PatronError('not_found', `No card ${number}`);
  return card;
}

export async function addCard(client: PoolClient, customerId: string, number: string, now: Date): Promise<void> {
  try {
    await client.query("INSERT INTO cards (number, customer_id, status, issued_at) VALUES ($1, $2, 'active', $3)", [number, customerId, now]);
  } catch (error) {
    if (isUniqueViolation(error)) throw new PatronError('already_exists', `Card ${number} is already issued`);
    throw error;
  }
}

/** A lost or stolen card: it stops identifying the member at once; the balance stays with the member. */
export async function blockCard(client: PoolClient, number: string, reason: string, now: Date): Promise<string> {
  const card = await lockCard(client, number);
  if (card.status !== 'active') throw new PatronError('card_blocked', `Card ${number} is already ${card.status}`);
  await client.query("UPDATE cards SET status = 'blocked', status_changed_at = $2, status_reason = $3 WHERE number = $1", [number, now, reason]);
  return card.customer_id;
}

/** A new card for the same member: the old one is retired, the balance (which is the member's) is untouched. */
export async function replaceCard(client: PoolClient, oldNumber: string, newNumber: string, now: Date): Promise<string> {
  const card = await lockCard(client, oldNumber);
  if (card.status === 'replaced') throw new PatronError('card_blocked', `Card ${oldNumber} was already replaced`);
  await addCard(client, card.customer_id, newNumber, now);
  await client.query("UPDATE cards SET status = 'replaced', status_changed_at = $2, status_reason = 'replaced', replaced_by = $3 WHERE number = $1", [
    oldNumber,
    now,
    newNumber,
  ]);
  return card.customer_id;
}

/** Moves every card of one member to another (for merges). */
export async function moveCards(client: PoolClient, fromId: string, toId: string): Promise<void> {
  await client.query('UPDATE cards SET customer_id = $2 WHERE customer_id = $1', [fromId, toId]);
}
