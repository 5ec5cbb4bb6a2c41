import { withTransaction } from '../db/index.ts';
import { activateDueLots, expireDueLots, timeOutHolds } from '../ledger/index.ts';
import { Random } from '../models/index.ts';
import { cancelReceipt, confirmReceipt, mergeMembers, registerMember, returnReceiptLines, type ReceiptInput } from '../processing/index.ts';
import type { BasketLine } from './basket.ts';
import { dayMs, demoModel } from './demo-parameters.ts';
import type { HistoryContext, LiveVisit } from './history-chunk.ts';
import { identities } from './people.ts';
import type { SimShopper } from './shopper-simulation.ts';

function laneOf(key: string): number {
  let h = 0;
  for (let i = 0; i < key.length; i++) h = (Math.imul(h, 31) + key.charCodeAt(i)) >>> 0;
  return h % lanes;
}

/** A planted abuse case as the truth file records it. */
export type PlantedAbuse =
  | { kind: 'cashier_card'; description: string; customer_external_id: string; card: string; store_code: string; receipts: number }
  | { kind: 'return_burst'; description: string; customer_external_id: string; store_code: string; purchases: number; cancelled_within_minutes: number }
  | { kind: 'linked_accounts'; description: string; external_ids: string[]; phones: string[]; merged_into_external_id: string; receipts: number };

interface LiveEvent {
  at: number;
  order: number;
  /** Whose points the event touches: events of one key run in time order, keys in parallel. */
  key: string;
  run: () => Promise<void>;
}

const lanes = 4;

export interface LiveResult {
  receipts: number;
  memberReceipts: number;
  registrations: number;
  returns: number;
  abuse: PlantedAbuse[];
}

/**
 * Sends the live period through the real processing path, in time order, with the clock set to
 * each event's time: registrations at the till, receipts with their redemptions, returns a few
 * days later, the planted abuse, and the ledger's daily sweeps at every midnight (UTC).
 */
export async function replayLivePeriod(ctx: HistoryContext, visits: LiveVisit[], shoppers: readonly SimShopper[], onProgress: (done: number, total: number) => void): Promise<LiveResult> {
  const { pool, period } = ctx;
  const rng = new Random((ctx.options.seed ^ 0x2545f491) >>> 0);
  const events: LiveEvent[] = [];
  const receiptIdOf = new Map<string, string>();
  const result: LiveResult = { receipts: 0, memberReceipts: 0, registrations: 0, returns: 0, abuse: [] };
  const push = (at: number, key: string, run: () => Promise<void>) => events.push({ at, order: events.length, key, run });
  const storeOf = (i: number) => ctx.stores[i]!;
  const linesOf = (lines: BasketLine[]) => lines.map((l) => ({ sku: l.product.sku, qty: l.qtyMilli / 1000, price_kopecks: l.product.priceKopecks, amount_kopecks: l.amountKopecks }));
  const confirm = (at: number, input: ReceiptInput, member: boolean) =>
    withTransaction(pool, async (client) => {
      const { response } = await confirmReceipt(client, input, { now: new Date(at), storeScope: null });
      receiptIdOf.set(`${input.store}:${input.terminal}:${input.number}`, response.receipt.id);
      result.receipts++;
      if (member) result.memberReceipts++;
      return response;
    });

  // Planted abuse 1: a cashier's card on strangers' receipts in the cashier's store.
  const sorted = [...visits].sort((a, b) => a.visit.at - b.visit.at || a.shopper.index - b.shopper.index);
  const anonymousByStore = new Map<number, number>();
  for (const v of sorted) if (!v.visit.member) anonymousByStore.set(v.visit.store, (anonymousByStore.get(v.visit.store) ?? 0) + 1);
  const cashierStore = [...anonymousByStore.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 0;
  const members = shoppers.filter((s) => s.joinedAt !== null && s.joinedAt < period.liveFrom).sort((a, b) => a.index - b.index);
  const cashier = members.find((s) => s.homeStore === cashierStore) ?? members[0];
  const burster = members.find((s) => s !== cashier);
  const keyOf = (s: SimShopper) => (s === cashier ? 'cashier' : s === burster ? 'burst' : `shopper:${s.index}`);
  const cashierOverride = new Set<LiveVisit>();
  if (cashier) {
    for (const v of sorted) if (!v.visit.member && v.visit.store === cashierStore && cashierOverride.size < 40 && rng.bernoulli(0.5)) cashierOverride.add(v);
  }

  for (const lv of sorted) {
    const { shopper: s, visit: v } = lv;
    const store = storeOf(v.store);
    const ids = identities(s.index, s.person);
    const returns = v.member && v.cardShown && rng.bernoulli(demoModel.returnShare) ? v.at + (1 + rng.int(5)) * dayMs : null;
    const override = cashierOverride.has(lv) ? identities(cashier!.index, cashier!.person).card : null;
    const key = override ? keyOf(cashier!) : keyOf(s);
    push(v.at, key, async () => {
      if (v.joins) {
        await withTransaction(pool, async (client) => {
          await registerMember(
            client,
            {
              phone: ids.phone, card: ids.card, external_id: ids.externalId, email: s.person.consents.email ? ids.email : null, name: `${s.person.firstName} ${s.person.surname}`,
              birth_date: s.person.birthDate, gender: s.person.gender, city: ctx.options.locale === 'ru' ? ctx.demoStores[s.homeStore]!.cityRu : ctx.demoStores[s.homeStore]!.cityEn, consents: s.person.consents, registered_store_id: store.id,
            },
            new Date(v.at),
          );
        });
        result.registrations++;
      }
      const card = override ?? (v.member && v.cardShown ? ids.card : null);
      await confirm(
        v.at,
        {
          store: store.id, terminal: lv.terminal, number: lv.number, purchased_at: new Date(v.at).toISOString(),
          customer: card ? { card } : undefined, lines: linesOf(lv.lines), redeem_points: card && v.redeemWish && !override ? 'max' : undefined,
          payment_token: v.paymentToken ?? undefined,
        },
        card !== null,
      );
    });
    if (returns !== null && returns < period.end) {
      push(returns, key, async () => {
        const receiptId = receiptIdOf.get(`${store.id}:${lv.terminal}:${lv.number}`)!;
        await withTransaction(pool, (client) => returnReceiptLines(client, receiptId, { lines: [{ line_no: 1, qty: lv.lines[0]!.qtyMilli / 1000 }] }, { now: new Date(returns), storeScope: null }));
        result.returns++;
      });
    }
  }
  if (cashier) {
    const ids = identities(cashier.index, cashier.person);
    result.abuse.push({
      kind: 'cashier_card',
      description: "A cashier's own card is scanned on strangers' anonymous receipts in the cashier's store, so the cashier earns their points.",
      customer_external_id: ids.externalId, card: ids.card, store_code: storeOf(cashierStore).code, receipts: cashierOverride.size,
    });
  }

  const liveSpan = period.end - period.liveFrom;
  const at = (share: number) => period.liveFrom + Math.floor(share * liveSpan);

  // Planted abuse 2: big purchases cancelled within the hour, again and again.
  if (burster) {
    const ids = identities(burster.index, burster.person);
    const store = storeOf(burster.homeStore);
    for (let k = 0; k < 6; k++) {
      const when = at(0.1 + k * 0.13);
      const number = `R${String(k + 1).padStart(3, '0')}`;
      const lines = ctx.baskets.build(rng, 300_000, burster.preferences);
      push(when, 'burst', async () => {
        await confirm(when, { store: store.id, terminal: '9', number, purchased_at: new Date(when).toISOString(), customer: { card: ids.card }, lines: linesOf(lines) }, true);
      });
      push(when + 40 * 60_000, 'burst', async () => {
        await withTransaction(pool, (client) => cancelReceipt(client, receiptIdOf.get(`${store.id}:9:${number}`)!, { now: new Date(when + 40 * 60_000), storeScope: null }));
        result.returns++;
      });
    }
    result.abuse.push({
      kind: 'return_burst',
      description: 'A member makes six large purchases and cancels each of them 40 minutes later (earning, then returning).',
      customer_external_id: ids.externalId, store_code: store.code, purchases: 6, cancelled_within_minutes: 40,
    });
  }

  // Planted abuse 3: linked accounts registered together, fed with receipts, then merged to spend.
  const farmStore = storeOf(0);
  const farm = [1, 2, 3, 4].map((k) => ({ phone: `+7999000000${k}`, card: `779900000000${k}`, externalId: `demo-farm-${k}` }));
  const farmPrefs = ctx.baskets.preferences(rng);
  farm.forEach((f, k) => {
    push(at(0.05) + k * 60_000, 'farm', async () => {
      await withTransaction(pool, (client) =>
        registerMember(client, { phone: f.phone, card: f.card, external_id: f.externalId, name: 'Сергей Фермеров', email: `farm+${k + 1}@example.ru`, registered_store_id: farmStore.id }, new Date(at(0.05) + k * 60_000)),
      );
      result.registrations++;
    });
    for (let j = 0; j < 3; j++) {
      const when = at(0.1 + j * 0.15) + k * 5 * 60_000;
      const number = `F${k + 1}${j + 1}`;
      const lines = ctx.baskets.build(rng, 150_000, farmPrefs);
      push(when, 'farm', async () => {
        await confirm(when, { store: farmStore.id, terminal: '8', number, purchased_at: new Date(when).toISOString(), customer: { card: f.card }, lines: linesOf(lines) }, true);
      });
    }
  });
  for (const f of farm.slice(1)) push(at(0.7), 'farm', async () => void (await withTransaction(pool, (client) => mergeMembers(client, f.card, farm[0]!.card, new Date(at(0.7))))));
  result.abuse.push({
    kind: 'linked_accounts',
    description: 'Four accounts with one name and consecutive phone numbers, registered minutes apart in one store, each fed three receipts, then merged into the first.',
    external_ids: farm.map((f) => f.externalId), phones: farm.map((f) => f.phone), merged_into_external_id: farm[0]!.externalId, receipts: 12,
  });

  // Day by day: the day's events in parallel lanes (a member's events always in one lane, in
  // time order, so the outcome does not depend on the interleaving), then the ledger's sweeps
  // at midnight (UTC) as the periodic jobs would run them.
  events.sort((a, b) => a.at - b.at || a.order - b.order);
  let done = 0;
  let next = 0;
  for (let midnight = period.liveFrom + dayMs; next < events.length || midnight <= period.end; midnight += dayMs) {
    const today: LiveEvent[] = [];
    while (next < events.length && events[next]!.at < midnight) today.push(events[next++]!);
    const byLane: LiveEvent[][] = Array.from({ length: lanes }, () => []);
    for (const e of today) byLane[laneOf(e.key)]!.push(e);
    await Promise.all(
      byLane.map(async (lane) => {
        for (const e of lane) {
          await e.run();
          if (++done % 250 === 0) onProgress(done, events.length);
        }
      }),
    );
    const now = new Date(Math.min(midnight, period.end));
    while ((await activateDueLots(pool, now)) > 0);
    while ((await expireDueLots(pool, now)) > 0);
    await timeOutHolds(pool, now);
    if (midnight >= period.end && next >= events.length) break;
  }
  onProgress(events.length, events.length);
  return result;
}
