import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PatronError } from './patron-error.ts';

/**
 * Numbered SQL migrations, shared by the PostgreSQL write side and the DuckDB read side.
 * Files are `NNNN-name.sql`; once applied, a file's checksum is recorded and any later edit
 * stops the start-up, because the database no longer matches what the file says it ran.
 */
export interface MigrationFile {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export interface AppliedMigration {
  version: number;
  name: string;
  checksum: string;
}

const fileNamePattern = /^(\d{4})-([a-z0-9-]+)\.sql$/;

export function checksumOf(sql: string): string {
  // Line endings are normalised so a checkout on Windows does not look like an edit.
  return createHash('sha256').update(sql.replace(/\r\n/g, '\n')).digest('hex');
}

export function readMigrationFiles(folder: string): MigrationFile[] {
  const files: MigrationFile[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.sql')) continue;
    const match = fileNamePattern.exec(entry.name);
    if (!match) {
      throw new PatronError('migration_failed', `Migration file name ${entry.name} is not NNNN-name.sql`);
    }
    const sql = readFileSync(join(folder, entry.name), 'utf8');
    files.push({ version: Number(match[1]), name: entry.name, sql, checksum: checksumOf(sql) });
  }
  files.sort((a, b) => a.version - b.version);
  for (let i = 1; i < files.length; i++) {
    if (files[i]!.version === files[i - 1]!.version) {
      throw new PatronError('migration_failed', `Two migrations share version ${files[i]!.version}`);
    }
  }
  return files;
}

/** Decides what to run: the files not yet applied, in order; refuses edited or vanished ones. */
export function planMigrations(files: MigrationFile[], applied: AppliedMigration[]): MigrationFile[] {
  const byVersion = new Map(files.map((f) => [f.version, f]));
  for (const done of applied) {
    const file = byVersion.get(done.version);
    if (!file) {
      throw new PatronError(
        'migration_missing',
        `Migration ${done.name} is recorded as applied but its file is missing`,
        { details: { version: done.version, name: done.name } },
      );
    }
    if (file.checksum !== done.checksum) {
      throw new PatronError(
        'migration_edited',
        `Migration ${file.name} was edited after it was applied (recorded checksum ${done.checksum.slice(0, 12)}…, file now ${file.checksum.slice(0, 12)}…); add a new migration instead`,
        { details: { version: file.version, name: file.name } },
      );
    }
  }
  const appliedVersions = new Set(applied.map((a) => a.version));
  return files.filter((f) => !appliedVersions.has(f.version));
}
