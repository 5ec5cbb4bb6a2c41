import type { Store } from '../catalog/index.ts';
import { assignAudience } from '../campaigns/index.ts';
import { idFrom } from '../core/index.ts';
import { withTransaction, type Pool } from '../db/index.ts';
import { insertHistoricMembers, type HistoricMember } from '../customers/index.ts';
import { MemberHistoryBook, emptyLedgerHistory, writeLedgerHistory } from '../ledger/index.ts';
import { Random } from '../models/index.ts';
import { loadHistoricReceipts, type HistoricReceipt, type VersionedSettings } from '../processing/index.ts';
import { evaluateReceipt, lotExpiresAt } from '../rules/index.ts';
import type { BasketBuilder, BasketLine } from './basket.ts';
import { seededTail, type PlantedCampaign } from './campaign-plan.ts';
import { dayMs, type DemoOptions, type DemoPeriod } from './demo-parameters.ts';
import { identities } from './people.ts';
import type { DemoStore } from './chain-catalog.ts';
import { simulateShopper, type SimShopper, type SimStore, type SimVisit } from './shopper-simulation.ts';

/** A visit of the live period, with its basket, to be sent through the processing path. */
export interface LiveVisit {
  shopper: SimShopper;
  visit: SimVisit;
  terminal: string;
  number: string;
  lines: BasketLine[];
}

export interface ChunkResult {
  /** What the write step inserts. */
  rows: { members: HistoricMember[]; receipts: HistoricReceipt[]; ledger: ReturnType<typeof emptyLedgerHistory> };
  live: LiveVisit[];
  shoppers: SimShopper[];
  receipts: number;
  memberReceipts: number;
  lines: number;
}

export interface HistoryContext {
  pool: Pool;
  options: DemoOptions;
  period: DemoPeriod;
  demoStores: DemoStore[];
  stores: Store[];
  simStores: SimStore[];
  settings: VersionedSettings;
  campaigns: PlantedCampaign[];
  baskets: BasketBuilder;
}

export function memberRecord(ctx: HistoryContext, s: SimShopper, lastPurchaseAt: number | null): HistoricMember {
  const ids = identities(s.index, s.person);
  const demo = ctx.demoStores[s.homeStore]!;
  const joinVisit = s.visits.find((v) => v.joins)!;
  return {
    id: s.customerId!,
    phone: ids.phone,
    external_id: ids.externalId,
    email: s.person.consents.email ? ids.email : null,
    name: `${s.person.firstName} ${s.person.surname}`,
    birth_date: s.person.birthDate,
    gender: s.person.gender,
    city: ctx.options.locale === 'ru' ? demo.cityRu : demo.cityEn,
    consents: s.person.consents,
    tier_code: ctx.settings.settings.tiers[0]!.code,
    registered_at: new Date(s.joinedAt!),
    registered_store_id: ctx.stores[joinVisit.store]!.id,
    last_purchase_at: lastPurchaseAt === null ? null : new Date(lastPurchaseAt),
    card: ids.card,
  };
}

/**
 * Simulates a chunk of shoppers and builds the rows of their history before the live period:
 * members, receipts with lines, the ledger as the live path would have left it. Visits of the
 * live period come back with their baskets for replay through processing. Synchronous, so the
 * next chunk can be built while the database writes the previous one.
 */
export function buildHistoryChunk(ctx: HistoryContext, from: number, to: number): ChunkResult {
  const { period, settings, campaigns } = ctx;
  const rules = settings.settings;
  const baseTier = rules.tiers[0]!;
  const shoppers: SimShopper[] = [];
  const members: HistoricMember[] = [];
  const receipts: HistoricReceipt[] = [];
  const ledger = emptyLedgerHistory();
  const live: LiveVisit[] = [];
  let memberReceipts = 0;
  let lineCount = 0;

  for (let index = from; index < to; index++) {
    const s = simulateShopper(index, ctx.options, period, ctx.simStores, campaigns, (rng) => ctx.baskets.preferences(rng));
    shoppers.push(s);
    // Baskets and ids draw from a stream of their own, so the visit process above stays comparable across versions of the basket model.
    const rng = new Random((Math.imul(ctx.options.seed ^ 0x5bd1e995, 0x27d4eb2d) ^ Math.imul(index + 1, 0x165667b1)) >>> 0);
    const book = s.customerId && s.joinedAt! < period.liveFrom ? new MemberHistoryBook(s.customerId, ledger, (prefix, at) => idFrom(prefix, at, seededTail(rng))) : null;
    let lastPurchase: number | null = null;
    s.visits.forEach((v, k) => {
      const lines = ctx.baskets.build(rng, v.spendKopecks, s.preferences);
      const terminal = String(1 + ((index + k) % 4));
      const number = `${String(index).padStart(7, '0')}${String(k).padStart(4, '0')}`;
      if (v.at >= period.liveFrom) {
        live.push({ shopper: s, visit: v, terminal, number, lines });
        return;
      }
      const store = ctx.stores[v.store]!;
      const identified = book !== null && v.member && v.cardShown;
      const id = idFrom('rcp', v.at, seededTail(rng));
      let evaluation = null;
      if (identified) {
        book.advanceTo(v.at);
        evaluation = evaluateReceipt({
          lines: lines.map((l, i) => ({ line_no: i + 1, amount_kopecks: l.amountKopecks, non_promotable: l.product.nonPromotable })),
          settings: rules,
          tier_code: baseTier.code,
          spendable_points: book.available,
          redeem: v.redeemWish ? 'max' : 0,
        });
        if (evaluation.points_redeemed > 0) book.redeem(evaluation.points_redeemed, v.at, id);
        if (evaluation.points_earned > 0) {
          const availableAt = v.at + rules.pending_days * dayMs;
          book.earn(evaluation.points_earned, v.at, availableAt, lotExpiresAt(rules.expiry, availableAt, store.time_zone), id);
        }
        memberReceipts++;
        lastPurchase = v.at;
      }
      lineCount += lines.length;
      receipts.push({
        id,
        store_id: store.id,
        store_code: store.code,
        terminal,
        number,
        customer_id: identified ? s.customerId : null,
        card_number: identified ? identities(index, s.person).card : null,
        payment_token: v.paymentToken,
        purchased_at: new Date(v.at),
        settings_version: settings.version,
        tier: identified ? { code: baseTier.code, name: baseTier.name, earn_rate_bp: baseTier.earn_rate_bp } : null,
        points_earned: evaluation?.points_earned ?? 0,
        points_redeemed: evaluation?.points_redeemed ?? 0,
        redeemed_value_kopecks: evaluation?.redeemed_value_kopecks ?? 0,
        lines: lines.map((l, i) => ({
          sku: l.product.sku,
          qty_milli: l.qtyMilli,
          price_kopecks: l.product.priceKopecks,
          amount_kopecks: l.amountKopecks,
          non_promotable: l.product.nonPromotable,
          points_earned: evaluation?.lines[i]!.points_earned ?? 0,
          points_redeemed: evaluation?.lines[i]!.points_redeemed ?? 0,
        })),
      });
    });
    if (book) {
      book.advanceTo(period.liveFrom);
      book.close();
      members.push(memberRecord(ctx, s, lastPurchase));
    }
  }

  return { rows: { members, receipts, ledger }, live, shoppers, receipts: receipts.length, memberReceipts, lines: lineCount };
}

/** Writes a built chunk and its shoppers' campaign assignments in one transaction. */
export async function writeHistoryChunk(ctx: HistoryContext, chunk: ChunkResult): Promise<void> {
  const { members, receipts, ledger } = chunk.rows;
  const { campaigns } = ctx;
  await withTransaction(ctx.pool, async (client) => {
    await insertHistoricMembers(client, members);
    await writeLedgerHistory(client, ledger);
    for (let i = 0; i < receipts.length; i += 4000) await loadHistoricReceipts(client, receipts.slice(i, i + 4000));
    for (const c of campaigns) {
      const audience = chunk.shoppers.filter((s) => s.groups.has(c.id)).map((s) => s.customerId!);
      if (audience.length > 0) await assignAudience(client, { ...c, startsAt: new Date(c.startsAt), endsAt: new Date(c.endsAt), name: c.code }, audience, new Date(c.startsAt));
    }
  });
}
