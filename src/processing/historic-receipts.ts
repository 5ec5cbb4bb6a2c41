import type { PoolClient } from '../db/index.ts';

/** A receipt of a chain's past, already evaluated by the rules (points as they were then). */
export interface HistoricReceipt {
  id: string;
  store_id: string;
  store_code: string;
  terminal: string;
  number: string;
  customer_id: string | null;
  card_number: string | null;
  payment_token: string | null;
  purchased_at: Date;
  settings_version: number;
  tier: { code: string; name: string; earn_rate_bp: number } | null;
  points_earned: number;
  points_redeemed: number;
  redeemed_value_kopecks: number;
  lines: { sku: string; qty_milli: number; price_kopecks: number; amount_kopecks: number; non_promotable: boolean; points_earned: number; points_redeemed: number }[];
}

/**
 * What a replay of a loaded receipt answers. Lines are left out to keep a history of millions of
 * receipts small: receiptDetails rebuilds them from receipt_lines. Loaded receipts are not
 * replayable by a till (their request hash is not one a request can have).
 */
function compactResponse(r: HistoricReceipt, total: number) {
  return {
    receipt: {
      id: r.id,
      terminal: r.terminal,
      number: r.number,
      purchased_at: r.purchased_at.toISOString(),
      status: 'confirmed',
      store_code: r.store_code,
      customer_id: r.customer_id,
      identified_by: r.customer_id ? 'card' : null,
      tier: r.tier,
      settings_version: r.settings_version,
      total_kopecks: total,
      discount_kopecks: r.redeemed_value_kopecks,
      points_earned: r.points_earned,
      max_redeemable_points: null,
      points_redeemed: r.points_redeemed,
      redeemed_value_kopecks: r.redeemed_value_kopecks,
      amount_to_pay_kopecks: total - r.redeemed_value_kopecks,
      explanation: [],
    },
    balance: null,
    loaded_from_history: true,
  };
}

/**
 * Loads receipts of the past in bulk: receipts, lines and their `receipt.confirmed` events (the
 * same payload confirm writes), in three statements. Members' last purchase is the caller's to
 * set (it knows it without a query).
 */
export async function loadHistoricReceipts(client: PoolClient, receipts: readonly HistoricReceipt[]): Promise<void> {
  if (receipts.length === 0) return;
  const totals = receipts.map((r) => r.lines.reduce((s, l) => s + l.amount_kopecks, 0));
  await client.query(
    `WITH r AS (
       INSERT INTO receipts (id, store_id, terminal, number, customer_id, card_number, purchased_at, total_kopecks, pos_discount_kopecks, points_earned, points_redeemed,
                             redeemed_value_kopecks, settings_version, tier_code, status, request_hash, response, created_at, payment_token)
       SELECT id, store_id, terminal, number, customer_id, card_number, purchased_at, total, 0, earned, redeemed, redeemed_value, version, tier, 'confirmed', 'loaded', response, purchased_at, token
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[], $8::bigint[], $9::bigint[], $10::bigint[], $11::bigint[],
                     $12::int[], $13::text[], $14::jsonb[], $15::text[])
           AS x(id, store_id, terminal, number, customer_id, card_number, purchased_at, total, earned, redeemed, redeemed_value, version, tier, response, token)
       RETURNING id)
     INSERT INTO outbox (topic, payload, created_at) SELECT 'receipt.confirmed', e, (e->>'purchased_at')::timestamptz FROM unnest($16::jsonb[]) AS e`,
    [
      receipts.map((r) => r.id),
      receipts.map((r) => r.store_id),
      receipts.map((r) => r.terminal),
      receipts.map((r) => r.number),
      receipts.map((r) => r.customer_id),
      receipts.map((r) => r.card_number),
      receipts.map((r) => r.purchased_at.toISOString()),
      totals,
      receipts.map((r) => r.points_earned),
      receipts.map((r) => r.points_redeemed),
      receipts.map((r) => r.redeemed_value_kopecks),
      receipts.map((r) => r.settings_version),
      receipts.map((r) => r.tier?.code ?? null),
      receipts.map((r, i) => JSON.stringify(compactResponse(r, totals[i]!))),
      receipts.map((r) => r.payment_token),
      receipts.map((r, i) =>
        JSON.stringify({
          receipt_id: r.id,
          store_id: r.store_id,
          customer_id: r.customer_id,
          purchased_at: r.purchased_at.toISOString(),
          total_kopecks: totals[i],
          points_earned: r.points_earned,
          points_redeemed: r.points_redeemed,
          settings_version: r.settings_version,
          payment_token: r.payment_token,
          lines: r.lines.map((l, n) => ({ line_no: n + 1, sku: l.sku, qty_milli: l.qty_milli, amount_kopecks: l.amount_kopecks, points_earned: l.points_earned, points_redeemed: l.points_redeemed })),
        }),
      ),
    ],
  );
  const lines = receipts.flatMap((r) => r.lines.map((l, n) => ({ r, l, n: n + 1 })));
  await client.query(
    `INSERT INTO receipt_lines (receipt_id, line_no, sku, qty_milli, price_kopecks, amount_kopecks, pos_discount_kopecks, non_promotable, points_earned, points_redeemed)
     SELECT r, n, s, q, p, a, 0, np, e, d FROM unnest($1::text[], $2::int[], $3::text[], $4::bigint[], $5::bigint[], $6::bigint[], $7::boolean[], $8::bigint[], $9::bigint[])
       AS x(r, n, s, q, p, a, np, e, d)`,
    [
      lines.map((x) => x.r.id),
      lines.map((x) => x.n),
      lines.map((x) => x.l.sku),
      lines.map((x) => x.l.qty_milli),
      lines.map((x) => x.l.price_kopecks),
      lines.map((x) => x.l.amount_kopecks),
      lines.map((x) => x.l.non_promotable),
      lines.map((x) => x.l.points_earned),
      lines.map((x) => x.l.points_redeemed),
    ],
  );
}
