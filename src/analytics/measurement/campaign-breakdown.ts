import { PatronError } from '../../core/index.ts';
import { differenceOfMeans, differenceOfProportions, holmAdjust, relativeLiftOfMeans, type Estimate } from '../../models/index.ts';
import type { AnalyticsStore } from '../analytics-store.ts';
import type { Text } from '../reports/report-definition.ts';
import { breakdownParams, breakdownSql, breakdownsOf, findCampaign, unitsSql } from './campaign-units.ts';
import { aggregateGroups } from './group-aggregates.ts';

export interface BreakdownCell {
  arm: string;
  value: string;
  treated: number;
  control: number;
  response_rate: Estimate;
  revenue_per_customer: Estimate;
  revenue_lift: Estimate;
  /** Holm-adjusted over every cell of this breakdown (all arms): the chance of any false alarm stays at 5 %. */
  p_adjusted: number;
  significant_after_adjustment: boolean;
}

export interface CampaignBreakdown {
  campaign: string;
  by: string;
  available: string[];
  cells: BreakdownCell[];
  caveat: Text;
}

/**
 * The campaign's effect within each value of one breakdown (segment, tier, store, gender, age
 * band, city; or an experiment file's own columns). Many cells make some look significant by
 * chance: each cell's p-value is shown beside its Holm adjustment over the whole breakdown.
 */
export async function campaignBreakdown(store: AnalyticsStore, ref: string, by: string, options: { preDays?: number; confidence?: number } = {}): Promise<CampaignBreakdown> {
  const campaign = await findCampaign(store, ref);
  const confidence = options.confidence ?? 0.95;
  const available = await breakdownsOf(store, campaign);
  if (!available.includes(by)) {
    throw new PatronError('validation_failed', `Campaign ${campaign.code} breaks down by ${available.join(', ') || 'nothing'}, not ${by}`, { issues: [{ path: 'by', message: 'unknown breakdown' }] });
  }
  const windows = { preDays: options.preDays ?? 90, afterDays: 0 };
  const relation = `SELECT u.arm, coalesce(b.value, '(none)') AS value, u.responded, u.revenue FROM (${unitsSql(campaign, windows)}) u LEFT JOIN (${breakdownSql(campaign, by, windows)}) b USING (unit_id)`;
  const groups = await aggregateGroups(store, relation, ['arm', 'value'], ['responded', 'revenue'], breakdownParams(campaign, by));
  const controls = new Map(groups.filter((g) => g.key[0] === campaign.control_arm).map((g) => [g.key[1]!, g.moments]));
  const cells: Omit<BreakdownCell, 'p_adjusted' | 'significant_after_adjustment'>[] = [];
  for (const g of groups) {
    if (g.key[0] === campaign.control_arm) continue;
    const c = controls.get(g.key[1]!);
    if (!c || c.n < 2 || g.moments.n < 2) continue;
    cells.push({
      arm: g.key[0]!, value: g.key[1]!, treated: g.moments.n, control: c.n,
      response_rate: differenceOfProportions(g.moments, c, 0, confidence),
      revenue_per_customer: differenceOfMeans(g.moments, c, 1, confidence),
      revenue_lift: relativeLiftOfMeans(g.moments, c, 1, confidence),
    });
  }
  const adjusted = holmAdjust(cells.map((c) => c.revenue_per_customer.p_value));
  return {
    campaign: campaign.id,
    by,
    available,
    cells: cells.map((c, i) => ({ ...c, p_adjusted: adjusted[i]!, significant_after_adjustment: adjusted[i]! < 1 - confidence })),
    caveat: {
      en: `${cells.length} cells are compared at once: about ${Math.round(cells.length * (1 - confidence) * 10) / 10} would look significant at p < ${(1 - confidence).toFixed(2)} by chance alone. Trust a cell only when its Holm-adjusted p-value is small too, and treat the rest as hypotheses for the next test. Cells without customers in both arms are left out.`,
      ru: `Сравниваются ${cells.length} ячеек сразу: около ${Math.round(cells.length * (1 - confidence) * 10) / 10} покажутся значимыми при p < ${(1 - confidence).toFixed(2)} просто случайно. Доверяйте ячейке, только если мал и её p-value с поправкой Холма; остальное — гипотезы для следующего теста. Ячейки без клиентов в обеих группах не показаны.`,
    },
  };
}
