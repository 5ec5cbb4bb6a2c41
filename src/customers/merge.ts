import { PatronError } from '../core/index.ts';
import type { PoolClient } from '../db/index.ts';
import { moveCards } from './cards.ts';
import { getCustomer } from './customers.ts';

/**
 * Two registrations of one person become one member. The absorbed member's row and history
 * stay (merged_into points at the survivor); its cards move over, and its phone, external id and
 * consents fill whatever the survivor lacks. Points are moved by the ledger, not here.
 */
export async function mergeCustomers(client: PoolClient, fromId: string, toId: string, now: Date): Promise<void> {
  if (fromId === toId) throw new PatronError('validation_failed', 'A member cannot be merged into itself');
  const rows = (await client.query<{ id: string; merged_into: string | null }>('SELECT id, merged_into FROM customers WHERE id = ANY($1) ORDER BY id FOR UPDATE', [[fromId, toId]]))
    .rows;
  if (rows.length !== 2) throw new PatronError('customer_not_found', 'Both members must exist');
  for (const row of rows) {
    if (row.merged_into) throw new PatronError('customer_merged', `Member ${row.id} was already merged`, { details: { merged_into: row.merged_into } });
  }
  const from = await getCustomer(client, fromId);
  await moveCards(client, fromId, toId);
  await client.query('UPDATE customers SET phone = NULL, external_id = NULL, merged_into = $2, merged_at = $3 WHERE id = $1', [fromId, toId, now]);
  await client.query(
    `UPDATE customers SET
       phone = coalesce(phone, $2), external_id = coalesce(external_id, $3), email = coalesce(email, $4), name = coalesce(name, $5),
       birth_date = coalesce(birth_date, $6::date), gender = coalesce(gender, $7), city = coalesce(city, $8),
       consent_sms_at = coalesce(consent_sms_at, CASE WHEN $9 THEN $12::timestamptz END),
       consent_email_at = coalesce(consent_email_at, CASE WHEN $10 THEN $12::timestamptz END),
       consent_push_at = coalesce(consent_push_at, CASE WHEN $11 THEN $12::timestamptz END),
       last_purchase_at = greatest(last_purchase_at, $13::timestamptz)
     WHERE id = $1`,
    [toId, from.phone, from.external_id, from.email, from.name, from.birth_date, from.gender, from.city, from.consents.sms, from.consents.email, from.consents.push, now, from.last_purchase_at],
  );
}
