import { PatronError, newId, requestHash } from '../core/index.ts';
import { recordPurchase } from '../customers/index.ts';
import { appendOutbox, type PoolClient } from '../db/index.ts';
import { captureHold, earn, getBalance, redeem } from '../ledger/index.ts';
import { lotExpiresAt } from '../rules/index.ts';
import { evaluateReceiptInput, resolveStore } from './receipt-evaluation.ts';
import type { ProcessingContext, ReceiptInput } from './receipt-input.ts';
import { balanceSummary, receiptFigures } from './receipt-response.ts';

const day = 86_400_000;

export type ConfirmResponse = Awaited<ReturnType<typeof buildResponse>>;

async function buildResponse(client: PoolClient, receiptId: string, input: ReceiptInput, e: Awaited<ReturnType<typeof evaluateReceiptInput>>, now: Date) {
  const balance = e.member ? await getBalance(client, e.member.id, now) : null;
  return {
    receipt: {
      id: receiptId,
      terminal: input.terminal,
      number: input.number!,
      purchased_at: e.purchasedAt.toISOString(),
      status: 'confirmed' as const,
      ...receiptFigures(e),
    },
    balance: balanceSummary(balance),
  };
}

/**
 * Confirms a receipt in the caller's transaction: records it, redeems and earns points, writes
 * the outbox event. A receipt is unique by store + terminal + number: the same receipt sent
 * again returns the first answer, a different one under the same number is refused.
 */
export async function confirmReceipt(client: PoolClient, input: ReceiptInput, ctx: ProcessingContext): Promise<{ response: ConfirmResponse; replayed: boolean }> {
  if (!input.number) throw new PatronError('validation_failed', 'A confirmed receipt needs its number', { issues: [{ path: 'body/number', message: 'required' }] });
  const store = await resolveStore(client, input.store, ctx);
  const hash = requestHash({ ...input, store: store.id });

  // Two tills retrying the same receipt at once: the second waits here, then sees the first.
  await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`receipt:${store.id}:${input.terminal}:${input.number}`]);
  const existing = (
    await client.query<{ request_hash: string; response: ConfirmResponse }>('SELECT request_hash, response FROM receipts WHERE store_id = $1 AND terminal = $2 AND number = $3', [
      store.id,
      input.terminal,
      input.number,
    ])
  ).rows[0];
  if (existing) {
    if (existing.request_hash !== hash) {
      throw new PatronError('idempotency_key_reused', `Receipt ${input.number} of terminal ${input.terminal} in store ${store.code} was already confirmed with other contents`, {
        details: { receipt_id: existing.response.receipt.id },
      });
    }
    return { response: existing.response, replayed: true };
  }

  const e = await evaluateReceiptInput(client, { ...input, store: store.id }, ctx, { lockMember: true });
  const ev = e.evaluation;
  if (ev.redeem_exceeds_max) {
    throw new PatronError('redeem_limit_exceeded', `At most ${ev.max_redeemable_points} points can be redeemed on this receipt`, {
      details: { max_redeemable_points: ev.max_redeemable_points },
    });
  }

  const receiptId = newId('rcp', ctx.now.getTime());
  await client.query(
    `INSERT INTO receipts (id, store_id, terminal, number, customer_id, card_number, purchased_at, total_kopecks, pos_discount_kopecks,
                           points_earned, points_redeemed, redeemed_value_kopecks, settings_version, tier_code, hold_id, status, request_hash, response, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 'confirmed', $16, '{}', $17)`,
    [
      receiptId,
      store.id,
      input.terminal,
      input.number,
      e.member?.id ?? null,
      input.customer?.card ?? null,
      e.purchasedAt,
      ev.total_kopecks,
      e.lines.reduce((s, l) => s + l.discount_kopecks, 0),
      ev.points_earned,
      ev.points_redeemed,
      ev.redeemed_value_kopecks,
      e.settings.version,
      ev.tier?.code ?? null,
      e.hold?.id ?? null,
      hash,
      ctx.now,
    ],
  );
  await client.query(
    `INSERT INTO receipt_lines (receipt_id, line_no, sku, qty_milli, price_kopecks, amount_kopecks, pos_discount_kopecks, non_promotable, points_earned, points_redeemed)
     SELECT $1, * FROM unnest($2::int[], $3::text[], $4::bigint[], $5::bigint[], $6::bigint[], $7::bigint[], $8::boolean[], $9::bigint[], $10::bigint[])`,
    [
      receiptId,
      e.lines.map((l) => l.line_no),
      e.lines.map((l) => l.sku),
      e.lines.map((l) => l.qty_milli),
      e.lines.map((l) => l.price_kopecks),
      e.lines.map((l) => l.amount_kopecks),
      e.lines.map((l) => l.discount_kopecks),
      e.lines.map((l) => l.non_promotable),
      ev.lines.map((l) => l.points_earned),
      ev.lines.map((l) => l.points_redeemed),
    ],
  );

  if (e.member) {
    if (e.hold) await captureHold(client, e.hold.id, { amount: ev.points_redeemed, reference: receiptId, now: ctx.now });
    else if (ev.points_redeemed > 0) await redeem(client, { customerId: e.member.id, amount: ev.points_redeemed, reference: receiptId, now: ctx.now });
    if (ev.points_earned > 0) {
      const settings = e.settings.settings;
      const availableAt = new Date(Math.max(e.purchasedAt.getTime() + settings.pending_days * day, ctx.now.getTime()));
      const expires = lotExpiresAt(settings.expiry, availableAt.getTime(), store.time_zone);
      await earn(client, {
        customerId: e.member.id,
        amount: ev.points_earned,
        availableAt: settings.pending_days === 0 ? ctx.now : availableAt,
        expiresAt: expires === null ? null : new Date(expires),
        reference: receiptId,
        now: ctx.now,
      });
    }
    await recordPurchase(client, e.member.id, e.purchasedAt);
  }

  const response = await buildResponse(client, receiptId, input, e, ctx.now);
  await client.query('UPDATE receipts SET response = $2 WHERE id = $1', [receiptId, JSON.stringify(response)]);
  await appendOutbox(client, 'receipt.confirmed', {
    receipt_id: receiptId,
    store_id: store.id,
    customer_id: e.member?.id ?? null,
    purchased_at: e.purchasedAt.toISOString(),
    total_kopecks: ev.total_kopecks,
    points_earned: ev.points_earned,
    points_redeemed: ev.points_redeemed,
    settings_version: e.settings.version,
    lines: e.lines.map((l, i) => ({ line_no: l.line_no, sku: l.sku, qty_milli: l.qty_milli, amount_kopecks: l.amount_kopecks, points_earned: ev.lines[i]!.points_earned, points_redeemed: ev.lines[i]!.points_redeemed })),
  });
  return { response, replayed: false };
}
