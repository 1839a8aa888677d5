/**
 * The embedded engine: the ledger as one SQLite file. Opening refuses anything that is not a
 * tco2e ledger (an empty file included) and never writes to it; only `create` makes a new one,
 * and only where there is no file. An older ledger is checked for damage, backed up, then
 * migrated; a newer one is refused. A command that writes has the ledger checked for damage
 * first, and a damaged ledger is never written to.
 */

import { constants, copyFileSync, existsSync, openSync, readSync, closeSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { UserError } from '../../kernel/errors.js';
import { msg } from '../../messages.js';
import type { LedgerEngine } from '../engine.js';
import type { LedgerSnapshot, RowsQuery, SnapshotKey, SqlParam } from '../reads.js';
import { MIGRATIONS, SCHEMA_VERSION } from '../schema.js';
import { readRows, SqliteSnapshot } from '../snapshot.js';
import type { RowSink } from '../sql.js';
import { backupsOf, damagedLedger, ledgerFailure } from '../sqlite-errors.js';
import { SqliteDb } from './sqlite-db.js';

const SQLITE_MAGIC = 'SQLite format 3\u0000';
/** How long a second import waits for the first to finish before giving up, in ms. */
export const BUSY_TIMEOUT_MS = 15_000;

/**
 * The busy timeout to use: `TCO2E_BUSY_TIMEOUT_MS` when it is a whole number of ms (a scheduled
 * job may prefer to fail fast, or wait longer), otherwise `BUSY_TIMEOUT_MS`.
 */
export function busyTimeoutMs(env: Readonly<Record<string, string | undefined>> = process.env): number {
  const text = env.TCO2E_BUSY_TIMEOUT_MS?.trim() ?? '';
  return /^\d{1,9}$/.test(text) ? Number(text) : BUSY_TIMEOUT_MS;
}

export interface OpenOptions {
  /**
   * Create the ledger when there is none (only `tco2e init` does). A file that is there already
   * is never made into a ledger, not even an empty one.
   */
  readonly create?: boolean;
  /**
   * The command is going to write (an import, an undo): SQLite's quick check looks for damage
   * first, and a damaged ledger is refused before anything is written to it. Commands that only
   * read skip it: it reads every page (measured on a 100 MB ledger, warm in the OS cache: 0.1 to
   * 0.4 s, median 0.2 s, as much again as the command's start-up, and more from a cold disk); a
   * read that meets damage is refused all the same (`ledgerFailure`). An upgrade is checked first.
   */
  readonly forWrite?: boolean;
  /** Used to name the backup taken before a migration. */
  readonly now?: () => Date;
}

/** How many problems a check lists at most: enough to judge the damage, not a wall of text. */
const QUICK_CHECK_LIMIT = 20;
export const INTEGRITY_CHECK_LIMIT = 100;

/**
 * Refuses, before SQLite sees it, a path that cannot be a tco2e ledger: a folder, something that
 * is not a regular file, an empty file (SQLite would make it a new database) or a file without
 * SQLite's header. Nothing is written.
 */
function assertLedgerFile(path: string): void {
  let fd: number | undefined;
  try {
    const s = statSync(path);
    if (s.isDirectory()) throw new UserError('not_a_ledger', msg.ledgerIsFolder(path), msg.ledgerIsFolderHint);
    if (!s.isFile()) throw new UserError('not_a_ledger', msg.ledgerNotSqlite(path), msg.checkDbHint);
    if (s.size === 0) throw new UserError('not_a_ledger', msg.ledgerEmptyFile(path), msg.ledgerEmptyFileHint);
    fd = openSync(path, 'r');
    const buf = Buffer.alloc(16);
    const read = readSync(fd, buf, 0, 16, 0);
    if (read < 16 || buf.toString('latin1') !== SQLITE_MAGIC) throw new UserError('not_a_ledger', msg.ledgerNotSqlite(path), msg.checkDbHint);
  } catch (e) {
    if (e instanceof UserError) throw e;
    const code = (e as { code?: unknown }).code;
    throw new UserError('ledger_unreadable', msg.ledgerUnreadable(path, typeof code === 'string' ? code : 'unknown'), msg.ledgerUnreadableHint);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Makes the empty file a new ledger is created in, exclusively. False when a file appeared at the
 * path since it was looked at: that one is not ours to make a ledger of, and is judged as found.
 */
function createEmptyFile(path: string): boolean {
  const folder = dirname(path);
  if (!(statSync(folder, { throwIfNoEntry: false })?.isDirectory() ?? false)) {
    throw new UserError('no_folder', msg.ledgerNoFolder(path, folder), msg.ledgerNoFolderHint);
  }
  try {
    closeSync(openSync(path, 'wx'));
    return true;
  } catch (e) {
    if ((e as { code?: unknown }).code === 'EEXIST') return false;
    throw ledgerFailure(e, path);
  }
}

/** Removes a ledger this process created and could not finish, with anything SQLite put beside it. */
function removeCreated(path: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
}

/**
 * What an SQLite check pragma (`quick_check`, `integrity_check`) found: nothing when it says "ok".
 * A page too damaged for the check to walk stops it with SQLITE_CORRUPT: that is what it found.
 */
function checkProblems(db: Database.Database, pragma: 'quick_check' | 'integrity_check', limit: number): string[] {
  try {
    const rows = db.prepare(`PRAGMA ${pragma}(${limit})`).pluck().all() as string[];
    return rows.length === 1 && rows[0] === 'ok' ? [] : rows;
  } catch (e) {
    if (isDamage(e)) return [damageText(e)];
    throw e;
  }
}

/** The codes with which SQLite says a file is damaged (or no database at all, past its header). */
function isDamage(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT'));
}

/** A damage error from SQLite as a problem line, like the ones its checks give. */
function damageText(e: unknown): string {
  return `${(e as Error).message} (${String((e as { code?: unknown }).code)})`;
}

/** What `tco2e check` reports of a ledger. */
export interface LedgerCheck {
  readonly ledger: string;
  /** A file (SQLite) or a server's database (PostgreSQL: no pages to count, no copies beside it). */
  readonly engine: 'sqlite' | 'postgres';
  /** True when SQLite's full integrity check found nothing. */
  readonly sound: boolean;
  /** What it found, at most `INTEGRITY_CHECK_LIMIT` lines; empty when the ledger is sound. */
  readonly problems: readonly string[];
  /** The schema version the ledger records; null when it cannot be read for the damage. */
  readonly schemaVersion: number | null;
  /** The schema version this version of tco2e writes. */
  readonly currentSchemaVersion: number;
  readonly sizeBytes: number;
  /** Pages in the file, and how many of them are free (space the ledger holds but does not use); null when unreadable. */
  readonly pages: number | null;
  readonly freePages: number | null;
  /** The copies upgrades took of the ledger, oldest first (see `openSqlite`). */
  readonly backups: readonly string[];
}

/**
 * Checks a ledger file for damage: SQLite's full integrity check, and what the ledger records of
 * itself. It neither creates, upgrades nor writes (bar playing back the journal a crash left,
 * which any command that reads the ledger does first). What is not a ledger at all is refused as
 * opening refuses it; a ledger too damaged to be read is reported, not refused.
 */
export function checkLedgerFile(path: string): LedgerCheck {
  if (!existsSync(path)) throw new UserError('no_ledger', msg.noLedger(path), msg.noLedgerHint);
  assertLedgerFile(path);
  let db: Database.Database;
  try {
    db = new Database(path, { fileMustExist: true });
  } catch (e) {
    throw ledgerFailure(e, path);
  }
  try {
    db.pragma(`busy_timeout = ${busyTimeoutMs()}`);
    const problems = checkProblems(db, 'integrity_check', INTEGRITY_CHECK_LIMIT);
    const readable = <T>(read: () => T): T | null => {
      try {
        return read();
      } catch (e) {
        if (isDamage(e)) return null;
        throw e;
      }
    };
    const tables = readable(() => db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
    const meta = readable(() => (tables?.includes('meta') ? new Map((db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[]).map((r) => [r.key, r.value])) : new Map<string, string>()));
    // A sound database that is not a ledger is refused as opening refuses it; a damaged one may be a ledger whose meta cannot be read.
    if (problems.length === 0 && tables?.length === 0) throw new UserError('not_a_ledger', msg.ledgerEmptyDatabase(path), msg.checkDbHint);
    if (problems.length === 0 && meta?.get('app') !== 'tco2e') throw new UserError('not_a_ledger', msg.ledgerOtherDatabase(path), msg.checkDbHint);
    const version = meta?.get('schema_version');
    return {
      ledger: path,
      engine: 'sqlite',
      sound: problems.length === 0,
      problems,
      schemaVersion: version === undefined ? null : Number(version),
      currentSchemaVersion: SCHEMA_VERSION,
      sizeBytes: statSync(path).size,
      pages: readable(() => db.pragma('page_count', { simple: true }) as number),
      freePages: readable(() => db.pragma('freelist_count', { simple: true }) as number),
      backups: backupsOf(path),
    };
  } catch (e) {
    throw ledgerFailure(e, path);
  } finally {
    db.close();
  }
}

/** Opens (or, with `create`, makes) the ledger file at `path`, checked and migrated. */
export function openSqlite(path: string, options: OpenOptions = {}): SqliteEngine {
  const exists = existsSync(path);
  if (!exists && !options.create) throw new UserError('no_ledger', msg.noLedger(path), msg.noLedgerHint);
  const created = !exists && createEmptyFile(path);
  if (!created) assertLedgerFile(path);
  let db: Database.Database;
  try {
    db = new Database(path, { fileMustExist: true });
  } catch (e) {
    if (created) removeCreated(path);
    throw ledgerFailure(e, path);
  }
  try {
    db.pragma(`busy_timeout = ${busyTimeoutMs()}`);
    db.pragma('foreign_keys = ON');
    const version = versionOf(db, path);
    if (version === 0 && !created) throw new UserError('not_a_ledger', msg.ledgerEmptyDatabase(path), msg.checkDbHint);
    // Looked for before anything is written: neither an import nor an upgrade goes into a damaged file.
    if (!created && (options.forWrite === true || version < SCHEMA_VERSION)) {
      const problems = checkProblems(db, 'quick_check', QUICK_CHECK_LIMIT);
      if (problems.length > 0) throw damagedLedger(path, problems);
    }
    const migration = migrate(db, path, !created, options.now ?? (() => new Date()));
    return new SqliteEngine(path, db, migration?.backupPath ?? null, migration?.from ?? null);
  } catch (e) {
    db.close();
    if (created) removeCreated(path);
    throw ledgerFailure(e, path);
  }
}

/** Brings the ledger to `SCHEMA_VERSION`; for an existing ledger, a copy is taken first. Null when nothing was migrated. */
function migrate(db: Database.Database, path: string, existed: boolean, now: () => Date): { from: number; backupPath: string } | null {
  if (versionOf(db, path) === SCHEMA_VERSION) return null;
  // The write lock is taken before the version is read again, the copy made and the schema
  // changed: no other command can write in between (so the copy is consistent), and a second
  // tco2e that opened the same old ledger at the same moment waits, then finds it migrated.
  db.exec('BEGIN IMMEDIATE');
  let backup: string | null = null;
  try {
    const version = versionOf(db, path);
    if (version === SCHEMA_VERSION) {
      db.exec('COMMIT');
      return null;
    }
    // A new (or empty) file has nothing worth keeping; anything else is copied before it changes.
    if (existed && version > 0) {
      const target = `${path}.v${version}-${now().toISOString().replace(/[:.]/g, '-')}.bak`;
      try {
        copyFileSync(path, target, constants.COPYFILE_EXCL); // never over an earlier copy
      } catch (e) {
        if ((e as { code?: unknown }).code !== 'EEXIST') rmSync(target, { force: true }); // a half-written copy is no backup
        throw e;
      }
      backup = target;
    }
    // Every step in one transaction: a ledger is at one schema version or the next, never between.
    for (const m of MIGRATIONS) {
      if (m.version <= version) continue;
      db.exec(m.sql);
      if (m.version === 1) db.prepare("INSERT INTO meta (key, value) VALUES ('app', 'tco2e'), ('schema_version', '1')").run();
      else db.prepare("UPDATE meta SET value = ? WHERE key = 'schema_version'").run(String(m.version));
    }
    db.exec('COMMIT');
    return backup === null ? null : { from: version, backupPath: backup };
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK');
    if (backup !== null) rmSync(backup, { force: true }); // the ledger is as it was, so its copy is not needed
    throw e;
  }
}

/** The schema version the ledger is at (0: a new, empty database); refuses what is not a ledger this version can open. */
function versionOf(db: Database.Database, path: string): number {
  const hasMeta = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get() !== undefined;
  const tables = (db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number }).n;
  if (!hasMeta && tables > 0) {
    throw new UserError('not_a_ledger', msg.ledgerOtherDatabase(path), msg.checkDbHint);
  }
  if (!hasMeta) return 0;
  const app = db.prepare("SELECT value FROM meta WHERE key = 'app'").get() as { value: string } | undefined;
  if (app?.value !== 'tco2e') throw new UserError('not_a_ledger', `${path} is not a tco2e ledger; it was left untouched.`, 'Check --db.');
  const version = Number((db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get() as { value: string }).value);
  if (version > SCHEMA_VERSION) {
    throw new UserError('ledger_too_new', `${path} was written by a newer version of tco2e (ledger schema ${version}; this version reads up to ${SCHEMA_VERSION}). It was left untouched.`, 'Upgrade tco2e to open it.');
  }
  return version;
}

export class SqliteEngine implements LedgerEngine {
  readonly kind = 'sqlite' as const;
  readonly sql: SqliteDb;

  constructor(
    readonly location: string,
    private readonly db: Database.Database,
    readonly backupPath: string | null,
    readonly migratedFrom: number | null,
  ) {
    this.sql = new SqliteDb(db);
  }

  get inTransaction(): boolean {
    return this.db.inTransaction;
  }

  /** BEGIN IMMEDIATE: the write lock now, so a second import waits (busy timeout) rather than interleaving. */
  beginWrite(): void {
    this.db.exec('BEGIN IMMEDIATE');
  }

  commit(): void {
    this.db.exec('COMMIT');
  }

  /** SQLite may have rolled back already (a full disk, an I/O error): a second ROLLBACK would throw and hide the error that explains what happened. */
  rollback(): void {
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
  }

  rows(query: RowsQuery, params: readonly SqlParam[]): Generator<unknown[]> {
    return readRows(this.db, this.location, query, params);
  }

  snapshot(key: SnapshotKey, params: readonly SqlParam[]): LedgerSnapshot {
    return new SqliteSnapshot(this.db, this.location, key, params);
  }

  sink(table: string, columns: readonly string[]): RowSink {
    return this.sql.sink(table, columns);
  }

  integrityProblems(limit: number): string[] {
    return checkProblems(this.db, 'integrity_check', limit);
  }

  failure(e: unknown): unknown {
    return ledgerFailure(e, this.location);
  }

  /**
   * Never: a file's ledger has no unique index on imports, and needs none. SQLite lets one writer
   * in at a time, and an import that streams looks for the same file inside its write transaction.
   */
  isDuplicateImport(): boolean {
    return false;
  }

  /** Whether a statement only reads and returns rows, as SQLite itself judges it. */
  isRead(sql: string): boolean {
    const stmt = this.sql.statement(sql);
    return stmt.reader && stmt.readonly;
  }

  /** A connection of its own to the same file (the ledger's has been checked and migrated). */
  connectAgain(): SqliteEngine {
    let db: Database.Database;
    try {
      db = new Database(this.location, { fileMustExist: true });
      db.pragma(`busy_timeout = ${busyTimeoutMs()}`);
      db.pragma('foreign_keys = ON');
    } catch (e) {
      throw ledgerFailure(e, this.location);
    }
    return new SqliteEngine(this.location, db, null, null);
  }

  close(): void {
    this.settle();
    this.db.close();
  }

  /**
   * A write the disk refused (full, or a file-size limit) can leave SQLite unable to finish its
   * rollback there and then: the database file keeps the pages the batch had added, and the
   * journal stays beside it, holding the disk's space until the next command plays the journal
   * back. A read on this connection plays it back now, so a refused import gives the space back
   * as it stops (measured: a 20 MB ledger and its journal back to the 164 KB it was). It never
   * waits (a journal another command holds is that command's business) and never fails the close:
   * whatever it cannot do, the next command that opens the ledger does.
   */
  private settle(): void {
    const journal = `${this.location}-journal`;
    const wal = `${this.location}-wal`;
    if (!this.db.open || this.db.inTransaction || !(existsSync(journal) || (statSync(wal, { throwIfNoEntry: false })?.size ?? 0) > 0)) return;
    try {
      this.db.pragma('busy_timeout = 0');
      this.db.pragma('schema_version'); // any read: it plays back a journal left hot
      if (existsSync(wal)) this.db.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // Busy or still failing: the journal stays for the next command to play back, as SQLite does.
    }
  }
}
