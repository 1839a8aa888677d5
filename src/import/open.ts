/**
 * The first phase of an import: identify the file (SHA-256: the same file twice is a no-op),
 * open it as CSV and choose its profile.
 */

import { basename } from 'node:path';
import { UserError } from '../kernel/errors.js';
import type { Problem } from '../kernel/problem.js';
import { msg } from '../messages.js';
import type { CellContext } from '../map/cells.js';
import { chooseEnergyLayout, type EnergyLayout } from '../map/energy-layout.js';
import { joinDateTime } from '../map/interval.js';
import { chooseProfile, type Profile } from '../map/profiles.js';
import { openCsv, type CsvFile } from '../read/csv/index.js';
import { sampleRows } from '../read/csv/sample.js';
import { createDateParser } from '../read/values/date.js';
import { dateFormatFromValues } from '../read/values/date-format.js';
import type { Ledger } from '../store/ledger.js';
import { assertInputFile, FileIdentity } from './file-identity.js';
import type { ImportKind, ImportRequest } from './request.js';
import { summarise, type ImportSummary } from './summary.js';

export interface OpenedFile {
  readonly fileName: string;
  /** SHA-256 and size; the hash may still be pending, fed by the first full read (see `FileIdentity`). */
  readonly identity: FileIdentity;
  readonly csv: CsvFile;
  readonly profile: Profile;
  readonly ctx: CellContext;
  readonly meterSite: (meter: string) => string | undefined;
  /** Meter data (half-hourly, interval): how its columns, fuel and reactive rows are read. */
  readonly energy?: EnergyLayout;
  /** What opening noticed and settled for the person to check (a format read from the values…). */
  readonly notes?: readonly Problem[];
}

/** What the reading and storing phases need of an opened file, whichever way it was opened. */
export type ReadFile = Pick<OpenedFile, 'fileName' | 'identity' | 'csv'> & { readonly profile: Pick<Profile, 'id'> };

/** What an import may say about a file beyond its profile. */
export interface OpenOptions {
  /** The meter of a file without a meter column (`--meter`). */
  readonly meter?: string;
}

/** Data rows read to let the values settle what the header leaves open: a few days of readings. */
const SAMPLE_ROWS = 200;

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

/**
 * The file to import, checked and identified (its size, and its SHA-256 now or while it is read);
 * a file the organisation already imported comes back as that import's summary.
 */
export async function identifyForImport(ledger: Ledger, req: ImportRequest): Promise<{ readonly fileName: string; readonly identity: FileIdentity } | ImportSummary> {
  const fileName = basename(req.path);
  assertInputFile(req.path, 'file to import');
  const sizeBytes = await FileIdentity.size(req.path);
  // A repeat has the same size as a stored batch: only then is the file hashed before reading.
  const identity = ledger.hasActiveOfSize(req.org.id, sizeBytes) ? await FileIdentity.ofFile(req.path, sizeBytes) : FileIdentity.whileReading(sizeBytes, fileName);
  if (!identity.pending) {
    const existing = alreadyImported(ledger, req, fileName, identity.sha256);
    if (existing !== undefined) return existing;
  }
  return { fileName, identity };
}

/** Identifies and opens the file; an already-imported file comes back as its summary. */
export async function openForImport(ledger: Ledger, req: ImportRequest, kind: ImportKind, options: OpenOptions = {}): Promise<OpenedFile | ImportSummary> {
  const file = await identifyForImport(ledger, req);
  if ('status' in file) return file;
  const { fileName, identity } = file;
  const ofKind = req.profiles.filter((p) => p.kind === kind);
  const named = req.profileId === undefined ? undefined : ofKind.find((p) => p.id === req.profileId);
  const expected = (named ? [named] : ofKind).flatMap((p) => Object.values(p.columns as Record<string, readonly string[] | undefined>).flatMap((v) => v ?? []));
  const csv = await openCsv(req.path, {
    ...(named?.delimiter ? { delimiter: named.delimiter } : {}),
    ...(named?.headerLine ? { headerLine: named.headerLine } : {}),
    expectedHeaders: expected,
  });
  const meterSites = new Map(req.org.sites.flatMap((s) => s.meters.map((m) => [m, s.name] as const)));
  if (kind !== 'energy') {
    const profile = chooseProfile(req.profiles, kind, csv.header, req.profileId, fileName);
    return {
      fileName, identity, csv, profile,
      ctx: { file: fileName, header: csv.header, delimiter: csv.delimiter, decimal: profile.decimal, parseDate: dateParserFor(profile.dateFormat, profile.excelDates) },
      meterSite: (m) => meterSites.get(m),
    };
  }
  const sample = (await sampleRows(csv, SAMPLE_ROWS)).map((r) => r.cells);
  const { profile, layout } = chooseEnergyLayout({ profiles: req.profiles, header: csv.header, sample, named: req.profileId, file: fileName, meter: options.meter });
  const dates = layout === undefined ? { parseDate: dateParserFor(profile.dateFormat, profile.excelDates), notes: [] } : meterDates(profile, layout, csv.header, sample, fileName);
  return {
    fileName, identity, csv, profile,
    ctx: { file: fileName, header: csv.header, delimiter: csv.delimiter, decimal: profile.decimal, parseDate: dates.parseDate },
    meterSite: (m) => meterSites.get(m),
    ...(layout === undefined ? {} : { energy: layout, notes: [...layout.notes, ...dates.notes] }),
  };
}

/**
 * How meter data's dates are read: the profile's format (and the shapes read without one) where
 * they read every sampled value, else the format the values show. Dates that read two ways, with
 * nothing in the file to settle which, stop the import.
 */
function meterDates(profile: Profile, layout: EnergyLayout, header: readonly string[], sample: readonly (readonly string[])[], file: string): { parseDate: CellContext['parseDate']; notes: Problem[] } {
  const base = dateParserFor(profile.dateFormat, profile.excelDates);
  const { timestamp, date, time } = layout.columns;
  const column = timestamp ?? date;
  if (column === undefined) return { parseDate: base, notes: [] };
  // A date and a time in columns of their own are read joined, as the interval reader joins them.
  const split = profile.shape === 'interval' && timestamp === undefined && time !== undefined;
  const values = sample.map((cells) => (split ? joinDateTime(cells[column] ?? '', cells[time] ?? '') : (cells[column] ?? '')));
  const seen = dateFormatFromValues(values, base, profile.dateFormat);
  const name = header[column] ?? '';
  if (seen.kind === 'ambiguous') throw new UserError('ambiguous_dates', msg.meterDatesTwoReadings(file, name, seen.example, seen.formats, seen.readings), msg.datesAmbiguousHint(seen.formats));
  if (seen.kind !== 'format') return { parseDate: base, notes: [] };
  const byValues = createDateParser({ format: seen.format, excelSerials: profile.excelDates });
  return {
    parseDate: (text) => {
      const r = byValues(text);
      if (r.ok) return r;
      const b = base(text);
      return b.ok ? b : r;
    },
    notes: [{ file, line: 0, column: name, value: seen.format, code: 'date_format_from_values', message: `the dates in "${name}" do not match the profile's format${profile.dateFormat === undefined ? '' : ` (${profile.dateFormat})`}; they were read as ${seen.format}: ${seen.why}` }],
  };
}

export function alreadyImported(ledger: Ledger, req: ImportRequest, fileName: string, sha256: string): ImportSummary | undefined {
  const existing = ledger.findActiveBySha(req.org.id, sha256);
  if (existing === undefined) return undefined;
  return summarise({ status: 'already-imported', kind: existing.kind, batchId: existing.id, fileName, sha256, profile: existing.profile, rowsRead: existing.rows_read, problems: [], warnings: [], excluded: 0 });
}

