/**
 * bench/measurement: the campaign report over a million assigned customers (target < 2 s) and the
 * program effect over a demo chain (target < 10 s at 5 million receipts), each the median of 3,
 * with the campaign's core computed in pandas on the same data in the same run.
 *
 *   npm run bench:measurement                                  # 1,000,000 customers; program effect on a fresh default demo
 *   npm run bench:measurement -- --customers 200000 --home DIR # smaller; the program effect on a synced chain in DIR
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { campaignEffect, openAnalyticsStore, programEffect } from '../src/analytics/index.ts';
import { packageRoot } from '../src/core/index.ts';
import { demoHome } from './demo-home.ts';

const { values } = parseArgs({ options: { customers: { type: 'string', default: '1000000' }, home: { type: 'string' } } });
const customers = Number(values.customers);
const line = (label: string, value: string) => process.stdout.write(`${label.padEnd(56)} ${value}\n`);
async function median(fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    await fn();
    times.push((performance.now() - started) / 1000);
  }
  return times.sort((a, b) => a - b)[1]!;
}
const verdict = (seconds: number, target: number) => `${seconds.toFixed(2)} s — target < ${target} s: ${seconds < target ? 'met' : 'NOT met'}`;

const scratch = mkdtempSync(join(tmpdir(), 'patron-bench-measurement-'));
try {
  // ---- A campaign over a million customers --------------------------------------------------
  const store = await openAnalyticsStore(join(scratch, 'campaign.duckdb'));
  await store.migrate();
  const start = '2026-03-01T00:00:00Z';
  const end = '2026-03-15T00:00:00Z';
  process.stderr.write(`generating ${customers} assigned customers and their receipts…\n`);
  await store.run(`INSERT INTO campaigns VALUES ('cmp_bench', 'bench', 'Bench campaign', '${start}', '${end}', 1000, 'patron', NULL)`);
  await store.run(`INSERT INTO campaign_assignments SELECT 'cmp_bench', 'c' || i, CASE WHEN hash(i) % 10 = 0 THEN 'control' ELSE 'treatment' END, '${start}', 'patron' FROM range(${customers}) t(i)`);
  // About four receipts per customer spread over the pre-period, the window and the after-window (no planted effect: this measures speed).
  await store.run(
    `INSERT INTO receipts (receipt_id, store_id, customer_id, ts, total_kopecks, discount_kopecks, points_earned, points_redeemed, source)
     SELECT 'r' || i || '_' || j, 's1', 'c' || i, TIMESTAMPTZ '${start}' - INTERVAL 90 DAY + to_seconds((hash(i * 31 + j) % (118 * 86400))::BIGINT),
            50000 + hash(i * 7 + j) % 100000, 0, (500 + hash(i + j) % 1000)::BIGINT, 0, 'patron'
       FROM range(${customers}) t(i), range(5) u(j) WHERE hash(i * 13 + j) % 100 < 80`,
  );
  const receipts = Number((await store.query('SELECT count(*) AS n FROM receipts'))[0]!['n']);
  line('campaign data', `${customers} customers (10 % control), ${receipts} receipts`);
  const seconds = await median(() => campaignEffect(store, 'bench'));
  line(`campaign effect over ${customers} assigned customers`, verdict(seconds, 2));

  // pandas on the same rows, exported as CSV (Debian's python3-pandas has no Parquet reader).
  try {
    execFileSync('/usr/bin/python3', ['-c', 'import pandas']);
  } catch {
    process.stderr.write('installing python3-pandas…\n');
    execFileSync('apt-get', ['install', '-y', '-q', 'python3-pandas'], { stdio: 'ignore' });
  }
  const assignments = join(scratch, 'assignments.csv');
  const receiptsCsv = join(scratch, 'receipts.csv');
  await store.run(`COPY (SELECT customer_id, group_name FROM campaign_assignments) TO '${assignments}' (HEADER)`);
  await store.run(`COPY (SELECT customer_id, strftime(ts AT TIME ZONE 'UTC', '%Y-%m-%d %H:%M:%S') AS ts, total_kopecks FROM receipts) TO '${receiptsCsv}' (HEADER)`);
  const pandas = JSON.parse(execFileSync('/usr/bin/python3', [join(packageRoot, 'bench', 'pandas', 'campaign-effect.py'), assignments, receiptsCsv, start.slice(0, 19), end.slice(0, 19), '90'], { maxBuffer: 1 << 20 }).toString()) as Record<string, number>;
  const ours = await campaignEffect(store, 'bench');
  const revenue = ours.comparisons.find((c) => c.metric === 'revenue_per_customer')!;
  line('pandas: the same per-customer windows, arms, Welch and CUPED', `${pandas['compute']!.toFixed(2)} s (+ ${pandas['load']!.toFixed(2)} s to read the CSV): ${(pandas['compute']! / seconds).toFixed(1)}× Patron (${((pandas['compute']! + pandas['load']!) / seconds).toFixed(1)}× with the load)`);
  line('same answer', `revenue difference per customer: Patron ${revenue.difference.estimate.toFixed(2)} ± ${revenue.difference.standard_error.toFixed(2)}, pandas ${pandas['difference']!.toFixed(2)} ± ${pandas['se']!.toFixed(2)} kopecks`);
  store.close();

  // ---- The program effect on a demo chain ----------------------------------------------------
  const home = demoHome(scratch, values.home);
  const chain = await openAnalyticsStore(join(home, 'analytics.duckdb'));
  const chainReceipts = Number((await chain.query('SELECT count(*) AS n FROM receipts'))[0]!['n']);
  const programSeconds = await median(() => programEffect(chain));
  const effect = await programEffect(chain);
  line(`program effect over ${chainReceipts} receipts`, `${verdict(programSeconds, 10)} (target at 5,000,000 receipts); visits ${(effect.visits_lift.estimate * 100).toFixed(1)} %, ${effect.matching.joiners_matched} joiners, ${effect.matching.controls} controls`);
  chain.close();
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
