import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { idFrom } from '../src/core/index.ts';
import { withTransaction } from '../src/db/index.ts';
import { MemberHistoryBook, activateDueLots, earn, emptyLedgerHistory, expireDueLots, redeem, verifyLedger, writeLedgerHistory } from '../src/ledger/index.ts';
import { registerMember } from '../src/processing/index.ts';
import { createTestDatabase, type TestDatabase } from './helpers/test-database.ts';

const day = 86_400_000;
const t0 = Date.UTC(2026, 0, 10, 9);
type Event = { kind: 'earn'; at: number; amount: number; expiresAfterDays: number | null } | { kind: 'redeem'; at: number; amount: number };
// Lots that activate, are partly spent, expire with something left, and a lot that never expires.
const events: Event[] = [
  { kind: 'earn', at: t0, amount: 100, expiresAfterDays: 30 },
  { kind: 'earn', at: t0 + 3 * day, amount: 50, expiresAfterDays: 90 },
  { kind: 'redeem', at: t0 + 20 * day, amount: 80 },
  { kind: 'earn', at: t0 + 25 * day, amount: 70, expiresAfterDays: null },
  { kind: 'redeem', at: t0 + 50 * day, amount: 60 },
  { kind: 'earn', at: t0 + 60 * day, amount: 40, expiresAfterDays: 10 },
];
const end = t0 + 100 * day;
const pendingDays = 14;

let db: TestDatabase;
before(async () => {
  db = await createTestDatabase();
});
after(async () => db.drop());

async function member(card: string): Promise<string> {
  return withTransaction(db.pool, async (client) => (await registerMember(client, { card }, new Date(t0 - day))).id);
}

async function ledgerState(customerId: string) {
  const lots = (await db.pool.query('SELECT amount, remaining, expired_at IS NOT NULL AS expired FROM ledger_lots WHERE customer_id = $1 ORDER BY created_at', [customerId])).rows;
  const byReason = (await db.pool.query('SELECT reason, sum(amount)::bigint AS points FROM ledger_transfers WHERE customer_id = $1 GROUP BY reason ORDER BY reason', [customerId])).rows;
  const balances = (await db.pool.query('SELECT kind, balance FROM ledger_accounts WHERE customer_id = $1 ORDER BY kind', [customerId])).rows;
  return { lots, byReason, balances };
}

test('history replayed in memory leaves the rows the live ledger leaves', async () => {
  const live = await member('100000001');
  const replayed = await member('100000002');

  // The live path, with the sweeps run at every due moment as the periodic jobs would.
  const dueTimes = events.flatMap((e) => (e.kind === 'earn' ? [e.at + pendingDays * day, ...(e.expiresAfterDays ? [e.at + (pendingDays + e.expiresAfterDays) * day] : [])] : []));
  const timeline = [...events.map((e) => ({ at: e.at, e })), ...dueTimes.map((at) => ({ at, e: null })), { at: end, e: null }].sort((a, b) => a.at - b.at);
  for (const { at, e } of timeline) {
    await activateDueLots(db.pool, new Date(at));
    await expireDueLots(db.pool, new Date(at));
    if (!e) continue;
    await withTransaction(db.pool, async (client) => {
      if (e.kind === 'redeem') await redeem(client, { customerId: live, amount: e.amount, reference: 'r', now: new Date(at) });
      else {
        const availableAt = at + pendingDays * day;
        await earn(client, { customerId: live, amount: e.amount, availableAt: new Date(availableAt), expiresAt: e.expiresAfterDays ? new Date(availableAt + e.expiresAfterDays * day) : null, reference: 'e', now: new Date(at) });
      }
    });
  }

  // The same history through the book, written in bulk.
  const rows = emptyLedgerHistory();
  let n = 0;
  const book = new MemberHistoryBook(replayed, rows, (prefix, at) => idFrom(prefix, at, String(n++).padStart(16, '0')));
  for (const e of events) {
    book.advanceTo(e.at);
    if (e.kind === 'redeem') book.redeem(e.amount, e.at, 'r');
    else {
      const availableAt = e.at + pendingDays * day;
      book.earn(e.amount, e.at, availableAt, e.expiresAfterDays ? availableAt + e.expiresAfterDays * day : null, 'e');
    }
  }
  book.advanceTo(end);
  book.close();
  // registerMember opened the accounts at zero; the writer adds the replayed balances to them.
  await withTransaction(db.pool, (client) => writeLedgerHistory(client, rows));

  const [a, b] = [await ledgerState(live), await ledgerState(replayed)];
  assert.deepEqual(b, a);
  // 100 + 50 + 70 + 40 earned; 80 + 60 spent; 100 − 80 = 20 of the first lot expired, the 40-point lot too.
  assert.deepEqual(a.byReason.map((r: { reason: string; points: number }) => [r.reason, Number(r.points)]), [['activate', 260], ['earn', 260], ['expire', 60], ['redeem', 140]]);
  assert.deepEqual(await withTransaction(db.pool, (client) => verifyLedger(client)), []);
});
