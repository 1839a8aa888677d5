/**
 * Importing an ERIC return (the NHS Estates Returns Information Collection, published each year
 * from 2013/14, trust by trust and site by site): the rows of one trust, by its ODS code, become
 * annual activities for the return's financial year, each traced to its column and line.
 *
 * The same file twice is a no-op, and an ERIC import of a trust and year that is already held
 * (from the other level's file, say) is an overlap, refused unless `--replace`: the return is
 * stored under one meter per trust, `ERIC <code>`, so the trust and site files of one year can
 * never both count. Whether ERIC or metered data counts for a year and fuel is decided when the
 * ledger is read (see `aggregate/eric-choice.ts`), never by adding both.
 */

import { basename } from 'node:path';
import { UserError } from '../kernel/errors.js';
import type { Problem } from '../kernel/problem.js';
import { ericTreatment } from '../map/eric-activities.js';
import { ericFileName, ericLayout, ericValue, type EricColumn, type EricLayout, type EricLevel } from '../map/eric/index.js';
import type { ActivityDraft } from '../map/activity-draft.js';
import { openCsv } from '../read/csv/index.js';
import type { Ledger } from '../store/ledger.js';
import { unitLabel } from '../units/units.js';
import { completeImport } from './complete.js';
import { assertInputFile } from './file-identity.js';
import { identifyForImport, type ReadFile } from './open.js';
import { readAllRows } from './read-rows.js';
import type { ImportRequest } from './request.js';
import { ImportSession } from './session.js';
import type { ImportSummary } from './summary.js';

export interface EricImportRequest extends ImportRequest {
  /** The trust's ODS code (e.g. RWV): its rows are imported, no other. */
  readonly ods: string;
  /** The financial year, `2019/20`; else the file's name must say it. */
  readonly year?: string;
}

/** A figure of the return that is not counted, and why (CHP output, on-site solar, floor area…). */
export interface EricNotCounted {
  readonly column: string;
  readonly quantity: number;
  readonly unit: string;
  readonly why: string;
}

export interface EricImportSummary extends ImportSummary {
  readonly eric?: {
    readonly ods: string;
    /** `2019/20`. */
    readonly year: string;
    readonly yearFrom: 'flag' | 'file name';
    readonly level: EricLevel;
    /** Rows of the file that are other trusts': read, not imported. */
    readonly otherRows: number;
    /** The trust's sites in the return: the configured site each is, or null (kept at trust level). */
    readonly sites: readonly { readonly code: string; readonly name: string; readonly site: string | null }[];
    /** Where a column could be read two ways, the reading taken; and each mapped waste route. */
    readonly readings: readonly { readonly column: string; readonly reading: string }[];
    readonly notCounted: readonly EricNotCounted[];
  };
}

/** Header names that mark an ERIC header row, for finding it below a heading row. */
const EXPECTED_HEADERS = ['Organisation Code', 'Organisation Name', 'Trust Code', 'Trust Name', 'Site Code', 'Site Name', 'Site Type', 'Commissioning Region', 'Gas consumed (kWh)', 'Electricity consumed (kWh)'];

const YEAR = /^(\d{4})\s*[/-]\s*(\d{2}|\d{4})$/;

/** `2019/20` (or `2019-20`, `2019/2020`) → 2019; undefined when it is not a financial year. */
export function financialYearStart(text: string): number | undefined {
  const m = YEAR.exec(text.trim());
  if (!m) return undefined;
  const start = Number(m[1]);
  const end = Number(m[2]);
  return (end < 100 ? end === (start + 1) % 100 : end === start + 1) ? start : undefined;
}

function yearLabel(start: number): string {
  return `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
}

export async function importEric(ledger: Ledger, req: EricImportRequest): Promise<EricImportSummary> {
  // The year and trust are checked before the file is identified: a return whose year is not
  // known is refused whatever the ledger holds.
  const fileName = basename(req.path);
  assertInputFile(req.path, 'file to import');
  const named = ericFileName(fileName);
  const yearText = req.year ?? named.year;
  if (yearText === undefined) {
    throw new UserError('eric_year_unknown', `${fileName}: neither --year nor the file's name says which year's return this is; ERIC files hold no year column.`, 'Give the financial year with --year, e.g. --year 2019/20.');
  }
  const start = financialYearStart(yearText);
  if (start === undefined) throw new UserError('eric_year_invalid', `--year ${yearText} is not a financial year.`, 'Write it as NHS returns do: --year 2019/20.');
  const year = yearLabel(start);
  const ods = req.ods.trim().toUpperCase();
  if (!/^[A-Z0-9]{3,5}$/.test(ods)) throw new UserError('eric_ods_invalid', `"${req.ods}" is not an ODS code of a trust (three to five letters and digits, e.g. RWV).`, 'Give the trust\'s code with --ods, or set "ods" on the organisation in tco2e.config.json.');

  const file = await identifyForImport(ledger, req);
  if ('status' in file) return file;
  const { identity } = file;
  const csv = await openCsv(req.path, { expectedHeaders: EXPECTED_HEADERS });
  const layout = ericLayout(csv.header);
  if ('problem' in layout) {
    throw new UserError('not_eric', `${fileName} is not an ERIC return as tco2e reads one: ${layout.problem}.`, 'Import the trust-level or site-level CSV of the Estates Returns Information Collection as published; other energy files go through `tco2e import energy`.');
  }
  const level = named.level ?? layout.level;
  const opened: ReadFile = { fileName, identity, csv, profile: { id: `eric-${level}` } };
  const session = new ImportSession();
  session.warnings.push(...layoutWarnings(fileName, csv.headerLine, layout));
  const sites = new Map<string, { code: string; name: string; site: string | null }>();
  const readings = new Map<string, string>();
  const notCounted = new Map<string, EricNotCounted>();
  let otherRows = 0;
  const siteOf = siteMatcher(req.org.sites);
  const period = { start: `${start}-04-01`, end: `${start + 1}-03-31` };
  const meter = `ERIC ${ods}`;

  await readAllRows(opened, req, (line, cells) => {
    const code = (cells[layout.ids.trustCode] ?? '').trim().toUpperCase();
    if (code !== ods) {
      otherRows++;
      return;
    }
    const siteCode = layout.ids.siteCode === undefined ? '' : (cells[layout.ids.siteCode] ?? '').trim();
    const siteName = layout.ids.siteName === undefined ? '' : (cells[layout.ids.siteName] ?? '').trim();
    const site = siteCode === '' ? null : siteOf(siteCode, siteName);
    if (siteCode !== '') sites.set(siteCode, { code: siteCode, name: siteName, site });
    const drafts: ActivityDraft[] = [];
    const problems: Problem[] = [];
    for (const col of layout.columns) {
      const text = cells[col.index] ?? '';
      const v = ericValue(text);
      if (v.kind === 'missing') continue;
      if (v.kind === 'invalid') {
        problems.push({ file: fileName, line, column: col.header, value: text, code: 'eric_not_a_number', message: `"${text}" is not a figure: ERIC cells hold a number, or N/A, Not Applicable or blank where there is none; check the cell against the published return` });
        continue;
      }
      if (v.value === 0) continue;
      const t = ericTreatment(col.quantity);
      if (!t.counted) {
        addNotCounted(notCounted, col, v.value, t.why);
        continue;
      }
      // A key the year's set does not publish (industrial coal before 2016) would reject the
      // site's whole row with it: the figure is named as not counted instead.
      if (req.library.lookup(t.factorKey, start) === undefined && req.library.years.includes(start)) {
        addNotCounted(notCounted, col, v.value, `the ${start} factor set publishes no ${t.factorKey}`);
        continue;
      }
      if (v.value < 0) {
        problems.push({ file: fileName, line, column: col.header, value: text, code: 'eric_negative', message: `${text} ${unitLabel(t.unit)} is negative: a quantity used cannot be; check the cell against the published return` });
        continue;
      }
      const note = t.reading ?? t.mapping;
      if (note !== undefined) readings.set(col.header, note);
      drafts.push({
        line, site, meter, source: t.source, factorKey: t.factorKey, ...(t.use === undefined ? {} : { use: t.use }),
        periodStart: period.start, periodEnd: period.end, quantity: v.value, unit: t.unit,
        // An annual return, not a reading tco2e has seen: counted as estimated (tier 3).
        estimated: true, direction: 'import', apportionedFrom: null,
        extra: { eric: year, level, ...(siteCode === '' ? { trust: ods } : { siteCode }), column: col.header, ...(t.mapping === undefined ? {} : { mapping: t.mapping }) },
      });
    }
    if (problems.length > 0) session.reject(line, cells, problems);
    else if (drafts.length > 0) session.rows.push(drafts);
  }, session);
  // The import's rows are the trust's; the file's other rows were read past, not imported.
  session.rowsRead -= otherRows;
  if (session.rowsRead === 0) {
    throw new UserError('eric_no_rows', `${fileName} holds no rows for ${ods}: it has ${otherRows} rows of other trusts.`, 'Check the trust\'s ODS code (--ods), or that this is the return of the year and level you mean.');
  }
  const summary = await completeImport(ledger, req, opened, 'eric', session);
  return {
    ...summary,
    eric: {
      ods, year, yearFrom: req.year === undefined ? 'file name' : 'flag', level, otherRows,
      sites: [...sites.values()], readings: [...readings].map(([column, reading]) => ({ column, reading })), notCounted: [...notCounted.values()],
    },
  };
}

/**
 * What the header leaves out that a person should know: a column of quantities whose meaning is
 * not known (a year's spelling not seen before), and a trust-level file with no energy at all
 * (from 2023/24 the return gives energy, water and waste at site level only).
 */
function layoutWarnings(file: string, headerLine: number, layout: EricLayout): Problem[] {
  const out: Problem[] = layout.skipped.filter((c) => c.reason === 'unrecognised').map((c) => ({
    file, line: headerLine, column: c.header, value: c.header, code: 'eric_column_unrecognised',
    message: 'a column of quantities whose meaning tco2e does not know: nothing was imported from it; check in the return\'s guidance whether it holds energy, water or waste that no other column counts',
  }));
  if (!layout.columns.some((c) => c.quantity.kind === 'electricity' || c.quantity.kind === 'fuel')) {
    out.push({
      file, line: headerLine, column: '', value: '', code: 'eric_no_energy',
      message: `this ${layout.level}-level file has no energy columns (from 2023/24 the return gives energy, water and waste by site only): import the site-level file of the same year for them`,
    });
  }
  return out;
}

function addNotCounted(into: Map<string, EricNotCounted>, col: EricColumn, quantity: number, why: string): void {
  const seen = into.get(col.header);
  into.set(col.header, { column: col.header, quantity: (seen?.quantity ?? 0) + quantity, unit: col.unit, why });
}

/** The configured site an ERIC site is: its code or its name matches the site's id or name (case and spacing aside). */
function siteMatcher(sites: ImportRequest['org']['sites']): (code: string, name: string) => string | null {
  const key = (s: string): string => s.toLowerCase().replace(/\s+/g, ' ').trim();
  const byKey = new Map<string, string>();
  for (const s of sites) {
    byKey.set(key(s.id), s.name);
    byKey.set(key(s.name), s.name);
  }
  return (code, name) => byKey.get(key(code)) ?? (name === '' ? undefined : byKey.get(key(name))) ?? null;
}
