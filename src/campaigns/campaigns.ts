import { newId } from '../core/index.ts';
import type { PoolClient, Queryable } from '../db/index.ts';
import { holdoutGroup, type CampaignGroup } from './holdout.ts';

export interface NewCampaign {
  /** Given by seeded generators (the demo) so that assignments are reproducible; else minted. */
  id?: string;
  code: string;
  name: string;
  description?: string | null;
  startsAt: Date;
  endsAt: Date;
  controlShareBp: number;
}

export interface Campaign {
  id: string;
  code: string;
  name: string;
  startsAt: Date;
  endsAt: Date;
  controlShareBp: number;
}

export async function createCampaign(client: PoolClient, input: NewCampaign, now: Date): Promise<Campaign> {
  const id = input.id ?? newId('cmp', now.getTime());
  await client.query(
    `INSERT INTO campaigns (id, code, name, description, starts_at, ends_at, control_share_bp, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [id, input.code, input.name, input.description ?? null, input.startsAt, input.endsAt, input.controlShareBp, now],
  );
  return { id, code: input.code, name: input.name, startsAt: input.startsAt, endsAt: input.endsAt, controlShareBp: input.controlShareBp };
}

/**
 * Assigns an audience to treatment or control by the holdout hash and records it, with one
 * outbox event per customer for the read side, in one statement per call.
 */
export async function assignAudience(client: PoolClient, campaign: Campaign, customerIds: readonly string[], at: Date): Promise<Map<string, CampaignGroup>> {
  const groups = new Map<string, CampaignGroup>();
  for (const id of customerIds) groups.set(id, holdoutGroup(campaign.id, id, campaign.controlShareBp));
  const ids = [...groups.keys()];
  await client.query(
    `WITH assigned AS (
       INSERT INTO campaign_assignments (campaign_id, customer_id, group_name, assigned_at)
       SELECT $1, * , $4 FROM unnest($2::text[], $3::text[])
       RETURNING customer_id, group_name)
     INSERT INTO outbox (topic, payload)
     SELECT 'campaign.assigned', json_build_object('campaign_id', $1::text, 'customer_id', customer_id, 'group', group_name, 'at', $5::text)
       FROM assigned ORDER BY customer_id`,
    [campaign.id, ids, ids.map((id) => groups.get(id)!), at, at.toISOString()],
  );
  return groups;
}

export async function listCampaigns(db: Queryable): Promise<Campaign[]> {
  const { rows } = await db.query<{ id: string; code: string; name: string; starts_at: Date; ends_at: Date; control_share_bp: number }>(
    'SELECT id, code, name, starts_at, ends_at, control_share_bp FROM campaigns ORDER BY starts_at, id',
  );
  return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, startsAt: r.starts_at, endsAt: r.ends_at, controlShareBp: r.control_share_bp }));
}
