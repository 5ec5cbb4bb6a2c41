/**
 * The loyalty program's settings, as the rules evaluate them. Validation of settings coming
 * from outside happens in processing; this module only describes and applies them.
 */
export type Rounding = 'down' | 'half_up';

export type ExpiryPolicy =
  | { kind: 'never' }
  /** Each lot expires N days after it becomes spendable. */
  | { kind: 'after_days'; days: number }
  /** At the end of the month/quarter/year in which N days after activation fall (chain time zone). */
  | { kind: 'end_of_period'; period: 'month' | 'quarter' | 'year'; after_days: number }
  /** All of a member's points expire after N days without a purchase. */
  | { kind: 'inactivity'; days: number };

/** What a return does to earned points that were already activated or spent. */
export type ReturnPolicy = 'pending_only' | 'up_to_balance' | 'allow_negative';

export interface Tier {
  code: string;
  name: string;
  /** Spend over the rolling window (kopecks) from which the tier applies. */
  threshold_kopecks: number;
  earn_rate_bp: number;
}

export interface ProgramSettings {
  point_value_kopecks: number;
  rounding: Rounding;
  max_redeem_share_bp: number;
  min_balance_to_redeem: number;
  pending_days: number;
  expiry: ExpiryPolicy;
  /** Whether the part of a receipt paid with points earns points too. */
  earn_on_redeemed_part: boolean;
  non_promotable_categories: string[];
  tiers: Tier[];
  tier_window_days: number;
  /** 'recalculate': tiers go down as well as up; 'never': a tier once reached is kept. */
  tier_downgrade: 'recalculate' | 'never';
  /** A tier, once reached, is kept at least this many days even if spend falls below it. */
  tier_downgrade_grace_days: number;
  return_policy: ReturnPolicy;
  hold_ttl_minutes: number;
}

/** A common Russian grocery program: 1 point = 1 ruble, 3/5/7 %, half a receipt payable. */
export const defaultProgramSettings: ProgramSettings = {
  point_value_kopecks: 100,
  rounding: 'down',
  max_redeem_share_bp: 5000,
  min_balance_to_redeem: 1,
  pending_days: 14,
  expiry: { kind: 'after_days', days: 365 },
  earn_on_redeemed_part: false,
  non_promotable_categories: [],
  tiers: [
    { code: 'base', name: 'Базовый', threshold_kopecks: 0, earn_rate_bp: 300 },
    { code: 'silver', name: 'Серебряный', threshold_kopecks: 3_000_000, earn_rate_bp: 500 },
    { code: 'gold', name: 'Золотой', threshold_kopecks: 10_000_000, earn_rate_bp: 700 },
  ],
  tier_window_days: 365,
  tier_downgrade: 'recalculate',
  tier_downgrade_grace_days: 30,
  return_policy: 'up_to_balance',
  hold_ttl_minutes: 30,
};
