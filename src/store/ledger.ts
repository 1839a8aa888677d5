/**
 * The ledger: every import as a batch that lands whole or not at all, behind one interface with
 * two engines (see `engine.ts`). By default it is an embedded SQLite file on one machine
 * (`sqlite/engine.ts`); given a `postgres://` URL it is a PostgreSQL server that a whole
 * integrated care system shares (`pg/engine.ts`). The code above the store (imports, queries,
 * reports) sees the same ledger either way and gets the same figures.
 */

import { UserError } from '../kernel/errors.js';
import { faultPoint } from '../kernel/fault-point.js';
import type { LedgerEngine } from './engine.js';
import { SCHEMA_VERSION } from './schema.js';
import type { ActivityRecord, BatchRecord, FuelMonthRecord, FuelPurchase, HhDayRecord, NewBatch, Overlap, ProblemRecord, StoredActivity, Superseded, SurveyRecord, VehicleRecord } from './records.js';
import { parsePurchases, purchasesJson } from './purchases.js';
import { findOverlaps as findStoredOverlaps, restoreAfterUndo, supersede } from './supersede.js';
import type { LedgerSnapshot, RowsQuery, SnapshotKey, SqlParam } from './reads.js';
import type { RowSink, SqlDb } from './sql.js';
import { checkLedgerFile, INTEGRITY_CHECK_LIMIT, openSqlite, type LedgerCheck, type OpenOptions } from './sqlite/engine.js';
import { isServerUrl, openPostgres } from './pg/engine.js';

export { BUSY_TIMEOUT_MS, busyTimeoutMs, INTEGRITY_CHECK_LIMIT, type LedgerCheck, type OpenOptions } from './sqlite/engine.js';

/**
 * Checks a ledger for damage (see `checkLedgerFile`). A server checks its own pages as it reads
 * them, so a server's ledger is opened (which refuses what is not a ledger) and its tables counted.
 */
export function checkLedger(location: string): LedgerCheck {
  if (!isServerUrl(location)) return checkLedgerFile(location);
  const ledger = Ledger.open(location);
  try {
    const problems = ledger.integrityProblems();
    return { ledger: ledger.path, engine: 'postgres', sound: problems.length === 0, problems, schemaVersion: ledger.schemaVersion, currentSchemaVersion: SCHEMA_VERSION, sizeBytes: 0, pages: null, freePages: null, backups: [] };
  } finally {
    ledger.close();
  }
}

export class Ledger {
  private constructor(private readonly engine: LedgerEngine) {}

  /**
   * Opens the ledger at `location`: a file path (SQLite), or a `postgres://` / `postgresql://`
   * URL (a shared server). Checked, and migrated when older; see each engine for what that means.
   */
  static open(location: string, options: OpenOptions = {}): Ledger {
    return new Ledger(isServerUrl(location) ? openPostgres(location, options) : openSqlite(location, options));
  }

  /** Where the ledger is, as it may be shown: a file path, or a server URL without its password. */
  get path(): string {
    return this.engine.location;
  }

  get engineKind(): 'sqlite' | 'postgres' {
    return this.engine.kind;
  }

  /** Set when opening migrated an older ledger: where the copy taken first is. */
  get backupPath(): string | null {
    return this.engine.backupPath;
  }

  /** Set when opening migrated an older ledger: the schema version it had. */
  get migratedFrom(): number | null {
    return this.engine.migratedFrom;
  }

  get schemaVersion(): number {
    return Number(this.guard(() => (this.engine.sql.get("SELECT value FROM meta WHERE key = 'schema_version'") as { value: string } | undefined))!.value);
  }

  close(): void {
    this.engine.close();
  }

  /**
   * The engine's full check for damage (SQLite: every page, every index against its table): what
   * it found, at most `limit` problems, none when the ledger is sound. Slower than the quick check
   * opening does before a write (about three times: 0.4 to 1.1 s, median 0.6 s, for a 100 MB ledger).
   */
  integrityProblems(limit = INTEGRITY_CHECK_LIMIT): string[] {
    return this.guard(() => this.engine.integrityProblems(limit));
  }

  /** "ok" when the ledger is sound, else the first problem found (see `integrityProblems`). */
  integrityCheck(): string {
    return this.integrityProblems(1)[0] ?? 'ok';
  }

  /**
   * Runs a read-only query (the query modules' way in: aggregation, travel, targets). Statements
   * that would write are refused: SQLite says whether a statement writes; on a server, only a
   * SELECT (or WITH … SELECT) is taken, and the roles a member is given may only read there anyway.
   */
  select<T>(sql: string, params: readonly (string | number | null)[] = []): T[] {
    if (!this.guard(() => this.engine.isRead(sql))) throw new Error(`Ledger.select takes only a query that reads and returns rows: ${sql.slice(0, 60)}`);
    return this.guard(() => (this.engine.sql.all(sql, params) as T[]));
  }

  /** A large read a row at a time, as arrays of column values (see `snapshot.ts`). */
  rows(query: RowsQuery, params: readonly SqlParam[] = []): Generator<unknown[]> {
    return this.engine.rows(query, params);
  }

  /** A snapshot of some rows' ids, to read them a page at a time without holding the ledger (see `snapshot.ts`). */
  snapshot(key: SnapshotKey, params: readonly SqlParam[] = []): LedgerSnapshot {
    return this.guard(() => this.engine.snapshot(key, params));
  }

  /** A second connection to the same ledger (an area import writes through its own; see `area-store.ts`). */
  connectAgain(): LedgerEngine {
    return this.engine.connectAgain();
  }

  /** What a failure of this ledger's engine means to the person (see `LedgerEngine.failure`), or the error itself when it is a bug. */
  failure(e: unknown): unknown {
    return this.engine.failure(e);
  }

  /** Whether a failure is the database refusing a second active import of the same file (see `NewBatch.sha256`). */
  isDuplicateImport(e: unknown): boolean {
    return this.engine.isDuplicateImport(e);
  }

  /** Whether the organisation has an active batch of a file of exactly this size (a possible repeat). */
  hasActiveOfSize(org: string, sizeBytes: number): boolean {
    return this.guard(() => this.engine.sql.get("SELECT 1 FROM batches WHERE org = ? AND size_bytes = ? AND status = 'active' LIMIT 1", [org, sizeBytes]) !== undefined);
  }

  /** An active batch of the same file (by content) for the organisation, if any. */
  findActiveBySha(org: string, sha256: string): BatchRecord | undefined {
    return this.guard(() => (this.engine.sql.get("SELECT * FROM batches WHERE org = ? AND sha256 = ? AND status = 'active' ORDER BY id LIMIT 1", [org, sha256]) as BatchRecord | undefined));
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
      this.engine.beginWrite(batch.org);
    } catch (e) {
      this.engine.rollback();
      throw this.engine.failure(e);
    }
    try {
      const id = this.engine.sql.insertId(`INSERT INTO batches (kind, profile, org, file_name, sha256, size_bytes, rows_read, rows_accepted, rows_excluded, rows_rejected, period_start, period_end, imported_at, tool_version, policy, status, summary_json)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'importing', ?)`, batchValues(batch));
      return new LedgerBatchWriter(this.engine, id, batch);
    } catch (e) {
      this.engine.rollback();
      throw this.engine.failure(e);
    }
  }

  listBatches(): BatchRecord[] {
    return this.guard(() => (this.engine.sql.all('SELECT * FROM batches ORDER BY id') as BatchRecord[]));
  }

  getBatch(id: number): BatchRecord | undefined {
    return this.guard(() => (this.engine.sql.get('SELECT * FROM batches WHERE id = ?', [id]) as BatchRecord | undefined));
  }

  batchProblems(id: number): ProblemRecord[] {
    return this.guard(() => (this.engine.sql.all('SELECT severity, line, col AS "column", value, code, message FROM batch_problems WHERE batch_id = ? ORDER BY line, rowid', [id]) as ProblemRecord[]));
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
      by: (this.engine.sql.all(select('s.batch_id = ?'), [id]) as Superseded[]),
      of: (this.engine.sql.all(select('s.superseded_batch_id = ?').replace('SELECT ', 'SELECT s.batch_id AS supersededBy, '), [id]) as (Superseded & { supersededBy: number })[]),
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
      this.engine.beginWrite(batch.org);
      try {
        this.engine.sql.run("UPDATE batches SET status = 'undone', status_changed_at = ?, status_reason = ? WHERE id = ? AND status = 'active'", [change.at, change.reason ?? null, id]);
        restoreAfterUndo(this.engine.sql, id);
        faultPoint('undo-before-commit');
        this.engine.commit();
      } catch (e) {
        this.engine.rollback();
        throw e;
      }
    });
  }

  /**
   * Runs a read (or a small write) and turns the engine's failures into what they mean to the
   * person (the ledger busy past the timeout, damaged, the disk full, a server refusing): every
   * command that reads the ledger reports them the same way an import does.
   */
  private guard<T>(fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      throw this.engine.failure(e);
    }
  }

  /** The organisation's vehicle register: per registration, the row from the latest active import. */
  activeVehicles(org: string): Map<string, VehicleRecord> {
    const rows = this.guard(() => (this.engine.sql.all(`SELECT v.line, v.org, v.registration, v.vehicle_type AS vehicleType, v.size, v.fuel, v.site
      FROM vehicles v JOIN batches b ON b.id = v.batch_id WHERE b.status = 'active' AND v.org = ? ORDER BY v.batch_id, v.line`, [org]) as VehicleRecord[]));
    return new Map(rows.map((r) => [r.registration, r]));
  }

  /** A batch's activities as stored, in source order (main rows before their companions). */
  batchActivities(id: number): StoredActivity[] {
    return this.guard(() => (this.engine.sql.all(`SELECT line, site, meter, source, period_start AS periodStart, period_end AS periodEnd, quantity, unit, estimated, direction,
        apportioned_from AS apportionedFrom, factor_key AS factorKey, companion_of AS companionOf, factor_year AS factorYear, factor_edition AS factorEdition,
        factor_unit AS factorUnit, factor_kg_per_unit AS factorKgPerUnit, policy, kg_co2e AS kgCo2e, scope, scope_category AS scopeCategory
      FROM activities WHERE batch_id = ? ORDER BY line, period_start, id`, [id]) as StoredActivity[]));
  }

  /**
   * A batch's fuel-card purchases, one by one in source order, each with the month it is summed
   * in (the line its activities carry) and the import that brought it again, if one did.
   */
  batchFuelPurchases(id: number): StoredFuelPurchase[] {
    const months = this.guard(() => (this.engine.sql.all(
      `SELECT line, site, meter, month, source, factor_key AS factorKey, unit, purchases_json AS purchases, superseded_json AS superseded
      FROM fuel_months WHERE batch_id = ? ORDER BY line`, [id]) as { line: number; site: string | null; meter: string | null; month: string; source: string; factorKey: string; unit: string; purchases: string; superseded: string | null }[]));
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
    const n = (sql: string): number => this.guard(() => (this.engine.sql.get(sql, [id]) as { n: number } | undefined)!.n);
    return {
      activities: n('SELECT count(*) AS n FROM activities WHERE batch_id = ?'),
      fuelPurchases: n('SELECT coalesce(sum(purchases), 0) AS n FROM fuel_months WHERE batch_id = ?'),
      hhDays: n('SELECT count(*) AS n FROM hh_days WHERE batch_id = ?'),
      survey: n('SELECT count(*) AS n FROM survey_responses WHERE batch_id = ?'),
      vehicles: n('SELECT count(*) AS n FROM vehicles WHERE batch_id = ?'),
      problems: n('SELECT count(*) AS n FROM batch_problems WHERE batch_id = ?'),
    };
  }
}

/** A batch row's values in the order of the batches columns `openBatch` names. */
function batchValues(b: NewBatch): (string | number | null)[] {
  return [b.kind, b.profile, b.org, b.fileName, b.sha256, b.sizeBytes, b.rowsRead, b.rowsAccepted, b.rowsExcluded, b.rowsRejected, b.periodStart, b.periodEnd, b.importedAt, b.toolVersion, b.policy, b.summaryJson];
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
 * published declarations name no database client's type.
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

const ACTIVITY_COLUMNS = ['batch_id', 'line', 'org', 'site', 'meter', 'source', 'period_start', 'period_end', 'quantity', 'unit', 'estimated', 'direction', 'apportioned_from', 'factor_key', 'companion_of',
  'factor_year', 'factor_edition', 'factor_unit', 'factor_kg_per_unit', 'factor_custom', 'policy', 'kg_co2e', 'kg_co2', 'kg_ch4', 'kg_n2o', 'scope', 'scope_category', 'extra_json'];
const HH_COLUMNS = ['batch_id', 'line', 'org', 'site', 'meter', 'day', 'periods', 'kwh', 'estimated_periods', 'kwh_total', 'export_kwh_total'];
const FUEL_MONTH_COLUMNS = ['batch_id', 'line', 'org', 'site', 'meter', 'month', 'source', 'factor_key', 'unit', 'purchases', 'quantity_total', 'purchases_json'];
const SURVEY_COLUMNS = ['batch_id', 'line', 'org', 'wave', 'respondent', 'site', 'staff_group', 'main_mode', 'occupants', 'one_way_km', 'days_per_week', 'second_mode', 'extra_json',
  'respondent_type', 'journeys_per_visit', 'journeys_assumed'];
const VEHICLE_COLUMNS = ['batch_id', 'line', 'org', 'registration', 'vehicle_type', 'size', 'fuel', 'site'];
const PROBLEM_COLUMNS = ['batch_id', 'severity', 'line', 'col', 'value', 'code', 'message'];

/**
 * Rows go through one sink per table: SQLite inserts each at once (positional parameters; named
 * ones cost an object per row, and a year of half-hourly data for 300 meters is 110,000 rows, a
 * fuel-card year 200,000); PostgreSQL sends them by COPY in blocks. Every sink is flushed before
 * the batch's own rows are read back (overlaps, supersession) and before it commits.
 */
class LedgerBatchWriter implements BatchWriter {
  private open = true;
  private readonly sinks = new Map<string, RowSink>();

  constructor(
    private readonly engine: LedgerEngine,
    readonly id: number,
    private readonly batch: NewBatch,
  ) {}

  private sink(table: string, columns: readonly string[]): RowSink {
    let s = this.sinks.get(table);
    if (s === undefined) this.sinks.set(table, (s = this.engine.sink(table, columns)));
    return s;
  }

  private flush(): void {
    for (const s of this.sinks.values()) s.flush();
  }

  addActivity(a: ActivityRecord): void {
    this.sink('activities', ACTIVITY_COLUMNS).add([this.id, a.line, a.org, a.site, a.meter, a.source, a.periodStart, a.periodEnd, a.quantity, a.unit, a.estimated ? 1 : 0, a.direction, a.apportionedFrom,
      a.factorKey, a.companionOf, a.factorYear, a.factorEdition, a.factorUnit, a.factorKgPerUnit, a.factorCustom ? 1 : 0, a.policy, a.kgCo2e, a.kgCo2, a.kgCh4, a.kgN2o, a.scope, a.scopeCategory, a.extraJson]);
  }

  addHhDay(h: HhDayRecord): void {
    this.sink('hh_days', HH_COLUMNS).add([this.id, h.line, h.org, h.site, h.meter, h.day, h.periods, Buffer.from(Float64Array.from(h.kwh).buffer), h.estimatedPeriods, h.kwhTotal, h.exportKwhTotal]);
  }

  addFuelMonth(m: FuelMonthRecord): void {
    let total = 0;
    for (const p of m.purchases) total += p.quantity;
    this.sink('fuel_months', FUEL_MONTH_COLUMNS).add([this.id, m.line, m.org, m.site, m.meter, m.month, m.source, m.factorKey, m.unit, m.purchases.length, total, purchasesJson(m.purchases)]);
  }

  overlaps(limit = 50): Overlap[] {
    this.flush();
    return findStoredOverlaps(this.engine.sql, this.id, this.batch.kind, limit);
  }

  finish(update: Partial<NewBatch>, records: BatchRecords, options: { readonly replace?: boolean } = {}): { readonly batchId: number; readonly superseded: readonly Superseded[] } {
    if (!this.open) throw new Error('batch already finished or abandoned');
    faultPoint('in-transaction');
    const batchId = this.id;
    for (const a of records.activities ?? []) this.addActivity(a);
    for (const h of records.hhDays ?? []) this.addHhDay(h);
    // A staff response has none of the patient and visitor survey's answers: NULL, not 0 or false.
    for (const s of records.survey ?? []) {
      this.sink('survey_responses', SURVEY_COLUMNS).add([batchId, s.line, s.org, s.wave, s.respondent, s.site, s.staffGroup, s.mainMode, s.occupants, s.oneWayKm, s.daysPerWeek, s.secondMode, s.extraJson,
        s.respondentType ?? null, s.journeysPerVisit ?? null, s.journeysAssumed === undefined ? null : s.journeysAssumed ? 1 : 0]);
    }
    for (const v of records.vehicles ?? []) this.sink('vehicles', VEHICLE_COLUMNS).add([batchId, v.line, v.org, v.registration, v.vehicleType, v.size, v.fuel, v.site]);
    for (const p of records.problems ?? []) this.sink('batch_problems', PROBLEM_COLUMNS).add([batchId, p.severity, p.line, p.column, p.value, p.code, p.message]);
    this.flush();
    const superseded = options.replace === true ? supersede(this.engine.sql, batchId, this.batch.kind) : [];
    const b = { ...this.batch, ...update };
    this.engine.sql.run(`UPDATE batches SET sha256 = ?, rows_read = ?, rows_accepted = ?, rows_excluded = ?, rows_rejected = ?,
      period_start = ?, period_end = ?, summary_json = ?, status = 'active' WHERE id = ?`, [b.sha256, b.rowsRead, b.rowsAccepted, b.rowsExcluded, b.rowsRejected, b.periodStart, b.periodEnd, b.summaryJson, batchId]);
    faultPoint('before-commit');
    this.engine.commit();
    this.open = false;
    return { batchId, superseded };
  }

  /** Rolls everything back: the ledger is as it was before `openBatch`. */
  abandon(): void {
    if (!this.open) return;
    this.open = false;
    this.engine.rollback();
  }
}

/** The statement interface, for code that writes inside a ledger's transaction (supersession, area imports). */
export type { SqlDb };
