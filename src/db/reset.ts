import type { Pool } from './pool.ts';
import { migratePostgres } from './migrate.ts';

/**
 * Erases everything in Patron's schema and migrates it afresh. Only for `patron demo --force`:
 * dropping the tables is the one way past the ledger's refusal to delete transfers, and that
 * refusal is exactly right everywhere else.
 */
export async function eraseAndMigrate(pool: Pool): Promise<void> {
  await pool.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
  await migratePostgres(pool);
}
