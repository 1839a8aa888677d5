/**
 * Importing an energy file: read → map (profile) → convert → store, as one batch that lands
 * whole or not at all. Re-importing the same file is a no-op that says so; a file overlapping
 * stored data (same meter, same dates) is refused unless `replace`, which supersedes the old
 * batches in the same transaction.
 */

import { basename } from 'node:path';
import type { FactorPolicy } from '../convert/policy.js';
import { policyName } from '../convert/policy.js';
import { UserError } from '../errors.js';
import type { FactorLibrary } from '../factors/library.js';
import { billMapper, type ActivityDraft } from '../map/energy-bill.js';
import { hhMapper, monthlyActivities, type HhDay } from '../map/half-hourly.js';
import { intervalMapper } from '../map/interval.js';
import { chooseProfile, type Profile } from '../map/profiles.js';
import { openCsv } from '../read/csv/index.js';
import type { Problem } from '../read/header-csv.js';
import { createDateParser } from '../read/values/date.js';
import type { Ledger } from '../store/ledger.js';
import type { HhDayRecord, Overlap, ProblemRecord } from '../store/records.js';
import type { OrganisationConfig } from '../workspace/config.js';
import { fileIdentity } from './file-identity.js';
import { summarise, type ImportSummary } from './summary.js';
import { convertDrafts } from './to-records.js';

export interface ImportRequest {
  readonly path: string;
  readonly org: OrganisationConfig;
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

/**
 * The profile's date format first; a date it does not recognise is tried against the
 * unambiguous shapes (ISO, named months) too, so a UK profile still reads `2024-04-01`. Slash
 * dates are only ever read by the format, so `03/04/2024` is never guessed.
 */
function dateParserFor(format: string | undefined): ReturnType<typeof createDateParser> {
  const auto = createDateParser();
  if (format === undefined) return auto;
  const byFormat = createDateParser({ format });
  return (text) => {
    const r = byFormat(text);
    if (r.ok || r.code !== 'unrecognised_date') return r;
    const a = auto(text);
    return a.ok ? a : r;
  };
}

export async function importEnergy(ledger: Ledger, req: ImportRequest): Promise<ImportSummary> {
  const fileName = basename(req.path);
  const { sha256, sizeBytes } = await fileIdentity(req.path);
  const existing = ledger.findActiveBySha(req.org.id, sha256);
  if (existing !== undefined) {
    return summarise({ status: 'already-imported', batchId: existing.id, fileName, sha256, profile: existing.profile, rowsRead: existing.rows_read, problems: [], warnings: [], records: [], excluded: 0 });
  }

  const energyProfiles = req.profiles.filter((p) => p.kind === 'energy');
  const named = req.profileId === undefined ? undefined : energyProfiles.find((p) => p.id === req.profileId);
  const expected = (named ? [named] : energyProfiles).flatMap((p) => Object.values(p.columns as Record<string, readonly string[] | undefined>).flatMap((v) => v ?? []));
  const csv = await openCsv(req.path, {
    ...(named?.delimiter ? { delimiter: named.delimiter } : {}),
    ...(named?.headerLine ? { headerLine: named.headerLine } : {}),
    expectedHeaders: expected,
  });
  const profile = chooseProfile(req.profiles, 'energy', csv.header, req.profileId, fileName);
  const ctx = {
    file: fileName,
    header: csv.header,
    decimal: profile.decimal,
    parseDate: dateParserFor(profile.dateFormat),
  };
  const meterSites = new Map(req.org.sites.flatMap((s) => s.meters.map((m) => [m, s.name] as const)));
  const meterSite = (m: string): string | undefined => meterSites.get(m);

  const rows: ActivityDraft[][] = [];
  const days: HhDay[] = [];
  const rejected: Problem[] = [];
  /** Cells of rejected rows, so the rejects file can be fixed and re-imported. */
  const rejectedCells = new Map<number, readonly string[]>();
  const billCells = new Map<number, readonly string[]>();
  const warnings: Problem[] = csv.warnings.map((w) => ({ file: fileName, line: w.line ?? 0, column: '', value: '', code: w.code, message: w.message }));
  let rowsRead = 0;

  if (profile.shape === 'bill') {
    const mapper = billMapper(profile, ctx, meterSite);
    for await (const batch of csv.batches()) {
      for (const row of batch) {
        const m = mapper.map(row.line, row.cells);
        if (m.problems.length > 0) {
          rejected.push(...m.problems);
          rejectedCells.set(row.line, row.cells);
        } else {
          rows.push(m.activities);
          billCells.set(row.line, row.cells); // bills are small; kept in case conversion rejects the row
        }
      }
      rowsRead += batch.length;
      req.onProgress?.(rowsRead);
    }
  } else if (profile.shape === 'half-hourly') {
    const mapper = hhMapper(profile, ctx, meterSite);
    if (mapper.periodColumns < 46) {
      throw new UserError('no_period_columns', `${fileName}: found ${mapper.periodColumns} half-hour columns labelled by ${profile.periodLabels}; a half-hourly file needs 48.`, 'Choose the profile whose period labels match the file (half-hourly-start, half-hourly-end or half-hourly-numbered).');
    }
    for await (const batch of csv.batches()) {
      for (const row of batch) {
        const m = mapper.map(row.line, row.cells);
        warnings.push(...m.warnings);
        if (m.problems.length > 0) {
          rejected.push(...m.problems);
          rejectedCells.set(row.line, row.cells);
        } else if (m.day) days.push(m.day);
      }
      rowsRead += batch.length;
      req.onProgress?.(rowsRead);
    }
    const seen = new Map<string, number>();
    for (const d of days) {
      const id = `${d.meter}|${d.day}`;
      const earlier = seen.get(id);
      if (earlier !== undefined) rejected.push({ file: fileName, line: d.line, column: '', value: d.day, code: 'duplicate_day', message: `meter ${d.meter} on ${d.day} is already on line ${earlier} of this file` });
      else seen.set(id, d.line);
    }
    if (rejected.some((p) => p.code === 'duplicate_day')) {
      const dupLines = new Set(rejected.filter((p) => p.code === 'duplicate_day').map((p) => p.line));
      days.splice(0, days.length, ...days.filter((d) => !dupLines.has(d.line)));
    }
    rows.push(...monthlyActivities(days));
  } else if (profile.shape === 'interval') {
    const mapper = intervalMapper(profile, ctx, meterSite);
    for await (const batch of csv.batches()) {
      for (const row of batch) {
        const problems = mapper.map(row.line, row.cells);
        if (problems.length > 0) {
          rejected.push(...problems);
          rejectedCells.set(row.line, row.cells);
        }
      }
      rowsRead += batch.length;
      req.onProgress?.(rowsRead);
    }
    const done = mapper.finish();
    rejected.push(...done.problems);
    days.push(...done.days);
    rows.push(...monthlyActivities(days));
  } else {
    throw new UserError('profile_not_supported', `Profile "${profile.id}" (${profile.shape}) cannot be imported as energy yet.`, 'Use a bill or half-hourly profile.');
  }

  if (rowsRead === 0) {
    throw new UserError('no_rows', `${fileName} has a header but no data rows; nothing was stored.`, 'Check that the export contains the period you meant to download.');
  }
  const converted = convertDrafts(req.library, rows, req.org.id, req.policy, fileName);
  rejected.push(...converted.problems);
  for (const p of converted.problems) {
    const cells = billCells.get(p.line);
    if (cells) rejectedCells.set(p.line, cells);
  }
  for (const [id, count] of converted.missingCompanions) {
    const [key, year] = id.split(' ');
    warnings.push({ file: fileName, line: 0, column: '', value: key!, code: 'companion_not_published', message: `the ${year} factor set does not publish ${key}; it was left out of ${count} activit${count === 1 ? 'y' : 'ies'} (not filled from another year)` });
  }
  const records = converted.records;
  const rejectedLines = new Set(rejected.map((p) => p.line));
  const base = { fileName, sha256, profile: profile.id, rowsRead, problems: rejected, warnings, records, excluded: 0, rejectedRows: rejectedLines.size, header: csv.header, rejectedCells };

  if (req.strict && rejected.length > 0) return summarise({ ...base, status: 'refused-strict' });

  const meterPeriods = new Map<string, { start: string; end: string }[]>();
  for (const r of records) {
    if (r.meter === null || r.companionOf !== null) continue;
    const list = meterPeriods.get(r.meter) ?? [];
    list.push({ start: r.periodStart, end: r.periodEnd });
    meterPeriods.set(r.meter, list);
  }
  const overlaps: Overlap[] = ledger.findOverlaps(req.org.id, meterPeriods);
  if (overlaps.length > 0 && !req.replace) return summarise({ ...base, status: 'refused-overlap', overlaps });
  if (req.dryRun) return summarise({ ...base, status: 'dry-run', overlaps });

  const summary = summarise({ ...base, status: 'stored', overlaps });
  const problemRecords: ProblemRecord[] = [
    ...rejected.map((p) => ({ ...p, severity: 'rejected' as const })),
    ...warnings.map((p) => ({ ...p, severity: 'warning' as const })),
  ];
  const hhRecords: HhDayRecord[] = days.map((d) => ({
    line: d.line, org: req.org.id, site: d.site, meter: d.meter, day: d.day, periods: d.kwh.length, kwh: d.kwh,
    estimatedPeriods: d.estimatedPeriods, kwhTotal: d.kwh.reduce((a, v) => a + Math.max(v, 0), 0), exportKwhTotal: d.kwh.reduce((a, v) => a + Math.max(-v, 0), 0),
  }));
  const batchId = ledger.writeBatch(
    {
      kind: 'energy', profile: profile.id, org: req.org.id, fileName, sha256, sizeBytes,
      rowsRead, rowsAccepted: summary.rows.accepted, rowsExcluded: summary.rows.excluded, rowsRejected: summary.rows.rejected,
      periodStart: summary.period?.start ?? null, periodEnd: summary.period?.end ?? null,
      importedAt: req.now.toISOString(), toolVersion: req.toolVersion, policy: policyName(req.policy),
      summaryJson: JSON.stringify({ totals: summary.totals, rejectReasons: summary.rejectReasons }),
    },
    { activities: records, hhDays: hhRecords, problems: problemRecords },
    req.replace ? [...new Set(overlaps.map((o) => o.batchId))] : [],
  );
  return { ...summary, batchId };
}
