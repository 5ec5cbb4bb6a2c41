/**
 * The economics of a loyalty mechanic replayed on a chain's own monthly sales: a flat discount,
 * a flat bonus, or tiered bonuses. Money is in kopecks; a point is worth one kopeck of its face
 * value here (the rate already says how much is given). Bonuses are a liability when earned,
 * cost cash when redeemed (spread over the following months by the redemption profile) and
 * expire unredeemed after `expiryMonths` (breakage).
 */
export interface SalesMonth {
  month: string;
  revenue: number;
  margin: number;
  /** Revenue by tier (tier order as the mechanic's rates), for tiered bonuses. */
  revenueByTier: number[];
}

export type Mechanic =
  | { kind: 'discount'; rateBp: number }
  | { kind: 'bonus'; rateBp: number }
  | { kind: 'tiered'; ratesBp: number[] };

export interface RedemptionProfile {
  /** Share of earned points ever redeemed. */
  rate: number;
  /** Of what is redeemed, the share redeemed k months after earning (k = 0, 1, …); sums to 1. */
  byMonthsAfter: number[];
  /** Unredeemed points expire this many months after earning. */
  expiryMonths: number;
}

export interface SimulatedMonth {
  month: string;
  revenue: number;
  /** Given away: the discount, or bonuses earned (face value). */
  given: number;
  redeemed: number;
  expired: number;
  /** Cash the mechanic cost this month: the discount, or bonuses redeemed. */
  cash_out: number;
  /** Cost recognised this month: the discount, or bonuses earned × the redemption rate. */
  accrued_cost: number;
  liability_end: number;
}

export interface SimulationResult {
  mechanic: Mechanic;
  months: SimulatedMonth[];
  revenue: number;
  margin: number;
  /** Expected cost of what the period gave: the discount, or bonuses earned × redemption rate. */
  cost: number;
  cost_share: number;
  cash_out: number;
  liability_end: number;
  /** Sales growth needed for the margin after cost to equal the margin without the mechanic: C / (M − C); null when cost ≥ margin. */
  break_even_lift: number | null;
}

export function simulateMechanic(sales: readonly SalesMonth[], mechanic: Mechanic, profile: RedemptionProfile): SimulationResult {
  const months: SimulatedMonth[] = sales.map((s) => ({ month: s.month, revenue: s.revenue, given: 0, redeemed: 0, expired: 0, cash_out: 0, accrued_cost: 0, liability_end: 0 }));
  let revenue = 0;
  let margin = 0;
  let cost = 0;
  const pending = new Array<number>(sales.length + profile.expiryMonths + 1).fill(0);
  const expiring = new Array<number>(sales.length + profile.expiryMonths + 1).fill(0);
  sales.forEach((s, m) => {
    revenue += s.revenue;
    margin += s.margin;
    const given =
      mechanic.kind === 'tiered'
        ? s.revenueByTier.reduce((sum, r, t) => sum + (r * (mechanic.ratesBp[t] ?? mechanic.ratesBp[mechanic.ratesBp.length - 1]!)) / 10_000, 0)
        : (s.revenue * mechanic.rateBp) / 10_000;
    months[m]!.given = given;
    if (mechanic.kind === 'discount') {
      months[m]!.cash_out = given;
      months[m]!.accrued_cost = given;
      cost += given;
      return;
    }
    months[m]!.accrued_cost = given * profile.rate;
    cost += given * profile.rate;
    profile.byMonthsAfter.forEach((share, k) => {
      if (k < profile.expiryMonths) pending[m + k]! += given * profile.rate * share;
    });
    expiring[m + profile.expiryMonths]! += given * (1 - profile.rate);
  });
  if (mechanic.kind !== 'discount') {
    let liability = 0;
    months.forEach((month, m) => {
      month.redeemed = pending[m]!;
      month.expired = expiring[m]!;
      month.cash_out = month.redeemed;
      liability += month.given - month.redeemed - month.expired;
      month.liability_end = liability;
    });
  }
  const cashOut = months.reduce((s, m) => s + m.cash_out, 0);
  return {
    mechanic, months, revenue, margin, cost, cost_share: revenue > 0 ? cost / revenue : 0, cash_out: cashOut,
    liability_end: months.at(-1)?.liability_end ?? 0,
    break_even_lift: cost < margin ? cost / (margin - cost) : null,
  };
}

/** A redemption delay profile: geometric with the given mean (months), cut at expiry and renormalised. */
export function geometricProfile(meanMonths: number, expiryMonths: number): number[] {
  const q = meanMonths / (1 + meanMonths); // P(wait one more month)
  const raw = Array.from({ length: expiryMonths }, (_, k) => (1 - q) * q ** k);
  const total = raw.reduce((a, b) => a + b, 0);
  return raw.map((x) => x / total);
}
