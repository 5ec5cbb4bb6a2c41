/** Calendar months in days: CLV horizons are stated in months whatever the model's time unit. */
export const DAYS_PER_MONTH = 365.25 / 12;

export interface ClvOptions {
  horizonMonths: number;
  /** Yearly discount rate, e.g. 0.1 for 10 % a year; applied monthly. */
  annualDiscountRate: number;
  /** Days in the model's time unit (1 or 7). */
  unitDays: number;
}

/**
 * Discounted value of a customer's expected purchases over the horizon: each month's expected
 * purchases (the difference of the cumulative expectation at its ends) times the expected spend
 * per purchase, discounted to today at the end of that month.
 */
export function customerLifetimeValue(expectedBy: (t: number) => number, spendPerPurchase: number, options: ClvOptions): number {
  const monthly = (1 + options.annualDiscountRate) ** (1 / 12);
  let value = 0;
  let before = 0;
  let discount = 1;
  for (let m = 1; m <= options.horizonMonths; m++) {
    const cumulative = expectedBy((m * DAYS_PER_MONTH) / options.unitDays);
    discount /= monthly;
    value += (cumulative - before) * spendPerPurchase * discount;
    before = cumulative;
  }
  return value;
}
