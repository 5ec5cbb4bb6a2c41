import { PatronError } from '../core/index.ts';
import { isoUtc, type Queryable } from '../db/index.ts';
import type { ConfirmResponse } from './confirm-receipt.ts';
import { fromMilli } from './receipt-input.ts';

/** A confirmed receipt as recorded, with what has been returned of each line since. */
export async function receiptDetails(db: Queryable, receiptId: string, storeScope: string | null) {
  const row = (
    await db.query<{ store_id: string; status: string; response: ConfirmResponse; cancelled_at: string | null }>(
      `SELECT store_id, status, response, ${isoUtc('cancelled_at')} AS cancelled_at FROM receipts WHERE id = $1`,
      [receiptId],
    )
  ).rows[0];
  if (!row || (storeScope !== null && storeScope !== row.store_id)) throw new PatronError('not_found', `No receipt ${receiptId}`);
  const returned = new Map(
    (await db.query<{ line_no: number; returned_qty_milli: number }>('SELECT line_no, returned_qty_milli FROM receipt_lines WHERE receipt_id = $1', [receiptId])).rows.map((r) => [
      r.line_no,
      fromMilli(r.returned_qty_milli),
    ]),
  );
  const returns = (
    await db.query<{ id: string; kind: string; amount_kopecks: number; points_clawed_back: number; points_refunded: number; created_at: string }>(
      `SELECT id, kind, amount_kopecks, points_clawed_back, points_refunded, ${isoUtc('created_at')} AS created_at
         FROM receipt_returns WHERE receipt_id = $1 ORDER BY created_at, id`,
      [receiptId],
    )
  ).rows;
  const receipt = row.response.receipt;
  return {
    receipt: { ...receipt, status: row.status as 'confirmed' | 'cancelled', cancelled_at: row.cancelled_at, lines: receipt.lines.map((l) => ({ ...l, returned_qty: returned.get(l.line_no) ?? 0 })) },
    returns,
  };
}
