/**
 * The middle phase of an import: the session that collects what the rows give and holds the
 * batch's one write transaction open while the file is read.
 */

import { policyName } from '../convert/policy.js';
import type { Problem } from '../kernel/problem.js';
import type { ActivityDraft } from '../map/activity-draft.js';
import { MonthlyTotals, type HhDay } from '../map/half-hourly.js';
import type { BatchWriter, Ledger } from '../store/ledger.js';
import type { FuelMonthRecord, HhDayRecord, SurveyRecord, VehicleRecord } from '../store/records.js';
import type { ReadFile } from './open.js';
import { importDay, notYetBegun } from './plausible.js';
import type { BatchKind, ImportKind, ImportRequest } from './request.js';

/**
 * One import in progress: what reading the file produced so far (activities still to convert,
 * survey answers, vehicles, rejected and excluded rows, warnings) and, once opened, the batch's
 * write transaction, into which half-hourly days and converted records go as they come.
 */
export class ImportSession {
  rowsRead = 0;
  /** Activities per accepted row (a row may give several, e.g. a bill split by month). */
  readonly rows: ActivityDraft[][] = [];
  readonly survey: Omit<SurveyRecord, 'org'>[] = [];
  readonly vehicles: Omit<VehicleRecord, 'org'>[] = [];
  readonly rejected: Problem[] = [];
  readonly excluded: Problem[] = [];
  readonly warnings: Problem[] = [];
  /** Cells of rejected rows, so the rejects file can be fixed and re-imported. */
  readonly rejectedCells = new Map<number, readonly string[]>();

  /** Fuel-card purchases by vehicle, month and fuel; `rows` holds the activity summed from each. */
  readonly fuelMonths: FuelMonthRecord[] = [];

  /** Monthly sums of the half-hourly days, the unit emissions are computed in. */
  readonly monthly = new MonthlyTotals();
  /** Set while days are stored as they are read (see `streamDays`). */
  writer: BatchWriter | undefined;
  private org = '';
  private fileName = '';
  /** The import's date: a day after it is rejected (see `notYetBegun`). */
  private today = '';

  /** Records a rejected row; `cells` may be empty when the row is rejected after reading (they are read again). */
  reject(line: number, cells: readonly string[], problems: readonly Problem[]): void {
    for (const p of problems) this.rejected.push(p);
    if (cells.length > 0) this.rejectedCells.set(line, cells);
  }

  /**
   * Stores half-hourly days in the ledger as they are read, inside the batch's one transaction,
   * so memory stays flat however long the file; `completeImport` commits or rolls back.
   */
  streamDays(ledger: Ledger, req: ImportRequest, opened: ReadFile, kind: ImportKind): void {
    this.org = req.org.id;
    this.fileName = opened.fileName;
    this.today = importDay(req.now);
    this.writer = openWriter(ledger, req, opened, kind);
  }

  /** Stores one meter-day; `streamDays` must have opened the batch first. */
  addDay(d: HhDay): void {
    if (!this.writer) throw new Error('addDay before streamDays');
    if (d.day > this.today) {
      this.reject(d.line, [], [{ file: this.fileName, ...notYetBegun(d.line, d.day, this.today) }]);
      return;
    }
    this.monthly.add(d);
    this.writer.addHhDay(hhRecord(d, this.org));
  }

  /** Rolls back a streamed batch after a failure; a no-op otherwise. */
  abandon(): void {
    this.writer?.abandon();
  }
}

/** Opens the batch's transaction; its counts are filled in when it is finished. */
export function openWriter(ledger: Ledger, req: ImportRequest, opened: ReadFile, kind: BatchKind): BatchWriter {
  return ledger.openBatch({
    kind, profile: opened.profile.id, org: req.org.id, fileName: opened.fileName, sha256: opened.identity.pending ? '' : opened.identity.sha256, sizeBytes: opened.identity.sizeBytes,
    rowsRead: 0, rowsAccepted: 0, rowsExcluded: 0, rowsRejected: 0, periodStart: null, periodEnd: null,
    importedAt: req.now.toISOString(), toolVersion: req.toolVersion, policy: policyName(req.policy), summaryJson: '{}',
  });
}

function hhRecord(d: HhDay, org: string): HhDayRecord {
  let kwhTotal = 0;
  let exportKwhTotal = 0;
  for (const v of d.kwh) {
    if (v >= 0) kwhTotal += v;
    else exportKwhTotal -= v;
  }
  return { line: d.line, org, site: d.site, meter: d.meter, day: d.day, periods: d.kwh.length, kwh: d.kwh, estimatedPeriods: d.estimatedPeriods, kwhTotal, exportKwhTotal };
}

