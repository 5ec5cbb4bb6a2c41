import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { countUsers, createUser, generatePassword } from '../api/index.ts';
import type { Pool } from '../db/index.ts';

export const initialAdminEmail = 'admin@patron.local';

/**
 * A fresh installation has no user to sign in with: the first start creates an admin with a
 * random password, prints it once and leaves it in a file only root/the owner can read.
 */
export async function ensureInitialAdmin(pool: Pool, home: string): Promise<{ email: string; password?: string; file: string }> {
  const file = join(home, 'initial-admin.txt');
  if ((await countUsers(pool)) > 0) return { email: initialAdminEmail, file };
  const password = generatePassword();
  await createUser(pool, { email: initialAdminEmail, name: 'Administrator', role: 'admin', password });
  writeFileSync(
    file,
    `e-mail: ${initialAdminEmail}\npassword: ${password}\n\nChange it with: patron users set-password --email ${initialAdminEmail}\n`,
    { mode: 0o600 },
  );
  return { email: initialAdminEmail, password, file };
}
