import { holdoutGroup, type CampaignGroup } from '../campaigns/index.ts';
import { idFrom } from '../core/index.ts';
import { Random } from '../models/index.ts';
import type { PlantedCampaign } from './campaign-plan.ts';
import { seededTail } from './campaign-plan.ts';
import { dayMs, demoModel, type DemoPeriod } from './demo-parameters.ts';
import { drawPerson, type Person } from './people.ts';

export interface SimStore {
  traffic: number;
  /** UTC offset in ms (Russian zones keep one offset all year since 2014). */
  offsetMs: number;
}

export interface SimVisit {
  at: number;
  store: number;
  /** The target spend drawn from the Gamma-Gamma process, lifts applied (kopecks). */
  spendKopecks: number;
  /** A member at this visit (joined now or before). */
  member: boolean;
  joins: boolean;
  cardShown: boolean;
  paymentToken: string | null;
  redeemWish: boolean;
}

export interface SimShopper {
  index: number;
  lambdaPerDay: number;
  dropoutP: number;
  /** ν of the Gamma-Gamma process (per ruble). */
  spendRate: number;
  birthAt: number;
  /** When the shopper dropped out (after a repeat purchase), null if alive at the end. */
  diedAt: number | null;
  homeStore: number;
  joinerKind: boolean;
  person: Person;
  token: string;
  customerId: string | null;
  joinedAt: number | null;
  visits: SimVisit[];
  /** Campaigns whose audience the shopper was in, with the group. */
  groups: Map<string, CampaignGroup>;
  preferences: number[];
}

const model = demoModel;
const meanLambda = model.bgnbd.r / model.bgnbd.alpha_days;

/** Campaign audience at the start: members who joined before it (and, for win-back, had lapsed). */
function inAudience(c: PlantedCampaign, s: { joinedAt: number | null; visits: SimVisit[] }): boolean {
  if (s.joinedAt === null || s.joinedAt >= c.startsAt) return false;
  if (c.audience.kind === 'members') return true;
  let last = -Infinity;
  for (const v of s.visits) if (v.at < c.startsAt) last = Math.max(last, v.at);
  return c.startsAt - last >= c.audience.lapsedDays * dayMs;
}

/**
 * One shopper's life in the chain. Purchases follow a BG/NBD process: a Poisson rate λ while
 * alive, dropping out with probability p after each repeat purchase, with the rate modulated by
 * weekday, season, membership and campaigns (thinning against a bound). Every shopper draws
 * from a random stream of their own, so the result does not depend on how shoppers are batched.
 */
export function simulateShopper(
  index: number,
  { seed, cardPaymentShare }: { seed: number; cardPaymentShare: number },
  period: DemoPeriod,
  stores: readonly SimStore[],
  campaigns: readonly PlantedCampaign[],
  preferences: (rng: Random) => number[],
): SimShopper {
  const rng = new Random((Math.imul(seed, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca77)) >>> 0);
  const { r, alpha_days, a, b } = model.bgnbd;
  const lambda = rng.gamma(r, alpha_days);
  const p = rng.beta(a, b);
  const spendRate = rng.gamma(model.gammaGamma.q, model.gammaGamma.gamma_rub);
  const span = period.end - period.start;
  const birthAt = rng.bernoulli(model.initialBaseShare) ? period.start + rng.uniform() * 14 * dayMs : period.start + rng.uniform() * span;
  const homeStore = rng.categorical(stores.map((s) => s.traffic));
  const joinerKind = rng.bernoulli(Math.min(0.95, model.program.joinerShare * Math.sqrt(lambda / meanLambda)));
  const person = drawPerson(rng, birthAt);
  const token = `pt-${seededTail(rng)}`;
  const prefs = preferences(rng);
  const shopper: SimShopper = {
    index, lambdaPerDay: lambda, dropoutP: p, spendRate, birthAt, diedAt: null, homeStore, joinerKind, person, token,
    customerId: null, joinedAt: null, visits: [], groups: new Map(), preferences: prefs,
  };

  const groupOf = new Map<string, CampaignGroup | null>();
  const treated = (c: PlantedCampaign): boolean => {
    if (!groupOf.has(c.id)) groupOf.set(c.id, inAudience(c, shopper) ? holdoutGroup(c.id, shopper.customerId!, c.controlShareBp) : null);
    return groupOf.get(c.id) === 'treatment';
  };
  const multipliers = (t: number) => {
    let visits = 1;
    let spend = 1;
    if (shopper.joinedAt !== null && t >= shopper.joinedAt) {
      visits *= 1 + model.program.lift.visits;
      spend *= 1 + model.program.lift.spend;
    }
    for (const c of campaigns) {
      if (t >= c.startsAt && t < c.endsAt && treated(c)) {
        visits *= c.effect.visits;
        spend *= c.effect.spend;
      } else if (c.after && t >= c.endsAt && t < c.endsAt + c.after.days * dayMs && treated(c)) visits *= c.after.visits;
    }
    return { visits, spend };
  };
  const bound = Math.max(...model.weekdayWeights) * (1 + model.seasonality.amplitude) * (1 + model.program.lift.visits) * campaigns.reduce((m, c) => m * Math.max(1, c.effect.visits), 1);

  const visit = (t: number) => {
    const store = rng.bernoulli(model.homeStoreShare) ? homeStore : rng.categorical(stores.map((s) => s.traffic));
    const offset = stores[store]!.offsetMs;
    const localDay = Math.floor((t + offset) / dayMs) * dayMs - offset;
    const at = Math.floor(localDay + (8 + rng.categorical(model.hourWeights) + rng.uniform()) * 3_600_000);
    if (at >= period.end || at < period.start) return;
    let joins = false;
    if (shopper.joinedAt === null && joinerKind && at >= period.launch && rng.bernoulli(model.program.joinChancePerVisit)) {
      joins = true;
      shopper.joinedAt = at;
      shopper.customerId = idFrom('cus', at, seededTail(rng));
    }
    const member = shopper.joinedAt !== null && at >= shopper.joinedAt;
    const m = multipliers(at);
    const spendRub = rng.gamma(model.gammaGamma.p, spendRate) * m.spend;
    shopper.visits.push({
      at,
      store,
      spendKopecks: Math.max(100, Math.round(spendRub * 100)),
      member,
      joins,
      cardShown: joins || (member && rng.bernoulli(model.program.cardShownShare)),
      paymentToken: rng.bernoulli(cardPaymentShare) ? token : null,
      redeemWish: rng.bernoulli(model.program.redeem.chance),
    });
  };

  visit(birthAt);
  let t = birthAt;
  for (;;) {
    t += rng.exponential(lambda * bound) * dayMs;
    if (t >= period.end) break;
    const date = new Date(t);
    const weekday = model.weekdayWeights[(date.getUTCDay() + 6) % 7]!;
    const dayOfYear = (t - Date.UTC(date.getUTCFullYear(), 0, 1)) / dayMs;
    const season = 1 + model.seasonality.amplitude * Math.cos((2 * Math.PI * (dayOfYear - model.seasonality.peak_day_of_year)) / 365.25);
    if (!rng.bernoulli((weekday * season * multipliers(t).visits) / bound)) continue;
    visit(t);
    if (rng.bernoulli(p)) {
      shopper.diedAt = t;
      break;
    }
  }
  shopper.visits.sort((x, y) => x.at - y.at);
  for (const c of campaigns) if (inAudience(c, shopper)) shopper.groups.set(c.id, holdoutGroup(c.id, shopper.customerId!, c.controlShareBp));
  return shopper;
}
