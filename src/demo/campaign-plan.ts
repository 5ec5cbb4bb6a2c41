import { idFrom, idAlphabet } from '../core/index.ts';
import type { Random } from '../models/index.ts';
import { dayMs, type DemoPeriod } from './demo-parameters.ts';

/** A planted campaign: its window, audience, control share and true effect on the treated. */
export interface PlantedCampaign {
  id: string;
  code: string;
  ru: string;
  en: string;
  startsAt: number;
  endsAt: number;
  controlShareBp: number;
  /** 'members': every member registered before the start; 'lapsed': members without a purchase for lapsedDays. */
  audience: { kind: 'members' } | { kind: 'lapsed'; lapsedDays: number };
  /** Multipliers on the treated's visit rate and spend per visit during the window (1 = none). */
  effect: { visits: number; spend: number };
  /** A window right after the campaign with its own visit multiplier: < 1 means purchases were pulled forward. */
  after: { days: number; visits: number } | null;
}

export function seededTail(rng: Random): string {
  let out = '';
  for (let i = 0; i < 16; i++) out += idAlphabet[rng.int(32)];
  return out;
}

const specs: Omit<PlantedCampaign, 'id' | 'startsAt' | 'endsAt'>[] & { at: number; days: number }[] = [
  { code: 'double-points-coffee', ru: 'Двойные бонусы на кофе', en: 'Double points on coffee', at: 0.2, days: 21, controlShareBp: 1500, audience: { kind: 'members' }, effect: { visits: 1.15, spend: 1.05 }, after: null },
  { code: 'weekend-discount', ru: 'Скидка выходного дня', en: 'Weekend discount', at: 0.4, days: 14, controlShareBp: 1500, audience: { kind: 'members' }, effect: { visits: 1.3, spend: 1 }, after: { days: 14, visits: 0.7 } },
  { code: 'newsletter-new-products', ru: 'Рассылка о новинках', en: 'New products newsletter', at: 0.6, days: 14, controlShareBp: 2000, audience: { kind: 'members' }, effect: { visits: 1, spend: 1 }, after: null },
  { code: 'win-back', ru: 'Вернитесь к нам: бонусы за покупку', en: 'Win-back: points for coming back', at: 0.8, days: 21, controlShareBp: 1000, audience: { kind: 'lapsed', lapsedDays: 45 }, effect: { visits: 1.25, spend: 1 }, after: null },
];

/**
 * Four campaigns between the launch and the live period: one with an effect on visits and
 * spend, one that only pulls purchases forward (the after-window gives back what the window
 * gained), one with no effect at all, and a win-back of lapsed members. A campaign whose window
 * (and after-window) would not end before the live period is left out; the truth file lists
 * those that ran.
 */
export function plantCampaigns(period: DemoPeriod, rng: Random): PlantedCampaign[] {
  const span = period.liveFrom - period.launch;
  const campaigns: PlantedCampaign[] = [];
  for (const spec of specs) {
    const startsAt = period.launch + Math.floor((spec.at * span) / dayMs) * dayMs;
    const endsAt = startsAt + spec.days * dayMs;
    const tail = seededTail(rng);
    if (endsAt + (spec.after?.days ?? 0) * dayMs > period.liveFrom) continue;
    const { at: _at, days: _days, ...rest } = spec;
    campaigns.push({ ...rest, id: idFrom('cmp', startsAt, tail), startsAt, endsAt });
  }
  return campaigns;
}
