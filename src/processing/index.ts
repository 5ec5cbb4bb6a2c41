// processing: the POS / e-shop protocol. Each operation runs inside the caller's one transaction.
export { confirmReceipt, type ConfirmResponse } from './confirm-receipt.ts';
export { returnReceiptLines, cancelReceipt, type ReturnInput, type ReturnResponse } from './return-receipt.ts';
export { evaluateReceiptInput, resolveStore, type EvaluatedReceipt } from './receipt-evaluation.ts';
export { receiptFigures } from './receipt-response.ts';
export type { ReceiptInput, ReceiptLineInput, CustomerRefInput, ProcessingContext } from './receipt-input.ts';
export { currentSettings, saveSettings, type VersionedSettings } from './program-settings-store.ts';
export { programSettingsSchema } from './settings-schema.ts';
export { registerMember, memberBalance, memberHistory, mergeMembers, adjustMemberPoints, addMemberCard, blockMemberCard, replaceMemberCard, type MemberBalance } from './members.ts';
export { holdMemberPoints, captureMemberHold, voidMemberHold } from './member-holds.ts';
export { recalculateTiers } from './tier-recalculation.ts';
export { processingJobs, expireInactiveMembers } from './jobs.ts';
export { receiptDetails } from './receipt-details.ts';
export { loadHistoricReceipts, type HistoricReceipt } from './historic-receipts.ts';
export { customerReceipts } from './customer-receipts.ts';
