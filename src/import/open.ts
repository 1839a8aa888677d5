/**
 * The first phase of an import: identify the file (SHA-256: the same file twice is a no-op),
 * open it as CSV and choose its profile.
 */

import { basename } from 'node:path';
import type { CellContext } from '../map/cells.js';
import { chooseProfile, type Profile } from '../map/profiles.js';
import { openCsv, type CsvFile } from '../read/csv/index.js';
import { createDateParser } from '../read/values/date.js';
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
  assertInputFile(req.path, 'file to import');
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

export function alreadyImported(ledger: Ledger, req: ImportRequest, fileName: string, sha256: string): ImportSummary | undefined {
  const existing = ledger.findActiveBySha(req.org.id, sha256);
  if (existing === undefined) return undefined;
  return summarise({ status: 'already-imported', kind: existing.kind, batchId: existing.id, fileName, sha256, profile: existing.profile, rowsRead: existing.rows_read, problems: [], warnings: [], excluded: 0 });
}

