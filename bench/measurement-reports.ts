/**
 * bench/measurement-reports: the program-wide measurement reports on a chain already generated
 * and synced (they read every card-paid receipt and every member line, so they are the slowest
 * of the catalog): each report's median of three runs, with the process's CPU time beside it
 * (on a shared 2-core host the CPU time moves less with the neighbours than the wall time), and
 * in the same run the baseline of DuckDB merely scanning what they read. Run it on two commits to
 * compare them; bench/analytics runs the whole catalog.
 *
 *   node --import tsx bench/measurement-reports.ts --home DIR
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openAnalyticsStore, runReport } from '../src/analytics/index.ts';

const { values } = parseArgs({ options: { home: { type: 'string' }, runs: { type: 'string', default: '3' } } });
if (!values.home) throw new Error('--home DIR: a folder holding a generated, synced chain (patron demo, then patron analytics sync)');
const store = await openAnalyticsStore(join(values.home, 'analytics.duckdb'));
const runs = Number(values.runs);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const line = (label: string, value: string) => process.stdout.write(`${label.padEnd(44)} ${value}\n`);
async function measure(fn: () => Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < runs; i++) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    await fn();
    walls.push(performance.now() - started);
    const used = process.cpuUsage(cpu);
    cpus.push((used.user + used.system) / 1000);
  }
  return { wall: median(walls), cpu: median(cpus) };
}
try {
  const receipts = Number((await store.query('SELECT count(*) AS n FROM receipts'))[0]!['n']);
  process.stdout.write(`bench/measurement-reports — ${receipts} receipts, median of ${runs}\n`);
  const scan = await measure(() => store.query('SELECT count(DISTINCT payment_token) AS tokens, sum(total_kopecks) AS revenue FROM receipts WHERE payment_token IS NOT NULL'));
  line('baseline: distinct card tokens of receipts', `${scan.wall.toFixed(0)} ms (CPU ${scan.cpu.toFixed(0)} ms)`);
  for (const id of ['measurement.program-effect', 'measurement.program-event-study', 'measurement.program-roi', 'measurement.mechanics', 'measurement.mechanics-monthly']) {
    const t = await measure(() => runReport(store, id, {}));
    line(id, `${t.wall.toFixed(0)} ms (CPU ${t.cpu.toFixed(0)} ms; target < 1 s)`);
  }
} finally {
  store.close();
}
