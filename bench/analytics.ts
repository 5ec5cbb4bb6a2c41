/**
 * bench/analytics: on a demo chain, how fast the read side is fed (sync events per second) and
 * answers (every report's median of three runs, a cube), and how fast a flat file imports
 * against DuckDB merely reading it.
 *
 *   npm run bench:analytics                     # the default demo chain (20,000 shoppers)
 *   npm run bench:analytics -- --shoppers 93000 # about a million receipts
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { importFile, openAnalyticsStore, reportCatalog, runCube, runReport, syncLag, syncOnce } from '../src/analytics/index.ts';
import { packageRoot } from '../src/core/index.ts';
import { migratePostgres, openDatabase } from '../src/db/index.ts';
import { defaultDemoOptions, runDemo } from '../src/demo/index.ts';

const { values } = parseArgs({ options: { shoppers: { type: 'string', default: String(defaultDemoOptions.shoppers) } } });
const home = mkdtempSync(join(tmpdir(), 'patron-bench-analytics-'));
chmodSync(home, 0o755);
const line = (label: string, value: string) => process.stdout.write(`${label.padEnd(44)} ${value}\n`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await fn();
  return [result, (performance.now() - started) / 1000];
}

const db = await openDatabase({ home, poolSize: 10 });
const store = await openAnalyticsStore(join(home, 'analytics.duckdb'));
try {
  await migratePostgres(db.pool);
  await store.migrate();
  process.stderr.write(`generating the demo chain (${values.shoppers} shoppers)…\n`);
  const demo = await runDemo(db.pool, { ...defaultDemoOptions, shoppers: Number(values.shoppers), end: '2026-11-22', force: false }, { phase() {}, update() {}, done() {} });
  const receipts = demo.truth.realized.history_receipts + demo.truth.realized.live_receipts;

  const [events, syncSeconds] = await timed(async () => {
    let n = 0;
    do n += (await syncOnce(db.pool, store)).events;
    while ((await syncLag(db.pool, store)).pending_events > 0);
    return n;
  });

  process.stdout.write(`\nbench/analytics — demo chain of ${receipts} receipts (seed 42)\n`);
  line('sync: events applied', `${events} in ${syncSeconds.toFixed(1)} s = ${(events / syncSeconds).toFixed(0)} events/s`);
  let total = 0;
  for (const report of reportCatalog) {
    const params: Record<string, string> = report.id === 'basket.bought-together' ? { sku: '46010001' } : report.id === 'basket.association-rules' ? { level: 'category', min_support: '0.01', min_confidence: '0.3' } : {};
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i < 3; i++) {
      const [result, seconds] = await timed(() => runReport(store, report.id, params));
      times.push(seconds);
      rows = result.rows.length;
    }
    total += median(times);
    line(`report ${report.id}`, `${(median(times) * 1000).toFixed(0)} ms median of 3 (${rows} rows)`);
  }
  line('whole catalog', `${total.toFixed(2)} s (target < 30 s; each report < 1 s)`);
  const cubeTimes: number[] = [];
  for (let i = 0; i < 3; i++) cubeTimes.push((await timed(() => runCube(store, { measures: ['revenue_kopecks', 'receipts', 'customers'], dimensions: ['month', 'store', 'member'], from: '2025-05-23', to: '2026-11-22' })))[1]);
  line('cube month × store × member, 18 months', `${(median(cubeTimes) * 1000).toFixed(0)} ms median of 3`);

  const file = join(packageRoot, '..', 'shared', 'datasets', 'online_retail', 'online_retail.csv.gz');
  const [summary, importSeconds] = await timed(() => importFile(store, file, 'online-retail', { rejectedFolder: join(home, 'imports') }));
  const [, readSeconds] = await timed(() => store.query('SELECT count(*) FROM read_csv($1, header = true, all_varchar = true)', [file]));
  line('import Online Retail (541,909 lines, gzip)', `${importSeconds.toFixed(2)} s = ${(summary.rows / importSeconds).toFixed(0)} lines/s (target > 1,000,000)`);
  line('baseline: DuckDB only reading the same file', `${readSeconds.toFixed(2)} s = ${(summary.rows / readSeconds).toFixed(0)} lines/s`);
} finally {
  store.close();
  await db.close();
  rmSync(home, { recursive: true, force: true });
}
