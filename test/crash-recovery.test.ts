import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { tempHomes } from './helpers/temp-home.ts';
import { runCli, startPatron } from './helpers/run-cli.ts';

const { newHome, removeAll } = tempHomes('patron-crash-');
const home = newHome();
after(removeAll);
const env = { PATRON_HOME: home, PATRON_PORT: '0', PATRON_LOG_LEVEL: 'warn' };

async function call(url: string, init: { method?: string; cookie?: string; token?: string; key?: string; body?: unknown }) {
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers: {
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(init.cookie ? { cookie: init.cookie } : {}),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...(init.key ? { 'idempotency-key': init.key } : {}),
    },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  return { status: response.status, body: (await response.json()) as any, headers: response.headers };
}

test('kill -9 under load: every acknowledged confirm survives the restart and the ledger balances', async () => {
  let patron = await startPatron([], env);
  const password = /admin login: admin@patron\.local \/ (\S+)/.exec(patron.banner)![1]!;
  const login = await fetch(`${patron.url}/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@patron.local', password }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  assert.equal((await call(`${patron.url}/v1/stores`, { method: 'POST', cookie, body: { code: 'S1', name: 'Store 1' } })).status, 201);
  await call(`${patron.url}/v1/catalog/categories`, { method: 'PUT', cookie, body: { categories: [{ code: 'food', name: 'Food' }] } });
  await call(`${patron.url}/v1/catalog/products`, { method: 'PUT', cookie, body: { products: [{ sku: 'P1', name: 'Product', category_code: 'food' }] } });
  const token = (await runCli(['keys', 'create', '--name', 'till', '--store', 'S1'], env)).stdout.trim();
  for (let m = 0; m < 8; m++) {
    const card = `88000000${m}`;
    assert.equal((await call(`${patron.url}/v1/customers`, { method: 'POST', token, key: `reg-${m}`, body: { card } })).status, 201);
    await call(`${patron.url}/v1/customers/${card}/adjustments`, { method: 'POST', cookie, key: `adj-${m}`, body: { amount: 100_000, comment: 'opening balance' } });
  }

  // 8 clients, each a till confirming receipts as fast as it can; the server dies under them.
  const acknowledged: { key: string; id: string; body: unknown; response: unknown }[] = [];
  const inFlight = new Map<string, unknown>();
  let stop = false;
  const client = async (till: number) => {
    for (let n = 0; !stop; n++) {
      const key = `till-${till}-${n}`;
      const body = { terminal: String(till), number: String(n), customer: { card: `88000000${till}` }, lines: [{ sku: 'P1', qty: 1, price_kopecks: 10_000, amount_kopecks: 10_000 + n }], redeem_points: n % 3 };
      inFlight.set(key, body);
      try {
        const r = await call(`${patron.url}/v1/receipts`, { method: 'POST', token, key, body });
        if (r.status === 201) acknowledged.push({ key, id: r.body.receipt.id, body, response: r.body });
        else if (r.status >= 500) throw new Error(`server error ${JSON.stringify(r.body)}`);
        inFlight.delete(key);
      } catch (error) {
        if (!stop) throw error;
        return;
      }
    }
  };
  const clients = Array.from({ length: 8 }, (_, i) => client(i).catch((e) => (stop ? undefined : Promise.reject(e))));
  await new Promise((resolve) => setTimeout(resolve, 2500));
  stop = true;
  patron.child.kill('SIGKILL');
  await Promise.all(clients);
  await patron.exited;
  assert.ok(acknowledged.length >= 50, `only ${acknowledged.length} confirms before the kill`);

  patron = await startPatron([], env);
  try {
    for (const ack of acknowledged) {
      const r = await call(`${patron.url}/v1/receipts/${ack.id}`, { token });
      assert.equal(r.status, 200, `acknowledged receipt ${ack.id} is gone after the crash`);
      assert.equal(r.body.receipt.points_redeemed, (ack.response as any).receipt.points_redeemed);
    }
    // Requests cut off by the crash are retried with their keys: each lands exactly once.
    for (const [key, body] of inFlight) {
      const r = await call(`${patron.url}/v1/receipts`, { method: 'POST', token, key, body });
      assert.ok(r.status === 201 || r.status === 200, `retry of ${key}: ${r.status} ${JSON.stringify(r.body)}`);
    }
    const verify = await runCli(['ledger', 'verify'], env);
    assert.equal(verify.code, 0, verify.stdout + verify.stderr);
    assert.match(verify.stdout, /ledger balanced/);
  } finally {
    await patron.stop();
  }
});
