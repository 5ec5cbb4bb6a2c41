import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DuckDBConnection, DuckDBDataChunk, DuckDBInstance, DuckDBTypeId, INTEGER, LIST, VARCHAR, dateValue, timestampTZValue, timestampValue, type DuckDBAppender, type DuckDBValue } from '@duckdb/node-api';
import {
  PatronError,
  analyticsMigrationsFolder,
  planMigrations,
  readMigrationFiles,
  type AppliedMigration,
} from '../core/index.ts';
import { tableColumns, type ColumnType, type TableName, type TableRow } from './table-columns.ts';
import { markStaleDaysSql } from './rollups.ts';

/** A JSON-ready row: DuckDB's BIGINT arrives as bigint and is turned into a number or string. */
export type Row = Record<string, unknown>;

/**
 * The DuckDB read side: one file in PATRON_HOME, opened by the process that runs analytics.
 * Its schema is versioned like PostgreSQL's, from migrations/analytics/.
 */
export interface AnalyticsStore {
  readonly path: string;
  query(sql: string, params?: DuckDBValue[]): Promise<Row[]>;
  run(sql: string, params?: DuckDBValue[]): Promise<void>;
  /** A result as one array per column: for millions of rows, where row objects would cost too much. */
  columns(sql: string, params?: DuckDBValue[]): Promise<Record<string, unknown[]>>;
  /**
   * A result as arrays read straight from DuckDB's vectors: INTEGER as Int32Array, DOUBLE as
   * Float64Array (NULL as NaN), BOOLEAN as Uint8Array (INTEGER and BOOLEAN NULLs are refused),
   * VARCHAR as strings. For millions of values, where `columns` costs 135 ns a value.
   */
  arrays(sql: string, params?: DuckDBValue[]): Promise<Record<string, Int32Array | Float64Array | Uint8Array | (string | null)[]>>;
  /** Appends rows in the connection's current transaction, by the table's column list. */
  append(table: TableName, rows: readonly TableRow[]): Promise<void>;
  /**
   * Appends columns to any table (a staged one too), in its column order: integers from typed
   * arrays, texts from string arrays. Millions of integer rows go in chunk by chunk at a fifth
   * of a row-by-row append's cost.
   */
  appendColumns(table: string, columns: readonly (Int32Array | readonly string[])[]): Promise<void>;
  /**
   * Fills what appended receipts and lines get on arrival: their store-local time, their member
   * as a key, and a receipt's card token as one (rows whose local time is still missing are the new ones).
   */
  fillArrivalColumns(): Promise<void>;
  /**
   * Runs fn in one transaction: all of it or nothing, on a connection of its own (or its
   * session's), so that others read what it writes only once it commits. Transactions take turns,
   * except those `alongside`: an import, which edits only its own source's rows, runs beside the
   * others (DuckDB isolates concurrent transactions and appends never conflict), so a sync batch
   * does not wait the half minute a large file takes.
   */
  transaction<T>(fn: () => Promise<T>, options?: { alongside?: boolean }): Promise<T>;
  /** Runs fn on a connection of its own: its temporary tables and transactions are its own. */
  session<T>(fn: () => Promise<T>): Promise<T>;
  migrate(options?: { folder?: string; onApply?: (name: string) => void }): Promise<string[]>;
  check(): Promise<void>;
  close(): void;
}

function toJsonValue(value: unknown): unknown {
  if (typeof value === 'bigint') {
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
  }
  return value;
}

function appendValue(appender: DuckDBAppender, type: ColumnType, value: TableRow[string] | undefined): void {
  if (value === null || value === undefined) return appender.appendNull();
  switch (type) {
    case 'VARCHAR':
      return appender.appendVarchar(String(value));
    case 'BIGINT':
      return appender.appendBigInt(BigInt(value as number));
    case 'UBIGINT':
      return appender.appendUBigInt(BigInt(value as number));
    case 'HUGEINT':
      return appender.appendHugeInt(BigInt(value as number));
    case 'INTEGER':
      return appender.appendInteger(value as number);
    case 'DOUBLE':
      return appender.appendDouble(value as number);
    case 'BOOLEAN':
      return appender.appendBoolean(value as boolean);
    case 'TIMESTAMPTZ':
      return appender.appendTimestampTZ(timestampTZValue(BigInt(Date.parse(value as string)) * 1000n));
    case 'TIMESTAMP':
      // A wall-clock time without a zone, given as ISO text without an offset.
      return appender.appendTimestamp(timestampValue(BigInt(Date.parse(`${(value as string).replace(/Z$/, '')}Z`)) * 1000n));
    case 'DATE':
      return appender.appendDate(dateValue(Math.round(Date.parse(`${value as string}T00:00:00Z`) / 86_400_000)));
    case 'VARCHAR[]':
      return appender.appendList(value as readonly string[], LIST(VARCHAR));
  }
}

/**
 * A card token, member or receipt id as the 64-bit key receipts and lines carry (migrations 0011,
 * 0013, 0014): DuckDB's md5_number_lower, which, unlike its hash(), no engine upgrade changes.
 * Every writer of receipts and lines sets them so. Written as the shift it equals (checked on every
 * key of the 5 M chain and a million strings): md5_number_lower is a macro through a bit string,
 * three times as slow (1.14 s against 0.37 s over 5 million tokens).
 */
export const keyOf = (column: string) => `(md5_number(${column}) >> 64)::UBIGINT`;

/** {@link keyOf} of one id, computed here: the MD5's last 8 bytes, little-endian, as DuckDB reads them. */
export function keyOfId(id: string): string {
  return createHash('md5').update(id).digest().readBigUInt64LE(8).toString();
}

export async function openAnalyticsStore(path: string): Promise<AnalyticsStore> {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  let instance: DuckDBInstance;
  try {
    // A new store is written in the engine's own storage format: lines wrote 25 % faster in it
    // than in the default, older one (kept by files made before, which open as they are).
    instance = await DuckDBInstance.create(path, { storage_compatibility_version: 'latest' });
  } catch (cause) {
    const message = (cause as Error).message;
    const locked = /lock/i.test(message);
    throw new PatronError(
      locked ? 'home_locked' : 'not_ready',
      locked ? `The analytics store ${path} is open in another process: ${message}` : `Cannot open the analytics store ${path}: ${message}`,
      { cause },
    );
  }
  // Reports name their time zones explicitly; everything else (casts of dates to instants) is UTC,
  // whatever the machine's zone.
  const connect = async () => {
    const c = await DuckDBConnection.create(instance);
    await c.run("SET TimeZone = 'UTC'");
    return c;
  };
  const connection = await connect();
  // The sync, imports, the model jobs and reports share this store. A transaction runs on a
  // connection of its own (an import on its session's): on the shared one, a report read an
  // import's rows before they committed, its statements became part of the import's transaction,
  // and a second BEGIN failed and aborted the open transaction (a sync batch arriving during an
  // import failed the import). Transactions take turns, since sync passes, a rebuild and model
  // jobs edit the same rows (DuckDB would fail the later of two edits of a row); one begun inside
  // another is part of it. An import's runs alongside them, as it edits only its own source's
  // rows: waiting behind it, the sync fell behind for as long as the import wrote.
  const sessions = new AsyncLocalStorage<{ connection: DuckDBConnection; inTransaction: boolean }>();
  const current = () => sessions.getStore()?.connection ?? connection;
  let transactionsDone: Promise<void> = Promise.resolve();

  const query = async (sql: string, params?: DuckDBValue[]): Promise<Row[]> => {
    const reader = await current().runAndReadAll(sql, params);
    return reader.getRowObjectsJS().map((row) => {
      const out: Row = {};
      for (const [key, value] of Object.entries(row)) out[key] = toJsonValue(value);
      return out;
    });
  };
  const run = async (sql: string, params?: DuckDBValue[]): Promise<void> => {
    await current().run(sql, params);
  };

  return {
    path,
    query,
    run,
    async columns(sql, params) {
      const reader = await current().runAndReadAll(sql, params);
      return reader.getColumnsObjectJS() as Record<string, unknown[]>;
    },
    async arrays(sql, params) {
      const result = await current().run(sql, params);
      const names = result.columnNames();
      const kinds = names.map((_, c) => result.columnTypeId(c));
      const arrays = kinds.map((kind, c) => {
        if (kind === DuckDBTypeId.INTEGER) return new Int32Array(result.rowCount);
        if (kind === DuckDBTypeId.DOUBLE) return new Float64Array(result.rowCount);
        if (kind === DuckDBTypeId.BOOLEAN) return new Uint8Array(result.rowCount);
        if (kind === DuckDBTypeId.VARCHAR) return new Array<string | null>(result.rowCount);
        throw new PatronError('internal_error', `arrays() reads INTEGER, DOUBLE, BOOLEAN and VARCHAR columns; ${names[c]} is ${result.columnType(c).toString()}`);
      });
      let offset = 0;
      for (let k = 0; k < result.chunkCount; k++) {
        const chunk = result.getChunk(k);
        const rows = chunk.rowCount;
        arrays.forEach((array, c) => {
          const vector = chunk.getColumnVector(c);
          const nullable = kinds[c] === DuckDBTypeId.DOUBLE || kinds[c] === DuckDBTypeId.VARCHAR;
          const nullAs = kinds[c] === DuckDBTypeId.DOUBLE ? Number.NaN : null;
          for (let i = 0; i < rows; i++) {
            const value = vector.getItem(i) as number | boolean | string | null;
            if (value === null && !nullable) throw new PatronError('internal_error', `arrays(): ${names[c]} holds a NULL`);
            (array as unknown[])[offset + i] = value === null ? nullAs : typeof value === 'boolean' ? Number(value) : value;
          }
        });
        offset += rows;
      }
      return Object.fromEntries(names.map((name, c) => [name, arrays[c]!]));
    },
    async append(table, given) {
      if (given.length === 0) return;
      // Lines come with their receipt's id, which they are stored under as its key.
      const rows = table === 'receipt_lines' ? given.map((row) => (row['receipt_key'] != null ? row : { ...row, receipt_key: keyOfId(String(row['receipt_id'])) })) : given;
      const columns = tableColumns[table];
      const appender = await current().createAppender(table);
      try {
        for (const row of rows) {
          for (const [name, type] of columns) appendValue(appender, type, row[name]);
          appender.endRow();
        }
        appender.flushSync();
      } finally {
        appender.closeSync();
      }
    },
    async appendColumns(table, columns) {
      const rows = columns[0]?.length ?? 0;
      if (columns.some((c) => c.length !== rows)) throw new PatronError('internal_error', `appendColumns(${table}): columns of different lengths`);
      const types = columns.map((c) => (c instanceof Int32Array ? INTEGER : VARCHAR));
      const appender = await current().createAppender(table);
      try {
        for (let offset = 0; offset < rows; offset += 2048) {
          const size = Math.min(2048, rows - offset);
          const chunk = DuckDBDataChunk.create(types, size);
          columns.forEach((column, c) => {
            const vector = chunk.getColumnVector(c);
            for (let i = 0; i < size; i++) vector.setItem(i, column[offset + i]!);
            vector.flush();
          });
          appender.appendDataChunk(chunk);
        }
        appender.flushSync();
      } finally {
        appender.closeSync();
      }
    },
    async fillArrivalColumns() {
      // Their days are stale for the rollups (rollups.ts) from now on.
      await run(markStaleDaysSql('local_ts IS NULL'));
      // Receipts and their lines by the same rule, each from its own columns: no join between them
      // (lines were keyed by their receipt as they were appended).
      for (const table of ['receipts', 'receipt_lines']) {
        const keys = `${table === 'receipts' ? `, token_key = ${keyOf('payment_token')}, receipt_key = ${keyOf('receipt_id')}` : ''}, customer_key = ${keyOf('customer_id')}`;
        await run(
          `UPDATE ${table} r SET local_ts = timezone(coalesce((SELECT any_value(s.time_zone) FROM stores s WHERE s.store_id = r.store_id), 'UTC'), r.ts)${keys} WHERE r.local_ts IS NULL`,
        );
      }
    },
    async transaction(fn, options = {}) {
      const session = sessions.getStore();
      if (session?.inTransaction) return fn();
      let before: Promise<void> = Promise.resolve();
      let done: () => void = () => {};
      if (!options.alongside) {
        before = transactionsDone;
        transactionsDone = new Promise((resolve) => (done = resolve));
      }
      let own: DuckDBConnection | null = null;
      try {
        await before;
        own = session ? null : await connect();
        return await sessions.run({ connection: session?.connection ?? own!, inTransaction: true }, async () => {
          await run('BEGIN TRANSACTION');
          try {
            const result = await fn();
            await run('COMMIT');
            return result;
          } catch (error) {
            await run('ROLLBACK').catch(() => {});
            throw error;
          }
        });
      } finally {
        own?.closeSync();
        done();
      }
    },
    async session(fn) {
      if (sessions.getStore()) return fn();
      const own = await connect();
      try {
        return await sessions.run({ connection: own, inTransaction: false }, fn);
      } finally {
        own.closeSync();
      }
    },
    async migrate(options = {}) {
      const files = readMigrationFiles(options.folder ?? analyticsMigrationsFolder);
      await run(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, checksum VARCHAR NOT NULL,
        applied_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp)`);
      const applied = (await query('SELECT version, name, checksum FROM schema_migrations ORDER BY version')) as unknown as AppliedMigration[];
      const done: string[] = [];
      for (const file of planMigrations(files, applied)) {
        options.onApply?.(file.name);
        try {
          await run('BEGIN TRANSACTION');
          await run(file.sql);
          await run('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
            file.version,
            file.name,
            file.checksum,
          ]);
          await run('COMMIT');
        } catch (cause) {
          await run('ROLLBACK').catch(() => {});
          throw new PatronError('migration_failed', `Analytics migration ${file.name} failed: ${(cause as Error).message}`, { cause });
        }
        done.push(file.name);
      }
      return done;
    },
    async check() {
      await query('SELECT 1');
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

let stagedTables = 0;

/**
 * Runs fn over a temporary table made from `sql`, under a name no other call holds (requests
 * share one connection, and two reports may stage at once), and drops it after. Unordered, the
 * table is written on every core and its rows' order (and rowids) mean nothing.
 */
export async function withStagedTable<T>(store: AnalyticsStore, stem: string, sql: string, params: DuckDBValue[], fn: (table: string) => Promise<T>, options: { unordered?: boolean } = {}): Promise<T> {
  const table = `${stem}_${++stagedTables}`;
  const create = () => store.run(`CREATE TEMP TABLE ${table} AS ${sql}`, params);
  await (options.unordered ? withUnorderedInserts(store, create) : create());
  try {
    return await fn(table);
  } finally {
    await store.run(`DROP TABLE IF EXISTS temp.${table}`);
  }
}

/**
 * Runs fn over a temporary table of `columns` as JavaScript holds them (integers from typed
 * arrays, texts from string arrays; names are the caller's identifiers), dropped after.
 */
export function withStagedColumns<T>(store: AnalyticsStore, stem: string, columns: Record<string, Int32Array | readonly string[]>, fn: (table: string) => Promise<T>): Promise<T> {
  const shape = Object.entries(columns).map(([name, column]) => `NULL::${column instanceof Int32Array ? 'INTEGER' : 'VARCHAR'} AS ${name}`).join(', ');
  return withStagedTable(store, stem, `SELECT ${shape} WHERE false`, [], async (table) => {
    await store.appendColumns(table, Object.values(columns));
    return fn(table);
  });
}

/**
 * Runs fn with DuckDB free to write rows in any order (preserve_insertion_order off), which lets
 * a large insert use every core. Only for writes whose rows' physical order no one reads. The
 * setting is the database's, not the connection's: a table created meanwhile would not keep its
 * source's order either, so no reader may rely on a table's rows coming in the order they were made.
 */
export async function withUnorderedInserts<T>(store: AnalyticsStore, fn: () => Promise<T>): Promise<T> {
  await store.run('SET preserve_insertion_order = false');
  try {
    return await fn();
  } finally {
    await store.run('SET preserve_insertion_order = true');
  }
}
