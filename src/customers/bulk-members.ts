import type { PoolClient } from '../db/index.ts';

/** A member as a bulk history load knows them (the demo, an import of a chain's past). */
export interface HistoricMember {
  id: string;
  phone: string | null;
  external_id: string | null;
  email: string | null;
  name: string | null;
  birth_date: string | null;
  gender: 'female' | 'male' | null;
  city: string | null;
  consents: { sms: boolean; email: boolean; push: boolean };
  tier_code: string;
  registered_at: Date;
  registered_store_id: string | null;
  last_purchase_at: Date | null;
  card: string;
}

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

/**
 * Inserts members with their cards and their `customer.registered` events in one statement per
 * table. Values are taken as given (phones already E.164): this is a loader, not the protocol.
 */
export async function insertHistoricMembers(client: PoolClient, members: readonly HistoricMember[]): Promise<void> {
  if (members.length === 0) return;
  const consentAt = (given: boolean, m: HistoricMember) => (given ? iso(m.registered_at) : null);
  await client.query(
    `WITH c AS (
       INSERT INTO customers (id, phone, external_id, email, name, birth_date, gender, city, consent_sms_at, consent_email_at, consent_push_at,
                              tier_code, tier_since, registered_at, registered_store_id, last_purchase_at)
       SELECT id, phone, external_id, email, name, birth_date, gender, city, sms, email_at, push, tier_code, registered_at, registered_at, store, last_purchase_at
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::date[], $7::text[], $8::text[], $9::timestamptz[], $10::timestamptz[],
                     $11::timestamptz[], $12::text[], $13::timestamptz[], $14::text[], $15::timestamptz[])
           AS x(id, phone, external_id, email, name, birth_date, gender, city, sms, email_at, push, tier_code, registered_at, store, last_purchase_at)
       RETURNING id, tier_code, registered_at, registered_store_id)
     INSERT INTO outbox (topic, payload, created_at)
     SELECT 'customer.registered', json_build_object('customer_id', id, 'at', to_char(registered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
              'tier_code', tier_code, 'registered_store_id', registered_store_id), registered_at
       FROM c ORDER BY registered_at, id`,
    [
      members.map((m) => m.id),
      members.map((m) => m.phone),
      members.map((m) => m.external_id),
      members.map((m) => m.email),
      members.map((m) => m.name),
      members.map((m) => m.birth_date),
      members.map((m) => m.gender),
      members.map((m) => m.city),
      members.map((m) => consentAt(m.consents.sms, m)),
      members.map((m) => consentAt(m.consents.email, m)),
      members.map((m) => consentAt(m.consents.push, m)),
      members.map((m) => m.tier_code),
      members.map((m) => iso(m.registered_at)),
      members.map((m) => m.registered_store_id),
      members.map((m) => iso(m.last_purchase_at)),
    ],
  );
  await client.query(`INSERT INTO cards (number, customer_id, status, issued_at) SELECT n, c, 'active', t FROM unnest($1::text[], $2::text[], $3::timestamptz[]) AS x(n, c, t)`, [
    members.map((m) => m.card),
    members.map((m) => m.id),
    members.map((m) => iso(m.registered_at)),
  ]);
}
