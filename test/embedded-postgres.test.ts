import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { tempHomes } from './helpers/temp-home.ts';
import { PatronError } from '../src/core/index.ts';
import { acquireHomeLock, isProcessAlive, openDatabase } from '../src/db/index.ts';

const { newHome, removeAll } = tempHomes('patron-home-');
after(removeAll);

/** Another process owning the folder's database: test/fixtures/hold-database.ts. */
async function startHolder(home: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/hold-database.ts', home], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
    child.on('exit', (code) => reject(new Error(`holder exited with ${code}`)));
  });
  return child;
}

test('start, stop and restart keep the data; the server listens on loopback only', async () => {
  const home = newHome();
  const first = await openDatabase({ home });
  assert.equal(first.mode, 'embedded');
  // Patron talks to it over a Unix socket in the data folder; TCP is bound to loopback only.
  assert.match(first.url, /\/patron\?host=/);
  assert.ok(decodeURIComponent(first.url).includes(join(home, 'run')));
  const listen = (await first.pool.query("SELECT current_setting('listen_addresses') AS a")).rows[0].a;
  assert.equal(listen, '127.0.0.1');
  await first.pool.query('CREATE TABLE kept (n int); INSERT INTO kept VALUES (42)');
  await first.close();
  assert.ok(!existsSync(join(home, 'pg', 'postmaster.pid')), 'PostgreSQL still running after close');
  assert.ok(!existsSync(join(home, 'patron.lock')), 'lock not released');

  const second = await openDatabase({ home });
  assert.equal((await second.pool.query('SELECT n FROM kept')).rows[0].n, 42);
  await second.close();
});

test('a second Patron on the same folder is refused naming the owner; CLI commands attach to its server', async () => {
  const home = newHome();
  const holder = await startHolder(home);
  try {
    await assert.rejects(
      openDatabase({ home }),
      (e: unknown) => e instanceof PatronError && e.code === 'home_locked' && e.message.includes(`pid ${holder.pid}`),
    );
    const attached = await openDatabase({ home, attachToRunning: true });
    assert.equal(attached.mode, 'attached');
    assert.deepEqual((await attached.pool.query('SELECT note FROM crash_probe')).rows, [{ note: 'written before the crash' }]);
    await attached.close();
  } finally {
    holder.kill('SIGTERM');
    await new Promise((resolve) => holder.on('exit', resolve));
  }
  assert.ok(!existsSync(join(home, 'pg', 'postmaster.pid')), 'the holder stops its PostgreSQL on SIGTERM');
});

test('after kill -9 of its Patron, the next start recovers the orphaned PostgreSQL and keeps committed data', async () => {
  const home = newHome();
  const child = await startHolder(home);
  child.kill('SIGKILL');
  await new Promise((resolve) => child.on('exit', resolve));
  assert.ok(existsSync(join(home, 'patron.lock')), 'the killed Patron leaves its lock behind');
  assert.ok(existsSync(join(home, 'pg', 'postmaster.pid')), 'and its PostgreSQL running');

  const db = await openDatabase({ home });
  try {
    const rows = (await db.pool.query('SELECT note FROM crash_probe')).rows;
    assert.deepEqual(rows, [{ note: 'written before the crash' }]);
  } finally {
    await db.close();
  }
});

test('a lock held by a live process names its pid', () => {
  const home = newHome();
  const lock = acquireHomeLock(home);
  try {
    // Pretend the lock belongs to our parent process (alive, and not us).
    lock.update({ pid: process.ppid });
    assert.ok(isProcessAlive(process.ppid));
    assert.throws(
      () => acquireHomeLock(home),
      (e: unknown) => e instanceof PatronError && e.code === 'home_locked' && e.message.includes(`pid ${process.ppid}`),
    );
  } finally {
    lock.release();
  }
});
