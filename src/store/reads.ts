/**
 * The shapes of the ledger's large reads (see `snapshot.ts`), apart from the code that makes them
 * so that the published declarations of `Ledger` name no better-sqlite3 type (its types are a
 * devDependency).
 */

export type SqlParam = string | number | null;

/** What a read of rows takes: `columns` (no BLOBs) `FROM` the rest of a query (tables, conditions, order). */
export interface RowsQuery {
  readonly columns: string;
  readonly from: string;
  /**
   * The rows are groups of many ledger rows (a summed read), few enough to take in one answer: a
   * server then runs the query as it is, free to plan it in parallel, rather than through a
   * cursor, which PostgreSQL plans for its first rows and never runs in parallel.
   */
  readonly grouped?: boolean;
}

/** The rows a snapshot keeps: the ids `select` (one integer column) gives for `from` (tables and conditions), in the order of `orderBy`. */
export interface SnapshotKey {
  readonly select: string;
  readonly from: string;
  readonly orderBy: string;
}

/** What a snapshot reads: `columns` (no BLOBs) from `join` (which starts at the snapshot, aliased `s`: `s.id` is the key), optionally narrowed by `where`. */
export interface SnapshotRead {
  readonly columns: string;
  readonly join: string;
  readonly where?: string;
}

/** The ids of some rows, in a fixed order, kept for reading them a page at a time without holding the ledger. */
export interface LedgerSnapshot {
  /** How many ids it holds. */
  readonly size: number;
  /** The rows `read` gives, in the snapshot's order, a page at a time: the ledger is not held between pages. */
  rows(read: SnapshotRead, params?: readonly SqlParam[], pageRows?: number): Generator<unknown[]>;
  /** Lets the snapshot go (it goes with the connection anyway); safe to call twice. */
  close(): void;
}
