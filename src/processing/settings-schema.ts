import { z } from 'zod';
import type { ProgramSettings } from '../rules/index.ts';

const points = z.number().int().min(0).max(1_000_000_000);
const basisPoints = z.number().int().min(0).max(10_000);

const tierSchema = z.object({
  code: z.string().regex(/^[a-z0-9_-]{1,32}$/),
  name: z.string().min(1).max(100),
  threshold_kopecks: z.number().int().min(0).max(1e13),
  earn_rate_bp: basisPoints,
});

const expirySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('never') }),
  z.object({ kind: z.literal('after_days'), days: z.number().int().min(1).max(3650) }),
  z.object({ kind: z.literal('end_of_period'), period: z.enum(['month', 'quarter', 'year']), after_days: z.number().int().min(0).max(3650) }),
  z.object({ kind: z.literal('inactivity'), days: z.number().int().min(1).max(3650) }),
]);

/** The program settings as the admin API accepts them; every field is checked, nothing assumed. */
export const programSettingsSchema = z
  .object({
    point_value_kopecks: z.number().int().min(1).max(100_000).describe('Value of one point in kopecks (100 = 1 ₽)'),
    rounding: z.enum(['down', 'half_up']),
    max_redeem_share_bp: basisPoints.describe('Largest share of a receipt payable with points, in basis points'),
    min_balance_to_redeem: points,
    pending_days: z.number().int().min(0).max(365).describe('Return window: days before earned points become spendable'),
    expiry: expirySchema,
    earn_on_redeemed_part: z.boolean(),
    non_promotable_categories: z.array(z.string().min(1).max(64)).max(1000),
    tiers: z.array(tierSchema).min(1).max(20),
    tier_window_days: z.number().int().min(1).max(3650),
    tier_downgrade: z.enum(['recalculate', 'never']),
    tier_downgrade_grace_days: z.number().int().min(0).max(3650),
    return_policy: z.enum(['pending_only', 'up_to_balance', 'allow_negative']),
    hold_ttl_minutes: z.number().int().min(1).max(60 * 24 * 30),
  })
  .superRefine((s, ctx) => {
    const codes = new Set(s.tiers.map((t) => t.code));
    if (codes.size !== s.tiers.length) ctx.addIssue({ code: 'custom', path: ['tiers'], message: 'tier codes must be unique' });
    if (!s.tiers.some((t) => t.threshold_kopecks === 0)) {
      ctx.addIssue({ code: 'custom', path: ['tiers'], message: 'one tier must start at threshold 0 (where every member starts)' });
    }
  }) satisfies z.ZodType<ProgramSettings>;

