import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Data folders for tests that start Patron or its PostgreSQL. World-readable, because as root
 * the embedded PostgreSQL runs as the postgres user and must enter them.
 */
export function tempHomes(prefix: string): { newHome(): string; removeAll(): void } {
  const homes: string[] = [];
  return {
    newHome() {
      const home = mkdtempSync(join(tmpdir(), prefix));
      chmodSync(home, 0o755);
      homes.push(home);
      return home;
    },
    removeAll() {
      for (const home of homes) rmSync(home, { recursive: true, force: true });
    },
  };
}
