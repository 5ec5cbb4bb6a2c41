/**
 * Planning a campaign's control group: the smallest effect a test can detect with a given
 * control share, or the control share needed to detect a given effect. Two-sided test of a
 * difference in means at level α with power 1 − β, normal approximation:
 * Var(diff) = σ² / (N · s · (1 − s)) for N customers of whom a share s is held out, so
 * MDE = (z_{1−α/2} + z_{1−β}) · σ / sqrt(N s (1 − s)).
 */
import { normalQuantile } from './distributions.ts';

export interface DesignInput {
  /** Customers in the audience. */
  audience: number;
  /** Standard deviation of the outcome per customer (for a rate p: sqrt(p(1−p))). */
  sd: number;
  alpha?: number;
  power?: number;
}

function zSum(alpha: number, power: number): number {
  return normalQuantile(1 - alpha / 2) + normalQuantile(power);
}

/** Minimum detectable absolute effect for a control share (0 < share < 1). */
export function minimumDetectableEffect(input: DesignInput & { controlShare: number }): number {
  const { audience, sd, controlShare: s, alpha = 0.05, power = 0.8 } = input;
  if (!(s > 0 && s < 1)) throw new RangeError(`control share must be between 0 and 1, got ${s}`);
  return (zSum(alpha, power) * sd) / Math.sqrt(audience * s * (1 - s));
}

/**
 * The smallest control share that detects `effect` (absolute), or null when even an even split
 * cannot: the audience is too small for that effect.
 */
export function controlShareForEffect(input: DesignInput & { effect: number }): number | null {
  const { audience, sd, effect, alpha = 0.05, power = 0.8 } = input;
  const k = (zSum(alpha, power) * sd) / Math.abs(effect);
  const need = (k * k) / audience; // s(1 − s) must be at least this
  if (need > 0.25) return null;
  return (1 - Math.sqrt(1 - 4 * need)) / 2;
}

/** Customers needed in all for `effect` at a control share. */
export function audienceForEffect(input: Omit<DesignInput, 'audience'> & { effect: number; controlShare: number }): number {
  const { sd, effect, controlShare: s, alpha = 0.05, power = 0.8 } = input;
  const k = (zSum(alpha, power) * sd) / Math.abs(effect);
  return Math.ceil((k * k) / (s * (1 - s)));
}
