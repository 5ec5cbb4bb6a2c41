// rules: pure evaluation of the loyalty program. No I/O, no dependencies.
export { defaultProgramSettings, type ProgramSettings, type Tier, type ExpiryPolicy, type ReturnPolicy, type Rounding } from './program-settings.ts';
export { allocate, mulDivFloor, cumulativeShare } from './allocate.ts';
export { isNonPromotable } from './non-promotable.ts';
export {
  evaluateReceipt,
  findTier,
  type RuleLine,
  type ReceiptEvaluationInput,
  type ReceiptEvaluation,
  type EvaluatedLine,
  type Explanation,
} from './evaluate-receipt.ts';
export { lotExpiresAt } from './expiry.ts';
export { tierForSpend, nextTier } from './tiers.ts';
export { startOfNextPeriod, startOfZonedDay, zonedDate, zoneOffsetMs } from './zoned-time.ts';
