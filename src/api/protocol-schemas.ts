import { z } from 'zod';

/**
 * Schemas of the POS / e-shop protocol. Bounds are deliberate: a till cannot send a
 * 10-billion-ruble line or a million-line receipt, and whatever it sends that breaks them is
 * refused with validation_failed naming the field, before anything is written.
 */
const kopecks = z.number().int().min(0).max(10_000_000_000);
const pointsAmount = z.number().int().min(1).max(1_000_000_000);

// At least one thousandth: quantities are kept in thousandths, and anything smaller would be 0.
const qty = z
  .number()
  .min(0.001)
  .max(100_000)
  .refine((q) => Math.abs(q * 1000 - Math.round(q * 1000)) < 1e-6, 'at most three decimals');

export const customerRefSchema = z
  .object({
    card: z.string().regex(/^[0-9A-Za-z]{4,32}$/).optional(),
    phone: z.string().min(5).max(32).optional(),
    id: z.string().regex(/^cus_[0-9a-z]{26}$/).optional(),
  })
  .strict()
  .refine((c) => [c.card, c.phone, c.id].filter((v) => v !== undefined).length === 1, 'give exactly one of card, phone or id');

export const receiptLineSchema = z
  .object({
    sku: z.string().regex(/^[^\x00-\x1f]{1,64}$/),
    qty,
    price_kopecks: kopecks,
    amount_kopecks: kopecks.describe("What the line costs before points, after the POS's own discounts"),
    discount_kopecks: kopecks.optional().describe('The POS discount already deducted in amount_kopecks'),
  })
  .strict();

const receiptBase = {
  store: z.string().min(1).max(100).optional().describe("Store code or id; defaults to the API key's store"),
  terminal: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/),
  purchased_at: z.iso.datetime({ offset: true }).optional().describe('When the sale happened (defaults to now)'),
  customer: customerRefSchema.nullable().optional().describe('The member, by exactly one identity; omit for an anonymous receipt'),
  lines: z.array(receiptLineSchema).min(1).max(1000),
  total_kopecks: z.number().int().min(0).max(1_000_000_000_000).optional().describe('If given, must equal the sum of the lines'),
  redeem_points: z.union([z.number().int().min(0).max(1_000_000_000), z.literal('max')]).optional(),
  hold_id: z.string().regex(/^hld_[0-9a-z]{26}$/).optional().describe('Redeem the points reserved by this hold (e-shop checkout)'),
  payment_token: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,128}$/)
    .optional()
    .describe("A token of the bank card that paid (the acquirer's or fiscal data's hash, never the card number): links a shopper's receipts before they join"),
};

const receiptExample = {
  store: 'MSK-001',
  terminal: '3',
  number: '000123',
  customer: { card: '7700123456' },
  lines: [
    { sku: '4600001', qty: 2, price_kopecks: 8990, amount_kopecks: 17980 },
    { sku: '4600777', qty: 0.452, price_kopecks: 59900, amount_kopecks: 27075 },
  ],
  redeem_points: 'max',
};

export const calculateBodySchema = z.object({ ...receiptBase, number: z.string().regex(/^[A-Za-z0-9_./-]{1,64}$/).optional() }).strict().meta({ example: receiptExample });
export const confirmBodySchema = z.object({ ...receiptBase, number: z.string().regex(/^[A-Za-z0-9_./-]{1,64}$/) }).strict().meta({ example: receiptExample });

export const returnBodySchema = z
  .object({
    lines: z.array(z.object({ line_no: z.number().int().min(1).max(1000), qty }).strict()).min(1).max(1000),
  })
  .strict()
  .meta({ example: { lines: [{ line_no: 1, qty: 1 }] } });

export const holdBodySchema = z
  .object({
    customer: z.string().min(1).max(64).describe('Card, phone (+7…), member id (cus_…) or ext:<external id>'),
    amount: pointsAmount,
    order_reference: z.string().min(1).max(200).optional(),
  })
  .strict()
  .meta({ example: { customer: '+79161234567', amount: 300, order_reference: 'ORDER-2026-11-0042' } });

export const captureBodySchema = z.object({ amount: z.number().int().min(0).max(1_000_000_000).optional() }).strict();

export const customerBodySchema = z
  .object({
    phone: z.string().min(5).max(32).optional(),
    card: z.string().regex(/^[0-9A-Za-z]{4,32}$/).optional(),
    external_id: z.string().min(1).max(100).optional(),
    email: z.email().max(320).optional(),
    name: z.string().trim().min(1).max(200).optional(),
    birth_date: z.iso.date().optional(),
    gender: z.enum(['female', 'male']).optional(),
    city: z.string().trim().min(1).max(200).optional(),
    consents: z.object({ sms: z.boolean().optional(), email: z.boolean().optional(), push: z.boolean().optional() }).strict().optional(),
    registered_store: z.string().min(1).max(100).optional(),
  })
  .strict()
  .refine((c) => c.phone || c.card || c.external_id, 'a member needs at least one identity: phone, card or external_id')
  .meta({ example: { phone: '+79161234567', card: '7700123456', name: 'Анна', birth_date: '1990-05-17', consents: { sms: true } } });

// Responses.
export const balanceSummarySchema = z.object({ available: z.number(), pending: z.number(), held: z.number(), spendable: z.number() });

export const explanationSchema = z.object({ rule: z.string(), en: z.string(), ru: z.string(), data: z.record(z.string(), z.unknown()) });

export const receiptFiguresSchema = z.object({
  store_code: z.string(),
  customer_id: z.string().nullable(),
  identified_by: z.string().nullable(),
  tier: z.object({ code: z.string(), name: z.string(), earn_rate_bp: z.number() }).nullable(),
  settings_version: z.number(),
  total_kopecks: z.number(),
  discount_kopecks: z.number(),
  points_earned: z.number(),
  max_redeemable_points: z.number(),
  points_redeemed: z.number(),
  redeemed_value_kopecks: z.number(),
  amount_to_pay_kopecks: z.number(),
  lines: z.array(
    z.object({
      line_no: z.number(),
      sku: z.string(),
      name: z.string(),
      qty: z.number(),
      amount_kopecks: z.number(),
      non_promotable: z.boolean(),
      points_earned: z.number(),
      points_redeemed: z.number(),
      discount_kopecks: z.number(),
    }),
  ),
  explanation: z.array(explanationSchema),
});

export const confirmResponseSchema = z.object({
  receipt: receiptFiguresSchema.extend({ id: z.string(), terminal: z.string(), number: z.string(), purchased_at: z.string(), status: z.literal('confirmed') }),
  balance: balanceSummarySchema.nullable(),
});

export const returnResponseSchema = z.object({
  return: z.object({
    id: z.string(),
    receipt_id: z.string(),
    kind: z.enum(['return', 'cancel']),
    amount_kopecks: z.number(),
    refund_to_pay_kopecks: z.number(),
    points_clawed_back: z.number(),
    points_forgiven: z.number(),
    points_refunded: z.number(),
    return_policy: z.string(),
    lines: z.array(z.object({ line_no: z.number(), sku: z.string(), qty: z.number(), amount_kopecks: z.number(), points_clawed_back: z.number(), points_refunded: z.number() })),
  }),
  balance: balanceSummarySchema.nullable(),
});

export const holdSchema = z.object({
  id: z.string(),
  customer_id: z.string(),
  amount: z.number(),
  status: z.enum(['pending', 'posted', 'voided', 'expired']),
  expires_at: z.string(),
  reference: z.string().nullable(),
  captured_amount: z.number().nullable(),
  redeem_transfer_id: z.string().nullable(),
});
export const holdResponseSchema = z.object({ hold: holdSchema, balance: balanceSummarySchema.nullable() });

export const lotSchema = z.object({
  id: z.string(),
  amount: z.number(),
  remaining: z.number(),
  available_at: z.string(),
  activated: z.boolean(),
  expires_at: z.string().nullable(),
  reference: z.string().nullable(),
});

export const memberBalanceSchema = z.object({
  customer_id: z.string(),
  available: z.number(),
  pending: z.number(),
  held: z.number(),
  spendable: z.number(),
  debt: z.number(),
  expires_by_inactivity_at: z.string().nullable(),
  lots: z.array(lotSchema),
});

export const customerSchema = z.object({
  id: z.string(),
  phone: z.string().nullable(),
  external_id: z.string().nullable(),
  email: z.string().nullable(),
  name: z.string().nullable(),
  birth_date: z.string().nullable(),
  gender: z.enum(['female', 'male']).nullable(),
  city: z.string().nullable(),
  consents: z.object({ sms: z.boolean(), email: z.boolean(), push: z.boolean() }),
  tier_code: z.string(),
  tier_since: z.string(),
  registered_at: z.string(),
  last_purchase_at: z.string().nullable(),
  merged_into: z.string().nullable(),
  cards: z.array(z.object({ number: z.string(), status: z.enum(['active', 'blocked', 'replaced']) })),
});

export const historySchema = z.object({
  customer_id: z.string(),
  entries: z.array(
    z.object({
      id: z.string(),
      reason: z.string(),
      account: z.enum(['pending', 'available']),
      delta: z.number(),
      reference: z.string().nullable(),
      comment: z.string().nullable(),
      created_at: z.string(),
    }),
  ),
});

export const idempotencyHeaders = z.object({
  // Optional to the validator so that a missing key gets its own code, idempotency_key_required.
  'idempotency-key': z.string().max(200).optional().describe('Required on every write: unique per write; a retry with the same key returns the first answer'),
});
