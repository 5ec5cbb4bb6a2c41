/**
 * bench/demo: how fast the demo generator makes receipts, through bulk load and through the
 * processing path, and whether a million receipts take under five minutes on this machine.
 *
 *   npm run bench:demo                      # ~1M receipts (93,000 shoppers over 18 months)
 *   npm run bench:demo -- --shoppers 20000  # the default demo's size
 *
 * Baseline in the same run: PostgreSQL copying the generated receipts, lines and outbox rows
 * into tables of the same shape (indexes included) with INSERT … SELECT — the floor for writing
 * those rows at all, with nothing generated or computed.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { migratePostgres, openDatabase } from '../src/db/index.ts';
import { defaultDemoOptions, runDemo, type DemoProgress } from '../src/demo/index.ts';

const { values } = parseArgs({
  options: { shoppers: { type: 'string', default: '93000' }, months: { type: 'string', default: '18' }, 'live-days': { type: 'string', default: '14' }, keep: { type: 'boolean', default: false } },
});
const home = mkdtempSync(join(tmpdir(), 'patron-bench-demo-'));
chmodSync(home, 0o755);
const db = await openDatabase({ home, poolSize: 10 });
try {
  await migratePostgres(db.pool);
  let last = 0;
  const progress: DemoProgress = {
    phase(name, total) {
      if (name === 'history') process.stderr.write(`history: ${total} shoppers\n`);
    },
    update(done) {
      if (Date.now() - last > 10_000) {
        last = Date.now();
        process.stderr.write(`  … ${done}\n`);
      }
    },
    done() {},
  };
  const summary = await runDemo(
    db.pool,
    { ...defaultDemoOptions, shoppers: Number(values.shoppers), months: Number(values.months), liveDays: Number(values['live-days']), end: '2026-11-22', force: false },
    progress,
  );
  const r = summary.truth.realized;
  const receipts = r.history_receipts + r.live_receipts;

  const baseline = await db.pool.connect();
  let baselineSeconds = 0;
  try {
    await baseline.query('SET statement_timeout = 0');
    const started = Date.now();
    for (const table of ['receipts', 'receipt_lines', 'outbox']) {
      await baseline.query(`CREATE TEMP TABLE copy_${table} (LIKE ${table} INCLUDING ALL)`);
      await baseline.query(`INSERT INTO copy_${table} OVERRIDING SYSTEM VALUE SELECT * FROM ${table}`);
    }
    baselineSeconds = (Date.now() - started) / 1000;
  } finally {
    baseline.release();
  }

  const line = (label: string, value: string) => process.stdout.write(`${label.padEnd(52)} ${value}\n`);
  process.stdout.write('\nbench/demo — receipts generated (seed 42)\n');
  line('shoppers / members', `${r.shoppers} / ${r.members}`);
  line('receipts (history + live)', `${receipts} (${r.history_receipts} + ${r.live_receipts}), ${r.history_lines} history lines`);
  line('bulk load: receipts per second', `${(r.history_receipts / summary.seconds.history).toFixed(0)} (${summary.seconds.history.toFixed(1)} s)`);
  line('processing path: receipts per second', `${(r.live_receipts / summary.seconds.live).toFixed(0)} (${summary.seconds.live.toFixed(1)} s, sweeps and returns included)`);
  line('baseline: PostgreSQL copying the same rows', `${(r.history_receipts / baselineSeconds).toFixed(0)} receipts/s (${baselineSeconds.toFixed(1)} s for receipts, lines, outbox)`);
  line('total', `${summary.seconds.total.toFixed(1)} s`);
  const perMillion = (summary.seconds.total / receipts) * 1_000_000;
  line('time for 1,000,000 receipts at this rate', `${perMillion.toFixed(0)} s — target < 300 s: ${perMillion < 300 ? 'met' : 'NOT met'}`);
} finally {
  await db.close();
  if (!values.keep) rmSync(home, { recursive: true, force: true });
}
