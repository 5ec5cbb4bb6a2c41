/**
 * One file's import rate, in a process of its own as `patron import` runs (bench/analytics starts
 * it so, rather than importing in the process that ran every report): the import into an empty
 * read side, then in the same process DuckDB only reading the file, copying it into a table as it
 * is (unchecked, as text and with the types it detects), and writing the receipts and lines the
 * import wrote once more from its own tables. Prints one JSON object, with the seconds each of the
 * import's progress steps took and the CPU time it used.
 *
 *   node --import tsx bench/import-rate.ts FILE PRESET [THREADS]
 *
 * THREADS caps DuckDB's threads (all cores by default): the rates at 1 and 2 show how the import
 * scales with cores, which on a 2-core machine is the one way to see what more cores would give.
 */
import { createReadStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
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
  // The file is read through once, untimed, so that the import and the baselines after it all read
  // it from the page cache: read from disk first, the import's kernel time went from 7–9 s to 19 s
  // for the 2.9 GB chain file, and the baselines, run after it, did not pay that.
  for await (const chunk of createReadStream(file, { highWaterMark: 4 << 20 })) void chunk;
  let rows = 0;
  // Where the import's time goes: each progress step's start, so each step's share shows.
  const stepStarts: [string, number][] = [];
  const started = performance.now();
  const onProgress = (_done: number, _total: number, step?: string) => {
    if (step && stepStarts.at(-1)?.[0] !== step) stepStarts.push([step, (performance.now() - started) / 1000]);
  };
  // The process's CPU time over the import against the cores it had (whether the cores were the
  // limit), and the machine's (Linux), so that other processes or guests taking them show.
  const machineBefore = machineSeconds();
  // Memory the machine had free for the import: with less than the import's peak and the file
  // beside it, the kernel reclaims and reads the file again (14 GB held elsewhere: 38 s, 22 s of
  // it in the kernel, against 28–29 s).
  const availableGiB = memAvailableGiB();
  const cpuBefore = process.cpuUsage();
  const importSeconds = await seconds(async () => (rows = (await importFile(store, file, preset, { rejectedFolder: join(folder, 'imports'), onProgress })).rows));
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const machineAfter = machineSeconds();
  const others = machineBefore === null || machineAfter === null ? null : { cpu: Math.max(0, machineAfter.busy - machineBefore.busy - cpuSeconds), stolen: machineAfter.stolen - machineBefore.stolen };
  const steps = Object.fromEntries(stepStarts.map(([step, at], i) => [step, (stepStarts[i + 1]?.[1] ?? importSeconds) - at]));
  const readSeconds = await seconds(() => store.query('SELECT count(*) FROM read_csv($1, header = true, all_varchar = true)', [file]));
  const copySeconds = await seconds(() => store.run('CREATE TABLE bare_copy AS SELECT * FROM read_csv($1, header = true, all_varchar = true)', [file]));
  const typedCopySeconds = await seconds(() => store.run('CREATE TABLE typed_copy AS SELECT * FROM read_csv($1, header = true)', [file]));
  // What the import must write, written once more from DuckDB's own tables (unordered, as the
  // import writes them): the floor under any import of this file into this layout.
  await store.run('SET preserve_insertion_order = false');
  const writeSeconds = await seconds(async () => {
    await store.run('CREATE TABLE receipts_again AS SELECT * FROM receipts');
    await store.run('CREATE TABLE lines_again AS SELECT * FROM receipt_lines');
  });
  process.stdout.write(JSON.stringify({ rows, import: importSeconds, availableGiB, cpu: cpuSeconds, systemCpu: cpu.system / 1e6, others, cores: availableParallelism(), read: readSeconds, copy: copySeconds, typedCopy: typedCopySeconds, write: writeSeconds, steps }));
} finally {
  store.close();
  rmSync(folder, { recursive: true, force: true });
}

/** MemAvailable from /proc/meminfo, in GiB; null elsewhere. */
function memAvailableGiB(): number | null {
  if (!existsSync('/proc/meminfo')) return null;
  const kib = /^MemAvailable:\s+(\d+) kB/m.exec(readFileSync('/proc/meminfo', 'utf8'))?.[1];
  return kib === undefined ? null : Number(kib) / 2 ** 20;
}

/**
 * Seconds the machine's cores have spent busy (user, nice, system, irq, softirq) and stolen by the
 * hypervisor for other guests, since boot, from /proc/stat (in USER_HZ, 100 a second); null elsewhere.
 */
function machineSeconds(): { busy: number; stolen: number } | null {
  if (!existsSync('/proc/stat')) return null;
  const [, user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).map(Number);
  return { busy: (user! + nice! + system! + irq! + softirq!) / 100, stolen: steal! / 100 };
}
