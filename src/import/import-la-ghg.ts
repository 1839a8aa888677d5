/**
 * Importing the DESNZ "UK local authority and regional greenhouse gas emissions" statistics: the
 * long CSV as published, every row kept with its edition (see store/area-store.ts). The file is
 * about 80 MB and half a million rows, so it is read as a stream and written as it is read, in one
 * transaction: nothing is held but the current batch of rows and the counts.
 *
 * The same file twice is a no-op. A new edition replaces the series it covers (the older import
 * stays, superseded, for the history); rows that are not an authority are stored apart from the
 * authorities and never summed into one.
 */

import { basename } from 'node:path';
import { UserError } from '../kernel/errors.js';
import { areaKind, editionFromFileName, editionName, LA_GHG_EXPECTED_HEADERS, laGhgFigure, laGhgLayout, type LaGhgBasis, type LaGhgLayout } from '../map/la-ghg/layout.js';
import { openCsv } from '../read/csv/index.js';
import { AreaBatchWriter, type EditionReplaced, type LaGhgFigure } from '../store/area-store.js';
import type { Ledger } from '../store/ledger.js';
import type { NewBatch, ProblemRecord } from '../store/records.js';
import { assertInputFile, FileIdentity } from './file-identity.js';
import type { ImportProgressBytes } from './request.js';

/**
 * The `org` of every area import's batch. The statistics are published for the whole country
 * and belong to no one organisation: filed under whichever organisation imported them, the same
 * file imported by two councils would be two copies of one edition, each replacing the other's
 * series. One name for all of them keeps one series per edition, and the colon keeps it apart
 * from every organisation id (config ids are lower-case letters, digits and dashes).
 */
export const AREA_STATISTICS_ORG = 'area:uk';

export interface LaGhgImportRequest {
  readonly path: string;
  readonly dryRun?: boolean;
  /** The edition's name, when the file's years should not name it (e.g. `2005-2022`). */
  readonly edition?: string;
  readonly now: Date;
  readonly toolVersion: string;
  readonly onProgress?: (rowsRead: number, bytes?: ImportProgressBytes) => void;
}

export interface LaGhgImportSummary {
  readonly status: 'stored' | 'dry-run' | 'already-imported';
  readonly kind: 'la-ghg';
  readonly batchId: number | null;
  readonly file: string;
  readonly sha256: string;
  readonly edition: string;
  /** Where the edition's name was taken from: `--edition`, the published file's name, or the years the file holds. */
  readonly editionFrom: 'flag' | 'file name' | 'years' | 'stored';
  readonly basis: LaGhgBasis;
  /** What the basis means, to be shown with every figure: `CO2 only` for the older editions. */
  readonly basisLabel: string;
  readonly years: { readonly first: number; readonly last: number } | null;
  readonly rows: { readonly read: number; readonly accepted: number; readonly rejected: number };
  /** Authorities (lower tier and unitary), counties, and rows that are not an authority, by name. */
  readonly authorities: number;
  readonly counties: number;
  readonly notAnAuthority: readonly { readonly name: string; readonly rows: number }[];
  readonly columns: { readonly territorial: string; readonly influence: string | null };
  readonly replaced: readonly EditionReplaced[];
  /** Set when a newer edition is already held: this one is kept but does not count. */
  readonly replacedBy: EditionReplaced | null;
  readonly problems: readonly ProblemRecord[];
}

/** Problems listed in full up to this many; the counts are always exact. */
const MAX_PROBLEMS = 200;

export function basisLabel(basis: LaGhgBasis): string {
  return basis === 'co2' ? 'CO2 only (kt CO2): an edition before methane and nitrous oxide were included' : 'greenhouse gases CO2, CH4 and N2O (kt CO2e)';
}

export async function importLaGhg(ledger: Ledger, req: LaGhgImportRequest): Promise<LaGhgImportSummary> {
  const fileName = basename(req.path);
  assertInputFile(req.path, 'file to import');
  const sizeBytes = await FileIdentity.size(req.path);
  const identity = ledger.hasActiveOfSize(AREA_STATISTICS_ORG, sizeBytes) ? await FileIdentity.ofFile(req.path, sizeBytes) : FileIdentity.whileReading(sizeBytes, fileName);
  if (!identity.pending) {
    const existing = ledger.findActiveBySha(AREA_STATISTICS_ORG, identity.sha256);
    if (existing !== undefined) return repeat(existing.id, fileName, identity.sha256, JSON.parse(existing.summary_json) as Partial<LaGhgImportSummary>, existing.rows_read);
  }
  const csv = await openCsv(req.path, { expectedHeaders: LA_GHG_EXPECTED_HEADERS });
  const layout = laGhgLayout(csv.header);
  if ('problem' in layout) {
    throw new UserError('not_la_ghg', `${fileName} is not the local authority greenhouse gas statistics' long CSV as tco2e reads it: ${layout.problem}.`, 'Import the CSV of the "UK local authority and regional greenhouse gas emissions" statistics as DESNZ publishes it (one row per authority, year, sector, sub-sector and gas), not the Excel tables.');
  }
  const batch: NewBatch = {
    kind: 'la-ghg', profile: `la-ghg-${layout.basis}`, org: AREA_STATISTICS_ORG, fileName, sha256: identity.pending ? '' : identity.sha256, sizeBytes,
    rowsRead: 0, rowsAccepted: 0, rowsExcluded: 0, rowsRejected: 0, periodStart: null, periodEnd: null,
    importedAt: req.now.toISOString(), toolVersion: req.toolVersion, policy: 'as published', summaryJson: '{}',
  };
  const writer = req.dryRun === true ? undefined : new AreaBatchWriter(ledger, batch);
  try {
    const read = await readFigures(csv, layout, identity, req, (f) => writer?.add(f));
    const sha256 = identity.sha256;
    if (read.first === null || read.last === null) {
      throw new UserError('la_ghg_no_rows', `${fileName} has the statistics' columns but no row with a figure.`, 'Check that this is the whole published file.');
    }
    // The flag, else the file's published name, else the years the file holds.
    const named = editionFromFileName(fileName);
    const edition = req.edition ?? named?.edition ?? editionName(read.first, read.last);
    const lastYear = Math.max(read.last, named?.lastYear ?? read.last);
    const editionFrom = req.edition !== undefined ? 'flag' : named !== undefined ? 'file name' : 'years';
    const summary: LaGhgImportSummary = {
      status: writer === undefined ? 'dry-run' : 'stored', kind: 'la-ghg', batchId: null, file: fileName, sha256, edition, editionFrom, basis: layout.basis, basisLabel: basisLabel(layout.basis),
      years: { first: read.first, last: read.last }, rows: { read: read.rows, accepted: read.rows - read.rejected, rejected: read.rejected },
      authorities: read.authorities.size, counties: read.counties.size, notAnAuthority: [...read.other].map(([name, rows]) => ({ name, rows })).sort((a, b) => a.name.localeCompare(b.name)),
      columns: layout.headers, replaced: [], replacedBy: null, problems: read.problems,
    };
    if (writer === undefined) return summary;
    // A file of the same content stored meanwhile by another command makes this one a no-op.
    const existing = writer.activeBySha(AREA_STATISTICS_ORG, sha256);
    if (existing !== undefined) {
      writer.abandon();
      return repeat(existing.id, fileName, sha256, JSON.parse(existing.summary_json) as Partial<LaGhgImportSummary>, existing.rows_read);
    }
    // The problems are stored as the batch's own rows (batch_problems), not again in its summary.
    const kept: Partial<LaGhgImportSummary> = { ...summary, problems: [] };
    const done = writer.finish({
      sha256, rowsRead: read.rows, rowsAccepted: read.rows - read.rejected, rowsRejected: read.rejected,
      periodStart: `${read.first}-01-01`, periodEnd: `${read.last}-12-31`, summaryJson: JSON.stringify(kept),
    }, { edition, lastYear, basis: layout.basis }, read.problems, req.now.toISOString());
    return { ...summary, batchId: done.batchId, replaced: done.replaced, replacedBy: done.replacedBy };
  } catch (e) {
    writer?.abandon();
    throw e;
  }
}

function repeat(batchId: number, file: string, sha256: string, stored: Partial<LaGhgImportSummary>, rowsRead: number): LaGhgImportSummary {
  const basis = stored.basis ?? 'ghg';
  return {
    status: 'already-imported', kind: 'la-ghg', batchId, file, sha256, edition: stored.edition ?? '', editionFrom: 'stored', basis, basisLabel: basisLabel(basis), years: stored.years ?? null,
    rows: { read: rowsRead, accepted: stored.rows?.accepted ?? rowsRead, rejected: stored.rows?.rejected ?? 0 }, authorities: stored.authorities ?? 0, counties: stored.counties ?? 0,
    notAnAuthority: stored.notAnAuthority ?? [], columns: stored.columns ?? { territorial: '', influence: null }, replaced: [], replacedBy: null, problems: [],
  };
}

interface Read {
  rows: number;
  rejected: number;
  first: number | null;
  last: number | null;
  readonly authorities: Set<string>;
  readonly counties: Set<string>;
  readonly other: Map<string, number>;
  readonly problems: ProblemRecord[];
}

const cell = (cells: readonly string[], i: number | undefined): string => (i === undefined ? '' : (cells[i] ?? '').trim());
const orNull = (s: string): string | null => (s === '' ? null : s);

/** Reads every row, handing each figure on as it is read; counts, years and problems come back. */
async function readFigures(csv: Awaited<ReturnType<typeof openCsv>>, layout: LaGhgLayout, identity: FileIdentity, req: LaGhgImportRequest, add: (f: LaGhgFigure) => void): Promise<Read> {
  const c = layout.columns;
  const r: Read = { rows: 0, rejected: 0, first: null, last: null, authorities: new Set(), counties: new Set(), other: new Map(), problems: [] };
  const header = csv.header;
  const reject = (line: number, col: number, value: string, code: string, message: string): void => {
    r.rejected++;
    if (r.problems.length < MAX_PROBLEMS) r.problems.push({ severity: 'rejected', line, column: header[col] ?? '', value, code, message });
  };
  const hash = identity.tap();
  let bytesRead = 0;
  const tap = (bytes: Uint8Array): void => {
    bytesRead += bytes.length;
    hash?.(bytes);
  };
  for await (const rows of csv.batches(tap)) {
    for (const { line, cells } of rows) {
      r.rows++;
      const yearText = cell(cells, c.year);
      const year = Number(yearText);
      if (!/^\d{4}$/.test(yearText) || year < 1970 || year > 2100) {
        reject(line, c.year, yearText, 'la_ghg_year', `"${yearText}" is not a calendar year: the statistics give one per row, e.g. 2019`);
        continue;
      }
      const territorial = laGhgFigure(cell(cells, c.territorial));
      const influence = c.influence === undefined ? null : laGhgFigure(cell(cells, c.influence));
      const population = c.population === undefined ? null : laGhgFigure(cell(cells, c.population));
      const area = c.areaKm2 === undefined ? null : laGhgFigure(cell(cells, c.areaKm2));
      const bad = ([[c.territorial, territorial], [c.influence, influence], [c.population, population], [c.areaKm2, area]] as const).find(([, v]) => v === 'invalid');
      if (bad !== undefined) {
        const text = cell(cells, bad[0]);
        reject(line, bad[0]!, text, 'la_ghg_not_a_number', `"${text}" is not a figure: the statistics give a number, or leave the cell blank or [x] where there is no estimate`);
        continue;
      }
      const code = cell(cells, c.laCode).toUpperCase();
      const name = cell(cells, c.laName);
      const kind = areaKind(code);
      if (kind === 'authority') r.authorities.add(code);
      else if (kind === 'county') r.counties.add(code);
      else r.other.set(name, (r.other.get(name) ?? 0) + 1);
      if (r.first === null || year < r.first) r.first = year;
      if (r.last === null || year > r.last) r.last = year;
      add({
        line, areaKind: kind, laCode: kind === 'not-an-authority' ? null : code, laName: name, secondTier: orNull(cell(cells, c.secondTier)),
        region: orNull(cell(cells, c.region)), country: orNull(cell(cells, c.country)), year,
        sector: cell(cells, c.sector), subsector: cell(cells, c.subsector), gas: layout.basis === 'co2' ? 'CO2' : cell(cells, c.gas) || 'CO2',
        territorialKt: territorial as number | null, influenceKt: influence as number | null, populationThousands: population as number | null, areaKm2: area as number | null,
      });
    }
    req.onProgress?.(r.rows, { read: bytesRead, total: identity.sizeBytes });
  }
  return r;
}
