import { listValue } from '@duckdb/node-api';
import { PatronError } from '../../core/index.ts';
import { keyOf, withStagedTable, withUnorderedInserts, type AnalyticsStore } from '../analytics-store.ts';
import { markStaleReceiptDays } from '../rollups.ts';
import { removeSource, sourcePresent } from '../source-rows.ts';
import { sqlIdentifier, sqlLiteral } from '../sql-quote.ts';
import { utcDay, utcInstant } from '../utc-sql.ts';
import { recordImport } from './import-registry.ts';

/** The canonical fields of a flat transaction file (one row per receipt line). */
export const flatFields = ['receipt', 'ts', 'sku', 'qty', 'price', 'amount', 'customer', 'store', 'name'] as const;
export type FlatField = (typeof flatFields)[number];
export type FlatFieldMap = Partial<Record<FlatField, string>>;

export const flatPresets = {
  /** Patron's own layout: money in major units (rubles), decimal point or comma. */
  transactions: { receipt: 'receipt', ts: 'ts', sku: 'sku', qty: 'qty', price: 'price', amount: 'amount', customer: 'customer', store: 'store', name: 'name' },
  /** UCI Online Retail: one row per invoice line; cancellations are invoices "C…" with negative quantities. */
  'online-retail': { receipt: 'InvoiceNo', ts: 'InvoiceDate', sku: 'StockCode', name: 'Description', qty: 'Quantity', price: 'UnitPrice', customer: 'CustomerID', store: 'Country' },
} as const satisfies Record<string, FlatFieldMap>;


export interface FlatImportResult {
  source: string;
  /** The same file had been imported before: its rows were replaced. */
  replaced: boolean;
  rows: number;
  rejected: number;
  /** Where the rejected rows were written, with their line and reason (null when none were). */
  rejected_file: string | null;
  receipts: number;
  lines: number;
  returns: number;
  customers: number;
  /** Rows of receipts another file had already brought, rejected as such. */
  already_imported: number;
  overlaps: ImportOverlap[];
}

/** Receipts of a file that another import had already put on the read side. */
export interface ImportOverlap {
  source: string;
  file: string | null;
  receipts: number;
}

type Described = { file: string; preset: string; encoding: string; rejectedPath: (source: string) => string };
/** What the load needs of the check: whether rows have a name, and how to write the rejected ones. */
type Checked = Described & { named: boolean; writeRejected: (overlap: string | null, path: string) => Promise<number> };

/** Steps of a flat import, for its progress: the checks take about a third of it, the lines another. */
export const flatImportSteps = ['checking rows', 'receipts', 'lines', 'returns, products, stores, customers', 'rejected rows'] as const;
export type StepProgress = (done: number, total: number, step: string) => void;

/**
 * Imports a flat transaction file (CSV, delimiter detected; .gz read as is; or Parquet) already in UTF-8 at
 * `path`, under `source` (known once the file's digest is: the rows are checked meanwhile). Rows that cannot be read are returned with their line and reason;
 * rows with a negative quantity are returns. Everything runs inside DuckDB: the file is read and
 * checked in bulk, never row by row in JavaScript.
 */
export async function importFlatTransactions(store: AnalyticsStore, path: string, source: Promise<string>, described: Described, preset: FlatFieldMap, explicit: FlatFieldMap, format: 'csv' | 'parquet' = 'csv', onStep: StepProgress = () => {}): Promise<FlatImportResult> {
  // Every column as text, so both formats go through the same checks.
  const fileRead = format === 'csv' ? 'read_csv($1, header = true, all_varchar = true)' : 'read_parquet($1)';
  const reader = format === 'csv' ? fileRead : `(SELECT COLUMNS(*)::VARCHAR FROM ${fileRead})`;
  const columns = (await store.query(`SELECT column_name FROM (DESCRIBE SELECT * FROM ${reader})`, [path])).map((r) => String(r['column_name']));
  // A preset's optional columns may be absent from a file; a column the user named must be there.
  const map: FlatFieldMap = { ...preset, ...explicit };
  for (const field of flatFields) {
    if (map[field] && !columns.includes(map[field]!) && !explicit[field] && !['receipt', 'ts', 'sku', 'qty'].includes(field)) delete map[field];
  }
  for (const field of ['receipt', 'ts', 'sku', 'qty'] as const) {
    if (!map[field]) throw new PatronError('validation_failed', `The file's ${field} column is not mapped; use --map COLUMN=${field}`, { issues: [{ path: `map/${field}`, message: 'required' }] });
  }
  for (const [field, column] of Object.entries(map)) {
    if (column && !columns.includes(column)) {
      throw new PatronError('validation_failed', `Column ${column} (for ${field}) is not in the file; its columns are ${columns.join(', ')}`, { issues: [{ path: `map/${field}`, message: 'no such column' }] });
    }
  }
  if (!map.price && !map.amount) throw new PatronError('validation_failed', 'Map a price or an amount column', { issues: [{ path: 'map/price', message: 'price or amount required' }] });
  // From here every field in the map names a column of the file.
  // Trimming copies every value; only the few with a space at either end pay for it.
  const col = (field: FlatField) => {
    if (!map[field]) return 'NULL::VARCHAR';
    const c = sqlIdentifier(map[field]!);
    return `CASE WHEN ${c} LIKE ' %' OR ${c} LIKE '% ' THEN trim(${c}) ELSE ${c} END`;
  };
  // A plain number casts at once (surrounding spaces allowed); only "1 234,5" is rewritten first.
  const number = (field: FlatField) => `coalesce(TRY_CAST(${col(field)} AS DOUBLE), TRY_CAST(replace(replace(${col(field)}, ' ', ''), ',', '.') AS DOUBLE))`;
  const textRow = {
    ts: `coalesce(TRY_CAST(${col('ts')} AS TIMESTAMP), try_strptime(${col('ts')}, '%d.%m.%Y %H:%M:%S'), try_strptime(${col('ts')}, '%d.%m.%Y %H:%M'), try_strptime(${col('ts')}, '%d.%m.%Y'))`,
    ts_text: col('ts'), qty: number('qty'), qty_text: col('qty'), price: number('price'), amount: number('amount'),
  };
  // Read typed by the CSV reader itself, the date and the numbers cost a second less for the
  // chain's 26 M lines. The reader converts as TRY_CAST does (the same DuckDB conversions, checked
  // value by value in the tests), but stops at the first value it cannot convert: a file whose
  // every date and number is plain is read so; any other is read again as text, below.
  const typedField = (field: FlatField, type: string) => (map[field] ? sqlIdentifier(map[field]!) : `NULL::${type}`);
  const typedRow = {
    ts: typedField('ts', 'TIMESTAMP'), ts_text: 'NULL::VARCHAR', qty: typedField('qty', 'DOUBLE'), qty_text: 'NULL::VARCHAR',
    price: typedField('price', 'DOUBLE'), amount: typedField('amount', 'DOUBLE'),
  };
  const typedFields = (['ts', 'qty', 'price', 'amount'] as const).filter((f) => map[f]);
  // A column read for two fields (a date that is also a number, a price that is also a code) is read as text.
  const typedReadable = typedFields.every((f) => flatFields.filter((g) => map[g] === map[f]).length === 1);
  const typedReader = `read_csv($1, header = true, all_varchar = true, types = {${typedFields.map((f) => `${sqlLiteral(map[f]!)}: '${f === 'ts' ? 'TIMESTAMP' : 'DOUBLE'}'`).join(', ')}})`;

  // Every row's fields as read and its verdict: staged once for the import, and read again,
  // numbered, for the rejected rows' lines and text.
  const verdicts = (rows: string, also = '', fields = textRow) => `
     WITH import_rows AS (
            SELECT nullif(${col('receipt')}, '') AS receipt, ${fields.ts_text} AS ts_text, ${fields.ts} AS ts,
                   nullif(${col('sku')}, '') AS sku, ${fields.qty} AS qty, ${fields.qty_text} AS qty_text, ${fields.price} AS price, ${fields.amount} AS amount,
                   nullif(${col('customer')}, '') AS customer, nullif(${col('store')}, '') AS store, nullif(${col('name')}, '') AS name${also}
              FROM ${rows}),
          import_verdicts AS (
            SELECT *, CASE
                WHEN receipt IS NULL THEN 'no receipt number'
                WHEN ts IS NULL THEN 'date and time not understood: ' || coalesce(ts_text, '(empty)')
                WHEN sku IS NULL THEN 'no product code'
                WHEN qty IS NULL THEN 'quantity is not a number: ' || coalesce(qty_text, '(empty)')
                WHEN qty = 0 THEN 'quantity is zero'
                WHEN price IS NULL AND amount IS NULL THEN 'neither a price nor an amount'
                WHEN price < 0 OR (amount IS NOT NULL AND amount * qty < 0) THEN 'negative price (an adjustment, not a sale or a return)'
              END AS reason
              FROM import_rows)`;
  // Staged without the rows' order: read in order, the check took a fifth longer. A row's rowid
  // is only a number unique within the import; a rejected row's line comes from the numbered read.
  // The file's texts are not staged, nor the name when the file has none: every column of a
  // staged row costs memory for every row, rejected or not.
  const named = map.name !== undefined;
  const checkedRows = (rows: string, fields = textRow) => `${verdicts(rows, '', fields)}
     SELECT receipt, ts, sku, qty, customer, store, ${named ? 'name, ' : ''}reason,
            round(coalesce(amount, qty * price) * 100)::BIGINT AS amount_kopecks, round(price * 100)::BIGINT AS price_kopecks
       FROM import_verdicts`;
  // The rejected rows' text as the file gave it (receipt, date, product, quantity), with the line
  // of the file it is on (a CSV's line counts its header; a Parquet file's rows count from 1).
  const row = sqlIdentifier(['file_row', ...columns.map((c) => `file_row_${c}`)].find((c) => !columns.includes(c))!);
  const numbered = `(SELECT COLUMNS(* EXCLUDE (${row}))::VARCHAR, ${row} + ${format === 'csv' ? 1 : 0} AS ${row}
                       FROM ${fileRead} WITH ORDINALITY AS f(${columns.map(sqlIdentifier).join(', ')}, ${row}))`;
  const rejectedRows = (overlap: string | null) => `${verdicts(numbered, `, ${row}`)}
     SELECT ${row} AS line, ${overlap ? 'coalesce(v.reason, o.reason)' : 'v.reason'} AS reason,
            coalesce(v.receipt, '') || ',' || coalesce(v.ts_text, '') || ',' || coalesce(v.sku, '') || ',' || coalesce(v.qty_text, '') AS text
       FROM import_verdicts v ${overlap ? `LEFT JOIN ${overlap} o ON v.reason IS NULL AND o.receipt = v.receipt WHERE v.reason IS NOT NULL OR o.receipt IS NOT NULL` : 'WHERE v.reason IS NOT NULL'}`;
  onStep(0, flatImportSteps.length, flatImportSteps[0]);
  const checked = { ...described, named, writeRejected: (overlap: string | null, out: string) => writeRejectedRows(store, rejectedRows(overlap), path, out) };
  let staged = false;
  const stage = (rows: string, fields = textRow) => withStagedTable(store, 'import_checked', checkedRows(rows, fields), [path], async (table) => {
    staged = true;
    return loadChecked(store, table, await source, checked, onStep);
  }, { unordered: true });
  if (format !== 'csv' || !typedReadable) return stage(reader);
  try {
    return await stage(typedReader, typedRow);
  } catch (error) {
    // Only a failed typed read is read again as text; a failure after the rows were staged is the import's.
    if (staged) throw error;
    return stage(reader);
  }
}

/** Loads the checked rows of a file under `source`, replacing what an earlier import of it put there. */
async function loadChecked(store: AnalyticsStore, checked: string, source: string, described: Checked, onStep: StepProgress): Promise<FlatImportResult> {
  const step = (done: number) => onStep(done, flatImportSteps.length, flatImportSteps[done] ?? 'done');
  step(1);
  return withAlreadyImported(store, checked, source, async ({ overlaps, table: overlap }) => {
    // A row is loaded when it passed the checks and its receipt is not already on the read side.
    const accepted = overlap ? `reason IS NULL AND receipt NOT IN (SELECT receipt FROM ${overlap})` : 'reason IS NULL';
    // An imported line's line_no is its checked row's number: unique within its receipt (and its
    // import), though not its line in the file. Numbering lines 1, 2, … per receipt would cost a
    // sort of the whole file; numbering them by the file would make its read a third slower.
    const line = 'rowid + 1';
    const one = async (sql: string) => Number((await store.query(sql, [source]))[0]!['n']);
    const replaced = await sourcePresent(store, source);
    // Rows and lines are counted where they were inserted from, in one scan: a scan of every
    // source's lines for them would grow with the read side, not with the file.
    const counts = (
      await store.query(
        `SELECT count(*) AS rows, count(*) FILTER (NOT (${accepted})) AS rejected, count(*) FILTER (reason IS NULL AND NOT (${accepted})) AS already_imported,
                count(*) FILTER (${accepted} AND qty > 0) AS lines, count(*) FILTER (${accepted} AND qty < 0) AS returns
           FROM ${checked}`,
      )
    )[0]!;
    const rows = Number(counts['rows']);
    const rejected = Number(counts['rejected']);
    let customers = 0;
    let rejectedFile: string | null = null;
    const ok = `FROM ${checked} WHERE ${accepted}`;
    // The sales receipts once, with their key, the row of one of their lines (its first_line),
    // and whether their lines agree on time, store and customer (by a hash of the three: any
    // disagreement changes it but for odds of 2⁻⁶⁴). Each line takes its receipt's key and first
    // row by a join on the receipt number: an MD5 per line and a semi-join of the rows against the
    // first rows cost 1.2 s more for the chain's 26 M lines. The rest a line is written with is its
    // own row's; the few lines of a receipt that disagrees are set to the receipt's after (taking
    // the receipt's strings through the join cost more than computing them per line). Staged
    // before the transaction opens: a table the open transaction created is read from its own
    // uncommitted storage, and the receipts' insert from it took 5.6 s for 5 M receipts against
    // 2.9 s from one staged before.
    const receiptRows = `SELECT receipt, $1 || ':' || receipt AS receipt_id, ${keyOf("$1 || ':' || receipt")} AS receipt_key, 'ext:' || any_value(store) AS store_id, 'ext:' || any_value(customer) AS customer_id,
                               ${keyOf("'ext:' || any_value(customer)")} AS customer_key, min(ts) AS ts, sum(amount_kopecks) AS total_kopecks, min(rowid) AS first_row,
                               min(hash(ts, store, customer)) <> max(hash(ts, store, customer)) AS disagrees
                          ${ok} AND qty > 0 GROUP BY receipt`;
    await withStagedTable(store, 'import_receipts', receiptRows, [source], (receipts) => store.transaction(async () => {
      await removeSource(store, source);
      // The receipts' and lines' physical order means nothing (line numbers are taken from the
      // checked rows' above): written unordered, DuckDB writes them on every core.
      await withUnorderedInserts(store, async () => {
        // A file's times are the shop's wall clock (its stores have no time zone): the local time
        // is the time as written, set here rather than by an update of every new receipt after.
        await store.run(
          `INSERT INTO receipts (receipt_id, store_id, customer_id, ts, local_ts, total_kopecks, discount_kopecks, points_earned, points_redeemed, source, customer_key, receipt_key)
           SELECT receipt_id, store_id, customer_id, ${utcInstant('ts')}, ts, total_kopecks, 0, 0, 0, $1, customer_key, receipt_key FROM ${receipts}`,
          [source],
        );
        step(2);
        await store.run(
          `INSERT INTO receipt_lines (line_no, sku, qty, price_kopecks, amount_kopecks, discount_kopecks, ts, store_id, customer_id, local_ts, first_line, customer_key, receipt_key)
           SELECT c.${line}, c.sku, c.qty, c.price_kopecks, c.amount_kopecks, 0, ${utcInstant('c.ts')}, 'ext:' || c.store, 'ext:' || c.customer, c.ts,
                  c.rowid = r.first_row, r.customer_key, r.receipt_key
             FROM ${checked} c JOIN ${receipts} r USING (receipt) WHERE ${accepted} AND c.qty > 0`,
        );
      });
      if (Number((await store.query(`SELECT count(*) AS n FROM ${receipts} WHERE disagrees`))[0]!['n']) > 0) {
        await store.run(
          `UPDATE receipt_lines l SET ts = ${utcInstant('r.ts')}, local_ts = r.ts, store_id = r.store_id, customer_id = r.customer_id, customer_key = r.customer_key
             FROM (SELECT receipt_key, ts, store_id, customer_id, customer_key FROM ${receipts} WHERE disagrees) r WHERE l.receipt_key = r.receipt_key`,
        );
      }
      step(3);
      await store.run(
        `INSERT INTO receipt_returns (return_id, receipt_id, customer_id, ts, kind, amount_kopecks, source)
         SELECT $1 || ':' || receipt, $1 || ':' || receipt, 'ext:' || any_value(customer), ${utcInstant('min(ts)')}, 'return', -sum(amount_kopecks), $1 ${ok} AND qty < 0 GROUP BY receipt`,
        [source],
      );
      await store.run(
        `INSERT INTO return_lines (return_id, receipt_id, line_no, sku, qty, amount_kopecks)
         SELECT $1 || ':' || receipt, $1 || ':' || receipt, ${line}, sku, -qty, -amount_kopecks ${ok} AND qty < 0`,
        [source],
      );
      await store.run(
        `INSERT INTO products (sku, name, category_path, brand, price_kopecks, cost_kopecks, non_promotable, source)
         SELECT sku, ${described.named ? 'min(name)' : 'NULL'}, [], NULL, NULL, NULL, false, $1 ${ok} GROUP BY sku`,
        [source],
      );
      await store.run(`INSERT INTO stores (store_id, name, source, code) SELECT 'ext:' || store, store, $1, store ${ok} AND store IS NOT NULL GROUP BY store`, [source]);
      await store.run(
        `INSERT INTO customers (customer_id, registered_at, source) SELECT 'ext:' || customer, ${utcInstant('min(ts)')}, $1 ${ok} AND customer IS NOT NULL GROUP BY customer`,
        [source],
      );
      await markStaleReceiptDays(store, 'source = $1', [source]);
      customers = await one('SELECT count(*) AS n FROM customers WHERE source = $1');
      step(4);
      // Written before the import commits: an import whose rejected rows cannot all be accounted
      // for is not made.
      if (rejected > 0) {
        rejectedFile = described.rejectedPath(source);
        const written = await described.writeRejected(overlap, rejectedFile);
        if (written !== rejected) throw new PatronError('internal_error', `The import rejected ${rejected} rows but found ${written} of them again to list in ${rejectedFile}; nothing was imported`);
      }
      await recordImport(store, source, described, { rows, imported: rows - rejected, rejected, lines: Number(counts['lines']), customers });
    }, { alongside: true }));
    step(flatImportSteps.length);
    return {
      source,
      replaced,
      rows,
      rejected,
      rejected_file: rejectedFile,
      receipts: await one('SELECT count(*) AS n FROM receipts WHERE source = $1'),
      lines: Number(counts['lines']),
      returns: Number(counts['returns']),
      customers,
      already_imported: Number(counts['already_imported']),
      overlaps,
    };
  });
}

/**
 * Writes the rejected rows (`rows`: line, reason and text, read again from the file at `file`) by
 * DuckDB straight to `path`, in the file's order, and returns how many it wrote: millions of them
 * (a wrong date mapping, a file imported under another name) overflowed a JavaScript string.
 */
async function writeRejectedRows(store: AnalyticsStore, rows: string, file: string, path: string): Promise<number> {
  const written = await store.query(`COPY (${rows} ORDER BY line) TO ${sqlLiteral(path)} (HEADER, DELIMITER ',')`, [file]);
  return Number(written[0]!['Count']);
}

/**
 * Finds the receipts of the file that another flat file already put on the read side: the same
 * receipt number on the same day (and in the same store, for sales), as two exports of
 * overlapping periods hold. Their rows are rejected, each with the file that brought the receipt
 * first; counted again, the days the files share would count twice. Costs nothing while no other
 * flat file is there. They are kept as a table of receipts beside the checked rows, which the
 * import filters against: marking them in the checked rows instead (an update of every row of a
 * file imported twice) cost more than the rest of the import together.
 */
async function withAlreadyImported<T>(store: AnalyticsStore, checked: string, source: string, fn: (found: { overlaps: ImportOverlap[]; table: string | null }) => Promise<T>): Promise<T> {
  // Flat files (whose receipts carry the file's own numbers; the other layouts number them by
  // line), and imports made before the registry (their layout unknown; their receipt numbers,
  // store and day must all match).
  const others = (await store.query(`SELECT source FROM imports WHERE source <> $1 AND (preset IN (SELECT unnest($2)) OR preset IS NULL)`, [source, listValue(Object.keys(flatPresets))])).map((r) => String(r['source']));
  if (others.length === 0) return fn({ overlaps: [], table: null });
  const number = (table: string) => `${table}.receipt_id[length(${table}.source) + 2:]`;
  return withStagedTable(
    store,
    'import_overlap',
    `WITH mine AS (SELECT receipt, 'ext:' || any_value(store) AS store_id, min(ts)::DATE AS day FROM ${checked} WHERE reason IS NULL GROUP BY receipt),
          theirs AS (SELECT r.source, ${number('r')} AS receipt, r.store_id, ${utcDay('r.ts')} AS day, true AS sale FROM receipts r WHERE r.source IN (SELECT unnest($1))
                     UNION ALL
                     SELECT x.source, ${number('x')}, NULL, ${utcDay('x.ts')}, false FROM receipt_returns x WHERE x.source IN (SELECT unnest($1))),
          found AS (SELECT m.receipt, min(t.source) AS source FROM mine m JOIN theirs t ON t.receipt = m.receipt AND t.day = m.day AND (NOT t.sale OR t.store_id IS NOT DISTINCT FROM m.store_id)
                     GROUP BY m.receipt)
     SELECT f.receipt, f.source, i.file, 'receipt already imported from ' || coalesce(i.file || ' (' || f.source || ')', f.source) AS reason
       FROM found f LEFT JOIN (SELECT source, any_value(file) AS file FROM imports GROUP BY source) i USING (source)`,
    [listValue(others)],
    async (overlap) => {
      const found = await store.query(`SELECT source, any_value(file) AS file, count(*) AS receipts FROM ${overlap} GROUP BY source ORDER BY source`);
      if (found.length === 0) return fn({ overlaps: [], table: null });
      return fn({ overlaps: found.map((r) => ({ source: String(r['source']), file: r['file'] === null ? null : String(r['file']), receipts: Number(r['receipts']) })), table: overlap });
    },
  );
}
