/**
 * What the ledger needs of a database beyond statements (`sql.ts`): transactions, large reads,
 * bulk writes, checks and failures told in the person's terms. Two engines give it: an embedded
 * SQLite file (`sqlite/engine.ts`, the default, one organisation on one machine) and a
 * PostgreSQL server a whole integrated care system shares (`pg/engine.ts`).
 */

import type { LedgerSnapshot, RowsQuery, SnapshotKey, SqlParam } from './reads.js';
import type { RowSink, SqlDb } from './sql.js';

export interface LedgerEngine {
  readonly kind: 'sqlite' | 'postgres';
  /** Where the ledger is, as it may be shown: a file path, or a server's URL without its password. */
  readonly location: string;
  readonly sql: SqlDb;
  readonly inTransaction: boolean;
  /** Set when opening migrated an older ledger: the copy taken first (SQLite) and the version it had. */
  readonly backupPath: string | null;
  readonly migratedFrom: number | null;
  /**
   * Starts the one write transaction an import or undo is: a second writer waits (or is refused
   * in time). SQLite has one writer at a time; a server, one per organisation (`org`).
   */
  beginWrite(org?: string): void;
  commit(): void;
  rollback(): void;
  /** A large read a row at a time, as arrays of column values (see `sqlite/snapshot.ts`). */
  rows(query: RowsQuery, params: readonly SqlParam[]): Generator<unknown[]>;
  snapshot(key: SnapshotKey, params: readonly SqlParam[]): LedgerSnapshot;
  /** Where an import's rows of one table go, in the order of `columns`. */
  sink(table: string, columns: readonly string[]): RowSink;
  /** The engine's own check for damage: problems found, none when sound. */
  integrityProblems(limit: number): string[];
  /** What a failure means to the person (busy, damaged, refused, disk full), or the error itself when it is a bug. */
  failure(e: unknown): unknown;
  /** Whether a failure is the database refusing a second active import of the same file (its unique constraint). */
  isDuplicateImport(e: unknown): boolean;
  /** Whether a statement only reads and returns rows (`Ledger.select` takes nothing else). */
  isRead(sql: string): boolean;
  /** A second connection to the same ledger, already open and migrated. */
  connectAgain(): LedgerEngine;
  close(): void;
}
