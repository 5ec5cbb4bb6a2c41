import { PatronError } from '../core/index.ts';
import { isoUtc, type Queryable } from '../db/index.ts';
import type { ConfirmResponse } from './confirm-receipt.ts';
import { fromMilli } from './receipt-input.ts';

async function receiptFromRows(db: Queryable, receiptId: string): Promise<ConfirmResponse['receipt']> {
  const r = (
    await db.query<{
      terminal: string; number: string; purchased_at: string; store_code: string; customer_id: string | null; card_number: string | null; tier: { code: string; name: string; earn_rate_bp: number } | null;
      settings_version: number; total_kopecks: number; points_earned: number; points_redeemed: number; redeemed_value_kopecks: number;
    }>(
      `SELECT r.terminal, r.number, ${isoUtc('r.purchased_at')} AS purchased_at, st.code AS store_code, r.customer_id, r.card_number, r.settings_version,
              r.total_kopecks, r.points_earned, r.points_redeemed, r.redeemed_value_kopecks,
              (SELECT t FROM jsonb_array_elements(s.settings->'tiers') AS t WHERE t->>'code' = r.tier_code) AS tier
         FROM receipts r JOIN stores st ON st.id = r.store_id LEFT JOIN program_settings s ON s.version = r.settings_version WHERE r.id = $1`,
      [receiptId],
    )
  ).rows[0]!;
  return {
    id: receiptId,
    terminal: r.terminal,
    number: r.number,
    purchased_at: r.purchased_at,
    status: 'confirmed',
    store_code: r.store_code,
    customer_id: r.customer_id,
    identified_by: r.card_number ? 'card' : null,
    tier: r.tier ? { code: r.tier.code, name: r.tier.name, earn_rate_bp: r.tier.earn_rate_bp } : null,
    settings_version: r.settings_version,
    total_kopecks: r.total_kopecks,
    discount_kopecks: r.redeemed_value_kopecks,
    points_earned: r.points_earned,
    // What the limit was then is not kept for loaded history; at least what was redeemed was redeemable.
    max_redeemable_points: r.points_redeemed,
    points_redeemed: r.points_redeemed,
    redeemed_value_kopecks: r.redeemed_value_kopecks,
    amount_to_pay_kopecks: r.total_kopecks - r.redeemed_value_kopecks,
    lines: await linesFromTable(db, receiptId),
    explanation: [],
  };
}

async function linesFromTable(db: Queryable, receiptId: string): Promise<ConfirmResponse['receipt']['lines']> {
  const rows = (
    await db.query<{ line_no: number; sku: string; name: string | null; qty_milli: number; amount_kopecks: number; non_promotable: boolean; points_earned: number; points_redeemed: number; point_value: number }>(
      `SELECT l.line_no, l.sku, p.name, l.qty_milli, l.amount_kopecks, l.non_promotable, l.points_earned, l.points_redeemed,
              (s.settings->>'point_value_kopecks')::bigint AS point_value
         FROM receipt_lines l JOIN receipts r ON r.id = l.receipt_id LEFT JOIN products p ON p.sku = l.sku
         LEFT JOIN program_settings s ON s.version = r.settings_version
        WHERE l.receipt_id = $1 ORDER BY l.line_no`,
      [receiptId],
    )
  ).rows;
  return rows.map((l) => ({
    line_no: l.line_no,
    sku: l.sku,
    name: l.name ?? l.sku,
    qty: fromMilli(l.qty_milli),
    amount_kopecks: l.amount_kopecks,
    non_promotable: l.non_promotable,
    points_earned: l.points_earned,
    points_redeemed: l.points_redeemed,
    discount_kopecks: l.points_redeemed * (l.point_value ?? 0),
  }));
}

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
  // Receipts loaded from history keep no answer of their own (see historic-receipts.ts).
  const receipt = 'loaded_from_history' in row.response ? await receiptFromRows(db, receiptId) : row.response.receipt;
  return {
    receipt: { ...receipt, status: row.status as 'confirmed' | 'cancelled', cancelled_at: row.cancelled_at, lines: receipt.lines.map((l) => ({ ...l, returned_qty: returned.get(l.line_no) ?? 0 })) },
    returns,
  };
}
