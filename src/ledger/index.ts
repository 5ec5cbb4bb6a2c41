// ledger: double-entry points accounting with lots and holds. Knows nothing of receipts or
// rules: callers pass references and dates. Every function runs in the caller's transaction.
export { systemAccounts, pendingAccount, availableAccount, openMemberAccounts, lockMember, lockMembers, type LockedBalances } from './accounts.ts';
export { transferReasons, type TransferReason } from './transfers.ts';
export { earn, refund, adjustUp, type EarnInput } from './earn.ts';
export { redeem, adjustDown, type TakeInput } from './redeem.ts';
export { clawBackEarned, type ClawbackInput, type ClawbackResult, type ClawbackPolicy } from './clawback.ts';
export { createHold, captureHold, voidHold, getHold, type Hold } from './holds.ts';
export { lockAndSweep, lockForSpending } from './spendable.ts';
export { activateDueLots, expireDueLots, expireAllSpendable, timeOutHolds } from './maintenance.ts';
export { mergeMemberLedger } from './merge.ts';
export { getBalance, getHistory, balanceSummaryOf, type Balance, type BalanceSummary, type HistoryEntry } from './balance.ts';
export { listOpenLots, type Lot } from './lots.ts';
export { verifyLedger } from './verify-ledger.ts';
export { MemberHistoryBook, emptyLedgerHistory, type LedgerHistoryRows, type HistoryIdMaker } from './history-book.ts';
export { writeLedgerHistory } from './write-history.ts';
