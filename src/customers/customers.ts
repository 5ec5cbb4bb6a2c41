import { PatronError, newId } from '../core/index.ts';
import { isoUtc, isUniqueViolation, type PoolClient, type Queryable } from '../db/index.ts';
import { normalizePhone } from './phone.ts';

export interface Customer {
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
  tier_since: string;
  registered_at: string;
  last_purchase_at: string | null;
  merged_into: string | null;
  cards: { number: string; status: 'active' | 'blocked' | 'replaced' }[];
}

export interface NewCustomer {
  phone?: string | null | undefined;
  card?: string | null | undefined;
  external_id?: string | null | undefined;
  email?: string | null | undefined;
  name?: string | null | undefined;
  birth_date?: string | null | undefined;
  gender?: 'female' | 'male' | null | undefined;
  city?: string | null | undefined;
  consents?: { sms?: boolean | undefined; email?: boolean | undefined; push?: boolean | undefined } | undefined;
  registered_store_id?: string | null | undefined;
}

const columns = `c.id, c.phone, c.external_id, c.email, c.name, to_char(c.birth_date, 'YYYY-MM-DD') AS birth_date, c.gender, c.city,
  json_build_object('sms', c.consent_sms_at IS NOT NULL, 'email', c.consent_email_at IS NOT NULL, 'push', c.consent_push_at IS NOT NULL) AS consents,
  c.tier_code, ${isoUtc('c.tier_since')} AS tier_since, ${isoUtc('c.registered_at')} AS registered_at,
  ${isoUtc('c.last_purchase_at')} AS last_purchase_at, c.merged_into,
  coalesce((SELECT json_agg(json_build_object('number', k.number, 'status', k.status) ORDER BY k.issued_at)
              FROM cards k WHERE k.customer_id = c.id), '[]') AS cards`;

export function requirePhone(input: string): string {
  const phone = normalizePhone(input);
  if (!phone) {
    throw new PatronError('validation_failed', `${input} is not a phone number`, { issues: [{ path: 'phone', message: 'not a phone number' }] });
  }
  return phone;
}

export async function createCustomer(client: PoolClient, input: NewCustomer, tierCode: string, now: Date): Promise<Customer> {
  const id = newId('cus', now.getTime());
  const phone = input.phone ? requirePhone(input.phone) : null;
  const consentAt = (given: boolean | undefined) => (given ? now : null);
  try {
    await client.query(
      `INSERT INTO customers (id, phone, external_id, email, name, birth_date, gender, city, consent_sms_at, consent_email_at, consent_push_at,
                              tier_code, tier_since, registered_at, registered_store_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13, $14)`,
      [
        id,
        phone,
        input.external_id ?? null,
        input.email ?? null,
        input.name ?? null,
        input.birth_date ?? null,
        input.gender ?? null,
        input.city ?? null,
        consentAt(input.consents?.sms),
        consentAt(input.consents?.email),
        consentAt(input.consents?.push),
        tierCode,
        now,
        input.registered_store_id ?? null,
      ],
    );
    if (input.card) await client.query("INSERT INTO cards (number, customer_id, status, issued_at) VALUES ($1, $2, 'active', $3)", [input.card, id, now]);
  } catch (error) {
    if (isUniqueViolation(error)) {
      const what = (error as { constraint?: string }).constraint ?? '';
      const field = what.includes('phone') ? 'phone' : what.includes('external') ? 'external_id' : 'card';
      throw new PatronError('already_exists', `Another member already has this ${field}`, { details: { field } });
    }
    throw error;
  }
  return getCustomer(client, id);
}

export async function getCustomer(client: Queryable, id: string): Promise<Customer> {
  const row = (await client.query<Customer>(`SELECT ${columns} FROM customers c WHERE c.id = $1`, [id])).rows[0];
  if (!row) throw new PatronError('customer_not_found', `No member ${id}`);
  return row;
}

export type IdentifiedBy = 'id' | 'card' | 'phone' | 'external_id';

/**
 * Finds a member by any identity. A ref is an id (cus_…), a phone (+7…, 8…), `ext:<id>` for the
 * chain's external id, or else a card number. Merged members resolve to the survivor.
 */
export async function findCustomer(client: Queryable, ref: string, options: { requireActiveCard?: boolean } = {}): Promise<{ customer: Customer; by: IdentifiedBy }> {
  let by: IdentifiedBy;
  let id: string | undefined;
  if (ref.startsWith('cus_')) {
    by = 'id';
    id = ref;
  } else if (ref.startsWith('ext:')) {
    by = 'external_id';
    id = (await client.query<{ id: string }>('SELECT id FROM customers WHERE external_id = $1', [ref.slice(4)])).rows[0]?.id;
  } else if (ref.startsWith('+') || (/^[78]\d{10}$/.test(ref) && normalizePhone(ref))) {
    by = 'phone';
    const phone = normalizePhone(ref);
    id = phone ? (await client.query<{ id: string }>('SELECT id FROM customers WHERE phone = $1', [phone])).rows[0]?.id : undefined;
  } else {
    by = 'card';
    const card = (await client.query<{ customer_id: string; status: string }>('SELECT customer_id, status FROM cards WHERE number = $1', [ref])).rows[0];
    if (card && card.status !== 'active' && options.requireActiveCard) {
      throw new PatronError('card_blocked', `Card ${ref} is ${card.status}`, { details: { card_status: card.status } });
    }
    id = card?.customer_id;
  }
  if (!id) throw new PatronError('customer_not_found', `No member found by ${by} ${ref}`);
  let customer = await getCustomer(client, id);
  for (let hops = 0; customer.merged_into && hops < 10; hops++) customer = await getCustomer(client, customer.merged_into);
  return { customer, by };
}


export async function setTier(client: PoolClient, customerId: string, tierCode: string, now: Date): Promise<void> {
  await client.query('UPDATE customers SET tier_code = $2, tier_since = $3 WHERE id = $1 AND tier_code <> $2', [customerId, tierCode, now]);
}

/** The least the till needs to know: who, at which tier. One query, following merges. */
export interface IdentifiedMember {
  id: string;
  tier_code: string;
  by: IdentifiedBy;
}

export async function identifyMember(client: Queryable, ref: string, options: { requireActiveCard?: boolean } = {}): Promise<IdentifiedMember> {
  if (ref.startsWith('cus_') || ref.startsWith('ext:') || ref.startsWith('+') || /^[78]\d{10}$/.test(ref)) {
    const { customer, by } = await findCustomer(client, ref, options);
    return { id: customer.id, tier_code: customer.tier_code, by };
  }
  const row = (
    await client.query<{ status: string; id: string; tier_code: string; merged_into: string | null }>(
      `SELECT k.status, c.id, c.tier_code, c.merged_into FROM cards k JOIN customers c ON c.id = k.customer_id WHERE k.number = $1`,
      [ref],
    )
  ).rows[0];
  if (!row) throw new PatronError('customer_not_found', `No member found by card ${ref}`);
  if (row.status !== 'active' && options.requireActiveCard) {
    throw new PatronError('card_blocked', `Card ${ref} is ${row.status}`, { details: { card_status: row.status } });
  }
  if (row.merged_into) {
    const { customer } = await findCustomer(client, row.merged_into);
    return { id: customer.id, tier_code: customer.tier_code, by: 'card' };
  }
  return { id: row.id, tier_code: row.tier_code, by: 'card' };
}

/** The member that now stands for this one: itself, or whom it was merged into (transitively). */
export async function survivorOf(client: Queryable, customerId: string): Promise<string> {
  const row = (
    await client.query<{ id: string }>(
      `WITH RECURSIVE chain AS (
         SELECT id, merged_into, 0 AS depth FROM customers WHERE id = $1
         UNION ALL SELECT c.id, c.merged_into, chain.depth + 1 FROM customers c JOIN chain ON c.id = chain.merged_into WHERE chain.depth < 20)
       SELECT id FROM chain WHERE merged_into IS NULL LIMIT 1`,
      [customerId],
    )
  ).rows[0];
  return row?.id ?? customerId;
}
