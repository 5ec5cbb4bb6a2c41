/**
 * The generating parameters of the demo chain: everything the analytics should recover is set
 * here and written to the truth file. Rates are per day; money in rubles where a distribution
 * is stated (receipts themselves are kopecks).
 */
export interface DemoOptions {
  seed: number;
  shoppers: number;
  stores: number;
  months: number;
  /** Last day of the history (UTC date, YYYY-MM-DD); receipts stop at its end. */
  end: string;
  /** Days at the end whose receipts go through the live processing path. */
  liveDays: number;
  /** Months after the start at which the loyalty program launches. */
  launchAfterMonths: number;
  locale: 'ru' | 'en';
  /** Share of receipts paid by bank card, so carrying the shopper's payment token. */
  cardPaymentShare: number;
}

export const defaultDemoOptions: Omit<DemoOptions, 'end'> = {
  seed: 42,
  shoppers: 20_000,
  stores: 12,
  months: 18,
  liveDays: 14,
  launchAfterMonths: 6,
  locale: 'ru',
  cardPaymentShare: 0.75,
};

export const demoModel = {
  /** BG/NBD: purchase rate λ ~ Gamma(r, α) per day while alive; after each repeat purchase the shopper drops out with p ~ Beta(a, b). */
  bgnbd: { r: 0.75, alpha_days: 14, a: 0.85, b: 9 },
  /** Gamma-Gamma: spend per visit ~ Gamma(p, ν) with ν ~ Gamma(q, γ) (rubles); mean spend p·γ/(q−1). */
  gammaGamma: { p: 4, q: 5, gamma_rub: 700 },
  /** Share of the starting customer base already shopping on the first day; the rest arrive uniformly over the period. */
  initialBaseShare: 0.5,
  /** Visit-rate multipliers by weekday (Monday first), mean 1. */
  weekdayWeights: [0.88, 0.88, 0.92, 0.96, 1.12, 1.24, 1.0],
  /** Visit-rate multiplier 1 + A·cos(2π (day of year − peak) / 365.25): yearly mean 1. */
  seasonality: { amplitude: 0.1, peak_day_of_year: 355 },
  /** Local opening hours 8..22 and the share of visits in each hour (evening peak). */
  hourWeights: [2, 4, 5, 5, 6, 6, 6, 6, 7, 9, 11, 11, 9, 6],
  /** Share of visits to the shopper's home store; others go to a store picked by traffic. */
  homeStoreShare: 0.85,
  program: {
    /** Chance that a shopper is the joining kind, scaled by (λ / mean λ)^0.5 and capped at 0.95: heavy buyers join more (self-selection). */
    joinerShare: 0.55,
    /** Chance per visit after the launch that a joining-kind shopper signs up at the till. */
    joinChancePerVisit: 0.2,
    /** True effect of membership on the member's own behaviour from the day they join. */
    lift: { visits: 0.1, spend: 0.05 },
    /** Share of a member's visits on which the card is shown. */
    cardShownShare: 0.93,
    /** Members redeem 'max' on a visit with this chance once their spendable balance reaches the threshold. */
    redeem: { chance: 0.35, threshold_points: 300 },
  },
  /** Share of live-period member receipts partly returned 1–5 days later. */
  returnShare: 0.015,
} as const;

export type DemoModel = typeof demoModel;

export const dayMs = 86_400_000;

/** The period's instants derived from the options (UTC). */
export interface DemoPeriod {
  start: number;
  end: number;
  launch: number;
  liveFrom: number;
}

function addMonths(ms: number, months: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, d.getUTCDate());
}

export function demoPeriod(options: DemoOptions): DemoPeriod {
  const end = Date.parse(`${options.end}T00:00:00Z`) + dayMs;
  const start = addMonths(end, -options.months);
  const launch = addMonths(start, options.launchAfterMonths);
  const liveFrom = end - options.liveDays * dayMs;
  return { start, end, launch, liveFrom };
}
