/**
 * bench/processing: receipt confirms per second over HTTP against a running Patron on the
 * embedded PostgreSQL (synchronous_commit on), and in the same run the same writes as bare SQL
 * transactions on the same server, so the ratio is measured on one machine at one moment.
 *
 *   npm run bench:processing [-- --seconds 10 --clients 8]
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { packageRoot } from '../src/core/index.ts';
import { embeddedUrlFor, readLiveLock } from '../src/db/index.ts';
import { formatRun, timedRun, type RunResult } from './latency.ts';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '10' }, clients: { type: 'string', default: '8' }, members: { type: 'string', default: '2000' }, profile: { type: 'string' }, rounds: { type: 'string', default: '3' } } });
const seconds = Number(values.seconds);
const clients = Number(values.clients);
const members = Number(values.members);
const rounds = Number(values.rounds);

const home = mkdtempSync(join(tmpdir(), 'patron-bench-'));
chmodSync(home, 0o755);
const env = { ...process.env, PATRON_HOME: home, PATRON_PORT: '0', PATRON_LOG_LEVEL: 'warn', PATRON_ROLE: 'api' };
const bin = join(packageRoot, 'bin', 'patron.js');

function cli(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c));
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`patron ${args.join(' ')} exited ${code}`))));
  });
}

// --profile DIR writes a V8 CPU profile of the server, to see where a confirm spends its time.
const profileArgs = values.profile ? ['--cpu-prof', '--cpu-prof-dir', values.profile] : [];
const server = spawn(process.execPath, [...profileArgs, bin, 'start'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
const banner = await new Promise<string>((resolve) => {
  let text = '';
  server.stdout.on('data', (c: Buffer) => {
    text += c;
    if (/stop with Ctrl\+C/.test(text)) resolve(text);
  });
});
const url = /web app:\s+(\S+?)\/?\s/.exec(banner)![1]!;
const password = /admin@patron\.local \/ (\S+)/.exec(banner)![1]!;

try {
  const login = await fetch(`${url}/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@patron.local', password }) });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const admin = (path: string, method: string, body: unknown) =>
    fetch(`${url}${path}`, { method, headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(body) });
  await admin('/v1/stores', 'POST', { code: 'BENCH', name: 'Bench store' });
  await admin('/v1/catalog/categories', 'PUT', { categories: [{ code: 'food', name: 'Food' }, { code: 'tobacco', name: 'Tobacco', non_promotable: true }] });
  const products = Array.from({ length: 500 }, (_, i) => ({ sku: `SKU${i}`, name: `Product ${i}`, category_code: i % 50 === 0 ? 'tobacco' : 'food', price_kopecks: 5000 + i * 37 }));
  await admin('/v1/catalog/products', 'PUT', { products });
  const token = (await cli(['keys', 'create', '--name', 'bench', '--store', 'BENCH'])).trim();
  const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  process.stderr.write(`• registering ${members} members\n`);
  for (let m = 0; m < members; m += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, members - m) }, (_, j) =>
        fetch(`${url}/v1/customers`, { method: 'POST', headers: { ...auth, 'idempotency-key': `reg-${m + j}` }, body: JSON.stringify({ card: String(9_000_000_000 + m + j) }) }),
      ),
    );
  }

  const receipt = (worker: number, n: number, prefix: string) => {
    const lines = [0, 1, 2, 3, 4].map((k) => {
      const p = products[(worker * 131 + n * 17 + k * 7) % products.length]!;
      return { sku: p.sku, qty: 1 + (k % 2), price_kopecks: p.price_kopecks, amount_kopecks: p.price_kopecks * (1 + (k % 2)) };
    });
    return { terminal: `T${worker}`, number: `${prefix}-${n}`, customer: { card: String(9_000_000_000 + ((worker * 7919 + n) % members)) }, lines };
  };
  // A plain keep-alive HTTP client: the load generator shares the machine's two cores with
  // Patron and PostgreSQL, so it should take as little of them as possible.
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const target = new URL(`${url}/v1/receipts`);
  const postJson = (body: string, key: string) =>
    new Promise<void>((resolve, reject) => {
      const request = http.request(
        { agent, host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers: { ...auth, 'idempotency-key': key, 'content-length': Buffer.byteLength(body) } },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (c: Buffer) => chunks.push(c));
          response.on('end', () => (response.statusCode === 201 ? resolve() : reject(new Error(`${response.statusCode} ${Buffer.concat(chunks)}`))));
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  const confirm = (prefix: string) => (worker: number, n: number) => postJson(JSON.stringify(receipt(worker, n, prefix)), `${prefix}-${worker}-${n}`);

  process.stderr.write('• warming up\n');
  await timedRun(clients, 2, confirm('warm'));
  const patronRuns: { one: RunResult; many: RunResult }[] = [];
  // CPU the Patron process spent per confirm at full load (user + system, from /proc).
  const serverCpuPerConfirm: number[] = [];
  const ticksPerMs = 100 / 1000;
  const serverCpuMs = () => {
    const fields = readFileSync(`/proc/${server.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / ticksPerMs;
  };
  const bareRuns: { one: RunResult; many: RunResult }[] = [];

  // The same writes as bare SQL: what one confirm writes, with the values precomputed.
  // The same connection Patron uses (its embedded server's socket), found as the CLI finds it.
  const owner = readLiveLock(home);
  const pool = new pg.Pool({ connectionString: embeddedUrlFor(home, owner!.pgPort!), max: clients });
  const store = (await pool.query("SELECT id FROM stores WHERE code = 'BENCH'")).rows[0].id as string;
  // The same bytes as well: a real answer and real events from this run, not empty JSON.
  const sample = (await pool.query("SELECT response::text AS response FROM receipts WHERE customer_id IS NOT NULL ORDER BY created_at DESC LIMIT 1")).rows[0].response as string;
  const receiptEvent = (await pool.query("SELECT payload::text AS p FROM outbox WHERE topic = 'receipt.confirmed' ORDER BY id DESC LIMIT 1")).rows[0].p as string;
  const transferEvent = (await pool.query("SELECT payload::text AS p FROM outbox WHERE topic = 'ledger.transfer' ORDER BY id DESC LIMIT 1")).rows[0].p as string;
  const customerIds = (await pool.query('SELECT id FROM customers ORDER BY id')).rows.map((r) => r.id as string);
  const bare = (prefix: string) => async (worker: number, n: number) => {
    const r = receipt(worker, n, prefix);
    const customer = customerIds[(worker * 7919 + n) % customerIds.length]!;
    const id = `rcp_${prefix}_${worker}_${n}`;
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query("INSERT INTO idempotency_keys (principal, key, method, path, request_hash, status_code, response) VALUES ('bench', $1, 'POST', '/v1/receipts', 'h', 0, 'null')", [id]);
      await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [id]);
      await client.query('SELECT 1 FROM receipts WHERE store_id = $1 AND terminal = $2 AND number = $3', [store, r.terminal, r.number]);
      await client.query('SELECT id, balance FROM ledger_accounts WHERE id = ANY($1) ORDER BY id FOR UPDATE', [[`available:${customer}`, `pending:${customer}`]]);
      await client.query(
        `INSERT INTO receipts (id, store_id, terminal, number, customer_id, purchased_at, total_kopecks, pos_discount_kopecks, points_earned, points_redeemed, redeemed_value_kopecks, settings_version, status, request_hash, response)
         VALUES ($1, $2, $3, $4, $5, now(), 1000, 0, 30, 0, 0, 1, 'confirmed', 'h', '{}')`,
        [id, store, r.terminal, r.number, customer],
      );
      await client.query(
        `INSERT INTO receipt_lines (receipt_id, line_no, sku, qty_milli, price_kopecks, amount_kopecks, pos_discount_kopecks, non_promotable, points_earned, points_redeemed)
         SELECT $1, i, s, 1000, 100, 100, 0, false, 6, 0 FROM unnest($2::text[]) WITH ORDINALITY AS u(s, i)`,
        [id, r.lines.map((l) => l.sku)],
      );
      const transfer = `trf_${id}`;
      await client.query("INSERT INTO ledger_transfers (id, debit_account_id, credit_account_id, amount, reason, customer_id, reference) VALUES ($1, 'sys_issuance', $2, 30, 'earn', $3, $4)", [transfer, `pending:${customer}`, customer, id]);
      await client.query("INSERT INTO outbox (topic, payload) VALUES ('ledger.transfer', $1)", [transferEvent]);
      await client.query('UPDATE ledger_accounts SET balance = balance + 30 WHERE id = $1', [`pending:${customer}`]);
      await client.query("INSERT INTO ledger_lots (id, customer_id, source_transfer_id, amount, remaining, available_at, expires_at, reference) VALUES ($1, $2, $3, 30, 30, now() + interval '14 days', now() + interval '379 days', $4)", [`lot_${id}`, customer, transfer, id]);
      await client.query('UPDATE customers SET last_purchase_at = greatest(last_purchase_at, now()) WHERE id = $1', [customer]);
      await client.query('UPDATE receipts SET response = $2 WHERE id = $1', [id, sample]);
      await client.query("INSERT INTO outbox (topic, payload) VALUES ('receipt.confirmed', $1)", [receiptEvent]);
      await client.query("UPDATE idempotency_keys SET status_code = 201, response = $2 WHERE principal = 'bench' AND key = $1", [id, sample]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  };
  // The machine is noisy: rounds alternate Patron and bare SQL, and the median round of each is
  // reported, so that a slow minute does not land on one side only.
  for (let round = 0; round < rounds; round++) {
    process.stderr.write(`• round ${round + 1} of ${rounds}\n`);
    const one = await timedRun(1, seconds, confirm(`one${round}`));
    const cpuBefore = serverCpuMs();
    const many = await timedRun(clients, seconds, confirm(`many${round}`));
    serverCpuPerConfirm.push((serverCpuMs() - cpuBefore) / many.operations);
    patronRuns.push({ one, many });
    bareRuns.push({ one: await timedRun(1, seconds, bare(`b1r${round}`)), many: await timedRun(clients, seconds, bare(`bmr${round}`)) });
  }
  const median = (runs: RunResult[]) => [...runs].sort((a, b) => a.perSecond - b.perSecond)[Math.floor(runs.length / 2)]!;
  const results = {
    patron_1: median(patronRuns.map((r) => r.one)),
    patron: median(patronRuns.map((r) => r.many)),
    bare_sql_1: median(bareRuns.map((r) => r.one)),
    bare_sql: median(bareRuns.map((r) => r.many)),
  };
  const syncCommit = (await pool.query('SHOW synchronous_commit')).rows[0].synchronous_commit;
  await pool.end();

  const ratio = results.patron!.perSecond / results.bare_sql!.perSecond;
  const lines = [
    `bench/processing — ${new Date().toISOString()}, median of ${rounds} alternating rounds of ${seconds} s, synchronous_commit=${syncCommit}, 5-line receipts with a member, answer ${sample.length} bytes`,
    formatRun('Patron HTTP confirm, 1 client', results.patron_1!),
    formatRun(`Patron HTTP confirm, ${clients} clients`, results.patron!),
    formatRun('bare SQL, same writes, 1 client', results.bare_sql_1!),
    formatRun(`bare SQL, same writes, ${clients} clients`, results.bare_sql!),
    `Patron process CPU per confirm at ${clients} clients: ${[...serverCpuPerConfirm].sort((a, b) => a - b)[Math.floor(serverCpuPerConfirm.length / 2)]!.toFixed(2)} ms (median of rounds)`,
    `ratio Patron / bare SQL at ${clients} clients: ${ratio.toFixed(2)} (target ≥ 0.50); p99 ${results.patron!.p99Ms.toFixed(1)} ms (target < 50 ms)`,
    // The median round is the figure; the worst one shows how much a noisy minute moves it.
    `p99 of each round at ${clients} clients: ${patronRuns.map((r) => r.many.p99Ms.toFixed(1)).join(', ')} ms`,
  ];
  process.stdout.write(lines.join('\n') + '\n');
} finally {
  server.kill('SIGTERM');
  await new Promise((resolve) => server.on('exit', resolve));
  rmSync(home, { recursive: true, force: true });
}
