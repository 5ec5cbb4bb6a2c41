import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { PatronError, csvCell, csvDocument, readXlsxRows } from '../../core/index.ts';
import type { AnalyticsStore } from '../analytics-store.ts';
import { removeSource, sourcePresent } from '../source-rows.ts';
import type { TableRow } from '../table-columns.ts';
import { parseBasketList, type RejectedRow } from './basket-list.ts';
import { parseCdnowLog } from './cdnow-log.ts';
import { decodeText, readHead, sniffEncoding, writeUtf8FromWindows1251File } from './decode-text.ts';
import { experimentFields, experimentPresets, importExperiment, type ExperimentField } from './experiment-file.ts';
import { sha256OfFile } from './file-digest.ts';
import { flatFields, flatPresets, importFlatTransactions, type FlatField, type ImportOverlap } from './flat-transactions.ts';
import { recordImport } from './import-registry.ts';

export const importPresets = ['baskets', 'transactions', 'online-retail', 'cdnow', 'experiment', 'hillstrom'] as const;
export type ImportPreset = (typeof importPresets)[number];

/** Every field a file's column can be mapped to: receipt lines' and experiments'. */
export const importFields = [...new Set<FlatField | ExperimentField>([...flatFields, ...experimentFields])];
export type FieldMap = Partial<Record<FlatField | ExperimentField, string>>;

export interface ImportSummary {
  file: string;
  source: string;
  encoding: string;
  rows: number;
  imported: number;
  rejected: number;
  rejected_file: string | null;
  receipts: number;
  lines: number;
  replaced_earlier_import: boolean;
  /** Lines imported as returns (negative quantities), for flat transaction files. */
  return_lines: number;
  /**
   * Flat files: rows of receipts another file had already brought (the same receipt number,
   * store and day), rejected rather than counted twice, and the files they came from.
   */
  already_imported: number;
  overlaps: ImportOverlap[];
  customers: number;
  /** For experiment files: the campaign they became and its customers per arm. */
  campaign_id?: string;
  arms?: Record<string, number>;
}

/** Where a file's rejected rows go: named by the file and its source's hash. */
function rejectedPathFor(folder: string, file: string, source: string): string {
  return join(folder, `${basename(file)}.${source.slice('import:'.length)}.rejected.csv`);
}

function writeRejected(folder: string, file: string, source: string, rejected: RejectedRow[]): string | null {
  if (rejected.length === 0) return null;
  mkdirSync(folder, { recursive: true });
  const path = rejectedPathFor(folder, file, source);
  writeFileSync(path, csvDocument(['line', 'reason', 'text'], rejected));
  return path;
}

/**
 * Imports a file into the read side under the source `import:<first 12 hex of its SHA-256>`.
 * Re-importing the same bytes replaces that source's rows in the same transaction, so nothing is
 * ever counted twice. Every input row is either imported or listed in the rejected-rows file.
 */
export function importFile(store: AnalyticsStore, file: string, preset: ImportPreset, options: ImportOptions): Promise<ImportSummary> {
  // On a connection of its own: its staged copy of the file and its transaction are its own, and
  // reports go on reading the read side as it was until the import commits.
  return store.session(() => importInSession(store, file, preset, options));
}

export interface ImportOptions {
  rejectedFolder: string;
  /** The file's name as its owner knows it (an upload is saved under another); its own name by default. */
  fileName?: string;
  map?: FieldMap;
  controlArm?: string;
  onProgress?: (done: number, total: number, step?: string) => void;
}

async function importInSession(store: AnalyticsStore, file: string, preset: ImportPreset, options: ImportOptions): Promise<ImportSummary> {
  // The digest streams the file and only its head is read to tell its kind: exports reach
  // several gigabytes, more than one buffer may hold. A flat file's rows are checked while the
  // digest is taken (hashing 3 GB takes seconds); other layouts wait for it.
  let head: Buffer;
  try {
    head = readHead(file);
  } catch (cause) {
    throw unreadable(file, cause);
  }
  const sourceOfFile = sha256OfFile(file).then(
    (digest) => `import:${digest.slice(0, 12)}`,
    (cause: unknown) => {
      throw unreadable(file, cause);
    },
  );
  // Caught here too, so that a failure is not unhandled while the rows are checked.
  sourceOfFile.catch(() => {});
  const binary = head.subarray(0, 4).toString('latin1');
  if ((preset === 'baskets' || preset === 'cdnow' || preset === 'experiment' || preset === 'hillstrom') && (binary === 'PAR1' || binary === 'PK\x03\x04')) {
    throw new PatronError('validation_failed', `The ${preset} preset reads text files; Parquet and .xlsx files import with a flat preset (transactions, online-retail) and --map`, { issues: [{ path: 'preset', message: 'text files only' }] });
  }
  const whole = () => readWhole(file);
  if (preset === 'experiment' || preset === 'hillstrom' || preset === 'baskets' || preset === 'cdnow') {
    const source = await sourceOfFile;
    // These layouts number their receipts by line: no file's receipts can be another's.
    const beside = { replaced_earlier_import: await sourcePresent(store, source), already_imported: 0, overlaps: [] };
    if (preset === 'experiment' || preset === 'hillstrom') return { ...(await importExperimentFile(store, file, head, source, preset, options)), ...beside };
    // Basket lists and CDNOW logs are parsed in JavaScript, whole.
    if (preset === 'baskets') return { ...(await importBaskets(store, file, whole(), source, options)), ...beside };
    return { ...(await importCdnow(store, file, whole(), source, options)), ...beside };
  }

  // DuckDB reads UTF-8 (and gzip) and Parquet itself; Windows-1251 text and .xlsx workbooks
  // (their first sheet) become a UTF-8 CSV copy first.
  const gzip = head[0] === 0x1f && head[1] === 0x8b;
  const parquet = binary === 'PAR1';
  const xlsx = binary === 'PK\x03\x04';
  let path = file;
  mkdirSync(options.rejectedFolder, { recursive: true });
  // Named by the file's own name and this process, since the digest is not known yet.
  const copy = join(options.rejectedFolder, `${basename(file)}.${process.pid}.utf8.csv`);
  let encoding: string;
  if (parquet) encoding = 'parquet';
  else if (xlsx) {
    const rows = readXlsxRows(whole()).filter((row) => row.some((cell) => cell !== ''));
    writeFileSync(copy, rows.map((row) => row.map(csvCell).join(',')).join('\n') + '\n');
    path = copy;
    encoding = 'xlsx';
  } else if (gzip) encoding = 'utf-8 (gzip)';
  else {
    // DuckDB reads UTF-8 itself: only a Windows-1251 file is converted, a chunk at a time.
    encoding = sniffEncoding(head);
    if (encoding !== 'utf-8') {
      writeUtf8FromWindows1251File(file, copy);
      path = copy;
    }
  }
  try {
    const described = { file: nameOf(file, options), preset, encoding, rejectedPath: (source: string) => rejectedPathFor(options.rejectedFolder, file, source) };
    const result = await importFlatTransactions(store, path, sourceOfFile, described, flatPresets[preset], pick(options.map, flatFields), parquet ? 'parquet' : 'csv', options.onProgress);
    const source = result.source;
    return {
      file,
      source,
      encoding,
      rows: result.rows,
      imported: result.rows - result.rejected,
      rejected: result.rejected,
      rejected_file: result.rejected_file,
      receipts: result.receipts,
      lines: result.lines,
      return_lines: result.returns,
      customers: result.customers,
      replaced_earlier_import: result.replaced,
      already_imported: result.already_imported,
      overlaps: result.overlaps,
    };
  } finally {
    if (path === copy) rmSync(copy, { force: true });
  }
}

/** The name a file is recorded under: as its owner gave it, without a folder. */
function nameOf(file: string, options: { fileName?: string }): string {
  return basename(options.fileName ?? file);
}

function unreadable(file: string, cause: unknown): PatronError {
  return new PatronError('validation_failed', `Cannot read ${file}: ${(cause as Error).message}`, { cause, issues: [{ path: 'file', message: 'unreadable' }] });
}

function readWhole(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (cause) {
    throw new PatronError('validation_failed', `Cannot read ${path} whole (${(cause as Error).message}); this layout is parsed in memory: split the file, or convert it to a flat transactions file`, { cause, issues: [{ path: 'file', message: 'too large for this preset' }] });
  }
}

function pick<F extends string>(map: FieldMap | undefined, fields: readonly F[]): Partial<Record<F, string>> {
  const out: Partial<Record<F, string>> = {};
  for (const field of fields) if (map?.[field as keyof FieldMap]) out[field] = map[field as keyof FieldMap];
  const foreign = Object.keys(map ?? {}).filter((f) => !(fields as readonly string[]).includes(f));
  if (foreign.length > 0) throw new PatronError('validation_failed', `This preset has no field ${foreign.join(', ')}; its fields are ${fields.join(', ')}`, { issues: foreign.map((f) => ({ path: `map/${f}`, message: 'not a field of this preset' })) });
  return out;
}

/** A per-customer experiment file (UTF-8 or Windows-1251 CSV, gzip) becomes a campaign with its arms and outcomes. */
async function importExperimentFile(
  store: AnalyticsStore,
  file: string,
  head: Buffer,
  source: string,
  preset: 'experiment' | 'hillstrom',
  options: { rejectedFolder: string; fileName?: string; map?: FieldMap; controlArm?: string; onProgress?: (done: number, total: number) => void },
): Promise<Omit<ImportSummary, 'replaced_earlier_import' | 'already_imported' | 'overlaps'>> {
  mkdirSync(options.rejectedFolder, { recursive: true });
  const gzip = head[0] === 0x1f && head[1] === 0x8b;
  const encoding = gzip ? 'utf-8 (gzip)' : sniffEncoding(head);
  const copy = join(options.rejectedFolder, `${source.slice('import:'.length)}.utf8.csv`);
  const path = encoding === 'utf-8' || gzip ? file : (writeUtf8FromWindows1251File(file, copy), copy);
  try {
    options.onProgress?.(0, 1);
    const result = await importExperiment(store, path, file, source, experimentPresets[preset], pick(options.map, experimentFields), options.controlArm, { file: nameOf(file, options), preset, encoding });
    options.onProgress?.(1, 1);
    return {
      file,
      source,
      encoding,
      rows: result.rows,
      imported: result.units,
      rejected: result.rejected.length,
      rejected_file: writeRejected(options.rejectedFolder, file, source, result.rejected),
      receipts: 0,
      lines: 0,
      return_lines: 0,
      customers: result.units,
      campaign_id: result.campaign_id,
      arms: result.arms,
    };
  } finally {
    if (path === copy) rmSync(copy, { force: true });
  }
}

async function importBaskets(
  store: AnalyticsStore,
  file: string,
  bytes: Buffer,
  source: string,
  options: { rejectedFolder: string; fileName?: string; onProgress?: (done: number, total: number) => void },
): Promise<Omit<ImportSummary, 'replaced_earlier_import' | 'already_imported' | 'overlaps'>> {
  const { text, encoding } = decodeText(bytes);
  // Basket lists carry no dates: their receipts are dated with the file's modification time.
  const at = statSync(file).mtime.toISOString();
  const parsed = parseBasketList(text);
  const receipts: TableRow[] = [];
  const lines: TableRow[] = [];
  const products = new Set<string>();
  for (const basket of parsed.baskets) {
    const receiptId = `${source}:${basket.line}`;
    receipts.push({ receipt_id: receiptId, store_id: null, customer_id: null, ts: at, total_kopecks: 0, discount_kopecks: 0, points_earned: 0, points_redeemed: 0, source });
    basket.items.forEach((item, i) => {
      products.add(item);
      lines.push({ receipt_id: receiptId, line_no: i + 1, sku: item, qty: 1, price_kopecks: null, amount_kopecks: 0, discount_kopecks: 0, is_promo: null, points_earned: null, points_redeemed: null, ts: at, store_id: null, customer_id: null, first_line: i === 0 });
    });
  }
  await store.transaction(async () => {
    await removeSource(store, source);
    const chunk = 50_000;
    for (let i = 0; i < receipts.length; i += chunk) {
      await store.append('receipts', receipts.slice(i, i + chunk));
      options.onProgress?.(Math.min(i + chunk, receipts.length), receipts.length);
    }
    await store.append('receipt_lines', lines);
    await store.append('products', [...products].sort().map((sku) => ({ sku, name: sku, category_path: [], brand: null, price_kopecks: null, cost_kopecks: null, non_promotable: false, source, category_code: null })));
    await store.fillArrivalColumns();
    const rows = parsed.baskets.length + parsed.rejected.length;
    await recordImport(store, source, { file: nameOf(file, options), preset: 'baskets', encoding }, { rows, imported: parsed.baskets.length, rejected: parsed.rejected.length, lines: lines.length, customers: 0 });
  }, { alongside: true });
  return {
    file,
    source,
    encoding,
    rows: parsed.baskets.length + parsed.rejected.length,
    imported: parsed.baskets.length,
    rejected: parsed.rejected.length,
    rejected_file: writeRejected(options.rejectedFolder, file, source, parsed.rejected),
    receipts: receipts.length,
    lines: lines.length,
    return_lines: 0,
    customers: 0,
  };
}

/** A CDNOW purchase becomes a receipt of one line (SKU "CD", the CDs as quantity) for customer `ext:<id>`. */
async function importCdnow(store: AnalyticsStore, file: string, bytes: Buffer, source: string, options: { rejectedFolder: string; fileName?: string }): Promise<Omit<ImportSummary, 'replaced_earlier_import' | 'already_imported' | 'overlaps'>> {
  const { text, encoding } = decodeText(bytes);
  const { purchases, rejected } = parseCdnowLog(text);
  const receipts: TableRow[] = [];
  const lines: TableRow[] = [];
  const firstSeen = new Map<string, string>();
  for (const p of purchases) {
    const receiptId = `${source}:${p.line}`;
    const ts = `${p.date}T00:00:00Z`;
    if (!firstSeen.has(p.customer) || firstSeen.get(p.customer)! > ts) firstSeen.set(p.customer, ts);
    receipts.push({ receipt_id: receiptId, store_id: null, customer_id: `ext:${p.customer}`, ts, total_kopecks: p.amount_cents, discount_kopecks: 0, points_earned: 0, points_redeemed: 0, source });
    lines.push({ receipt_id: receiptId, line_no: 1, sku: 'CD', qty: p.quantity, price_kopecks: null, amount_kopecks: p.amount_cents, discount_kopecks: 0, ts, store_id: null, customer_id: `ext:${p.customer}`, first_line: true });
  }
  await store.transaction(async () => {
    await removeSource(store, source);
    await store.append('receipts', receipts);
    await store.append('receipt_lines', lines);
    await store.append('customers', [...firstSeen].map(([id, ts]) => ({ customer_id: `ext:${id}`, registered_at: ts, source })));
    await store.fillArrivalColumns();
    await recordImport(store, source, { file: nameOf(file, options), preset: 'cdnow', encoding }, { rows: purchases.length + rejected.length, imported: purchases.length, rejected: rejected.length, lines: lines.length, customers: firstSeen.size });
  }, { alongside: true });
  return {
    file,
    source,
    encoding,
    rows: purchases.length + rejected.length,
    imported: purchases.length,
    rejected: rejected.length,
    rejected_file: writeRejected(options.rejectedFolder, file, source, rejected),
    receipts: receipts.length,
    lines: lines.length,
    return_lines: 0,
    customers: firstSeen.size,
  };
}
