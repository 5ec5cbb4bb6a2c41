import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/test-database.ts';
import { PatronError, newId } from '../core/index.ts';
import { withTransaction } from '../db/index.ts';
import {
  activateDueLots,
  adjustDown,
  adjustUp,
  captureHold,
  clawBackEarned,
  createHold,
  earn,
  expireDueLots,
  getBalance,
  mergeMemberLedger,
  openMemberAccounts,
  redeem,
  timeOutHolds,
  verifyLedger,
  voidHold,
  type ClawbackPolicy,
} from './index.ts';

let db: TestDatabase;
before(async () => {
  db = await createTestDatabase();
});
after(async () => db.drop());

const day = 86_400_000;

type Op =
  | { kind: 'earn'; who: number; amount: number; pendingDays: number; expiryDays: number | null }
  | { kind: 'redeem'; who: number; amount: number }
  | { kind: 'hold'; who: number; amount: number; ttlMinutes: number }
  | { kind: 'capture'; hold: number; part: number }
  | { kind: 'void'; hold: number }
  | { kind: 'clawback'; who: number; earn: number; amount: number; policy: ClawbackPolicy }
  | { kind: 'adjust'; who: number; amount: number }
  | { kind: 'merge'; from: number; to: number }
  | { kind: 'advance'; days: number }
  | { kind: 'sweep' };

const who = fc.integer({ min: 0, max: 3 });
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('earn' as const), who, amount: fc.integer({ min: 1, max: 500 }), pendingDays: fc.constantFrom(0, 0, 7), expiryDays: fc.constantFrom(null, 10, 60) }),
  fc.record({ kind: fc.constant('redeem' as const), who, amount: fc.integer({ min: 1, max: 400 }) }),
  fc.record({ kind: fc.constant('hold' as const), who, amount: fc.integer({ min: 1, max: 300 }), ttlMinutes: fc.constantFrom(30, 60 * 24 * 3) }),
  fc.record({ kind: fc.constant('capture' as const), hold: fc.nat(20), part: fc.constantFrom(0.5, 1) }),
  fc.record({ kind: fc.constant('void' as const), hold: fc.nat(20) }),
  fc.record({ kind: fc.constant('clawback' as const), who, earn: fc.nat(30), amount: fc.integer({ min: 1, max: 600 }), policy: fc.constantFrom<ClawbackPolicy>('pending_only', 'up_to_balance', 'allow_negative') }),
  fc.record({ kind: fc.constant('adjust' as const), who, amount: fc.integer({ min: -200, max: 200 }).filter((n) => n !== 0) }),
  fc.record({ kind: fc.constant('merge' as const), from: who, to: who }).filter((m) => m.from !== m.to),
  fc.record({ kind: fc.constant('advance' as const), days: fc.integer({ min: 1, max: 20 }) }),
  fc.constant({ kind: 'sweep' as const }),
);

async function newMembers(n: number): Promise<string[]> {
  const ids = Array.from({ length: n }, () => newId('cus'));
  await withTransaction(db.pool, async (client) => {
    for (const id of ids) {
      await client.query("INSERT INTO customers (id, tier_code) VALUES ($1, 'base')", [id]);
      await openMemberAccounts(client, id);
    }
  });
  return ids;
}

/** Expected refusals are fine; anything else is a bug. */
async function tolerate(fn: () => Promise<unknown>): Promise<void> {
  try {
    await withTransaction(db.pool, async () => fn());
  } catch (error) {
    if (error instanceof PatronError && ['insufficient_points', 'hold_closed', 'not_found'].includes(error.code)) return;
    throw error;
  }
}

test('property: any sequence of ledger operations keeps every invariant', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 40 }), async (ops) => {
      const members = await newMembers(4);
      const holds: string[] = [];
      const earns: { who: string; reference: string }[] = [];
      let now = Date.UTC(2026, 0, 1);
      let debtAllowed = false;
      for (const o of ops) {
        const at = new Date(now);
        await withTransaction(db.pool, async (client) => {
          switch (o.kind) {
            case 'earn': {
              const reference = newId('rcp', now);
              const availableAt = new Date(now + o.pendingDays * day);
              const expiresAt = o.expiryDays === null ? null : new Date(availableAt.getTime() + o.expiryDays * day);
              await earn(client, { customerId: members[o.who]!, amount: o.amount, availableAt, expiresAt, reference, now: at });
              earns.push({ who: members[o.who]!, reference });
              break;
            }
            case 'advance':
              now += o.days * day;
              break;
            default:
              break;
          }
        });
        switch (o.kind) {
          case 'redeem':
            await tolerate(() => withTransaction(db.pool, (c) => redeem(c, { customerId: members[o.who]!, amount: o.amount, reference: 'test', now: at })));
            break;
          case 'hold':
            await tolerate(async () => {
              const hold = await withTransaction(db.pool, (c) => createHold(c, { customerId: members[o.who]!, amount: o.amount, ttlMinutes: o.ttlMinutes, reference: null, now: at }));
              holds.push(hold.id);
            });
            break;
          case 'capture': {
            const id = holds[o.hold % Math.max(1, holds.length)];
            if (id)
              await tolerate(() =>
                withTransaction(db.pool, async (c) => {
                  const amount = (await c.query('SELECT amount FROM ledger_holds WHERE id = $1', [id])).rows[0].amount;
                  return captureHold(c, id, { amount: Math.floor(amount * o.part), reference: null, now: at });
                }),
              );
            break;
          }
          case 'void': {
            const id = holds[o.hold % Math.max(1, holds.length)];
            if (id) await tolerate(() => withTransaction(db.pool, (c) => voidHold(c, id, at)));
            break;
          }
          case 'clawback': {
            const e = earns[o.earn % Math.max(1, earns.length)];
            if (e) {
              if (o.policy === 'allow_negative') debtAllowed = true;
              await withTransaction(db.pool, async (c) => {
                // Clawback follows its earn to wherever a merge moved it.
                const owner = (await c.query('SELECT customer_id FROM ledger_lots WHERE reference = $1', [e.reference])).rows[0].customer_id;
                const result = await clawBackEarned(c, { customerId: owner, amount: o.amount, earnedUnder: e.reference, reference: newId('ret', now), policy: o.policy, now: at });
                assert.equal(result.clawedBack + result.forgiven, o.amount);
              });
            }
            break;
          }
          case 'adjust':
            await tolerate(() =>
              withTransaction(db.pool, (c): Promise<unknown> =>
                o.amount > 0
                  ? adjustUp(c, { customerId: members[o.who]!, amount: o.amount, expiresAt: null, reference: 'op', now: at })
                  : adjustDown(c, { customerId: members[o.who]!, amount: -o.amount, reference: 'op', now: at }),
              ),
            );
            break;
          case 'merge':
            await withTransaction(db.pool, (c) => mergeMemberLedger(c, members[o.from]!, members[o.to]!, at));
            break;
          case 'sweep':
            await activateDueLots(db.pool, at);
            await expireDueLots(db.pool, at);
            await timeOutHolds(db.pool, at);
            break;
          default:
            break;
        }
      }
      const problems = await withTransaction(db.pool, (c) => verifyLedger(c));
      assert.deepEqual(problems, []);
      for (const member of members) {
        const balance = await withTransaction(db.pool, (c) => getBalance(c, member, new Date(now)));
        assert.ok(balance.spendable >= 0 && balance.available >= 0 && balance.pending >= 0);
        if (!debtAllowed) assert.equal(balance.debt, 0, 'a debt appeared without the allow-negative policy');
        const raw = (await db.pool.query('SELECT balance FROM ledger_accounts WHERE id = $1', [`available:${member}`])).rows[0].balance;
        if (!debtAllowed) assert.ok(raw >= 0, `available balance of ${member} went negative: ${raw}`);
      }
    }),
    { numRuns: 150 },
  );
});

test('transfers cannot be edited or deleted', async () => {
  const [member] = await newMembers(1);
  await withTransaction(db.pool, (c) => earn(c, { customerId: member!, amount: 10, availableAt: new Date(), expiresAt: null, reference: 'x', now: new Date() }));
  await assert.rejects(db.pool.query('UPDATE ledger_transfers SET amount = 1000000'), /immutable/);
  await assert.rejects(db.pool.query('DELETE FROM ledger_transfers'), /immutable/);
  await assert.rejects(db.pool.query('TRUNCATE ledger_transfers CASCADE'), /immutable/);
});

test('redemption consumes the soonest-expiring lots first', async () => {
  const [member] = await newMembers(1);
  const now = new Date(Date.UTC(2026, 5, 1));
  const lotExpiring = async (days: number | null, reference: string) =>
    withTransaction(db.pool, (c) => earn(c, { customerId: member!, amount: 100, availableAt: now, expiresAt: days === null ? null : new Date(now.getTime() + days * day), reference, now }));
  await lotExpiring(null, 'never');
  await lotExpiring(90, 'late');
  await lotExpiring(30, 'soon');
  await withTransaction(db.pool, (c) => redeem(c, { customerId: member!, amount: 150, reference: 'r', now }));
  const lots = (await db.pool.query('SELECT reference, remaining FROM ledger_lots WHERE customer_id = $1 ORDER BY reference', [member])).rows;
  assert.deepEqual(lots, [
    { reference: 'late', remaining: 50 },
    { reference: 'never', remaining: 100 },
    { reference: 'soon', remaining: 0 },
  ]);
});

test('a debt from a return under allow_negative is repaid from points as they become spendable', async () => {
  const [member] = await newMembers(1);
  const t0 = Date.UTC(2026, 2, 1);
  const at = (days: number) => new Date(t0 + days * day);
  const tx = <T>(fn: (c: import('../db/index.ts').PoolClient) => Promise<T>) => withTransaction(db.pool, fn);
  const invariants = async () => assert.deepEqual(await tx((c) => verifyLedger(c)), []);

  await tx((c) => earn(c, { customerId: member!, amount: 100, availableAt: at(0), expiresAt: null, reference: 'buy-1', now: at(0) }));
  await tx((c) => redeem(c, { customerId: member!, amount: 100, reference: 'spend', now: at(0) }));
  const result = await tx((c) => clawBackEarned(c, { customerId: member!, amount: 50, earnedUnder: 'buy-1', reference: 'ret-1', policy: 'allow_negative', now: at(1) }));
  assert.deepEqual(result, { clawedBack: 50, forgiven: 0 });
  assert.equal((await tx((c) => getBalance(c, member!, at(1)))).debt, 50);
  await invariants();

  await tx((c) => earn(c, { customerId: member!, amount: 30, availableAt: at(8), expiresAt: null, reference: 'buy-2', now: at(1) }));
  await activateDueLots(db.pool, at(9));
  let balance = await tx((c) => getBalance(c, member!, at(9)));
  assert.equal(balance.debt, 20);
  assert.equal(balance.available, 0);
  await invariants();

  await tx((c) => earn(c, { customerId: member!, amount: 40, availableAt: at(10), expiresAt: null, reference: 'buy-3', now: at(10) }));
  balance = await tx((c) => getBalance(c, member!, at(10)));
  assert.equal(balance.debt, 0);
  assert.equal(balance.available, 20);
  await invariants();
});

test('up_to_balance forgives what was spent; pending_only takes only pending points', async () => {
  const [a, b] = await newMembers(2);
  const now = new Date(Date.UTC(2026, 3, 1));
  const tx = <T>(fn: (c: import('../db/index.ts').PoolClient) => Promise<T>) => withTransaction(db.pool, fn);
  for (const member of [a!, b!]) {
    await tx((c) => earn(c, { customerId: member, amount: 100, availableAt: now, expiresAt: null, reference: `buy-${member}`, now }));
    await tx((c) => redeem(c, { customerId: member, amount: 70, reference: 'spend', now }));
  }
  assert.deepEqual(
    await tx((c) => clawBackEarned(c, { customerId: a!, amount: 100, earnedUnder: `buy-${a}`, reference: 'r', policy: 'up_to_balance', now })),
    { clawedBack: 30, forgiven: 70 },
  );
  assert.deepEqual(
    await tx((c) => clawBackEarned(c, { customerId: b!, amount: 100, earnedUnder: `buy-${b}`, reference: 'r', policy: 'pending_only', now })),
    { clawedBack: 0, forgiven: 100 },
  );
  assert.deepEqual(await tx((c) => verifyLedger(c)), []);
});
