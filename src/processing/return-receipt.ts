import { PatronError, newId, requestHash } from '../core/index.ts';
import { survivorOf } from '../customers/index.ts';
import { appendOutbox, type PoolClient } from '../db/index.ts';
import { balanceSummaryOf, clawBackEarned, refund } from '../ledger/index.ts';
import { cumulativeShare, lotExpiresAt } from '../rules/index.ts';
import { currentSettings } from './program-settings-store.ts';
import { fromMilli, toMilli, type ProcessingContext } from './receipt-input.ts';

export interface ReturnInput {
  lines: { line_no: number; qty: number }[];
}

interface LockedReceipt {
  id: string;
  store_id: string;
  store_code: string;
  time_zone: string;
  customer_id: string | null;
  status: 'confirmed' | 'cancelled';
}

interface LineRow {
  line_no: number;
  sku: string;
  qty_milli: number;
  returned_qty_milli: number;
  amount_kopecks: number;
  points_earned: number;
  points_redeemed: number;
}

async function lockReceipt(client: PoolClient, receiptId: string, ctx: ProcessingContext): Promise<LockedReceipt> {
  const receipt = (
    await client.query<LockedReceipt>(
      `SELECT r.id, r.store_id, s.code AS store_code, s.time_zone, r.customer_id, r.status
         FROM receipts r JOIN stores s ON s.id = r.store_id WHERE r.id = $1 FOR UPDATE OF r`,
      [receiptId],
    )
  ).rows[0];
  // Another store's receipt is answered exactly like a missing one: a key sees only its store.
  if (!receipt || (ctx.storeScope !== null && ctx.storeScope !== receipt.store_id)) throw new PatronError('not_found', `No receipt ${receiptId}`);
  if (receipt.status === 'cancelled') throw new PatronError('receipt_cancelled', `Receipt ${receiptId} was cancelled`);
  // The buyer may have been merged into another member since: the points live there now.
  if (receipt.customer_id) receipt.customer_id = await survivorOf(client, receipt.customer_id);
  return receipt;
}

/**
 * Returns goods from a receipt: the money, the points earned on them (clawed back as the return
 * policy says) and the points that paid for them (given back), each in exact proportion, so that
 * any number of partial returns adds up to the whole receipt and never beyond it.
 */
async function processReturn(client: PoolClient, receipt: LockedReceipt, wanted: Map<number, number>, kind: 'return' | 'cancel', hash: string, ctx: ProcessingContext) {
  const lines = (
    await client.query<LineRow>(
      'SELECT line_no, sku, qty_milli, returned_qty_milli, amount_kopecks, points_earned, points_redeemed FROM receipt_lines WHERE receipt_id = $1 ORDER BY line_no',
      [receipt.id],
    )
  ).rows;
  const byNo = new Map(lines.map((l) => [l.line_no, l]));
  const returned: (LineRow & { qty: number; amount: number; clawback: number; refund: number })[] = [];
  for (const [lineNo, qty] of wanted) {
    const line = byNo.get(lineNo);
    if (!line) throw new PatronError('return_exceeds_purchase', `Receipt ${receipt.id} has no line ${lineNo}`, { details: { line_no: lineNo } });
    const left = line.qty_milli - line.returned_qty_milli;
    if (qty > left) {
      throw new PatronError('return_exceeds_purchase', `Line ${lineNo} (${line.sku}): ${fromMilli(qty)} asked, ${fromMilli(left)} left to return`, {
        details: { line_no: lineNo, returnable_qty: fromMilli(left) },
      });
    }
    returned.push({
      ...line,
      qty,
      amount: cumulativeShare(line.amount_kopecks, line.qty_milli, line.returned_qty_milli, qty),
      clawback: cumulativeShare(line.points_earned, line.qty_milli, line.returned_qty_milli, qty),
      refund: cumulativeShare(line.points_redeemed, line.qty_milli, line.returned_qty_milli, qty),
    });
  }

  const returnId = newId('ret', ctx.now.getTime());
  const settings = (await currentSettings(client)).settings;
  const totals = { amount: 0, clawback: 0, refund: 0 };
  for (const r of returned) {
    totals.amount += r.amount;
    totals.clawback += r.clawback;
    totals.refund += r.refund;
    await client.query('UPDATE receipt_lines SET returned_qty_milli = returned_qty_milli + $3 WHERE receipt_id = $1 AND line_no = $2', [receipt.id, r.line_no, r.qty]);
  }

  let clawedBack = 0;
  let forgiven = 0;
  if (receipt.customer_id) {
    // Points that paid for the goods come back first, so the clawback can take from them: the
    // member ends where they would be had the purchase never happened.
    if (totals.refund > 0) {
      const expires = lotExpiresAt(settings.expiry, ctx.now.getTime(), receipt.time_zone);
      await refund(client, { customerId: receipt.customer_id, amount: totals.refund, expiresAt: expires === null ? null : new Date(expires), reference: returnId, now: ctx.now });
    }
    const result = await clawBackEarned(client, {
      customerId: receipt.customer_id,
      amount: totals.clawback,
      earnedUnder: receipt.id,
      reference: returnId,
      policy: settings.return_policy,
      now: ctx.now,
    });
    clawedBack = result.clawedBack;
    forgiven = result.forgiven;
  }

  const balance = receipt.customer_id ? await balanceSummaryOf(client, receipt.customer_id, ctx.now) : null;
  const pointValue = settings.point_value_kopecks;
  const response = {
    return: {
      id: returnId,
      receipt_id: receipt.id,
      kind,
      amount_kopecks: totals.amount,
      // Money back to the shopper: what the goods cost, less the part paid with points (given back as points).
      refund_to_pay_kopecks: Math.max(0, totals.amount - totals.refund * pointValue),
      points_clawed_back: clawedBack,
      points_forgiven: forgiven,
      points_refunded: totals.refund,
      return_policy: settings.return_policy,
      lines: returned.map((r) => ({ line_no: r.line_no, sku: r.sku, qty: fromMilli(r.qty), amount_kopecks: r.amount, points_clawed_back: r.clawback, points_refunded: r.refund })),
    },
    balance,
  };
  await client.query(
    `INSERT INTO receipt_returns (id, receipt_id, kind, amount_kopecks, points_clawed_back, points_forgiven, points_refunded, request_hash, response, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [returnId, receipt.id, kind, totals.amount, clawedBack, forgiven, totals.refund, hash, JSON.stringify(response), ctx.now],
  );
  for (const r of returned) {
    await client.query(
      'INSERT INTO receipt_return_lines (return_id, line_no, qty_milli, amount_kopecks, points_clawed_back, points_refunded) VALUES ($1, $2, $3, $4, $5, $6)',
      [returnId, r.line_no, r.qty, r.amount, r.clawback, r.refund],
    );
  }
  await appendOutbox(client, kind === 'cancel' ? 'receipt.cancelled' : 'receipt.returned', {
    return_id: returnId,
    receipt_id: receipt.id,
    customer_id: receipt.customer_id,
    at: ctx.now.toISOString(),
    amount_kopecks: totals.amount,
    points_clawed_back: clawedBack,
    points_forgiven: forgiven,
    points_refunded: totals.refund,
    lines: returned.map((r) => ({ line_no: r.line_no, sku: r.sku, qty_milli: r.qty, amount_kopecks: r.amount })),
  });
  return response;
}

export type ReturnResponse = Awaited<ReturnType<typeof processReturn>>;

export async function returnReceiptLines(client: PoolClient, receiptId: string, input: ReturnInput, ctx: ProcessingContext): Promise<ReturnResponse> {
  const receipt = await lockReceipt(client, receiptId, ctx);
  const wanted = new Map<number, number>();
  for (const line of input.lines) wanted.set(line.line_no, (wanted.get(line.line_no) ?? 0) + toMilli(line.qty));
  return processReturn(client, receipt, wanted, 'return', requestHash(input), ctx);
}

/** Voids a whole receipt: whatever was not yet returned is returned, and the receipt is closed. */
export async function cancelReceipt(client: PoolClient, receiptId: string, ctx: ProcessingContext): Promise<ReturnResponse> {
  const receipt = await lockReceipt(client, receiptId, ctx);
  const left = (
    await client.query<{ line_no: number; left: number }>('SELECT line_no, qty_milli - returned_qty_milli AS left FROM receipt_lines WHERE receipt_id = $1 AND qty_milli > returned_qty_milli', [
      receiptId,
    ])
  ).rows;
  const response = await processReturn(client, receipt, new Map(left.map((l) => [l.line_no, l.left])), 'cancel', requestHash({ cancel: receiptId }), ctx);
  await client.query("UPDATE receipts SET status = 'cancelled', cancelled_at = $2 WHERE id = $1", [receiptId, ctx.now]);
  return response;
}
