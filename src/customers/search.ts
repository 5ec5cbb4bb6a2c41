import type { Queryable } from '../db/index.ts';
import { getCustomer, type Customer } from './customers.ts';
import { normalizePhone } from './phone.ts';

/**
 * Members a person at a support desk or a marketer looks for: by card number, phone in any
 * notation, id, external id, or the start of a name or e-mail (case-insensitive), newest first.
 * Merged members are shown as their survivor, once.
 */
export async function searchCustomers(db: Queryable, query: string, limit = 20): Promise<Customer[]> {
  const q = query.trim();
  const phone = normalizePhone(q);
  const { rows } = await db.query<{ id: string }>(
    `SELECT DISTINCT ON (coalesce(c.merged_into, c.id)) coalesce(c.merged_into, c.id) AS id, c.registered_at FROM customers c
      WHERE c.id = $1 OR c.external_id = $1 OR c.phone = $2 OR EXISTS (SELECT 1 FROM cards k WHERE k.customer_id = c.id AND k.number = $1)
         OR lower(c.name) LIKE $3 OR lower(c.email) LIKE $3
      ORDER BY coalesce(c.merged_into, c.id), c.registered_at DESC LIMIT $4`,
    [q, phone ?? '', `${q.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%`, limit],
  );
  const found: Customer[] = [];
  for (const r of rows) found.push(await getCustomer(db, r.id));
  return found.sort((a, b) => b.registered_at.localeCompare(a.registered_at));
}
