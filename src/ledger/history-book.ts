import { availableAccount, pendingAccount, systemAccounts } from './accounts.ts';
import type { TransferReason } from './transfers.ts';

/** Rows of ledger history built in memory, to be written in bulk by writeLedgerHistory. */
export interface LedgerHistoryRows {
  transfers: { id: string; debit: string; credit: string; amount: number; reason: TransferReason; customerId: string; reference: string | null; comment: string | null; at: number }[];
  lots: HistoryLot[];
  movements: { transferId: string; lotId: string; amount: number }[];
  /** Final balances of the members' two accounts. */
  accounts: { customerId: string; pending: number; available: number }[];
}

export interface HistoryLot {
  id: string;
  customerId: string;
  sourceTransferId: string;
  amount: number;
  remaining: number;
  availableAt: number;
  activatedAt: number | null;
  expiresAt: number | null;
  expiredAt: number | null;
  reference: string | null;
  createdAt: number;
}

export type HistoryIdMaker = (prefix: 'trf' | 'lot', atMs: number) => string;

/**
 * One member's points history replayed in memory with the ledger's own rules: an earn is a lot
 * pending until its available_at, then spendable until expires_at, then broken; a redemption
 * takes spendable lots soonest-expiring first. It exists so that years of history can be loaded
 * in bulk (the demo, an import of a chain's past) and leave the same rows the live path would
 * have left had its sweeps run at exactly the due times; `test/ledger-history.test.ts` holds it
 * to that against the live functions.
 */
export class MemberHistoryBook {
  pending = 0;
  available = 0;
  private readonly open: HistoryLot[] = [];

  constructor(
    readonly customerId: string,
    private readonly rows: LedgerHistoryRows,
    private readonly ids: HistoryIdMaker,
  ) {}

  /** Activates and expires lots falling due up to and including `at`, in time order. */
  advanceTo(at: number): void {
    for (;;) {
      let next: { lot: HistoryLot; when: number; kind: 'activate' | 'expire' } | null = null;
      for (const lot of this.open) {
        const due =
          lot.activatedAt === null ? { when: lot.availableAt, kind: 'activate' as const } : lot.expiresAt !== null ? { when: lot.expiresAt, kind: 'expire' as const } : null;
        if (due && due.when <= at && (next === null || due.when < next.when)) next = { lot, ...due };
      }
      if (next === null) return;
      if (next.kind === 'activate') this.activate(next.lot, next.when);
      else this.expire(next.lot, next.when);
    }
  }

  earn(amount: number, at: number, availableAt: number, expiresAt: number | null, reference: string): void {
    const spendableNow = availableAt <= at;
    const transferId = this.post(systemAccounts.issuance, spendableNow ? availableAccount(this.customerId) : pendingAccount(this.customerId), amount, 'earn', reference, null, at);
    const lot: HistoryLot = {
      id: this.ids('lot', at),
      customerId: this.customerId,
      sourceTransferId: transferId,
      amount,
      remaining: amount,
      availableAt: spendableNow ? at : availableAt,
      activatedAt: spendableNow ? at : null,
      expiresAt,
      expiredAt: null,
      reference,
      createdAt: at,
    };
    if (spendableNow) this.available += amount;
    else this.pending += amount;
    this.rows.lots.push(lot);
    this.open.push(lot);
  }

  redeem(amount: number, at: number, reference: string): void {
    this.advanceTo(at);
    if (amount > this.available) throw new RangeError(`${this.customerId} can spend ${this.available} points, ${amount} asked`);
    const transferId = this.post(availableAccount(this.customerId), systemAccounts.redemption, amount, 'redeem', reference, null, at);
    const spendable = this.open
      .filter((l) => l.activatedAt !== null && (l.expiresAt === null || l.expiresAt > at))
      .sort((a, b) => (a.expiresAt ?? Infinity) - (b.expiresAt ?? Infinity) || a.availableAt - b.availableAt || (a.id < b.id ? -1 : 1));
    let left = amount;
    for (const lot of spendable) {
      if (left === 0) break;
      const take = Math.min(lot.remaining, left);
      this.move(transferId, lot, -take);
      left -= take;
    }
  }

  /** The member's final balances, recorded once the replay is over. */
  close(): void {
    this.rows.accounts.push({ customerId: this.customerId, pending: this.pending, available: this.available });
  }

  private activate(lot: HistoryLot, at: number): void {
    this.post(pendingAccount(this.customerId), availableAccount(this.customerId), lot.remaining, 'activate', lot.id, null, at);
    lot.activatedAt = at;
    this.pending -= lot.remaining;
    this.available += lot.remaining;
  }

  private expire(lot: HistoryLot, at: number): void {
    const transferId = this.post(availableAccount(this.customerId), systemAccounts.breakage, lot.remaining, 'expire', lot.id, 'expired on use', at);
    this.move(transferId, lot, -lot.remaining);
    lot.expiredAt = at;
  }

  private move(transferId: string, lot: HistoryLot, amount: number): void {
    if (amount === 0) return;
    lot.remaining += amount;
    this.rows.movements.push({ transferId, lotId: lot.id, amount });
    if (lot.remaining === 0) this.open.splice(this.open.indexOf(lot), 1);
    if (lot.activatedAt !== null) this.available += amount;
  }

  private post(debit: string, credit: string, amount: number, reason: TransferReason, reference: string | null, comment: string | null, at: number): string {
    const id = this.ids('trf', at);
    this.rows.transfers.push({ id, debit, credit, amount, reason, customerId: this.customerId, reference, comment, at });
    return id;
  }
}

export function emptyLedgerHistory(): LedgerHistoryRows {
  return { transfers: [], lots: [], movements: [], accounts: [] };
}
