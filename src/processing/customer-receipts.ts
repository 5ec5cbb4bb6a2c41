import { isoUtc, type Queryable } from '../db/index.ts';
import { fromMilli } from './receipt-input.ts';

/** A member's latest receipts with their lines and what was returned of them, newest first. */
export async function customerReceipts(db: Queryable, customerIds: readonly string[], limit: number) {
  const receipts = (
    await db.query<{ id: string; purchased_at: string; store_code: string; status: string; total_kopecks: number; points_earned: number; points_redeemed: number; lines: { line_no: number; sku: string; name: string | null; qty_milli: number; amount_kopecks: number; returned_qty_milli: number }[] }>(
      `SELECT r.id, ${isoUtc('r.purchased_at')} AS purchased_at, s.code AS store_code, r.status, r.total_kopecks, r.points_earned, r.points_redeemed,
              (SELECT json_agg(json_build_object('line_no', l.line_no, 'sku', l.sku, 'name', p.name, 'qty_milli', l.qty_milli, 'amount_kopecks', l.amount_kopecks, 'returned_qty_milli', l.returned_qty_milli) ORDER BY l.line_no)
                 FROM receipt_lines l LEFT JOIN products p ON p.sku = l.sku WHERE l.receipt_id = r.id) AS lines
         FROM receipts r JOIN stores s ON s.id = r.store_id
        WHERE r.customer_id = ANY($1::text[]) ORDER BY r.purchased_at DESC LIMIT $2`,
      [customerIds, limit],
    )
  ).rows;
  return receipts.map((r) => ({
    ...r,
    lines: (r.lines ?? []).map((l) => ({ line_no: l.line_no, sku: l.sku, name: l.name ?? l.sku, qty: fromMilli(l.qty_milli), amount_kopecks: l.amount_kopecks, returned_qty: fromMilli(l.returned_qty_milli) })),
  }));
}
