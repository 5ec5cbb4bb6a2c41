import { requestHash } from '../core/index.ts';
import { isoUtc, appendOutbox, type PoolClient } from '../db/index.ts';
import { defaultProgramSettings, type ProgramSettings } from '../rules/index.ts';

export interface VersionedSettings {
  version: number;
  settings: ProgramSettings;
  created_at: string;
}

/**
 * Settings are versioned, never edited: a change makes a new version, and each receipt records
 * the version it was computed with, so any receipt can be re-explained later.
 */
export async function currentSettings(client: PoolClient): Promise<VersionedSettings> {
  const row = (
    await client.query<VersionedSettings>(
      `SELECT version, settings, ${isoUtc('created_at')} AS created_at
         FROM program_settings ORDER BY version DESC LIMIT 1`,
    )
  ).rows[0];
  if (row) return row;
  // A fresh installation runs on the defaults, recorded as version 1 on first use.
  await client.query('INSERT INTO program_settings (version, settings, created_by) VALUES (1, $1, $2) ON CONFLICT DO NOTHING', [
    JSON.stringify(defaultProgramSettings),
    'defaults',
  ]);
  return currentSettings(client);
}


/** Saves a new version (unless it equals the current one) and announces it. */
export async function saveSettings(client: PoolClient, settings: ProgramSettings, by: string): Promise<VersionedSettings> {
  await client.query('LOCK TABLE program_settings IN EXCLUSIVE MODE');
  const current = await currentSettings(client);
  if (requestHash(current.settings) === requestHash(settings)) return current;
  const version = current.version + 1;
  await client.query('INSERT INTO program_settings (version, settings, created_by) VALUES ($1, $2, $3)', [version, JSON.stringify(settings), by]);
  await appendOutbox(client, 'program.settings_changed', { version, settings, by });
  return currentSettings(client);
}
