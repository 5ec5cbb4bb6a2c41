import { findCustomer } from '../customers/index.ts';
import { appendOutbox, type PoolClient } from '../db/index.ts';
import { balanceSummaryOf, captureHold, createHold, voidHold, type BalanceSummary, type Hold } from '../ledger/index.ts';
import { currentSettings } from './program-settings-store.ts';

/** Points reserved for an e-shop order until it is paid or abandoned; the TTL is a program setting. */
export async function holdMemberPoints(
  client: PoolClient,
  input: { customer: string; amount: number; order_reference?: string | undefined },
  now: Date,
): Promise<{ hold: Hold; balance: BalanceSummary | null }> {
  const { customer } = await findCustomer(client, input.customer, { requireActiveCard: true });
  const { settings } = await currentSettings(client);
  const hold = await createHold(client, { customerId: customer.id, amount: input.amount, ttlMinutes: settings.hold_ttl_minutes, reference: input.order_reference ?? null, now });
  await appendOutbox(client, 'hold.created', { hold_id: hold.id, customer_id: customer.id, amount: hold.amount, at: now.toISOString() });
  return { hold, balance: await balanceSummaryOf(client, customer.id, now) };
}

export async function captureMemberHold(client: PoolClient, holdId: string, amount: number | undefined, now: Date) {
  const { hold } = await captureHold(client, holdId, { amount, reference: holdId, now });
  await appendOutbox(client, 'hold.captured', { hold_id: hold.id, customer_id: hold.customer_id, amount: hold.captured_amount, at: now.toISOString() });
  return { hold, balance: await balanceSummaryOf(client, hold.customer_id, now) };
}

export async function voidMemberHold(client: PoolClient, holdId: string, now: Date) {
  const hold = await voidHold(client, holdId, now);
  await appendOutbox(client, 'hold.voided', { hold_id: hold.id, customer_id: hold.customer_id, at: now.toISOString() });
  return { hold, balance: await balanceSummaryOf(client, hold.customer_id, now) };
}

