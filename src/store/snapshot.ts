/**
 * Reading much of the ledger: a row at a time, and, for a reader that takes long, without
 * holding the ledger while it works.
 *
 * Rows are handed over one at a time from `iterate()`, each as an array of its column values,
 * never as one array of objects: an object per row, all alive at once, is what made reading
 * 729,000 ledger rows take 33 s of CPU and 1.9 GB (most of it the garbage collector going over
 * them again and again); iterated arrays took 3.9 s and 67 MB. Most of what is left is
 * better-sqlite3 making a JavaScript value of each cell (about 150 ns a cell; SQLite itself reads
 * every column of those rows in 0.5 s), so SQLite writes each row as one JSON array
 * (`json_array`) and V8's JSON parser makes the values: 2.8 s instead of 3.9 s, the same values
 * (every cell of those 729,000 rows compared; a REAL −0 comes back as 0, which prints and adds up
 * the same). The columns read this way must not be BLOBs, which JSON cannot hold. (Measured on
 * the ledger of the largest `emissions` benchmark, BENCHMARKS.md.)
 *
 * The ledger is in SQLite's rollback-journal mode, where a read keeps a shared lock from its first
 * row to its last and an import cannot commit until every such read has finished: an export of a
 * million lines written to a slow pipe would hold every import back for as long as the pipe took.
 * WAL mode would let readers and a writer run together, but it needs every process that opens the
 * ledger to share memory on one machine ("WAL does not work over a network filesystem",
 * https://www.sqlite.org/wal.html), and a public body's ledger often lives on a shared drive. So a
 * long reader takes a snapshot instead: the ids of the rows it will read, in its order, copied in
 * one short read into a temporary table private to its connection; then the rows a page at a time,
 * each page its own short read, between which an import can commit. A stored row does not change
 * (an import adds rows; superseding or undoing one changes which rows count, which the ids have
 * fixed), so every page shows the ledger as it was when the snapshot was taken.
 */

import type Database from 'better-sqlite3';
import type { LedgerSnapshot, RowsQuery, SnapshotKey, SnapshotRead, SqlParam } from './reads.js';
import { ledgerFailure } from './sqlite-errors.js';

/** Prepares a statement that must only read and return rows (SQLite itself says whether it writes). */
function readStatement(db: Database.Database, sql: string): Database.Statement {
  const stmt = db.prepare(sql);
  if (!stmt.reader) throw new Error(`a ledger read needs a query that returns rows: ${sql.slice(0, 60)}`);
  if (!stmt.readonly) throw new Error(`a ledger read refuses a statement that writes: ${sql.slice(0, 60)}`);
  return stmt;
}

/**
 * The rows of a read-only query, one at a time, as arrays of column values in the order of
 * `columns`. The read (and SQLite's shared lock) lasts until the last row is taken or the loop is
 * left; meanwhile nothing else can run on the same connection.
 */
export function* readRows(db: Database.Database, path: string, query: RowsQuery, params: readonly SqlParam[]): Generator<unknown[]> {
  try {
    for (const row of readStatement(db, `SELECT json_array(${query.columns}) FROM ${query.from}`).pluck().iterate(...params) as IterableIterator<string>) {
      yield JSON.parse(row) as unknown[];
    }
  } catch (e) {
    throw ledgerFailure(e, path);
  }
}

/** Rows a page holds: about 20 ms of reading each (a page is one short read of the ledger). */
const PAGE_ROWS = 5_000;

/** The ids of some rows, in a fixed order, kept for reading them a page at a time (see the top of this file). */
export class SqliteSnapshot implements LedgerSnapshot {
  private static taken = 0;
  readonly size: number;
  private readonly table: string;
  private dropped = false;

  /**
   * Takes the ids `select` (one column, of integers) gives for `from` (the rest of a query: its
   * tables and conditions) in the order of `orderBy`, in one read of the ledger.
   */
  constructor(private readonly db: Database.Database, private readonly path: string, key: SnapshotKey, params: readonly SqlParam[]) {
    this.table = `temp.tco2e_snapshot_${++SqliteSnapshot.taken}`;
    // Checked on its own before it is put inside the INSERT that fills the table.
    readStatement(db, `SELECT ${key.select} FROM ${key.from} ORDER BY ${key.orderBy}`);
    try {
      db.exec(`CREATE TABLE ${this.table} (pos INTEGER PRIMARY KEY, id INTEGER NOT NULL)`);
      // Rows are inserted in the SELECT's order and each new row takes the next `pos`, so `pos`
      // is the order (tests/export holds it to `readStored`'s). ROW_NUMBER() OVER (ORDER BY …)
      // would say so outright, but took twice as long: 0.93 s of CPU against 0.42 s for 729,000 ids.
      this.size = db.prepare(`INSERT INTO ${this.table} (id) SELECT ${key.select} FROM ${key.from} ORDER BY ${key.orderBy}`).run(...params).changes;
    } catch (e) {
      this.close();
      throw ledgerFailure(e, path);
    }
  }

  *rows(read: SnapshotRead, params: readonly SqlParam[] = [], pageRows = PAGE_ROWS): Generator<unknown[]> {
    const stmt = readStatement(this.db, `SELECT json_array(${read.columns}) FROM ${this.table} s JOIN ${read.join}
      WHERE s.pos > ? AND s.pos <= ?${read.where === undefined ? '' : ` AND (${read.where})`} ORDER BY s.pos`).pluck();
    for (let done = 0; done < this.size; done += pageRows) {
      let page: string[];
      try {
        page = stmt.all(done, done + pageRows, ...params) as string[];
      } catch (e) {
        throw ledgerFailure(e, this.path);
      }
      // The page is read whole before any row is handed on: a caller that waits (a full pipe)
      // waits with the ledger free.
      for (const row of page) yield JSON.parse(row) as unknown[];
    }
  }

  close(): void {
    if (this.dropped || !this.db.open) return;
    this.dropped = true;
    this.db.exec(`DROP TABLE IF EXISTS ${this.table}`);
  }
}
