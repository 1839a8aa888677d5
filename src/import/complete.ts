/**
 * The last phase of an import: convert what was read, check overlaps, and store the batch as one
 * transaction that lands whole, or refuse it (strict, unusable, overlapping) or only report it
 * (--dry-run), storing nothing.
 */

import { policyName } from '../convert/policy.js';
import { profilesFitting } from '../map/profiles.js';
import type { Ledger } from '../store/ledger.js';
import type { ActivityRecord, Overlap, ProblemRecord, Superseded } from '../store/records.js';
import { alreadyImported, type ReadFile } from './open.js';
import { importDay } from './plausible.js';
import { fillRejectedCells } from './read-rows.js';
import type { BatchKind, ImportRequest } from './request.js';
import { openWriter, type ImportSession } from './session.js';
import { RecordTotals, summarise, type ImportSummary } from './summary.js';
import { convertDrafts } from './to-records.js';

/** Converts, checks overlaps, and stores (or refuses, or only reports for --dry-run). */
export async function completeImport(ledger: Ledger, req: ImportRequest, opened: ReadFile, kind: BatchKind, session: ImportSession): Promise<ImportSummary> {
  try {
    return await convertAndStore(ledger, req, opened, kind, session);
  } catch (e) {
    session.abandon();
    throw ledger.failure(e);
  }
}

/** What converting an import's activities into the open batch gave. */
interface Converted {
  readonly totals: RecordTotals;
  readonly recordsWritten: number;
}

async function convertAndStore(ledger: Ledger, req: ImportRequest, opened: ReadFile, kind: BatchKind, session: ImportSession): Promise<ImportSummary> {
  const { fileName, profile, csv } = opened;
  const { sha256, sizeBytes } = opened.identity;
  // The hash taken while reading: a file of the same content stored meanwhile (by another
  // process; the size check ruled out the rest) makes this import a no-op after all.
  const repeat = alreadyImported(ledger, req, fileName, sha256);
  if (repeat !== undefined) {
    session.abandon();
    return repeat;
  }
  session.writer ??= openWriter(ledger, req, opened, kind);
  const converted = convertInto(session.writer, req, fileName, session);
  storeFuelMonths(session.writer, session, fileName);
  await fillRejectedCells(opened, session);
  const excludedLines = new Set(session.excluded.map((p) => p.line));
  const base = {
    kind, fileName, sha256, profile: profile.id, rowsRead: session.rowsRead, problems: session.rejected, warnings: session.warnings, totals: converted.totals,
    excluded: excludedLines.size, excludedProblems: session.excluded, rejectedRows: new Set(session.rejected.map((p) => p.line)).size,
    header: csv.header, rejectedCells: session.rejectedCells, surveyResponses: session.survey.length,
  };
  if (req.strict && session.rejected.length > 0) {
    session.abandon();
    return summarise({ ...base, status: 'refused-strict' });
  }
  // Not one row usable: the wrong profile, or a broken export. Stored, the empty batch would
  // make the same file "already imported" when it is tried again with the right profile. A
  // batch that would hold nothing at all beside its rejects is refused the same way, whatever
  // the row counts say. The profiles the header fits are named, as what to try instead.
  const nothingToStore = converted.recordsWritten === 0 && session.survey.length === 0 && session.vehicles.length === 0;
  if (base.rejectedRows > 0 && (session.rowsRead - base.rejectedRows - base.excluded <= 0 || nothingToStore)) {
    session.abandon();
    const otherProfiles = kind === 'energy' || kind === 'fleet' || kind === 'journeys' ? profilesFitting(req.profiles, kind, csv.header).map((p) => p.id).filter((id) => id !== profile.id) : [];
    return summarise({ ...base, status: 'refused-unusable', otherProfiles });
  }

  // Judged on what the batch holds by now, at the grain it was measured in (see store/supersede.ts).
  const overlaps: Overlap[] = session.writer.overlaps();
  if (overlaps.length > 0 && !req.replace) {
    session.abandon();
    return summarise({ ...base, status: 'refused-overlap', overlaps });
  }
  if (req.dryRun) {
    session.abandon();
    return summarise({ ...base, status: 'dry-run', overlaps });
  }
  const summary = summarise({ ...base, status: 'stored', overlaps });
  try {
    const { batchId, superseded } = storeBatch(req, opened, kind, session, summary, { sha256, sizeBytes });
    return { ...summary, batchId, superseded };
  } catch (e) {
    // Someone else stored the same file while this import read it (a shared ledger's unique
    // index refused the second): nothing of this one was stored, and the file is imported once.
    if (!ledger.isDuplicateImport(e)) throw e;
    session.abandon();
    const stored = alreadyImported(ledger, req, fileName, sha256);
    if (stored === undefined) throw e;
    return stored;
  }
}

/**
 * Converts the session's activities straight into the batch's open transaction; only their totals and, for metered energy, each meter's periods are
 * kept. Conversion problems join the rejected rows; factor-set gaps become warnings.
 */
function convertInto(writer: NonNullable<ImportSession['writer']>, req: ImportRequest, fileName: string, session: ImportSession): Converted {
  const totals = new RecordTotals();
  let recordsWritten = 0;
  const onRecord = (r: ActivityRecord): void => {
    writer.addActivity(r);
    recordsWritten++;
    totals.add(r);
  };
  const today = importDay(req.now);
  const converted = convertDrafts(req.library, session.rows, req.org.id, req.policy, fileName, today, onRecord);
  session.rows.length = 0; // converted: the drafts can go
  for (const p of converted.problems) session.rejected.push(p);
  for (const [id, count] of converted.missingCompanions) {
    const [key, year] = id.split(' ');
    session.warnings.push({ file: fileName, line: 0, column: '', value: key!, code: 'companion_not_published', message: `the ${year} factor set does not publish ${key}; it was left out of ${count} activit${count === 1 ? 'y' : 'ies'} (not filled from another year)` });
  }
  for (const [id, count] of converted.nearestSets) {
    const [requested, used] = id.split(' ');
    session.warnings.push({ file: fileName, line: 0, column: '', value: requested!, code: 'nearest_set', message: `tco2e has no ${requested} factor set; ${count} activit${count === 1 ? 'y' : 'ies'} of that year ${count === 1 ? 'was' : 'were'} converted with the ${used} set, the nearest published year (once a version of tco2e with the ${requested} set is installed, \`--policy financial-year\` recomputes them)` });
  }
  return { totals, recordsWritten };
}

/**
 * Stores the fuel-card purchases whose month converted (before overlaps are judged: they are
 * what a fleet import is matched on). A month that could not be converted (a key the year's set
 * lacks) was rejected on its first line; each of its purchases is rejected with the same reason.
 */
function storeFuelMonths(writer: NonNullable<ImportSession['writer']>, session: ImportSession, fileName: string): void {
  if (session.fuelMonths.length === 0) return;
  const failed = new Map(session.rejected.map((p, i) => [p.line, i] as const));
  for (const m of session.fuelMonths) {
    const at = failed.get(m.line);
    if (at === undefined) {
      writer.addFuelMonth(m);
      continue;
    }
    const problem = session.rejected[at]!;
    for (const x of m.purchases) {
      const own = { ...problem, file: fileName, line: x.line, value: `${x.quantity} ${m.unit}` };
      if (x.line === m.line) session.rejected[at] = own;
      else session.rejected.push(own);
    }
  }
}

/** Finishes the batch: its counts, problems, survey answers and vehicles, and (with --replace) what it supersedes. */
function storeBatch(req: ImportRequest, opened: ReadFile, kind: BatchKind, session: ImportSession, summary: ImportSummary, file: { sha256: string; sizeBytes: number }): { batchId: number; superseded: readonly Superseded[] } {
  const problemRecords: ProblemRecord[] = [
    ...session.rejected.map((p) => ({ ...p, severity: 'rejected' as const })),
    ...session.excluded.map((p) => ({ ...p, severity: 'excluded' as const })),
    ...session.warnings.map((p) => ({ ...p, severity: 'warning' as const })),
  ];
  const batch = {
    kind, profile: opened.profile.id, org: req.org.id, fileName: opened.fileName, sha256: file.sha256, sizeBytes: file.sizeBytes,
    rowsRead: session.rowsRead, rowsAccepted: summary.rows.accepted, rowsExcluded: summary.rows.excluded, rowsRejected: summary.rows.rejected,
    periodStart: summary.period?.start ?? null, periodEnd: summary.period?.end ?? null,
    importedAt: req.now.toISOString(), toolVersion: req.toolVersion, policy: policyName(req.policy),
    summaryJson: JSON.stringify({ totals: summary.totals, rejectReasons: summary.rejectReasons, excludedReasons: summary.excludedReasons }),
  };
  const rest = {
    survey: session.survey.map((s) => ({ ...s, org: req.org.id })),
    vehicles: session.vehicles.map((v) => ({ ...v, org: req.org.id })),
    problems: problemRecords,
  };
  return session.writer!.finish(batch, rest, { replace: req.replace === true });
}
