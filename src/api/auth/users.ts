import { PatronError, newId } from '../../core/index.ts';
import { isoUtc, isUniqueViolation, type Pool } from '../../db/index.ts';
import { hashPassword, minPasswordLength } from './passwords.ts';

export const userRoles = ['admin', 'marketer', 'analyst', 'support'] as const;
export type UserRole = (typeof userRoles)[number];

export interface User {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  locale: 'ru' | 'en';
  created_at: string;
  disabled: boolean;
}

export interface NewUser {
  email: string;
  name: string;
  role: UserRole;
  password: string;
  locale?: 'ru' | 'en' | undefined;
}

const columns = `id, email, name, role, locale, disabled_at IS NOT NULL AS disabled,
  ${isoUtc('created_at')} AS created_at`;

function assertPasswordStrength(password: string): void {
  if (password.length < minPasswordLength) {
    throw new PatronError('validation_failed', `The password must have at least ${minPasswordLength} characters`, {
      issues: [{ path: 'password', message: `at least ${minPasswordLength} characters` }],
    });
  }
}

export async function createUser(pool: Pool, user: NewUser): Promise<User> {
  assertPasswordStrength(user.password);
  const hash = await hashPassword(user.password);
  try {
    const result = await pool.query<User>(
      `INSERT INTO users (id, email, name, role, password_hash, locale) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${columns}`,
      [newId('usr'), user.email.trim(), user.name.trim(), user.role, hash, user.locale ?? 'ru'],
    );
    return result.rows[0]!;
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new PatronError('already_exists', `A user with e-mail ${user.email} already exists`);
    }
    throw error;
  }
}

export async function listUsers(pool: Pool): Promise<User[]> {
  return (await pool.query<User>(`SELECT ${columns} FROM users ORDER BY lower(email)`)).rows;
}

export async function countUsers(pool: Pool): Promise<number> {
  return (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM users')).rows[0]!.n;
}

/** The user and password hash for a sign-in attempt; disabled users cannot sign in. */
export async function findUserForLogin(pool: Pool, email: string): Promise<(User & { password_hash: string }) | null> {
  const result = await pool.query<User & { password_hash: string }>(
    `SELECT ${columns}, password_hash FROM users WHERE lower(email) = lower($1) AND disabled_at IS NULL`,
    [email.trim()],
  );
  return result.rows[0] ?? null;
}

export async function setPassword(pool: Pool, email: string, password: string): Promise<void> {
  assertPasswordStrength(password);
  const hash = await hashPassword(password);
  const result = await pool.query('UPDATE users SET password_hash = $2 WHERE lower(email) = lower($1)', [email.trim(), hash]);
  if (result.rowCount === 0) throw new PatronError('not_found', `No user with e-mail ${email}`);
  // A new password ends every open session of that user.
  await pool.query('DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE lower(email) = lower($1))', [email.trim()]);
}
