/**
 * One file's import rate, in a process of its own as `patron import` runs (bench/analytics starts
 * it so, rather than importing in the process that ran every report): the import into an empty
 * read side, RUNS times (3 by default), each into a new one, and its median, as every report's
 * time is a median of 3; then in the same process DuckDB only reading the file, copying it into a
 * table as it is (unchecked, as text and with the types it detects), and writing the receipts and
 * lines the import wrote once more from its own tables. Prints one JSON object, with each run's
 * seconds, CPU time and the seconds each of its progress steps took.
 *
 *   node --import tsx bench/import-rate.ts FILE PRESET [RUNS] [THREADS]
 *
 * THREADS caps DuckDB's threads (all cores by default): the rates at 1 and 2 show how the import
 * scales with cores, which on a 2-core machine is the one way to see what more cores would give.
 */
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, readSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { importFile, openAnalyticsStore, type AnalyticsStore, type ImportPreset } from '../src/analytics/index.ts';

const [file, preset, runsArg, threads] = process.argv.slice(2) as [string, ImportPreset, string | undefined, string | undefined];
const runs = runsArg === undefined ? 3 : Number.parseInt(runsArg, 10);
const seconds = async (fn: () => Promise<unknown>) => {
  const started = performance.now();
  await fn();
  return (performance.now() - started) / 1000;
};
const folders: string[] = [];
let store: AnalyticsStore | null = null;
try {
  // The file is read through once, untimed, so that the imports and the baselines after them all
  // read it from the page cache: read from disk first, the import's kernel time went from 7–9 s to
  // 19 s for the 2.9 GB chain file, and the baselines, run after it, did not pay that.
  readThrough(file);
  const measured: ImportRun[] = [];
  for (let run = 0; run < runs; run++) {
    store?.close();
    const folder = mkdtempSync(join(tmpdir(), 'patron-bench-import-'));
    folders.push(folder);
    store = await openAnalyticsStore(join(folder, 'analytics.duckdb'));
    await store.migrate();
    if (threads !== undefined) await store.run(`SET threads = ${Number.parseInt(threads, 10)}`);
    measured.push(await timedImport(store, join(folder, 'imports')));
  }
  const median = [...measured].sort((a, b) => a.seconds - b.seconds)[Math.floor((measured.length - 1) / 2)]!;
  const last = store!;
  const readSeconds = await seconds(() => last.query('SELECT count(*) FROM read_csv($1, header = true, all_varchar = true)', [file]));
  const copySeconds = await seconds(() => last.run('CREATE TABLE bare_copy AS SELECT * FROM read_csv($1, header = true, all_varchar = true)', [file]));
  const typedCopySeconds = await seconds(() => last.run('CREATE TABLE typed_copy AS SELECT * FROM read_csv($1, header = true)', [file]));
  // What the import must write, written once more from DuckDB's own tables (unordered, as the
  // import writes them): the floor under any import of this file into this layout.
  await last.run('SET preserve_insertion_order = false');
  const writeSeconds = await seconds(async () => {
    await last.run('CREATE TABLE receipts_again AS SELECT * FROM receipts');
    await last.run('CREATE TABLE lines_again AS SELECT * FROM receipt_lines');
  });
  const rate: ImportRate = { rows: median.rows, import: median.seconds, runs: measured, cores: availableParallelism(), read: readSeconds, copy: copySeconds, typedCopy: typedCopySeconds, write: writeSeconds };
  process.stdout.write(JSON.stringify(rate));
} finally {
  store?.close();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
}

/** What this script prints: the median import's rows and seconds, each run, and the baselines' seconds. */
export interface ImportRate {
  rows: number;
  import: number;
  runs: ImportRun[];
  cores: number;
  read: number;
  copy: number;
  typedCopy: number;
  write: number;
}

export interface ImportRun {
  rows: number;
  seconds: number;
  /** Memory the machine had free as the import began, GiB (Linux; null elsewhere). */
  availableGiB: number | null;
  cpu: number;
  systemCpu: number;
  /** Other processes' CPU and the hypervisor's other guests' meanwhile, seconds (Linux). */
  others: { cpu: number; stolen: number } | null;
  steps: Record<string, number>;
}

async function timedImport(store: AnalyticsStore, rejectedFolder: string): Promise<ImportRun> {
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
  const importSeconds = await seconds(async () => (rows = (await importFile(store, file, preset, { rejectedFolder, onProgress })).rows));
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const machineAfter = machineSeconds();
  const others = machineBefore === null || machineAfter === null ? null : { cpu: Math.max(0, machineAfter.busy - machineBefore.busy - cpuSeconds), stolen: machineAfter.stolen - machineBefore.stolen };
  const steps = Object.fromEntries(stepStarts.map(([step, at], i) => [step, (stepStarts[i + 1]?.[1] ?? importSeconds) - at]));
  return { rows, seconds: importSeconds, availableGiB, cpu: cpuSeconds, systemCpu: cpu.system / 1e6, others, steps };
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

/**
 * Reads the file through into one buffer, over and over: read as a stream of new buffers, their
 * 3 GB of garbage made the import after it 0.7-1 s slower (its collection shares the cores).
 */
function readThrough(path: string): void {
  const fd = openSync(path, 'r');
  const buffer = Buffer.allocUnsafe(4 << 20);
  try {
    while (readSync(fd, buffer, 0, buffer.length, null) > 0);
  } finally {
    closeSync(fd);
  }
}
