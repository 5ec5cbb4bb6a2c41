import { PatronError } from '../../core/index.ts';
import { geometricProfile, simulateMechanic, type Mechanic, type RedemptionProfile, type SalesMonth, type SimulationResult } from '../../models/index.ts';
import type { AnalyticsStore } from '../analytics-store.ts';
import type { Text } from '../reports/report-definition.ts';
import { productRows } from '../reports/report-sql.ts';
import { refreshRollups } from '../rollups.ts';
import { utcDay } from '../utc-sql.ts';
import { money } from './effect-wording.ts';
import { redemptionRate } from './points-redemption.ts';

export interface MechanicsOptions {
  from?: string;
  to?: string;
  discountBp?: number;
  bonusBp?: number;
  /** Tiers as [threshold on the shopper's spend over the previous 12 months (kopecks), earn rate (bp)], lowest first. */
  tiers?: [number, number][];
  /** Who takes part: members (receipts with a card) or every identified shopper (card or bank-card token). */
  participants?: 'members' | 'identified';
  /** Redemption rate; from the ledger's settled lots when not given (else 0.7). */
  redemptionRate?: number;
  /** Mean months from earning to redeeming; from the ledger when not given (else 2). */
  redemptionDelayMonths?: number;
  expiryMonths?: number;
  /** Margin rate when products carry no cost (basis points). */
  marginRateBp?: number;
}

export interface MechanicsComparison {
  from: string;
  to: string;
  participants: 'members' | 'identified';
  margin_basis: 'lines' | 'assumed_rate';
  redemption: { rate: number; basis: string; mean_delay_months: number; delay_basis: string; expiry_months: number };
  tiers: [number, number][];
  results: (SimulationResult & { label: string })[];
  meaning: Text;
}

const defaultTiers: [number, number][] = [[0, 300], [3_000_000, 500], [10_000_000, 700]];

/**
 * The mechanics simulator: the chain's historic receipts by month, replayed under a discount,
 * a flat bonus and tiered bonuses, each with its cost, liability, cash flow and the sales lift
 * it needs to break even.
 */
export async function compareMechanics(store: AnalyticsStore, options: MechanicsOptions = {}): Promise<MechanicsComparison> {
  const participants = options.participants ?? 'members';
  const tiers = options.tiers ?? defaultTiers;
  if (tiers.length === 0 || tiers[0]![0] !== 0 || tiers.some((t, i) => i > 0 && t[0] <= tiers[i - 1]![0])) {
    throw new PatronError('validation_failed', 'Tiers start at a threshold of 0 and rise', { issues: [{ path: 'tiers', message: 'thresholds must start at 0 and increase' }] });
  }
  const bounds = (await store.query(`SELECT strftime(${utcDay('min(ts)')}, '%Y-%m-%d') AS first_day, strftime(${utcDay('max(ts)')}, '%Y-%m-%d') AS last_day FROM receipts`))[0]!;
  if (!bounds['last_day']) throw new PatronError('validation_failed', 'The simulator replays receipts, and the read side has none', { issues: [{ path: 'receipts', message: 'empty' }] });
  const to = options.to ?? String(bounds['last_day']);
  const from = options.from ?? String(bounds['first_day']);
  const thresholds = tiers.map((t) => t[0]);
  const tierExpr = `CASE ${thresholds.map((t, i) => [t, i] as const).reverse().map(([t, i]) => `WHEN prior_year_kopecks >= ${t} THEN ${i}`).join(' ')} ELSE 0 END`;
  // Members are shoppers of kind 2 in the rollups; every identified shopper adds the card tokens
  // no member's receipt names (kind 1), as coalesce(member, token) would.
  const kinds = participants === 'members' ? '(2)' : '(1, 2)';
  await refreshRollups(store);
  // From the rollups (migration 0015): each shopper's revenue by month with the 12 months before
  // (the tier), and lines by day and product (the margin). Summing 7.7 million member lines and
  // 1.5 million member receipts here on every run took 1.9 s at 5 M receipts.
  // A month is costed when every line is and every receipt has lines (receipts counted by their first lines).
  const rows = await store.query(
    `WITH in_period AS (SELECT month, prior_year_kopecks, revenue_kopecks, receipts FROM shopper_month_sums
                         WHERE shopper_kind IN ${kinds} AND month >= date_trunc('month', $1::DATE) AND month <= $2::DATE),
          day_sku AS (SELECT day, sku, sum(amount_kopecks) AS amount, sum(qty) AS qty, sum(receipts) AS receipts FROM line_day_sums
                       WHERE shopper_kind IN ${kinds} AND day >= date_trunc('month', $1::DATE) AND date_trunc('month', day) <= $2::DATE GROUP BY 1, 2),
          margins AS (SELECT date_trunc('month', l.day)::DATE AS month, sum(l.amount - p.cost_kopecks * l.qty) AS margin,
                             bool_and(p.cost_kopecks IS NOT NULL) AS costed, sum(l.receipts) AS receipts
                        FROM day_sku l LEFT JOIN ${productRows} p ON p.sku = l.sku GROUP BY 1),
          tiered AS (SELECT month, ${tierExpr} AS tier, sum(revenue_kopecks)::DOUBLE AS revenue FROM in_period GROUP BY 1, 2),
          counted AS (SELECT month, sum(receipts) AS receipts FROM in_period GROUP BY 1)
     SELECT strftime(t.month, '%Y-%m') AS month, t.tier, t.revenue, m.margin::DOUBLE AS margin,
            coalesce(m.costed AND m.receipts = c.receipts, false) AS costed
       FROM tiered t JOIN counted c USING (month) LEFT JOIN margins m USING (month) ORDER BY 1, 2`,
    [from, to],
  );
  if (rows.length === 0) throw new PatronError('validation_failed', `No ${participants === 'members' ? 'member' : 'identified'} receipts from ${from} to ${to}`, { issues: [{ path: 'from', message: 'empty period' }] });
  const costed = rows.every((r) => r['costed'] === true);
  const marginRate = (options.marginRateBp ?? 2500) / 10_000;
  const byMonth = new Map<string, SalesMonth>();
  for (const r of rows) {
    const month = String(r['month']);
    const s = byMonth.get(month) ?? { month, revenue: 0, margin: 0, revenueByTier: tiers.map(() => 0) };
    const revenue = Number(r['revenue']);
    // A month's margin comes once, on each of its tier rows; the assumed rate goes with revenue.
    if (!byMonth.has(month) && costed) s.margin = Number(r['margin']);
    s.revenue += revenue;
    if (!costed) s.margin += revenue * marginRate;
    s.revenueByTier[Number(r['tier'])]! += revenue;
    byMonth.set(month, s);
  }
  const sales = [...byMonth.values()];

  const ledger = options.redemptionRate === undefined || options.redemptionDelayMonths === undefined ? await redemptionRate(store, 0.7) : null;
  const measured = options.redemptionRate === undefined ? ledger : null;
  const delay = options.redemptionDelayMonths === undefined ? ledger!.delay_months : null;
  const expiryMonths = options.expiryMonths ?? 12;
  const meanDelay = options.redemptionDelayMonths ?? delay ?? 2;
  const profile: RedemptionProfile = { rate: options.redemptionRate ?? measured!.rate, byMonthsAfter: geometricProfile(meanDelay, expiryMonths), expiryMonths };
  const discountBp = options.discountBp ?? 500;
  const bonusBp = options.bonusBp ?? 500;
  const mechanics: [string, Mechanic][] = [
    [`discount ${discountBp / 100} %`, { kind: 'discount', rateBp: discountBp }],
    [`bonus ${bonusBp / 100} %`, { kind: 'bonus', rateBp: bonusBp }],
    [`tiered ${tiers.map((t) => `${t[1] / 100} %`).join(' / ')}`, { kind: 'tiered', ratesBp: tiers.map((t) => t[1]) }],
  ];
  const results = mechanics.map(([label, m]) => ({ label, ...simulateMechanic(sales, m, profile) }));
  const line = (r: (typeof results)[number], lang: 'en' | 'ru') =>
    lang === 'en'
      ? `${r.label}: costs ${money(r.cost, '₽')} (${(r.cost_share * 100).toFixed(2)} % of revenue), ${money(r.cash_out, '₽')} paid out in the period, ${money(r.liability_end, '₽')} still owed at its end; break-even needs ${r.break_even_lift === null ? 'more than the whole margin' : `+${(r.break_even_lift * 100).toFixed(1)} % sales`}.`
      : `${r.label}: стоит ${money(r.cost, '₽')} (${(r.cost_share * 100).toFixed(2)} % выручки), выплачено за период ${money(r.cash_out, '₽')}, обязательства на конец ${money(r.liability_end, '₽')}; для окупаемости нужен ${r.break_even_lift === null ? 'рост больше всей маржи' : `рост продаж +${(r.break_even_lift * 100).toFixed(1)} %`}.`;
  return {
    from, to, participants, margin_basis: costed ? 'lines' : 'assumed_rate',
    redemption: {
      rate: profile.rate, basis: options.redemptionRate !== undefined ? 'given' : measured!.basis === 'settled_lots' ? 'settled lots of the ledger' : 'assumed (no settled lots)',
      mean_delay_months: meanDelay, delay_basis: options.redemptionDelayMonths !== undefined ? 'given' : delay !== null ? 'ledger' : 'assumed (no redemptions)', expiry_months: expiryMonths,
    },
    tiers, results,
    meaning: {
      en: `${results.map((r) => line(r, 'en')).join(' ')} A bonus costs only what is redeemed (${(profile.rate * 100).toFixed(0)} % here; the rest expires), and costs it later; a discount costs its full rate at once. The break-even lift is the sales growth at which the margin after the mechanic's cost equals the margin without it.`,
      ru: `${results.map((r) => line(r, 'ru')).join(' ')} Бонус стоит только то, что списано (здесь ${(profile.rate * 100).toFixed(0)} %; остальное сгорает), и позже; скидка стоит всю ставку сразу. Рост для окупаемости — рост продаж, при котором маржа после затрат на механику равна марже без неё.`,
    },
  };
}
