import { createHash, randomBytes } from 'node:crypto';
import { isoUtc, type Pool } from '../../db/index.ts';
import type { User } from './users.ts';

/**
 * Web sessions: a random token in an HttpOnly cookie, only its SHA-256 in the database, so a
 * leaked database backup cannot be replayed as a login.
 */
export const sessionCookieName = 'patron_session';

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

export async function createSession(pool: Pool, userId: string, ttlHours: number): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + ttlHours * 3600_000);
  await pool.query('INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, $3)', [hashToken(token), userId, expiresAt]);
  return { token, expiresAt };
}

/** The signed-in user behind a token, or null if it is unknown, expired or its user disabled. */
export async function findSessionUser(pool: Pool, token: string): Promise<User | null> {
  const result = await pool.query<User>(
    `UPDATE sessions s SET last_seen_at = now()
       FROM users u
      WHERE s.token_hash = $1 AND s.expires_at > now() AND u.id = s.user_id AND u.disabled_at IS NULL
      RETURNING u.id, u.email, u.name, u.role, u.locale, false AS disabled,
        ${isoUtc('u.created_at')} AS created_at`,
    [hashToken(token)],
  );
  return result.rows[0] ?? null;
}

export async function deleteSession(pool: Pool, token: string): Promise<void> {
  await pool.query('DELETE FROM sessions WHERE token_hash = $1', [hashToken(token)]);
}

/** Background job: expired sessions are dead weight in the table and in backups. */
export async function deleteExpiredSessions(pool: Pool): Promise<number> {
  return (await pool.query('DELETE FROM sessions WHERE expires_at <= now()')).rowCount ?? 0;
}
