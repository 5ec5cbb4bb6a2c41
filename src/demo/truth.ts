import { createHash } from 'node:crypto';
import { plantedAffinities, demoCategories } from './chain-catalog.ts';
import type { PlantedCampaign } from './campaign-plan.ts';
import { demoModel, type DemoOptions, type DemoPeriod } from './demo-parameters.ts';
import type { PlantedAbuse } from './live-replay.ts';
import type { SimShopper } from './shopper-simulation.ts';
import type { ProgramSettings } from '../rules/index.ts';

export interface RealizedCounts {
  history_receipts: number;
  history_member_receipts: number;
  history_lines: number;
  live_receipts: number;
  live_member_receipts: number;
  live_registrations: number;
  live_returns: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The truth file: what was planted and with which parameters, so that tests and analysts can
 * check what Patron's analytics recover. Its layout is documented in docs/demo.md; the version
 * in `format` changes whenever a field changes meaning.
 */
export function buildTruth(input: {
  options: DemoOptions;
  period: DemoPeriod;
  settings: ProgramSettings;
  campaigns: PlantedCampaign[];
  shoppers: readonly SimShopper[];
  abuse: PlantedAbuse[];
  products: number;
  realized: RealizedCounts;
}) {
  const { options, period, shoppers } = input;
  const members = shoppers.filter((s) => s.joinedAt !== null);
  return {
    format: 'patron-demo-truth/1',
    seed: options.seed,
    options,
    period: { start: iso(period.start), end: iso(period.end), program_launch: iso(period.launch), live_from: iso(period.liveFrom) },
    model: demoModel,
    time_units: 'bgnbd rates are per day (alpha_days); in weeks alpha = alpha_days / 7. Gamma-Gamma gamma is in rubles; receipts are in kopecks.',
    catalog: { categories: demoCategories.length, products: input.products, non_promotable_categories: input.settings.non_promotable_categories, affinities: plantedAffinities },
    program: {
      launch: iso(period.launch),
      settings: input.settings,
      lift: demoModel.program.lift,
      selection: 'Heavier buyers join more often (join chance ∝ sqrt(λ / mean λ)): a naive member vs non-member comparison overstates the lift.',
    },
    campaigns: input.campaigns.map((c) => {
      const audience = shoppers.filter((s) => s.groups.has(c.id));
      const control = audience.filter((s) => s.groups.get(c.id) === 'control').length;
      return {
        id: c.id,
        code: c.code,
        name: { ru: c.ru, en: c.en },
        starts_at: iso(c.startsAt),
        ends_at: iso(c.endsAt),
        control_share_bp: c.controlShareBp,
        audience: c.audience,
        true_effect: { visit_rate_multiplier: c.effect.visits, spend_per_visit_multiplier: c.effect.spend },
        after_window: c.after ? { days: c.after.days, visit_rate_multiplier: c.after.visits } : null,
        assigned: { treatment: audience.length - control, control },
      };
    }),
    abuse: input.abuse,
    realized: {
      shoppers: shoppers.length,
      members: members.length,
      dropped_out: shoppers.filter((s) => s.diedAt !== null).length,
      ...input.realized,
    },
  };
}

export type DemoTruth = ReturnType<typeof buildTruth>;

export function truthText(truth: DemoTruth): string {
  return JSON.stringify(truth, null, 2) + '\n';
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
