import { productsForReceipt, getStore, type Store } from '../catalog/index.ts';
import { PatronError } from '../core/index.ts';
import { identifyMember, type IdentifiedMember } from '../customers/index.ts';
import type { PoolClient } from '../db/index.ts';
import { balanceSummaryOf, getHold, lockForSpending, type BalanceSummary, type Hold } from '../ledger/index.ts';
import { evaluateReceipt, isNonPromotable, type ProgramSettings, type ReceiptEvaluation } from '../rules/index.ts';
import { currentSettings, type VersionedSettings } from './program-settings-store.ts';
import { customerRef, toMilli, type ProcessingContext, type ReceiptInput } from './receipt-input.ts';

export interface EvaluatedReceipt {
  store: Store;
  settings: VersionedSettings;
  /** The member, and by which identity they were recognised (member.by). */
  member: IdentifiedMember | null;
  /** The member's points before this receipt (read under the member lock when lockMember). */
  balanceBefore: BalanceSummary | null;
  hold: Hold | null;
  purchasedAt: Date;
  lines: { line_no: number; sku: string; name: string; qty_milli: number; price_kopecks: number; amount_kopecks: number; discount_kopecks: number; non_promotable: boolean }[];
  evaluation: ReceiptEvaluation;
}

const futureToleranceMs = 10 * 60_000;

export async function resolveStore(client: PoolClient, ref: string | undefined, ctx: ProcessingContext): Promise<Store> {
  const storeRef = ref ?? ctx.storeScope;
  if (!storeRef) throw new PatronError('validation_failed', 'A chain-wide API key must name the store', { issues: [{ path: 'body/store', message: 'required' }] });
  const store = await getStore(client, storeRef);
  if (ctx.storeScope !== null && ctx.storeScope !== store.id) {
    throw new PatronError('forbidden_store_scope', `This API key is for another store than ${store.code}`, { details: { store_code: store.code } });
  }
  return store;
}

/**
 * Everything `calculate` and `confirm` share: the store, the lines with their products, the
 * member and what they may spend, and the rules' verdict. With `lockMember` the member's
 * accounts stay locked for the caller's transaction (confirm); without, it only reads.
 */
export async function evaluateReceiptInput(
  client: PoolClient,
  input: ReceiptInput,
  ctx: ProcessingContext,
  options: { lockMember: boolean; store?: Store; draftSettings?: ProgramSettings; sampleMember?: { tierCode: string; spendablePoints: number } },
): Promise<EvaluatedReceipt> {
  const store = options.store ?? (await resolveStore(client, input.store, ctx));
  const purchasedAt = input.purchased_at ? new Date(input.purchased_at) : ctx.now;
  if (purchasedAt.getTime() > ctx.now.getTime() + futureToleranceMs) {
    throw new PatronError('validation_failed', 'purchased_at is in the future', { issues: [{ path: 'body/purchased_at', message: 'in the future' }] });
  }
  const sum = input.lines.reduce((s, l) => s + l.amount_kopecks, 0);
  if (input.total_kopecks !== undefined && input.total_kopecks !== sum) {
    throw new PatronError('receipt_total_mismatch', `total_kopecks is ${input.total_kopecks} but the lines add up to ${sum}`, {
      details: { lines_total_kopecks: sum },
    });
  }
  const products = await productsForReceipt(client, input.lines.map((l) => l.sku));
  // A draft (the settings page's preview) is evaluated as version 0 and never confirmed.
  const settings = options.draftSettings ? { version: 0, settings: options.draftSettings, created_at: ctx.now.toISOString() } : await currentSettings(client);
  const flagged = new Set(settings.settings.non_promotable_categories);

  const ref = customerRef(input.customer);
  const member = ref ? await identifyMember(client, ref, { requireActiveCard: true }) : null;

  let spendable = 0;
  let balanceBefore: BalanceSummary | null = null;
  let hold: Hold | null = null;
  if (member) {
    if (options.lockMember) {
      const state = await lockForSpending(client, member.id, ctx.now);
      balanceBefore = { available: state.balances.available, pending: state.balances.pending, held: state.held, spendable: state.spendable };
    } else {
      balanceBefore = await balanceSummaryOf(client, member.id, ctx.now);
    }
    spendable = balanceBefore.spendable;
    if (input.hold_id) {
      hold = await getHold(client, input.hold_id);
      if (hold.customer_id !== member.id) throw new PatronError('not_found', `Hold ${input.hold_id} is not this member's`);
      if (hold.status !== 'pending' || Date.parse(hold.expires_at) <= ctx.now.getTime()) {
        throw new PatronError('hold_closed', `Hold ${hold.id} is ${hold.status === 'pending' ? 'expired' : hold.status}`);
      }
      // The hold's points are set aside for exactly this order.
      spendable += hold.amount;
    }
  } else if (input.hold_id || (input.redeem_points !== undefined && input.redeem_points !== 0)) {
    throw new PatronError('validation_failed', 'Points can only be redeemed on a receipt with a member', { issues: [{ path: 'body/customer', message: 'required to redeem' }] });
  }

  const lines = input.lines.map((line, i) => {
    const product = products.get(line.sku)!;
    return {
      line_no: i + 1,
      sku: line.sku,
      name: product.name,
      qty_milli: toMilli(line.qty),
      price_kopecks: line.price_kopecks,
      amount_kopecks: line.amount_kopecks,
      discount_kopecks: line.discount_kopecks ?? 0,
      non_promotable: isNonPromotable(product.non_promotable, product.category_path, flagged),
    };
  });
  const evaluation = evaluateReceipt({
    lines: lines.map((l) => ({ line_no: l.line_no, amount_kopecks: l.amount_kopecks, non_promotable: l.non_promotable })),
    settings: settings.settings,
    // The settings preview evaluates a made-up member of a tier, who has no account to read.
    tier_code: member?.tier_code ?? options.sampleMember?.tierCode ?? null,
    spendable_points: member ? spendable : (options.sampleMember?.spendablePoints ?? 0),
    redeem: hold ? (input.redeem_points ?? hold.amount) : (input.redeem_points ?? 0),
  });
  if (hold && evaluation.points_redeemed > hold.amount) {
    throw new PatronError('redeem_limit_exceeded', `The hold reserves ${hold.amount} points`, { details: { max_redeemable_points: hold.amount } });
  }
  return { store, settings, member, balanceBefore, hold, purchasedAt, lines, evaluation };
}
