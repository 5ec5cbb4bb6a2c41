import { createHash } from 'node:crypto';

export type CampaignGroup = 'treatment' | 'control';

/**
 * Who is held out of a campaign: a pure function of (campaign, customer), so anyone can recompute
 * and audit an assignment, and a customer stays in the same group however often it is asked.
 * The first 32 bits of SHA-256 over "campaign:customer" pick a bucket out of 10,000; buckets
 * below the control share (basis points) are control.
 */
export function holdoutGroup(campaignId: string, customerId: string, controlShareBp: number): CampaignGroup {
  if (!Number.isInteger(controlShareBp) || controlShareBp < 0 || controlShareBp > 10_000) throw new RangeError(`control share ${controlShareBp} bp is not within 0..10000`);
  return holdoutBucket(campaignId, customerId) < controlShareBp ? 'control' : 'treatment';
}

/** The customer's bucket (0..9999) for the campaign; uniform over customers. */
export function holdoutBucket(campaignId: string, customerId: string): number {
  const digest = createHash('sha256').update(`${campaignId}:${customerId}`).digest();
  return Math.floor((digest.readUInt32BE(0) / 2 ** 32) * 10_000);
}
