import { mkdirSync, openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { PatronError } from '../core/index.ts';

/**
 * One Patron server owns a data folder at a time: two would start two PostgreSQL servers on one
 * cluster directory. The lock file records the owner's pid and its embedded PostgreSQL port, so
 * that CLI commands run beside a live server can attach to its database instead of failing.
 */
export interface HomeLockInfo {
  pid: number;
  pgPort: number | null;
  startedAt: string;
}

export interface HomeLock {
  readonly path: string;
  update(info: Partial<HomeLockInfo>): void;
  release(): void;
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM means the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function lockPath(home: string): string {
  return join(home, 'patron.lock');
}

/** The live owner of the folder, or null when the folder is free (or its lock is stale). */
export function readLiveLock(home: string): HomeLockInfo | null {
  let text: string;
  try {
    text = readFileSync(lockPath(home), 'utf8');
  } catch {
    return null;
  }
  try {
    const info = JSON.parse(text) as HomeLockInfo;
    // Our own pid counts too: a second open in this process must not start a second server.
    if (isProcessAlive(info.pid)) return info;
  } catch {
    // A torn write from a crash: treat as stale.
  }
  return null;
}

export function acquireHomeLock(home: string): HomeLock {
  mkdirSync(home, { recursive: true });
  const path = lockPath(home);
  const owner = readLiveLock(home);
  if (owner) {
    throw new PatronError(
      'home_locked',
      `The data folder ${home} is in use by another Patron (pid ${owner.pid}, started ${owner.startedAt}). ` +
        'Stop that one, or give this one its own folder with PATRON_HOME or --home.',
      { details: { home, pid: owner.pid } },
    );
  }
  // Stale lock from a crashed run: it is ours to take over.
  rmSync(path, { force: true });
  let info: HomeLockInfo = { pid: process.pid, pgPort: null, startedAt: new Date().toISOString() };
  const write = () => {
    const fd = openSync(path, 'w', 0o644);
    try {
      writeSync(fd, JSON.stringify(info));
    } finally {
      closeSync(fd);
    }
  };
  // 'wx' makes the take-over atomic against a second Patron starting in the same instant.
  try {
    closeSync(openSync(path, 'wx', 0o644));
  } catch {
    throw new PatronError('home_locked', `The data folder ${home} was just locked by another Patron starting at the same time.`);
  }
  write();
  let released = false;
  return {
    path,
    update(patch) {
      info = { ...info, ...patch };
      write();
    },
    release() {
      if (released) return;
      released = true;
      rmSync(path, { force: true });
    },
  };
}
