import { PatronError } from '../core/index.ts';
import { addCard, blockCard, createCustomer, findCustomer, getCustomer, mergeCustomers, replaceCard, type Customer, type NewCustomer } from '../customers/index.ts';
import { appendOutbox, type PoolClient } from '../db/index.ts';
import { adjustDown, adjustUp, getBalance, getHistory, mergeMemberLedger, openMemberAccounts, type Balance, type HistoryEntry } from '../ledger/index.ts';
import { lotExpiresAt } from '../rules/index.ts';
import { currentSettings } from './program-settings-store.ts';

/** A new member: the customer record, their ledger accounts, and the event, in one transaction. */
export async function registerMember(client: PoolClient, input: NewCustomer, now: Date): Promise<Customer> {
  const { settings } = await currentSettings(client);
  const baseTier = [...settings.tiers].sort((a, b) => a.threshold_kopecks - b.threshold_kopecks)[0]!.code;
  const customer = await createCustomer(client, input, baseTier, now);
  await openMemberAccounts(client, customer.id);
  await appendOutbox(client, 'customer.registered', { customer_id: customer.id, at: now.toISOString(), tier_code: baseTier, registered_store_id: input.registered_store_id ?? null });
  return customer;
}

export interface MemberBalance extends Balance {
  customer_id: string;
  /** Under the inactivity expiry policy: when all points lapse unless the member buys before. */
  expires_by_inactivity_at: string | null;
}

export async function memberBalance(client: PoolClient, ref: string, now: Date): Promise<MemberBalance> {
  const { customer } = await findCustomer(client, ref);
  const balance = await getBalance(client, customer.id, now);
  const { settings } = await currentSettings(client);
  const inactivity =
    settings.expiry.kind === 'inactivity' && customer.last_purchase_at
      ? new Date(Date.parse(customer.last_purchase_at) + settings.expiry.days * 86_400_000).toISOString()
      : null;
  return { customer_id: customer.id, ...balance, expires_by_inactivity_at: inactivity };
}

export async function memberHistory(client: PoolClient, ref: string, options: { limit: number; before?: string }): Promise<{ customer_id: string; entries: HistoryEntry[] }> {
  const { customer } = await findCustomer(client, ref);
  // Members merged into this one: their movements are part of its story.
  const absorbed = (await client.query<{ id: string }>('SELECT id FROM customers WHERE merged_into = $1', [customer.id])).rows.map((r) => r.id);
  return { customer_id: customer.id, entries: await getHistory(client, [customer.id, ...absorbed], options) };
}

export async function mergeMembers(client: PoolClient, fromRef: string, intoRef: string, now: Date): Promise<Customer> {
  const from = (await findCustomer(client, fromRef)).customer;
  const into = (await findCustomer(client, intoRef)).customer;
  if (from.id === into.id) throw new PatronError('validation_failed', 'Both references name the same member');
  await mergeCustomers(client, from.id, into.id, now);
  const moved = await mergeMemberLedger(client, from.id, into.id, now);
  await appendOutbox(client, 'customer.merged', { from: from.id, into: into.id, at: now.toISOString(), moved });
  return getCustomer(client, into.id);
}

/** An operator's correction, with the reason on record. Positive amounts expire as earned points do. */
export async function adjustMemberPoints(client: PoolClient, ref: string, input: { amount: number; comment: string; by: string }, now: Date): Promise<Balance> {
  const { customer } = await findCustomer(client, ref);
  const comment = `${input.comment} (by ${input.by})`;
  if (input.amount > 0) {
    const { settings } = await currentSettings(client);
    const expires = lotExpiresAt(settings.expiry, now.getTime(), 'UTC');
    await adjustUp(client, { customerId: customer.id, amount: input.amount, expiresAt: expires === null ? null : new Date(expires), reference: 'adjustment', comment, now });
  } else {
    await adjustDown(client, { customerId: customer.id, amount: -input.amount, reference: 'adjustment', comment, now });
  }
  await appendOutbox(client, 'customer.points_adjusted', { customer_id: customer.id, amount: input.amount, comment, at: now.toISOString() });
  return getBalance(client, customer.id, now);
}

export async function addMemberCard(client: PoolClient, ref: string, number: string, now: Date): Promise<Customer> {
  const { customer } = await findCustomer(client, ref);
  await addCard(client, customer.id, number, now);
  await appendOutbox(client, 'card.issued', { card: number, customer_id: customer.id, at: now.toISOString() });
  return getCustomer(client, customer.id);
}

export async function blockMemberCard(client: PoolClient, number: string, reason: string, now: Date): Promise<Customer> {
  const customerId = await blockCard(client, number, reason, now);
  await appendOutbox(client, 'card.blocked', { card: number, customer_id: customerId, reason, at: now.toISOString() });
  return getCustomer(client, customerId);
}

export async function replaceMemberCard(client: PoolClient, oldNumber: string, newNumber: string, now: Date): Promise<Customer> {
  const customerId = await replaceCard(client, oldNumber, newNumber, now);
  await appendOutbox(client, 'card.replaced', { card: oldNumber, new_card: newNumber, customer_id: customerId, at: now.toISOString() });
  return getCustomer(client, customerId);
}
