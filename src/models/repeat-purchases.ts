/**
 * Customers' purchase histories as the buy-till-you-die models read them, one entry per customer
 * (parallel arrays, so a million customers stay compact):
 * - `x`: repeat purchases in the calibration period (the first purchase is not counted);
 * - `tx`: time of the last purchase, from the first (0 when x = 0);
 * - `T`: time from the first purchase to the end of calibration.
 * Times are in the fit's time unit (days or weeks).
 */
export interface RepeatPurchases {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
}

/** Repeat buyers' average spend per repeat purchase, for the Gamma-Gamma model. */
export interface RepeatSpend {
  x: Float64Array;
  /** Mean spend per repeat purchase, in money units (rubles, dollars). */
  zbar: Float64Array;
}

export function repeatPurchases(rows: readonly { x: number; tx: number; T: number }[]): RepeatPurchases {
  return {
    x: Float64Array.from(rows, (r) => r.x),
    tx: Float64Array.from(rows, (r) => r.tx),
    T: Float64Array.from(rows, (r) => r.T),
  };
}
