import type { PoolClient } from '../db/index.ts';

/**
 * Checks the ledger's invariants over the whole database and returns every violation found
 * (an empty list means the books balance). The tests run it after every random sequence of
 * operations; an accountant can run it with `patron ledger verify`.
 */
export async function verifyLedger(client: PoolClient): Promise<string[]> {
  const problems: string[] = [];
  const check = async (sql: string, describe: (row: Record<string, unknown>) => string) => {
    for (const row of (await client.query(sql)).rows) problems.push(describe(row));
  };

  await check(
    `WITH moves AS (
       SELECT credit_account_id AS account_id, amount FROM ledger_transfers
       UNION ALL SELECT debit_account_id, -amount FROM ledger_transfers)
     SELECT a.id, a.balance, coalesce(sum(m.amount), 0)::bigint AS derived
       FROM ledger_accounts a LEFT JOIN moves m ON m.account_id = a.id
      WHERE a.customer_id IS NOT NULL
      GROUP BY a.id, a.balance HAVING a.balance <> coalesce(sum(m.amount), 0)`,
    (r) => `account ${r.id}: cached balance ${r.balance} but transfers sum to ${r.derived}`,
  );
  await check(
    `SELECT l.id, l.amount, l.remaining, coalesce(sum(m.amount), 0)::bigint AS moved
       FROM ledger_lots l LEFT JOIN ledger_lot_movements m ON m.lot_id = l.id
      GROUP BY l.id HAVING l.remaining <> l.amount + coalesce(sum(m.amount), 0)`,
    (r) => `lot ${r.id}: remaining ${r.remaining} but amount ${r.amount} and movements ${r.moved}`,
  );
  await check(
    `SELECT a.customer_id, a.balance, coalesce(sum(l.remaining), 0)::bigint AS lots
       FROM ledger_accounts a
       LEFT JOIN ledger_lots l ON l.customer_id = a.customer_id AND l.activated_at IS NULL AND l.remaining > 0
      WHERE a.kind = 'member_pending'
      GROUP BY a.customer_id, a.balance HAVING a.balance <> coalesce(sum(l.remaining), 0)`,
    (r) => `member ${r.customer_id}: pending balance ${r.balance} but pending lots hold ${r.lots}`,
  );
  await check(
    `SELECT a.customer_id, a.balance, coalesce(sum(l.remaining), 0)::bigint AS lots
       FROM ledger_accounts a
       LEFT JOIN ledger_lots l ON l.customer_id = a.customer_id AND l.activated_at IS NOT NULL AND l.remaining > 0
      WHERE a.kind = 'member_available'
      GROUP BY a.customer_id, a.balance HAVING greatest(a.balance, 0) <> coalesce(sum(l.remaining), 0)`,
    (r) => `member ${r.customer_id}: available balance ${r.balance} but spendable lots hold ${r.lots}`,
  );
  await check(
    `WITH totals AS (
       SELECT (SELECT coalesce(sum(balance), 0) FROM ledger_accounts WHERE customer_id IS NOT NULL) AS members,
              (SELECT coalesce(sum(CASE WHEN a.customer_id IS NULL THEN
                  (SELECT coalesce(sum(amount), 0) FROM ledger_transfers WHERE credit_account_id = a.id)
                - (SELECT coalesce(sum(amount), 0) FROM ledger_transfers WHERE debit_account_id = a.id) END), 0)
                 FROM ledger_accounts a) AS system)
     SELECT members, system FROM totals WHERE members + system <> 0`,
    (r) => `liability: members hold ${r.members} but the system accounts say ${-Number(r.system)}`,
  );
  await check(
    `SELECT t.id, t.debit_account_id, t.credit_account_id FROM ledger_transfers t
      WHERE NOT EXISTS (SELECT 1 FROM ledger_accounts a WHERE a.id = t.debit_account_id)
         OR NOT EXISTS (SELECT 1 FROM ledger_accounts a WHERE a.id = t.credit_account_id)`,
    (r) => `transfer ${r.id} names an account that does not exist (${r.debit_account_id} → ${r.credit_account_id})`,
  );
  await check(
    `SELECT id, amount FROM ledger_transfers WHERE amount <= 0 OR debit_account_id = credit_account_id`,
    (r) => `transfer ${r.id} is not a positive movement between two accounts`,
  );
  return problems;
}
