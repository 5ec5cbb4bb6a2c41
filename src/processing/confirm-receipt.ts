import { PatronError, newId, requestHash } from '../core/index.ts';
import type { PoolClient } from '../db/index.ts';
import { captureHold, earn, redeem } from '../ledger/index.ts';
import { lotExpiresAt } from '../rules/index.ts';
import { evaluateReceiptInput, resolveStore, type EvaluatedReceipt } from './receipt-evaluation.ts';
import type { ProcessingContext, ReceiptInput } from './receipt-input.ts';
import { receiptFigures } from './receipt-response.ts';

const day = 86_400_000;

export type ConfirmResponse = ReturnType<typeof buildResponse>;

/**
 * The member's balance after this receipt, from what is known under the lock: no query needed,
 * and exact, since nothing else can touch the member's points until the transaction ends.
 */
function balanceAfter(e: EvaluatedReceipt, earnedNow: boolean) {
  if (!e.balanceBefore) return null;
  const ev = e.evaluation;
  const available = e.balanceBefore.available - ev.points_redeemed + (earnedNow ? ev.points_earned : 0);
  const pending = e.balanceBefore.pending + (earnedNow ? 0 : ev.points_earned);
  const held = e.balanceBefore.held - (e.hold ? e.hold.amount : 0);
  return { available: Math.max(0, available), pending, held, spendable: Math.max(0, available - held) };
}

function buildResponse(receiptId: string, input: ReceiptInput, e: EvaluatedReceipt, earnedNow: boolean) {
  const balance = balanceAfter(e, earnedNow);
  return {
    receipt: {
      id: receiptId,
      terminal: input.terminal,
      number: input.number!,
      purchased_at: e.purchasedAt.toISOString(),
      status: 'confirmed' as const,
      ...receiptFigures(e),
    },
    balance,
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

  const e = await evaluateReceiptInput(client, { ...input, store: store.id }, ctx, { lockMember: true, store });
  const ev = e.evaluation;
  if (ev.redeem_exceeds_max) {
    throw new PatronError('redeem_limit_exceeded', `At most ${ev.max_redeemable_points} points can be redeemed on this receipt`, {
      details: { max_redeemable_points: ev.max_redeemable_points },
    });
  }

  const receiptId = newId('rcp', ctx.now.getTime());
  const settings = e.settings.settings;
  // A receipt uploaded late by an offline till may already be past its return window.
  const availableAt = new Date(Math.max(e.purchasedAt.getTime() + settings.pending_days * day, ctx.now.getTime()));
  const earnedNow = availableAt.getTime() <= ctx.now.getTime();
  // Points first (the ledger refers to the receipt by id only), then the receipt with its answer.
  if (e.member) {
    if (e.hold) await captureHold(client, e.hold.id, { amount: ev.points_redeemed, reference: receiptId, now: ctx.now });
    else if (ev.points_redeemed > 0) {
      await redeem(client, { customerId: e.member.id, amount: ev.points_redeemed, reference: receiptId, now: ctx.now, lockedSpendable: e.balanceBefore!.spendable });
    }
    if (ev.points_earned > 0) {
      const expires = lotExpiresAt(settings.expiry, availableAt.getTime(), store.time_zone);
      await earn(client, {
        customerId: e.member.id,
        amount: ev.points_earned,
        availableAt: earnedNow ? ctx.now : availableAt,
        expiresAt: expires === null ? null : new Date(expires),
        reference: receiptId,
        now: ctx.now,
        // Redeeming (directly or by capturing the hold) took points_redeemed from available.
        lockedAvailable: e.balanceBefore!.available - ev.points_redeemed,
      });
    }
  }

  const response = buildResponse(receiptId, input, e, earnedNow);
  const outboxEvent = {
    receipt_id: receiptId,
    store_id: store.id,
    customer_id: e.member?.id ?? null,
    purchased_at: e.purchasedAt.toISOString(),
    total_kopecks: ev.total_kopecks,
    points_earned: ev.points_earned,
    points_redeemed: ev.points_redeemed,
    settings_version: e.settings.version,
    payment_token: input.payment_token ?? null,
    card_number: input.customer?.card ?? null,
    pos_discount_kopecks: e.lines.reduce((s, l) => s + l.discount_kopecks, 0),
    lines: e.lines.map((l, i) => ({ line_no: l.line_no, sku: l.sku, qty_milli: l.qty_milli, price_kopecks: l.price_kopecks, discount_kopecks: l.discount_kopecks, amount_kopecks: l.amount_kopecks, points_earned: ev.lines[i]!.points_earned, points_redeemed: ev.lines[i]!.points_redeemed })),
  };
  // The receipt, its lines, its event and the member's last purchase in one round trip.
  await client.query(
    `WITH receipt AS (
       INSERT INTO receipts (id, store_id, terminal, number, customer_id, card_number, purchased_at, total_kopecks, pos_discount_kopecks,
                             points_earned, points_redeemed, redeemed_value_kopecks, settings_version, tier_code, hold_id, status, request_hash, response, created_at, payment_token)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 'confirmed', $16, $18, $17, $29) RETURNING id),
     lines AS (
       INSERT INTO receipt_lines (receipt_id, line_no, sku, qty_milli, price_kopecks, amount_kopecks, pos_discount_kopecks, non_promotable, points_earned, points_redeemed)
       SELECT (SELECT id FROM receipt), * FROM unnest($19::int[], $20::text[], $21::bigint[], $22::bigint[], $23::bigint[], $24::bigint[], $25::boolean[], $26::bigint[], $27::bigint[])),
     event AS (INSERT INTO outbox (topic, payload) VALUES ('receipt.confirmed', $28)),
     member AS (UPDATE customers SET last_purchase_at = greatest(last_purchase_at, $7) WHERE id = $5)
     SELECT 1`,
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
      JSON.stringify(response),
      e.lines.map((l) => l.line_no),
      e.lines.map((l) => l.sku),
      e.lines.map((l) => l.qty_milli),
      e.lines.map((l) => l.price_kopecks),
      e.lines.map((l) => l.amount_kopecks),
      e.lines.map((l) => l.discount_kopecks),
      e.lines.map((l) => l.non_promotable),
      ev.lines.map((l) => l.points_earned),
      ev.lines.map((l) => l.points_redeemed),
      JSON.stringify(outboxEvent),
      input.payment_token ?? null,
    ],
  );
  return { response, replayed: false };
}
