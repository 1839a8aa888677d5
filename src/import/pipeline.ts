/**
 * The steps every import shares: identify the file (SHA-256: the same file twice is a no-op),
 * open it and choose its profile, read its rows, convert, check overlaps, and store it as one
 * batch that lands whole or not at all (or, for --dry-run and refusals, not at all).
 */

import { basename } from 'node:path';
import type { FactorPolicy } from '../convert/policy.js';
import { policyName } from '../convert/policy.js';
import { UserError } from '../kernel/errors.js';
import type { FactorLibrary } from '../factors/library.js';
import type { ActivityDraft } from '../map/activity-draft.js';
import type { CellContext } from '../map/cells.js';
import { MonthlyTotals, type HhDay } from '../map/half-hourly.js';
import { chooseProfile, profilesFitting, type Profile } from '../map/profiles.js';
import { openCsv, type CsvFile } from '../read/csv/index.js';
import type { Problem } from '../kernel/problem.js';
import { createDateParser } from '../read/values/date.js';
import type { BatchWriter, Ledger } from '../store/ledger.js';
import { ledgerFailure } from '../store/sqlite-errors.js';
import type { ActivityRecord, HhDayRecord, Overlap, ProblemRecord, SurveyRecord, VehicleRecord } from '../store/records.js';
import type { OrganisationConfig } from '../workspace/config.js';
import { FileIdentity } from './file-identity.js';
import { RecordTotals, summarise, type ImportSummary } from './summary.js';
import { importDay, notYetBegun } from './plausible.js';
import { convertDrafts } from './to-records.js';

export type ImportKind = Profile['kind'];

/** What an import needs to know of the organisation: its id and which meters are at which site. */
export type ImportOrg = Pick<OrganisationConfig, 'id' | 'name' | 'kind' | 'sites'>;

export interface ImportRequest {
  readonly path: string;
  readonly org: ImportOrg;
  readonly profiles: readonly Profile[];
  readonly profileId?: string;
  readonly library: FactorLibrary;
  readonly policy: FactorPolicy;
  readonly dryRun?: boolean;
  readonly strict?: boolean;
  readonly replace?: boolean;
  readonly now: Date;
  readonly toolVersion: string;
  /** Called with rows read so far, for a progress bar. */
  readonly onProgress?: (rowsRead: number) => void;
}

export interface OpenedFile {
  readonly fileName: string;
  /** SHA-256 and size; the hash may still be pending, fed by the first full read (see `FileIdentity`). */
  readonly identity: FileIdentity;
  readonly csv: CsvFile;
  readonly profile: Profile;
  readonly ctx: CellContext;
  readonly meterSite: (meter: string) => string | undefined;
}

const TRAILING_TIME = /^(.*\S)[ T]+\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/**
 * The profile's date format first; a date it does not recognise is tried against the
 * unambiguous shapes (ISO, named months) too, so a UK profile still reads `2024-04-01`. Slash
 * dates are only ever read by the format, so `03/04/2024` is never guessed. A time stamped on a
 * date the format gives without one (card and billing systems do this) is set aside: the date
 * is what counts.
 */
export function dateParserFor(format: string | undefined, excelDates = false): ReturnType<typeof createDateParser> {
  const auto = createDateParser({ excelSerials: excelDates });
  if (format === undefined) return auto;
  const byFormat = createDateParser({ format, excelSerials: excelDates });
  return (text) => {
    const r = byFormat(text);
    if (r.ok || r.code !== 'unrecognised_date') return r;
    const a = auto(text);
    if (a.ok) return a;
    const m = TRAILING_TIME.exec(text.trim());
    const d = m ? byFormat(m[1]!) : undefined;
    return d?.ok ? d : r;
  };
}

/** Identifies and opens the file; an already-imported file comes back as its summary. */
export async function openForImport(ledger: Ledger, req: ImportRequest, kind: ImportKind): Promise<OpenedFile | ImportSummary> {
  const fileName = basename(req.path);
  const sizeBytes = await FileIdentity.size(req.path);
  // A repeat has the same size as a stored batch: only then is the file hashed before reading.
  const identity = ledger.hasActiveOfSize(req.org.id, sizeBytes) ? await FileIdentity.ofFile(req.path, sizeBytes) : FileIdentity.whileReading(sizeBytes, fileName);
  if (!identity.pending) {
    const existing = alreadyImported(ledger, req, fileName, identity.sha256);
    if (existing !== undefined) return existing;
  }
  const ofKind = req.profiles.filter((p) => p.kind === kind);
  const named = req.profileId === undefined ? undefined : ofKind.find((p) => p.id === req.profileId);
  const expected = (named ? [named] : ofKind).flatMap((p) => Object.values(p.columns as Record<string, readonly string[] | undefined>).flatMap((v) => v ?? []));
  const csv = await openCsv(req.path, {
    ...(named?.delimiter ? { delimiter: named.delimiter } : {}),
    ...(named?.headerLine ? { headerLine: named.headerLine } : {}),
    expectedHeaders: expected,
  });
  const profile = chooseProfile(req.profiles, kind, csv.header, req.profileId, fileName);
  const meterSites = new Map(req.org.sites.flatMap((s) => s.meters.map((m) => [m, s.name] as const)));
  return {
    fileName, identity, csv, profile,
    ctx: { file: fileName, header: csv.header, delimiter: csv.delimiter, decimal: profile.decimal, parseDate: dateParserFor(profile.dateFormat, profile.excelDates) },
    meterSite: (m) => meterSites.get(m),
  };
}

function alreadyImported(ledger: Ledger, req: ImportRequest, fileName: string, sha256: string): ImportSummary | undefined {
  const existing = ledger.findActiveBySha(req.org.id, sha256);
  if (existing === undefined) return undefined;
  return summarise({ status: 'already-imported', kind: existing.kind, batchId: existing.id, fileName, sha256, profile: existing.profile, rowsRead: existing.rows_read, problems: [], warnings: [], excluded: 0 });
}

/** The bytes of the first full read go to the file's hash when it is still pending. */
function hashTap(opened: OpenedFile): ((bytes: Uint8Array) => void) | undefined {
  return opened.identity.tap();
}

/** What reading a file produced, for `completeImport`. */
export class Collected {
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

  /**
   * Rows produced by a second read of the file, converted and stored as they come, for mappers
   * that must see the whole file before they can say what each row gives (refund netting) but
   * must not hold every row meanwhile. It may add problems to this collection as it goes.
   */
  lateRows?: () => AsyncIterable<ActivityDraft[][]>;

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
  streamDays(ledger: Ledger, req: ImportRequest, opened: OpenedFile, kind: ImportKind): void {
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
function openWriter(ledger: Ledger, req: ImportRequest, opened: OpenedFile, kind: ImportKind): BatchWriter {
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

/**
 * A NUL byte past the first 4 KB (where the file would have been called binary) marks a damaged
 * row: a cell with one inside looks right when printed but is not what it shows (a meter
 * `1200\u00001234567` matches no site), so the row is rejected, never stored.
 */
function rejectNul(opened: OpenedFile, line: number, cells: readonly string[], collected: Collected): boolean {
  const at = cells.findIndex((c) => c.includes('\0'));
  if (at < 0) return false;
  const column = opened.csv.header[at] ?? '';
  collected.reject(line, cells, [{ file: opened.fileName, line, column, value: cells[at]!.replaceAll('\0', '\\0'), code: 'nul_byte', message: 'the cell has a NUL byte (shown as \\0), which no text export has: the row is damaged; check it against the source' }]);
  return true;
}

/** Reads every row through `onRow`, counting rows and reporting progress. */
export async function readAllRows(opened: OpenedFile, req: ImportRequest, onRow: (line: number, cells: readonly string[]) => void, collected: Collected): Promise<void> {
  collected.warnings.push(...opened.csv.warnings.map((w) => ({ file: opened.fileName, line: w.line ?? 0, column: '', value: '', code: w.code, message: w.message })));
  for await (const batch of opened.csv.batches(hashTap(opened))) {
    for (const row of batch) if (!rejectNul(opened, row.line, row.cells, collected)) onRow(row.line, row.cells);
    collected.rowsRead += batch.length;
    req.onProgress?.(collected.rowsRead);
  }
  if (collected.rowsRead === 0) {
    throw new UserError('no_rows', `${opened.fileName} has a header but no data rows; nothing was stored.`, 'Check that the export contains the period you meant to download.');
  }
}

/**
 * The cells of rows rejected after reading (a refund with no purchase, a factor the year lacks),
 * read again from the file: cheaper than holding every accepted row's cells for the rare case.
 */
async function fillRejectedCells(opened: OpenedFile, c: Collected): Promise<void> {
  const missing = new Set(c.rejected.map((p) => p.line).filter((line) => line > 0 && !c.rejectedCells.has(line)));
  if (missing.size === 0) return;
  for await (const batch of opened.csv.batches()) {
    for (const row of batch) if (missing.has(row.line)) c.rejectedCells.set(row.line, row.cells);
  }
}

/**
 * Like `readAllRows`, for a mapper that can take quote-free text directly: `onText` gets such
 * text (and returns how many rows it held); anything quoted still comes row by row.
 */
export async function readAllPieces(
  opened: OpenedFile,
  req: ImportRequest,
  onRow: (line: number, cells: readonly string[]) => void,
  onText: (text: string, firstLine: number) => number,
  collected: Collected,
): Promise<void> {
  collected.warnings.push(...opened.csv.warnings.map((w) => ({ file: opened.fileName, line: w.line ?? 0, column: '', value: '', code: w.code, message: w.message })));
  for await (const piece of opened.csv.pieces(hashTap(opened))) {
    if (piece.kind === 'text') collected.rowsRead += onText(withoutNulRecords(opened, piece.text, piece.line, collected), piece.line);
    else {
      for (const row of piece.rows) if (!rejectNul(opened, row.line, row.cells, collected)) onRow(row.line, row.cells);
      collected.rowsRead += piece.rows.length;
    }
    req.onProgress?.(collected.rowsRead);
  }
  if (collected.rowsRead === 0) {
    throw new UserError('no_rows', `${opened.fileName} has a header but no data rows; nothing was stored.`, 'Check that the export contains the period you meant to download.');
  }
}

/**
 * Quote-free text with each record holding a NUL rejected (see `rejectNul`) and blanked, so the
 * records after it keep their line numbers; the blank records are skipped like any blank line.
 */
function withoutNulRecords(opened: OpenedFile, text: string, firstLine: number, collected: Collected): string {
  if (!text.includes('\0')) return text;
  const records = text.split('\n');
  for (let i = 0; i < records.length; i++) {
    if (!records[i]!.includes('\0')) continue;
    rejectNul(opened, firstLine + i, records[i]!.split(opened.csv.delimiter), collected);
    collected.rowsRead++;
    records[i] = '';
  }
  return records.join('\n');
}

/** Converts, checks overlaps, and stores (or refuses, or only reports for --dry-run). */
export async function completeImport(ledger: Ledger, req: ImportRequest, opened: OpenedFile, kind: ImportKind, c: Collected): Promise<ImportSummary> {
  try {
    return await convertAndStore(ledger, req, opened, kind, c);
  } catch (e) {
    c.abandon();
    throw ledgerFailure(e, ledger.path);
  }
}

async function convertAndStore(ledger: Ledger, req: ImportRequest, opened: OpenedFile, kind: ImportKind, c: Collected): Promise<ImportSummary> {
  const { fileName, profile, csv } = opened;
  const { sha256, sizeBytes } = opened.identity;
  // The hash taken while reading: a file of the same content stored meanwhile (by another
  // process; the size check ruled out the rest) makes this import a no-op after all.
  const repeat = alreadyImported(ledger, req, fileName, sha256);
  if (repeat !== undefined) {
    c.abandon();
    return repeat;
  }
  // Converted records go straight into the batch's open transaction; only their totals and, for
  // metered energy, each meter's periods (for the overlap check) are kept.
  c.writer ??= openWriter(ledger, req, opened, kind);
  const writer = c.writer;
  const totals = new RecordTotals();
  const meterPeriods = new Map<string, { start: string; end: string }[]>();
  let recordsWritten = 0;
  const onRecord = (r: ActivityRecord): void => {
    writer.addActivity(r);
    recordsWritten++;
    totals.add(r);
    // Overlaps are checked for metered energy; fleet and travel lines are identified by file.
    if (kind !== 'energy' || r.meter === null || r.companionOf !== null) return;
    let list = meterPeriods.get(r.meter);
    if (!list) meterPeriods.set(r.meter, (list = []));
    list.push({ start: r.periodStart, end: r.periodEnd });
  };
  const today = importDay(req.now);
  const converted = convertDrafts(req.library, c.rows, req.org.id, req.policy, fileName, today, onRecord);
  c.rows.length = 0; // converted: the drafts can go
  for (const p of converted.problems) c.rejected.push(p);
  if (c.lateRows) {
    for await (const rows of c.lateRows()) {
      const more = convertDrafts(req.library, rows, req.org.id, req.policy, fileName, today, onRecord);
      for (const p of more.problems) c.rejected.push(p);
      for (const [id, n] of more.missingCompanions) converted.missingCompanions.set(id, (converted.missingCompanions.get(id) ?? 0) + n);
      for (const [id, n] of more.nearestSets) converted.nearestSets.set(id, (converted.nearestSets.get(id) ?? 0) + n);
    }
  }
  await fillRejectedCells(opened, c);
  for (const [id, count] of converted.missingCompanions) {
    const [key, year] = id.split(' ');
    c.warnings.push({ file: fileName, line: 0, column: '', value: key!, code: 'companion_not_published', message: `the ${year} factor set does not publish ${key}; it was left out of ${count} activit${count === 1 ? 'y' : 'ies'} (not filled from another year)` });
  }
  for (const [id, count] of converted.nearestSets) {
    const [requested, used] = id.split(' ');
    c.warnings.push({ file: fileName, line: 0, column: '', value: requested!, code: 'nearest_set', message: `tco2e has no ${requested} factor set; ${count} activit${count === 1 ? 'y' : 'ies'} of that year ${count === 1 ? 'was' : 'were'} converted with the ${used} set, the nearest published year (once a version of tco2e with the ${requested} set is installed, \`--policy financial-year\` recomputes them)` });
  }
  const excludedLines = new Set(c.excluded.map((p) => p.line));
  const base = {
    kind, fileName, sha256, profile: profile.id, rowsRead: c.rowsRead, problems: c.rejected, warnings: c.warnings, totals,
    excluded: excludedLines.size, excludedProblems: c.excluded, rejectedRows: new Set(c.rejected.map((p) => p.line)).size,
    header: csv.header, rejectedCells: c.rejectedCells, surveyResponses: c.survey.length,
  };
  if (req.strict && c.rejected.length > 0) {
    c.abandon();
    return summarise({ ...base, status: 'refused-strict' });
  }
  // Not one row usable: the wrong profile, or a broken export. Stored, the empty batch would
  // make the same file "already imported" when it is tried again with the right profile. A
  // batch that would hold nothing at all beside its rejects is refused the same way, whatever
  // the row counts say. The profiles the header fits are named, as what to try instead.
  const nothingToStore = recordsWritten === 0 && c.survey.length === 0 && c.vehicles.length === 0;
  if (base.rejectedRows > 0 && (c.rowsRead - base.rejectedRows - base.excluded <= 0 || nothingToStore)) {
    c.abandon();
    const otherProfiles = profilesFitting(req.profiles, kind, csv.header).map((p) => p.id).filter((id) => id !== profile.id);
    return summarise({ ...base, status: 'refused-unusable', otherProfiles });
  }

  const overlaps: Overlap[] = ledger.findOverlaps(req.org.id, meterPeriods);
  if (overlaps.length > 0 && !req.replace) {
    c.abandon();
    return summarise({ ...base, status: 'refused-overlap', overlaps });
  }
  if (req.dryRun) {
    c.abandon();
    return summarise({ ...base, status: 'dry-run', overlaps });
  }

  const summary = summarise({ ...base, status: 'stored', overlaps });
  const problemRecords: ProblemRecord[] = [
    ...c.rejected.map((p) => ({ ...p, severity: 'rejected' as const })),
    ...c.excluded.map((p) => ({ ...p, severity: 'excluded' as const })),
    ...c.warnings.map((p) => ({ ...p, severity: 'warning' as const })),
  ];
  const batch = {
    kind, profile: profile.id, org: req.org.id, fileName, sha256, sizeBytes,
    rowsRead: c.rowsRead, rowsAccepted: summary.rows.accepted, rowsExcluded: summary.rows.excluded, rowsRejected: summary.rows.rejected,
    periodStart: summary.period?.start ?? null, periodEnd: summary.period?.end ?? null,
    importedAt: req.now.toISOString(), toolVersion: req.toolVersion, policy: policyName(req.policy),
    summaryJson: JSON.stringify({ totals: summary.totals, rejectReasons: summary.rejectReasons, excludedReasons: summary.excludedReasons }),
  };
  const rest = {
    survey: c.survey.map((s) => ({ ...s, org: req.org.id })),
    vehicles: c.vehicles.map((v) => ({ ...v, org: req.org.id })),
    problems: problemRecords,
  };
  const supersede = req.replace ? [...new Set(overlaps.map((o) => o.batchId))] : [];
  const batchId = writer.finish(batch, rest, supersede);
  return { ...summary, batchId };
}
