/**
 * One file's import rate, in a process of its own as `patron import` runs (bench/analytics starts
 * it so, rather than importing in the process that ran every report): the import into an empty
 * read side, then in the same process DuckDB only reading the file and DuckDB copying it into a
 * table as it is, unchecked. Prints one JSON object.
 *
 *   node --import tsx bench/import-rate.ts FILE PRESET [THREADS]
 *
 * THREADS caps DuckDB's threads (all cores by default): the rates at 1 and 2 show how the import
 * scales with cores, which on a 2-core machine is the one way to see what more cores would give.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importFile, openAnalyticsStore, type ImportPreset } from '../src/analytics/index.ts';

const [file, preset, threads] = process.argv.slice(2) as [string, ImportPreset, string | undefined];
const folder = mkdtempSync(join(tmpdir(), 'patron-bench-import-'));
const seconds = async (fn: () => Promise<unknown>) => {
  const started = performance.now();
  await fn();
  return (performance.now() - started) / 1000;
};
const store = await openAnalyticsStore(join(folder, 'analytics.duckdb'));
try {
  await store.migrate();
  if (threads !== undefined) await store.run(`SET threads = ${Number.parseInt(threads, 10)}`);
  let rows = 0;
  const importSeconds = await seconds(async () => (rows = (await importFile(store, file, preset, { rejectedFolder: join(folder, 'imports') })).rows));
  const readSeconds = await seconds(() => store.query('SELECT count(*) FROM read_csv($1, header = true, all_varchar = true)', [file]));
  const copySeconds = await seconds(() => store.run('CREATE TABLE bare_copy AS SELECT * FROM read_csv($1, header = true, all_varchar = true)', [file]));
  process.stdout.write(JSON.stringify({ rows, import: importSeconds, read: readSeconds, copy: copySeconds }));
} finally {
  store.close();
  rmSync(folder, { recursive: true, force: true });
}
