import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { tempHomes } from './helpers/temp-home.ts';
import { runCli, startPatron } from './helpers/run-cli.ts';

const { newHome, removeAll } = tempHomes('patron-cli-');
after(removeAll);

test('--help lists the commands and exits 0; every command has its own --help', async () => {
  const help = await runCli(['--help']);
  assert.equal(help.code, 0);
  for (const command of ['start', 'migrate', 'keys', 'users']) assert.match(help.stdout, new RegExp(`\\b${command}\\b`));
  for (const args of [['start', '--help'], ['keys', 'create', '--help'], ['users', 'create', '--help'], ['migrate', '--help']]) {
    const result = await runCli(args);
    assert.equal(result.code, 0, args.join(' '));
    assert.match(result.stdout, /Usage: patron/);
  }
  assert.match((await runCli(['start', '--help'])).stdout, /--role/);
});

test('exit codes mean something: 64 for bad usage, 78 for a bad setting naming it', async () => {
  const unknown = await runCli(['frobnicate']);
  assert.equal(unknown.code, 64);
  const missing = await runCli(['keys', 'create']);
  assert.equal(missing.code, 64);
  assert.match(missing.stderr, /--name/);
  // Checked inside a command's action, and still said, not only exited with.
  const badFormat = await runCli(['measure', 'program', '--home', newHome(), '--format', 'xml']);
  assert.equal(badFormat.code, 64);
  assert.match(badFormat.stderr, /--format must be table or json/);
  const badLaunch = await runCli(['demo', '--home', newHome(), '--months', '3', '--launch-after-months', '5']);
  assert.equal(badLaunch.code, 64);
  assert.match(badLaunch.stderr, /--launch-after-months must be less than --months/);
  const badPort = await runCli(['start'], { PATRON_PORT: 'abc', PATRON_HOME: newHome() });
  assert.equal(badPort.code, 78);
  assert.match(badPort.stderr, /PATRON_PORT/);
});

test('patron start serves the web app, /healthz, /readyz and /docs; CLI commands work beside it; SIGTERM stops it cleanly', async () => {
  const home = newHome();
  const env = { PATRON_HOME: home, PATRON_PORT: '0', PATRON_LOG_LEVEL: 'warn' };
  const patron = await startPatron([], env);
  try {
    assert.match(patron.banner, /admin login: admin@patron\.local \/ \S+/);
    const password = /admin login: admin@patron\.local \/ (\S+)/.exec(patron.banner)![1]!;
    assert.match(readFileSync(join(home, 'initial-admin.txt'), 'utf8'), new RegExp(password));

    assert.equal((await fetch(`${patron.url}/healthz`)).status, 200);
    assert.deepEqual(await (await fetch(`${patron.url}/readyz`)).json(), { status: 'ready', checks: { postgres: 'ok', duckdb: 'ok' } });
    const page = await fetch(`${patron.url}/`);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /<div id="root"><\/div>/);
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1]!;
    const bundle = await fetch(`${patron.url}${script}`);
    assert.equal(bundle.status, 200);
    assert.match(bundle.headers.get('cache-control') ?? '', /immutable/);
    assert.match(await bundle.text(), /patron_session|\/v1\/session/);
    // Deep links of the web app get index.html; unknown API paths stay problem+json.
    assert.match(await (await fetch(`${patron.url}/customers/123`)).text(), /<div id="root">/);
    assert.equal((await fetch(`${patron.url}/v1/nothing`)).headers.get('content-type'), 'application/problem+json');
    const docs = await fetch(`${patron.url}/docs`);
    assert.equal(docs.status, 200);
    const openapi = (await (await fetch(`${patron.url}/openapi.json`)).json()) as { openapi: string };
    assert.equal(openapi.openapi, '3.0.3');

    const signIn = await fetch(`${patron.url}/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@patron.local', password }),
    });
    assert.equal(signIn.status, 200);

    // keys create attaches to the running server's database and prints the token on stdout.
    const created = await runCli(['keys', 'create', '--name', 'till 1'], env);
    assert.equal(created.code, 0, created.stderr);
    const token = created.stdout.trim();
    const stores = await fetch(`${patron.url}/v1/stores`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(stores.status, 200);
    const listed = await runCli(['keys', 'list'], env);
    assert.match(listed.stdout, /till 1/);
    assert.doesNotMatch(listed.stdout, new RegExp(token.split('.')[1]!));

    const user = await runCli(['users', 'create', '--email', 'ana@chain.ru', '--role', 'analyst', '--password-stdin'], env, 'analyst password 1\n');
    assert.equal(user.code, 0, user.stderr);
    const asAnalyst = await fetch(`${patron.url}/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ana@chain.ru', password: 'analyst password 1' }),
    });
    assert.equal(asAnalyst.status, 200);
    const weak = await runCli(['users', 'create', '--email', 'weak@chain.ru', '--role', 'analyst', '--password-stdin'], env, 'short\n');
    assert.equal(weak.code, 65);

    const migrate = await runCli(['migrate'], env);
    assert.equal(migrate.code, 0, migrate.stderr);

    const second = await runCli(['start'], env);
    assert.equal(second.code, 75);
    assert.match(second.stderr, /in use by another Patron/);
  } finally {
    assert.equal(await patron.stop('SIGTERM'), 0);
  }
  assert.ok(!existsSync(join(home, 'pg', 'postmaster.pid')), 'PostgreSQL left running');
  assert.ok(!existsSync(join(home, 'patron.lock')), 'lock left behind');

  // A restart keeps the data and does not create a second admin.
  const again = await startPatron([], env);
  try {
    assert.doesNotMatch(again.banner, /shown once/);
    assert.match((await runCli(['users', 'list'], env)).stdout, /ana@chain\.ru/);
  } finally {
    assert.equal(await again.stop('SIGINT'), 0);
  }
});

test('--role api serves HTTP without DuckDB; --role worker runs jobs without HTTP', async () => {
  const home = newHome();
  const env = { PATRON_HOME: home, PATRON_PORT: '0', PATRON_LOG_LEVEL: 'warn' };
  const api = await startPatron(['--role', 'api'], env);
  try {
    const ready = (await (await fetch(`${api.url}/readyz`)).json()) as { checks: unknown };
    assert.deepEqual(ready.checks, { postgres: 'ok', duckdb: 'not_in_this_role' });
  } finally {
    await api.stop();
  }
  const worker = await startPatron(['--role', 'worker'], env);
  try {
    assert.doesNotMatch(worker.banner, /web app:/);
    assert.match(worker.banner, /role: worker/);
  } finally {
    assert.equal(await worker.stop(), 0);
  }
});

test('with DATABASE_URL, Patron uses that server and starts no embedded one', async () => {
  const { createTestDatabase } = await import('./helpers/test-database.ts');
  const external = await createTestDatabase({ migrated: false });
  const home = newHome();
  try {
    const env = { PATRON_HOME: home, DATABASE_URL: external.url, PATRON_PORT: '0', PATRON_LOG_LEVEL: 'warn' };
    const migrated = await runCli(['migrate'], env);
    assert.equal(migrated.code, 0, migrated.stderr);
    const applied = (await external.pool.query('SELECT count(*)::int AS n FROM schema_migrations')).rows[0].n;
    assert.ok(applied >= 2);
    const patron = await startPatron([], env);
    try {
      assert.match(patron.banner, /PostgreSQL: external/);
      assert.equal((await fetch(`${patron.url}/readyz`)).status, 200);
    } finally {
      await patron.stop();
    }
    assert.ok(!existsSync(join(home, 'pg')), 'an embedded cluster was created although DATABASE_URL was set');
  } finally {
    await external.drop();
  }
});
