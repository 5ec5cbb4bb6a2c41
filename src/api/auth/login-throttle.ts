import { PatronError } from '../../core/index.ts';

/**
 * Slows password guessing: after `maxFailures` failed sign-ins for one e-mail within the window,
 * further attempts are refused until the window has passed. Kept in memory: it guards one
 * process, which is what runs the web app; a restart forgives, which is acceptable for a throttle.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly maxFailures = 10,
    private readonly windowMs = 15 * 60_000,
  ) {}

  private recent(email: string, now: number): number[] {
    const key = email.trim().toLowerCase();
    const kept = (this.failures.get(key) ?? []).filter((t) => t > now - this.windowMs);
    this.failures.set(key, kept);
    return kept;
  }

  assertAllowed(email: string, now = Date.now()): void {
    const recent = this.recent(email, now);
    if (recent.length >= this.maxFailures) {
      const retryAfterSeconds = Math.ceil((recent[0]! + this.windowMs - now) / 1000);
      throw new PatronError('auth_rate_limited', `Too many failed sign-ins; try again in ${retryAfterSeconds} s`, {
        details: { retry_after_seconds: retryAfterSeconds },
      });
    }
  }

  recordFailure(email: string, now = Date.now()): void {
    this.recent(email, now).push(now);
  }

  recordSuccess(email: string): void {
    this.failures.delete(email.trim().toLowerCase());
  }
}
