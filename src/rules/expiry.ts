import type { ExpiryPolicy } from './program-settings.ts';
import { startOfNextPeriod } from './zoned-time.ts';

const day = 86_400_000;

/**
 * When a lot that becomes spendable at `availableAt` expires, or null when it does not expire
 * by date (never, or only through the member's inactivity).
 */
export function lotExpiresAt(policy: ExpiryPolicy, availableAt: number, timeZone: string): number | null {
  switch (policy.kind) {
    case 'never':
    case 'inactivity':
      return null;
    case 'after_days':
      return availableAt + policy.days * day;
    case 'end_of_period':
      return startOfNextPeriod(availableAt + policy.after_days * day, policy.period, timeZone);
  }
}
