/**
 * The ledger: an embedded SQLite database holding every import as a batch that lands whole or
 * not at all. Opening refuses anything that is not a tco2e ledger (an empty file included) and
 * never writes to it; only `create` makes a new one, and only where there is no file. An older
 * ledger is checked for damage, backed up, then migrated; a newer one is refused. A command that
 * writes has the ledger checked for damage first, and a damaged ledger is never written to.
 */

import { constants, copyFileSync, existsSync, openSync, readSync, closeSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { UserError } from '../kernel/errors.js';
import { faultPoint } from '../kernel/fault-point.js';
import { msg } from '../messages.js';
import { backupsOf, damagedLedger, ledgerFailure } from './sqlite-errors.js';
import { MIGRATIONS, SCHEMA_VERSION } from './schema.js';
import type { ActivityRecord, BatchRecord, FuelMonthRecord, FuelPurchase, HhDayRecord, NewBatch, Overlap, ProblemRecord, StoredActivity, Superseded, SurveyRecord, VehicleRecord } from './records.js';
import { parsePurchases, purchasesJson } from './purchases.js';
import { findOverlaps as findStoredOverlaps, restoreAfterUndo, supersede } from './supersede.js';
import type { LedgerSnapshot, RowsQuery, SnapshotKey, SqlParam } from './reads.js';
import { readRows, SqliteSnapshot } from './snapshot.js';

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
   * Create the ledger when there is no file at the path (only `tco2e init` does). A file that is
   * there already is never made into a ledger, not even an empty one.
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
  /** The copies upgrades took of the ledger, oldest first (see `Ledger.open`). */
  readonly backups: readonly string[];
}

/**
 * Checks a ledger for damage: SQLite's full integrity check, and what the ledger records of
 * itself. It neither creates, upgrades nor writes (bar playing back the journal a crash left,
 * which any command that reads the ledger does first). What is not a ledger at all is refused as
 * opening refuses it; a ledger too damaged to be read is reported, not refused.
 */
export function checkLedger(path: string): LedgerCheck {
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

export class Ledger {
  private constructor(
    readonly path: string,
    private readonly db: Database.Database,
    /** Set when opening migrated an older ledger: where the copy taken first is. */
    readonly backupPath: string | null,
    /** Set when opening migrated an older ledger: the schema version it had. */
    readonly migratedFrom: number | null,
  ) {}

  static open(path: string, options: OpenOptions = {}): Ledger {
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
      const version = Ledger.versionOf(db, path);
      if (version === 0 && !created) throw new UserError('not_a_ledger', msg.ledgerEmptyDatabase(path), msg.checkDbHint);
      // Looked for before anything is written: neither an import nor an upgrade goes into a damaged file.
      if (!created && (options.forWrite === true || version < SCHEMA_VERSION)) {
        const problems = checkProblems(db, 'quick_check', QUICK_CHECK_LIMIT);
        if (problems.length > 0) throw damagedLedger(path, problems);
      }
      const migration = Ledger.migrate(db, path, !created, options.now ?? (() => new Date()));
      return new Ledger(path, db, migration?.backupPath ?? null, migration?.from ?? null);
    } catch (e) {
      db.close();
      if (created) removeCreated(path);
      throw ledgerFailure(e, path);
    }
  }

  /** Brings the ledger to `SCHEMA_VERSION`; for an existing ledger, a copy is taken first. Null when nothing was migrated. */
  private static migrate(db: Database.Database, path: string, existed: boolean, now: () => Date): { from: number; backupPath: string } | null {
    if (Ledger.versionOf(db, path) === SCHEMA_VERSION) return null;
    // The write lock is taken before the version is read again, the copy made and the schema
    // changed: no other command can write in between (so the copy is consistent), and a second
    // tco2e that opened the same old ledger at the same moment waits, then finds it migrated.
    db.exec('BEGIN IMMEDIATE');
    let backup: string | null = null;
    try {
      const version = Ledger.versionOf(db, path);
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
  private static versionOf(db: Database.Database, path: string): number {
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

  get schemaVersion(): number {
    return Number((this.db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get() as { value: string }).value);
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
    const journal = `${this.path}-journal`;
    const wal = `${this.path}-wal`;
    if (this.db.inTransaction || !(existsSync(journal) || (statSync(wal, { throwIfNoEntry: false })?.size ?? 0) > 0)) return;
    try {
      this.db.pragma('busy_timeout = 0');
      this.db.pragma('schema_version'); // any read: it plays back a journal left hot
      if (existsSync(wal)) this.db.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // Busy or still failing: the journal stays for the next command to play back, as SQLite does.
    }
  }

  /**
   * SQLite's full integrity check (every page, every index against its table): what it found,
   * at most `limit` problems, none when the ledger is sound. Slower than the quick check opening
   * does before a write (about three times: 0.4 to 1.1 s, median 0.6 s, for a 100 MB ledger).
   */
  integrityProblems(limit = INTEGRITY_CHECK_LIMIT): string[] {
    return this.guard(() => checkProblems(this.db, 'integrity_check', limit));
  }

  /**
   * Runs a read-only query (the query modules' way in: aggregation, travel, targets). Statements
   * that would write are refused by SQLite itself, since the statement is checked for `readonly`.
   */
  select<T>(sql: string, params: readonly (string | number | null)[] = []): T[] {
    const stmt = this.db.prepare(sql);
    if (!stmt.reader) throw new Error(`Ledger.select needs a query that returns rows: ${sql.slice(0, 60)}`);
    if (!stmt.readonly) throw new Error(`Ledger.select refuses a statement that writes: ${sql.slice(0, 60)}`);
    return this.guard(() => stmt.all(...params) as T[]);
  }

  /** A large read a row at a time, as arrays of column values (see `snapshot.ts`). */
  rows(query: RowsQuery, params: readonly SqlParam[] = []): Generator<unknown[]> {
    return readRows(this.db, this.path, query, params);
  }

  /** A snapshot of some rows' ids, to read them a page at a time without holding the ledger (see `snapshot.ts`). */
  snapshot(key: SnapshotKey, params: readonly SqlParam[] = []): LedgerSnapshot {
    return new SqliteSnapshot(this.db, this.path, key, params);
  }

  /** Whether the organisation has an active batch of a file of exactly this size (a possible repeat). */
  hasActiveOfSize(org: string, sizeBytes: number): boolean {
    return this.guard(() => this.db.prepare("SELECT 1 FROM batches WHERE org = ? AND size_bytes = ? AND status = 'active' LIMIT 1").get(org, sizeBytes) !== undefined);
  }

  /** An active batch of the same file (by content) for the organisation, if any. */
  findActiveBySha(org: string, sha256: string): BatchRecord | undefined {
    return this.guard(() => this.db.prepare("SELECT * FROM batches WHERE org = ? AND sha256 = ? AND status = 'active' ORDER BY id LIMIT 1").get(org, sha256) as BatchRecord | undefined);
  }

  /**
   * Stores a batch in one transaction: the batch row, its records and problems, and (with
   * `supersede`) marks earlier batches superseded. Either all of it lands or none of it.
   */
  writeBatch(batch: NewBatch, records: BatchRecords, options: { readonly replace?: boolean } = {}): number {
    const writer = this.openBatch(batch);
    try {
      return writer.finish({}, records, options).batchId;
    } catch (e) {
      writer.abandon();
      throw e;
    }
  }

  /**
   * Starts a batch whose rows arrive while the file is still being read (half-hourly data is too
   * large to hold): one write transaction from here to `finish` or `abandon`. Until `finish` the
   * batch is 'importing', which no query counts; a crash rolls the whole transaction back.
   * A second import waits for the first (busy timeout) rather than interleaving.
   */
  openBatch(batch: NewBatch): BatchWriter {
    try {
      this.db.exec('BEGIN IMMEDIATE');
    } catch (e) {
      throw ledgerFailure(e, this.path);
    }
    try {
      const id = Number(this.db.prepare(`INSERT INTO batches (kind, profile, org, file_name, sha256, size_bytes, rows_read, rows_accepted, rows_excluded, rows_rejected, period_start, period_end, imported_at, tool_version, policy, status, summary_json)
        VALUES (@kind, @profile, @org, @fileName, @sha256, @sizeBytes, @rowsRead, @rowsAccepted, @rowsExcluded, @rowsRejected, @periodStart, @periodEnd, @importedAt, @toolVersion, @policy, 'importing', @summaryJson)`).run(batch).lastInsertRowid);
      return new SqliteBatchWriter(this.db, id, batch);
    } catch (e) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw ledgerFailure(e, this.path);
    }
  }

  listBatches(): BatchRecord[] {
    return this.guard(() => this.db.prepare('SELECT * FROM batches ORDER BY id').all() as BatchRecord[]);
  }

  getBatch(id: number): BatchRecord | undefined {
    return this.guard(() => this.db.prepare('SELECT * FROM batches WHERE id = ?').get(id) as BatchRecord | undefined);
  }

  batchProblems(id: number): ProblemRecord[] {
    return this.guard(() => this.db.prepare('SELECT severity, line, col AS "column", value, code, message FROM batch_problems WHERE batch_id = ? ORDER BY line, rowid').all(id) as ProblemRecord[]);
  }

  /**
   * The supersessions an import took part in: what it superseded of earlier imports (`by` = this
   * import) and what later imports superseded of it (`of` = this import), with quantities.
   */
  batchSupersessions(id: number): { readonly by: Superseded[]; readonly of: (Superseded & { readonly supersededBy: number })[] } {
    const select = (where: string) => `SELECT s.superseded_batch_id AS batchId, b.file_name AS fileName, s.meter, s.unit, s.period_start AS start, s.period_end AS "end",
        s.rows, s.quantity_before AS quantityBefore, s.quantity_after AS quantityAfter
      FROM supersessions s JOIN batches b ON b.id = s.superseded_batch_id WHERE ${where} ORDER BY s.meter, s.period_start, s.rowid`;
    return this.guard(() => ({
      by: this.db.prepare(select('s.batch_id = ?')).all(id) as Superseded[],
      of: this.db.prepare(select('s.superseded_batch_id = ?').replace('SELECT ', 'SELECT s.batch_id AS supersededBy, ')).all(id) as (Superseded & { supersededBy: number })[],
    }));
  }

  /**
   * Marks a batch undone: its rows stay for the history but no longer count. When (`at`, an ISO
   * instant from the caller's clock) and why are kept for the audit trail.
   */
  undoBatch(id: number, change: { readonly at: string; readonly reason?: string | undefined }): void {
    this.guard(() => {
      const batch = this.getBatch(id);
      if (batch === undefined) throw new UserError('no_batch', `There is no import ${id}.`, 'Run `tco2e imports list` to see the imports.');
      if (batch.status !== 'active') throw new UserError('batch_not_active', `Import ${id} is already ${batch.status}.`, 'Only an active import can be undone.');
      this.db.transaction(() => {
        this.db.prepare("UPDATE batches SET status = 'undone', status_changed_at = ?, status_reason = ? WHERE id = ? AND status = 'active'").run(change.at, change.reason ?? null, id);
        restoreAfterUndo(this.db, id);
        faultPoint('undo-before-commit');
      }).immediate();
    });
  }

  /**
   * Runs a read (or a small write) and turns SQLite's failures into what they mean to the person
   * (the ledger busy past the timeout, damaged, the disk full): every command that reads the
   * ledger reports them the same way an import does.
   */
  private guard<T>(fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      throw ledgerFailure(e, this.path);
    }
  }

  /** The organisation's vehicle register: per registration, the row from the latest active import. */
  activeVehicles(org: string): Map<string, VehicleRecord> {
    const rows = this.guard(() => this.db.prepare(`SELECT v.line, v.org, v.registration, v.vehicle_type AS vehicleType, v.size, v.fuel, v.site
      FROM vehicles v JOIN batches b ON b.id = v.batch_id WHERE b.status = 'active' AND v.org = ? ORDER BY v.batch_id, v.line`).all(org) as VehicleRecord[]);
    return new Map(rows.map((r) => [r.registration, r]));
  }

  /** A batch's activities as stored, in source order (main rows before their companions). */
  batchActivities(id: number): StoredActivity[] {
    return this.guard(() => this.db.prepare(`SELECT line, site, meter, source, period_start AS periodStart, period_end AS periodEnd, quantity, unit, estimated, direction,
        apportioned_from AS apportionedFrom, factor_key AS factorKey, companion_of AS companionOf, factor_year AS factorYear, factor_edition AS factorEdition,
        factor_unit AS factorUnit, factor_kg_per_unit AS factorKgPerUnit, policy, kg_co2e AS kgCo2e, scope, scope_category AS scopeCategory
      FROM activities WHERE batch_id = ? ORDER BY line, period_start, id`).all(id) as StoredActivity[]);
  }

  /**
   * A batch's fuel-card purchases, one by one in source order, each with the month it is summed
   * in (the line its activities carry) and the import that brought it again, if one did.
   */
  batchFuelPurchases(id: number): StoredFuelPurchase[] {
    const months = this.guard(() => this.db.prepare(`SELECT line, site, meter, month, source, factor_key AS factorKey, unit, purchases_json AS purchases, superseded_json AS superseded
      FROM fuel_months WHERE batch_id = ? ORDER BY line`).all(id) as { line: number; site: string | null; meter: string | null; month: string; source: string; factorKey: string; unit: string; purchases: string; superseded: string | null }[]);
    const out: StoredFuelPurchase[] = [];
    for (const m of months) {
      const superseded = m.superseded === null ? {} : (JSON.parse(m.superseded) as Record<string, number>);
      for (const p of parsePurchases(m.purchases)) {
        out.push({ ...p, monthLine: m.line, site: m.site, meter: m.meter, source: m.source, factorKey: m.factorKey, unit: m.unit, supersededBy: superseded[String(p.line)] ?? null });
      }
    }
    return out.sort((a, b) => a.line - b.line);
  }

  /** Counts of stored rows per table for a batch (for summaries and tests). */
  batchCounts(id: number): { activities: number; hhDays: number; fuelPurchases: number; survey: number; vehicles: number; problems: number } {
    const n = (sql: string): number => this.guard(() => (this.db.prepare(sql).get(id) as { n: number }).n);
    return {
      activities: n('SELECT count(*) AS n FROM activities WHERE batch_id = ?'),
      fuelPurchases: n('SELECT coalesce(sum(purchases), 0) AS n FROM fuel_months WHERE batch_id = ?'),
      hhDays: n('SELECT count(*) AS n FROM hh_days WHERE batch_id = ?'),
      survey: n('SELECT count(*) AS n FROM survey_responses WHERE batch_id = ?'),
      vehicles: n('SELECT count(*) AS n FROM vehicles WHERE batch_id = ?'),
      problems: n('SELECT count(*) AS n FROM batch_problems WHERE batch_id = ?'),
    };
  }

  /** The first line of SQLite's integrity check: "ok" when the ledger is sound (see `integrityProblems`). */
  integrityCheck(): string {
    return (this.db.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check;
  }
}

/** Problems a statement at a time, 50 rows each: a fuel-card file's 50,000 non-fuel lines went in 35% faster than one by one (measured). */
const PROBLEM_ROWS = 50;

function insertProblems(db: Database.Database, batchId: number, problems: Iterable<ProblemRecord>): void {
  const sql = (n: number): string => `INSERT INTO batch_problems (batch_id, severity, line, col, value, code, message) VALUES ${Array.from({ length: n }, () => '(?, ?, ?, ?, ?, ?, ?)').join(', ')}`;
  const many = db.prepare(sql(PROBLEM_ROWS));
  const one = db.prepare(sql(1));
  const args: (string | number)[] = [];
  let rows = 0;
  for (const p of problems) {
    args.push(batchId, p.severity, p.line, p.column, p.value, p.code, p.message);
    if (++rows === PROBLEM_ROWS) {
      many.run(args);
      args.length = 0;
      rows = 0;
    }
  }
  for (let i = 0; i < args.length; i += 7) one.run(args.slice(i, i + 7));
}

/** A fuel-card purchase as read back (see `Ledger.batchFuelPurchases`). */
export interface StoredFuelPurchase extends FuelPurchase {
  /** The line of the month's activities: its first purchase's. */
  readonly monthLine: number;
  readonly site: string | null;
  readonly meter: string | null;
  readonly source: string;
  readonly factorKey: string;
  readonly unit: string;
  readonly supersededBy: number | null;
}

export interface BatchRecords {
  readonly activities?: Iterable<ActivityRecord>;
  readonly hhDays?: Iterable<HhDayRecord>;
  readonly survey?: Iterable<SurveyRecord>;
  readonly vehicles?: Iterable<VehicleRecord>;
  readonly problems?: Iterable<ProblemRecord>;
}

/**
 * A batch being written inside an open transaction (see `Ledger.openBatch`). An interface, so the
 * published declarations name no better-sqlite3 type (its types are a devDependency).
 */
export interface BatchWriter {
  readonly id: number;
  addActivity(a: ActivityRecord): void;
  addHhDay(h: HhDayRecord): void;
  /** A vehicle's purchases of one fuel in one month; its activities are added beside it (`addActivity`). */
  addFuelMonth(m: FuelMonthRecord): void;
  /**
   * What this batch brings again of the data stored and counting (by meter-day, meter and
   * period, or transaction; see `supersede.ts`), one example per meter.
   */
  overlaps(limit?: number): Overlap[];
  /**
   * Adds the remaining records, completes the batch row, and commits; with `replace`, first
   * supersedes exactly what the batch brings again and returns it.
   */
  finish(update: Partial<NewBatch>, records: BatchRecords, options?: { readonly replace?: boolean }): { readonly batchId: number; readonly superseded: readonly Superseded[] };
  /** Rolls everything back: the ledger is as it was before `openBatch`. */
  abandon(): void;
}

class SqliteBatchWriter implements BatchWriter {
  private open = true;
  // Positional parameters: named ones cost an object per row, and a year of half-hourly data for
  // 300 meters is 110,000 rows, a fuel-card year 200,000.
  private readonly insertHh: Database.Statement;
  private readonly insertActivity: Database.Statement;
  private readonly insertFuelMonth: Database.Statement;

  constructor(
    private readonly db: Database.Database,
    readonly id: number,
    private readonly batch: NewBatch,
  ) {
    this.insertHh = db.prepare('INSERT INTO hh_days (batch_id, line, org, site, meter, day, periods, kwh, estimated_periods, kwh_total, export_kwh_total) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    this.insertActivity = db.prepare(`INSERT INTO activities (batch_id, line, org, site, meter, source, period_start, period_end, quantity, unit, estimated, direction, apportioned_from, factor_key, companion_of, factor_year, factor_edition, factor_unit, factor_kg_per_unit, factor_custom, policy, kg_co2e, kg_co2, kg_ch4, kg_n2o, scope, scope_category, extra_json)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.insertFuelMonth = db.prepare(`INSERT INTO fuel_months (batch_id, line, org, site, meter, month, source, factor_key, unit, purchases, quantity_total, purchases_json)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  }

  addActivity(a: ActivityRecord): void {
    this.insertActivity.run(this.id, a.line, a.org, a.site, a.meter, a.source, a.periodStart, a.periodEnd, a.quantity, a.unit, a.estimated ? 1 : 0, a.direction, a.apportionedFrom,
      a.factorKey, a.companionOf, a.factorYear, a.factorEdition, a.factorUnit, a.factorKgPerUnit, a.factorCustom ? 1 : 0, a.policy, a.kgCo2e, a.kgCo2, a.kgCh4, a.kgN2o, a.scope, a.scopeCategory, a.extraJson);
  }

  addHhDay(h: HhDayRecord): void {
    this.insertHh.run(this.id, h.line, h.org, h.site, h.meter, h.day, h.periods, Buffer.from(Float64Array.from(h.kwh).buffer), h.estimatedPeriods, h.kwhTotal, h.exportKwhTotal);
  }

  addFuelMonth(m: FuelMonthRecord): void {
    let total = 0;
    for (const p of m.purchases) total += p.quantity;
    this.insertFuelMonth.run(this.id, m.line, m.org, m.site, m.meter, m.month, m.source, m.factorKey, m.unit, m.purchases.length, total, purchasesJson(m.purchases));
  }

  overlaps(limit = 50): Overlap[] {
    return findStoredOverlaps(this.db, this.id, this.batch.kind, limit);
  }

  finish(update: Partial<NewBatch>, records: BatchRecords, options: { readonly replace?: boolean } = {}): { readonly batchId: number; readonly superseded: readonly Superseded[] } {
    if (!this.open) throw new Error('batch already finished or abandoned');
    faultPoint('in-transaction');
    const db = this.db;
    const batchId = this.id;
    const insertSurvey = db.prepare(`INSERT INTO survey_responses (batch_id, line, org, wave, respondent, site, staff_group, main_mode, occupants, one_way_km, days_per_week, second_mode, extra_json,
        respondent_type, journeys_per_visit, journeys_assumed)
      VALUES (@batchId, @line, @org, @wave, @respondent, @site, @staffGroup, @mainMode, @occupants, @oneWayKm, @daysPerWeek, @secondMode, @extraJson,
        @respondentType, @journeysPerVisit, @journeysAssumed)`);
    const insertVehicle = db.prepare('INSERT INTO vehicles (batch_id, line, org, registration, vehicle_type, size, fuel, site) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    for (const a of records.activities ?? []) this.addActivity(a);
    for (const h of records.hhDays ?? []) this.addHhDay(h);
    // A staff response has none of the patient and visitor survey's answers: NULL, not 0 or false.
    for (const s of records.survey ?? []) {
      insertSurvey.run({ ...s, batchId, respondentType: s.respondentType ?? null, journeysPerVisit: s.journeysPerVisit ?? null, journeysAssumed: s.journeysAssumed === undefined ? null : s.journeysAssumed ? 1 : 0 });
    }
    for (const v of records.vehicles ?? []) insertVehicle.run(batchId, v.line, v.org, v.registration, v.vehicleType, v.size, v.fuel, v.site);
    insertProblems(db, batchId, records.problems ?? []);
    const superseded = options.replace === true ? supersede(db, batchId, this.batch.kind) : [];
    const b = { ...this.batch, ...update };
    db.prepare(`UPDATE batches SET sha256 = @sha256, rows_read = @rowsRead, rows_accepted = @rowsAccepted, rows_excluded = @rowsExcluded, rows_rejected = @rowsRejected,
      period_start = @periodStart, period_end = @periodEnd, summary_json = @summaryJson, status = 'active' WHERE id = @id`).run({ ...b, id: batchId });
    faultPoint('before-commit');
    db.exec('COMMIT');
    this.open = false;
    return { batchId, superseded };
  }

  /** Rolls everything back: the ledger is as it was before `openBatch`. */
  abandon(): void {
    if (!this.open) return;
    this.open = false;
    // SQLite may have rolled back already (a full disk, an I/O error): a second ROLLBACK would
    // throw and hide the error that explains what happened.
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
  }
}
