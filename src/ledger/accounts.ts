import { PatronError } from '../core/index.ts';
import type { PoolClient } from '../db/index.ts';

/**
 * Each member has two accounts: pending (earned, inside the return window) and available
 * (spendable). Their ids are derived from the customer id, so no lookup is needed to post.
 * System accounts are the counterparties: issuance (points created), redemption (spent),
 * breakage (expired) and adjustment (operators' corrections).
 */
export const systemAccounts = {
  issuance: 'sys_issuance',
  redemption: 'sys_redemption',
  breakage: 'sys_breakage',
  adjustment: 'sys_adjustment',
} as const;

export function pendingAccount(customerId: string): string {
  return `pending:${customerId}`;
}

export function availableAccount(customerId: string): string {
  return `available:${customerId}`;
}

export function isMemberAccount(accountId: string): boolean {
  return !accountId.startsWith('sys_');
}

export async function openMemberAccounts(client: PoolClient, customerId: string): Promise<void> {
  await client.query(
    `INSERT INTO ledger_accounts (id, kind, customer_id) VALUES ($1, 'member_pending', $3), ($2, 'member_available', $3)
     ON CONFLICT DO NOTHING`,
    [pendingAccount(customerId), availableAccount(customerId), customerId],
  );
}

export interface LockedBalances {
  pending: number;
  available: number;
}

/**
 * Locks the members' accounts for the rest of the transaction, always in id order, so that two
 * transactions touching the same members cannot deadlock. Every operation that changes a
 * member's points takes this lock first: it is what makes concurrent redemptions safe.
 */
export async function lockMembers(client: PoolClient, customerIds: string[]): Promise<Map<string, LockedBalances>> {
  const ids = [...new Set(customerIds)].flatMap((c) => [pendingAccount(c), availableAccount(c)]).sort();
  const rows = (
    await client.query<{ id: string; customer_id: string; kind: string; balance: number }>(
      'SELECT id, customer_id, kind, balance FROM ledger_accounts WHERE id = ANY($1) ORDER BY id FOR UPDATE',
      [ids],
    )
  ).rows;
  if (rows.length !== ids.length) throw new PatronError('not_found', 'The member has no ledger accounts');
  const out = new Map<string, LockedBalances>();
  for (const row of rows) {
    const entry = out.get(row.customer_id) ?? { pending: 0, available: 0 };
    if (row.kind === 'member_pending') entry.pending = row.balance;
    else entry.available = row.balance;
    out.set(row.customer_id, entry);
  }
  return out;
}

export async function lockMember(client: PoolClient, customerId: string): Promise<LockedBalances> {
  return (await lockMembers(client, [customerId])).get(customerId)!;
}
