import type { ProgramSettings, Tier } from './program-settings.ts';

const day = 86_400_000;

/** The highest tier whose threshold the spend reaches. */
export function tierForSpend(settings: ProgramSettings, spendKopecks: number): Tier {
  let best = settings.tiers[0]!;
  for (const tier of settings.tiers) if (spendKopecks >= tier.threshold_kopecks && tier.threshold_kopecks >= best.threshold_kopecks) best = tier;
  return best;
}

function rank(settings: ProgramSettings, code: string): number {
  const tier = settings.tiers.find((t) => t.code === code);
  return tier ? tier.threshold_kopecks : -1;
}

/**
 * The tier a member should have now: up at once when spend reaches a higher threshold; down
 * only when the policy allows it and the current tier has been held for the grace period.
 */
export function nextTier(
  settings: ProgramSettings,
  current: { code: string; since: number },
  spendKopecks: number,
  now: number,
): string {
  const earned = tierForSpend(settings, spendKopecks);
  const currentRank = rank(settings, current.code);
  // A tier removed from the settings is replaced by what the spend earns.
  if (currentRank < 0 || rank(settings, earned.code) >= currentRank) return earned.code;
  if (settings.tier_downgrade === 'never') return current.code;
  if (now - current.since < settings.tier_downgrade_grace_days * day) return current.code;
  return earned.code;
}
