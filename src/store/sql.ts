/**
 * The storage interface the ledger's code is written against: statements with `?` parameters,
 * answered at once (the library core is synchronous, as better-sqlite3 is). Two engines give it:
 * the embedded SQLite file (`sqlite/`), and a PostgreSQL server shared by many people (`pg/`),
 * which takes the same statements after `pg/dialect.ts` has translated them.
 *
 * Rows come back as `unknown`: each caller says the shape its statement gives.
 *
 * Statements are kept to SQL both engines read the same way: positional `?` parameters, column
 * aliases that say their case (`AS batchId`, which PostgreSQL would otherwise fold to lower case
 * and the dialect quotes), no SQLite-only functions except the few the dialect names.
 */

/** A value a statement takes or gives: BLOBs (half-hourly readings) as bytes. */
export type SqlValue = string | number | null | Uint8Array;

export interface SqlDb {
  readonly engine: 'sqlite' | 'postgres';
  /** Every row of a query, as objects keyed by column name (or alias). */
  all(sql: string, params?: readonly SqlValue[]): unknown[];
  /** The first row of a query, or undefined. */
  get(sql: string, params?: readonly SqlValue[]): unknown;
  /** A statement that writes; the number of rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): number;
  /** An INSERT of one row into a table with an `id`; the id it was given. */
  insertId(sql: string, params?: readonly SqlValue[]): number;
  /** Statements without parameters (schema changes, transaction control). */
  exec(sql: string): void;
}

/** Rows going into one table during an import, as arrays in the order of the table's columns given. */
export interface RowSink {
  add(values: readonly SqlValue[]): void;
  /** Writes what is held back (PostgreSQL sends rows by COPY in blocks); before any read of the same table. */
  flush(): void;
}
