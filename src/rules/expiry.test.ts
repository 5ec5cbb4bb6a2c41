import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lotExpiresAt } from './expiry.ts';
import { nextTier, tierForSpend } from './tiers.ts';
import { defaultProgramSettings } from './program-settings.ts';

const at = (iso: string) => Date.parse(iso);

test('after N days', () => {
  assert.equal(lotExpiresAt({ kind: 'after_days', days: 30 }, at('2026-01-10T09:00:00Z'), 'Europe/Moscow'), at('2026-02-09T09:00:00Z'));
});

test('end of month/quarter/year is midnight in the chain time zone', () => {
  const available = at('2026-01-20T12:00:00Z');
  // 15 days later is Feb 4; the month ends at midnight of March 1 in Moscow (UTC+3) = Feb 28 21:00 UTC.
  assert.equal(lotExpiresAt({ kind: 'end_of_period', period: 'month', after_days: 15 }, available, 'Europe/Moscow'), at('2026-02-28T21:00:00Z'));
  assert.equal(lotExpiresAt({ kind: 'end_of_period', period: 'quarter', after_days: 0 }, available, 'Europe/Moscow'), at('2026-03-31T21:00:00Z'));
  assert.equal(lotExpiresAt({ kind: 'end_of_period', period: 'year', after_days: 0 }, available, 'Asia/Vladivostok'), at('2026-12-31T14:00:00Z'));
});

test('a date near midnight belongs to the local month, not the UTC one', () => {
  // 2026-01-31 22:30 UTC is already February 1 in Moscow: the lot runs to the end of February.
  assert.equal(lotExpiresAt({ kind: 'end_of_period', period: 'month', after_days: 0 }, at('2026-01-31T22:30:00Z'), 'Europe/Moscow'), at('2026-02-28T21:00:00Z'));
});

test('never and inactivity do not expire by date', () => {
  assert.equal(lotExpiresAt({ kind: 'never' }, 0, 'UTC'), null);
  assert.equal(lotExpiresAt({ kind: 'inactivity', days: 180 }, 0, 'UTC'), null);
});

test('tiers: up at once, down only after the grace period, never down under "never"', () => {
  const s = defaultProgramSettings;
  assert.equal(tierForSpend(s, 0).code, 'base');
  assert.equal(tierForSpend(s, 3_000_000).code, 'silver');
  assert.equal(tierForSpend(s, 99_999_999).code, 'gold');
  const now = at('2026-06-01T00:00:00Z');
  assert.equal(nextTier(s, { code: 'base', since: now }, 10_000_000, now), 'gold');
  assert.equal(nextTier(s, { code: 'gold', since: now - 10 * 86_400_000 }, 0, now), 'gold');
  assert.equal(nextTier(s, { code: 'gold', since: now - 31 * 86_400_000 }, 0, now), 'base');
  assert.equal(nextTier({ ...s, tier_downgrade: 'never' }, { code: 'gold', since: 0 }, 0, now), 'gold');
});
