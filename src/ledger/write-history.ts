import type { PoolClient } from '../db/index.ts';
import { availableAccount, pendingAccount } from './accounts.ts';
import type { LedgerHistoryRows } from './history-book.ts';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * Writes replayed history (MemberHistoryBook) in a handful of statements: the members'
 * accounts with their balances, the transfers with their outbox events, the lots, the lot
 * movements. The caller's transaction makes it all-or-nothing; rows are taken as given, so the
 * caller must hold the history to the ledger's rules (the book does).
 */
export async function writeLedgerHistory(client: PoolClient, rows: LedgerHistoryRows): Promise<void> {
  const { accounts, transfers, lots, movements } = rows;
  if (accounts.length > 0) {
    await client.query(
      `INSERT INTO ledger_accounts (id, kind, customer_id, balance)
       SELECT a.id, a.kind, a.customer_id, a.balance FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::bigint[])
         AS x(p_id, customer_id, p_balance, a_id, a_balance),
         LATERAL (VALUES (x.p_id, 'member_pending', x.customer_id, x.p_balance), (x.a_id, 'member_available', x.customer_id, x.a_balance)) AS a(id, kind, customer_id, balance)
       ON CONFLICT (id) DO UPDATE SET balance = ledger_accounts.balance + excluded.balance`,
      [
        accounts.map((a) => pendingAccount(a.customerId)),
        accounts.map((a) => a.customerId),
        accounts.map((a) => a.pending),
        accounts.map((a) => availableAccount(a.customerId)),
        accounts.map((a) => a.available),
      ],
    );
  }
  if (transfers.length > 0) {
    // Each transfer's outbox event as the live path writes it, with the lot it opens.
    await client.query(
      `WITH t AS (
         INSERT INTO ledger_transfers (id, debit_account_id, credit_account_id, amount, reason, customer_id, reference, comment, created_at)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::text[], $7::text[], $8::text[], $9::timestamptz[])
         RETURNING *),
       l AS (SELECT * FROM unnest($10::text[], $11::text[], $12::timestamptz[], $13::timestamptz[]) AS l(transfer_id, id, available_at, expires_at))
       INSERT INTO outbox (topic, payload, created_at)
       SELECT 'ledger.transfer', json_build_object('id', t.id, 'debit', debit_account_id, 'credit', credit_account_id, 'amount', amount, 'reason', reason,
                'customer_id', customer_id, 'reference', reference, 'at', ${isoText('t.created_at')},
                'lot', CASE WHEN l.id IS NULL THEN NULL ELSE json_build_object('id', l.id, 'available_at', ${isoText('l.available_at')}, 'expires_at', ${isoText('l.expires_at')}) END),
              t.created_at
         FROM t LEFT JOIN l ON l.transfer_id = t.id ORDER BY t.created_at, t.id`,
      [
        transfers.map((t) => t.id),
        transfers.map((t) => t.debit),
        transfers.map((t) => t.credit),
        transfers.map((t) => t.amount),
        transfers.map((t) => t.reason),
        transfers.map((t) => t.customerId),
        transfers.map((t) => t.reference),
        transfers.map((t) => t.comment),
        transfers.map((t) => iso(t.at)),
        lots.map((l) => l.sourceTransferId),
        lots.map((l) => l.id),
        lots.map((l) => iso(l.availableAt)),
        lots.map((l) => iso(l.expiresAt)),
      ],
    );
  }
  if (lots.length > 0) {
    await client.query(
      `INSERT INTO ledger_lots (id, customer_id, source_transfer_id, amount, remaining, available_at, activated_at, expires_at, expired_at, reference, created_at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::bigint[], $6::timestamptz[], $7::timestamptz[], $8::timestamptz[], $9::timestamptz[], $10::text[], $11::timestamptz[])`,
      [
        lots.map((l) => l.id),
        lots.map((l) => l.customerId),
        lots.map((l) => l.sourceTransferId),
        lots.map((l) => l.amount),
        lots.map((l) => l.remaining),
        lots.map((l) => iso(l.availableAt)),
        lots.map((l) => iso(l.activatedAt)),
        lots.map((l) => iso(l.expiresAt)),
        lots.map((l) => iso(l.expiredAt)),
        lots.map((l) => l.reference),
        lots.map((l) => iso(l.createdAt)),
      ],
    );
  }
  if (movements.length > 0) {
    await client.query(
      `WITH m AS (INSERT INTO ledger_lot_movements (transfer_id, lot_id, amount) SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[]) RETURNING *)
       INSERT INTO outbox (topic, payload, created_at)
       SELECT 'ledger.lot_moved', json_build_object('transfer_id', m.transfer_id, 'lot_id', m.lot_id, 'amount', m.amount, 'at', ${isoText('t.created_at')}), t.created_at
         FROM m JOIN ledger_transfers t ON t.id = m.transfer_id ORDER BY t.created_at, m.transfer_id, m.lot_id`,
      [movements.map((m) => m.transferId), movements.map((m) => m.lotId), movements.map((m) => m.amount)],
    );
  }
}

/** A timestamp as the live path's ISO text (UTC, milliseconds, Z). */
function isoText(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}
