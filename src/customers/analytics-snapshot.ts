import { isoUtc, type Queryable } from '../db/index.ts';

export interface CustomerSnapshot {
  customer_id: string;
  card: string | null;
  registered_at: string;
  birth_date: string | null;
  gender: string | null;
  city: string | null;
  consent_email: boolean;
  consent_sms: boolean;
  consent_push: boolean;
  tier_code: string;
  merged_into: string | null;
}

/** Customers as the read side keeps them (the first active card; consents as flags), by id. */
export async function customersForAnalytics(db: Queryable, ids: readonly string[]): Promise<CustomerSnapshot[]> {
  const { rows } = await db.query<CustomerSnapshot>(
    `SELECT c.id AS customer_id,
            (SELECT k.number FROM cards k WHERE k.customer_id = c.id AND k.status = 'active' ORDER BY k.issued_at LIMIT 1) AS card,
            ${isoUtc('c.registered_at')} AS registered_at, to_char(c.birth_date, 'YYYY-MM-DD') AS birth_date, c.gender, c.city,
            c.consent_email_at IS NOT NULL AS consent_email, c.consent_sms_at IS NOT NULL AS consent_sms, c.consent_push_at IS NOT NULL AS consent_push,
            c.tier_code, c.merged_into
       FROM customers c WHERE c.id = ANY($1) ORDER BY c.id`,
    [ids],
  );
  return rows;
}
