/**
 * Emission lines from the ledger: every activity of the active imports for the organisations
 * and dates asked for, with its emission, factor and trace (file, line, import id).
 *
 * Only `active` batches count (superseded and undone imports stay in the ledger for the history).
 * Exported electricity is left out: it carries no emissions and is never netted off.
 */

import type { FactorPolicy } from '../convert/policy.js';
import type { FactorLibrary } from '../factors/library.js';
import type { Ledger } from '../store/ledger.js';
import type { RowsQuery } from '../store/reads.js';
import type { EmissionLine, LineKind } from '../kernel/emission-line.js';
import type { AggregateWarning } from './warnings.js';
import { ericChoices, ericCondition } from './eric-choice.js';
import { clipLine } from './periods.js';
import { recomputeLines, type StoredLine } from './recompute.js';

export interface LineQuery {
  /** Organisation ids (as in the config). */
  readonly orgs: readonly string[];
  /** ISO dates, inclusive. Lines that straddle them are cut pro rata by days. */
  readonly from?: string;
  readonly to?: string;
  /**
   * Recompute every line under another factor policy, e.g. `fixed:2019` for the like-for-like
   * series. Stored figures use the policy chosen at import.
   */
  readonly recompute?: { readonly policy: FactorPolicy; readonly library: FactorLibrary };
}

/** An import that contributed lines, with what it could not use. */
export interface ContributingBatch {
  readonly id: number;
  readonly org: string;
  readonly kind: string;
  readonly fileName: string;
  readonly policy: string;
  readonly rowsRejected: number;
}

export interface EmissionLinesResult {
  readonly lines: EmissionLine[];
  readonly batches: ContributingBatch[];
  readonly warnings: AggregateWarning[];
}

/**
 * Which part of an activity's emissions a row is. Companion rows are written by the import for
 * T&D losses, well-to-tank and outside-of-scopes CO2 (`src/import/to-records.ts`); the WTT of
 * T&D losses (`electricity.grid.td_losses.wtt`) is a well-to-tank figure.
 */
export function lineKind(factorKey: string, companionOf: string | null, scope: number | null): LineKind {
  if (scope === null) return 'outside_scopes';
  if (companionOf === null) return 'main';
  if (factorKey.endsWith('.wtt')) return 'wtt';
  if (factorKey.endsWith('.td_losses')) return 'td';
  return 'wtt';
}

function asScope(n: number | null): 1 | 2 | 3 | null {
  return n === 1 || n === 2 || n === 3 ? n : null;
}

/** Half-hourly months keep how many of their half-hours were estimated. */
function estimatedShareOf(extraJson: string | null): number | undefined {
  if (extraJson === null || !extraJson.includes('estimatedPeriods')) return undefined;
  const extra = JSON.parse(extraJson) as { periods?: unknown; estimatedPeriods?: unknown };
  if (typeof extra.periods !== 'number' || typeof extra.estimatedPeriods !== 'number' || extra.periods <= 0) return undefined;
  return extra.estimatedPeriods / extra.periods;
}

/** A fuel-card month's line is its first purchase's: the note says how many it sums and where they are listed. */
function purchasesNote(extraJson: string | null, line: number, batchId: number): { note?: string } {
  if (extraJson === null || !extraJson.startsWith('{"purchases":')) return {};
  const n = (JSON.parse(extraJson) as { purchases?: unknown }).purchases;
  if (typeof n !== 'number' || n <= 1) return {};
  return { note: `the sum of a vehicle's ${n} fuel-card purchases in the month, from line ${line}; \`tco2e imports show ${batchId} --purchases\` lists each` };
}

/**
 * One copy of each text a read meets. SQLite hands over a new string for every cell, yet the
 * organisation, dates, unit, factor key, edition, policy and file name repeat from row to row:
 * holding one copy of each took the 729,000 lines of the largest `emissions` benchmark from
 * 597 MB to 336 MB, and the garbage collector's work with it (measured).
 */
interface TextPool {
  of<T extends string | null>(text: T): T;
}

class Texts implements TextPool {
  private readonly seen = new Map<string, string>();

  of<T extends string | null>(text: T): T {
    if (text === null) return text;
    const known = this.seen.get(text);
    if (known !== undefined) return known as T;
    this.seen.set(text, text);
    return text;
  }
}

/** For lines that are handed on and dropped at once (an export), where a pool would cost more than it saves. */
const NO_POOL: TextPool = { of: (text) => text };

/**
 * The columns of a line-by-line read, in the order of `RawRow`. Rows come as arrays (see
 * `Ledger.rows`); `extra_json` is read only where it holds a half-hourly month's estimated count
 * or a fuel-card month's purchases.
 */
const LINE_COLUMNS = `a.batch_id, b.file_name, a.line, a.org, a.site, a.meter, a.source, a.period_start, a.period_end, a.quantity, a.unit,
      a.estimated, a.factor_key, a.companion_of, a.factor_year, a.factor_edition, a.factor_unit, a.factor_kg_per_unit,
      a.factor_custom, a.policy, a.kg_co2e, a.kg_co2, a.kg_ch4, a.kg_n2o, a.scope, a.scope_category,
      CASE WHEN a.extra_json LIKE '%estimatedPeriods%' OR a.extra_json LIKE '{"purchases":%' THEN a.extra_json END`;

type RawRow = readonly [
  batchId: number, fileName: string, line: number, org: string, site: string | null, meter: string | null, source: string,
  periodStart: string, periodEnd: string, quantity: number, unit: string, estimated: 0 | 1, factorKey: string, companionOf: string | null,
  factorYear: number, factorEdition: string, factorUnit: string, factorKgPerUnit: number, factorCustom: 0 | 1, policy: string,
  kgCo2e: number, kgCo2: number | null, kgCh4: number | null, kgN2o: number | null, scope: number | null, scopeCategory: number | null,
  extraJson: string | null,
];

/** The order lines are read in: organisation, date, import, line. */
const LINE_ORDER = 'a.org, a.period_start, a.batch_id, a.line, a.id';

function toLine(r: RawRow, t: TextPool): StoredLine {
  const share = estimatedShareOf(r[26]);
  const companionOf = t.of(r[13]);
  const line: EmissionLine = {
    org: t.of(r[3]), site: t.of(r[4]), meter: t.of(r[5]), source: t.of(r[6]), periodStart: t.of(r[7]), periodEnd: t.of(r[8]),
    quantity: r[9], unit: t.of(r[10]), estimated: r[11] === 1, kind: lineKind(r[12], companionOf, r[24]), basis: 'location',
    factorKey: t.of(r[12]), factorYear: r[14], factorEdition: t.of(r[15]), factorUnit: t.of(r[16]),
    factorKgPerUnit: r[17], factorCustom: r[18] === 1, policy: t.of(r[19]),
    kgCo2e: r[20], kgCo2: r[21], kgCh4: r[22], kgN2o: r[23],
    scope: asScope(r[24]), scopeCategory: r[25],
    trace: { file: t.of(r[1]), line: r[2], batchId: r[0], ...purchasesNote(r[26], r[2], r[0]) },
  };
  // Spread only for the few lines that know their share: a spread in every literal cost more.
  return { line: share === undefined ? line : { ...line, estimatedShare: share }, companionOf };
}

/**
 * How fine the lines read are:
 * - `line`: one per ledger row, with its file and line (exports, the audit trail);
 * - `summed`: rows of the same organisation, period (first and last day, exactly), source, unit,
 *   factor and policy summed into one, sites and meters set aside. Conversion, splitting a
 *   period into months by days and cutting it at a query's dates are all linear in the quantity,
 *   so every total, every period the reports use and every recomputation under another factor
 *   year comes out as it does line by line; a large estate's monthly bills from 1,000s of meters
 *   sum to a few hundred lines. Each line says how many ledger rows it sums (`ledgerLines`).
 * - `summed-site`: the same, per site as well (`emissions --by site`);
 * - `site-main`: main rows only, one line per row with only what coverage and site rankings use
 *   (read without grouping: most main rows are a meter's own period, so grouping them by site
 *   saved little and cost half as much again as the read; measured).
 *
 * SQLite sums them in the order of the index `activities_summed`, whose columns are the groups'
 * in the same order (site last), so no read sorts the ledger: sorting 729,000 rows to group them
 * took longer than reading every row (measured; BENCHMARKS.md).
 */
export type Grain = 'line' | 'summed' | 'summed-site' | 'site-main';

/** The columns of `activities_summed` (src/store/schema.ts), in its order: the summed reads group by a prefix of them. */
export const SUMMED_GROUP = ['a.org', 'a.period_start', 'a.period_end', 'a.source', 'a.unit', 'a.factor_key', 'a.companion_of', 'a.factor_year', 'a.policy', 'a.site'] as const;

const ESTIMATED_KG = `SUM(a.kg_co2e * CASE WHEN a.estimated = 1 THEN 1.0
  WHEN a.extra_json LIKE '%estimatedPeriods%' THEN CAST(json_extract(a.extra_json, '$.estimatedPeriods') AS REAL) / MAX(1, json_extract(a.extra_json, '$.periods'))
  ELSE 0.0 END)`;

/**
 * A factor key, year and edition fix a row's factor unit and value, scope and category, unless
 * a custom factor of the same key was given, or changed, between imports. Those are taken from
 * any row of the group (MIN of each, all alike) once the value, edition and custom flag are seen
 * to agree; where they do not, the read is made line by line instead.
 */
const MIXED = `MIN(a.factor_kg_per_unit) <> MAX(a.factor_kg_per_unit) OR MIN(a.factor_edition) <> MAX(a.factor_edition)
  OR MIN(a.factor_custom) <> MAX(a.factor_custom)`;


/** A summed row: a line's columns (in the order of `RawRow`), then how many rows it sums, its estimated kgCO2e and whether its factor values are mixed. */
type SummedRaw = readonly [...RawRow, n: number, kgEstimated: number, mixed: 0 | 1];

/** A summed row's line, made in one literal (a spread of the line into a second object cost the heap twice over: measured). */
function summedLine(r: SummedRaw, t: TextPool, files: ReadonlyMap<number, string>): StoredLine {
  const n = r[27];
  const kg = r[20];
  const kgEstimated = r[28];
  const companionOf = t.of(r[13]);
  const line: EmissionLine = {
    org: t.of(r[3]), site: t.of(r[4]), meter: null, source: t.of(r[6]), periodStart: t.of(r[7]), periodEnd: t.of(r[8]),
    quantity: r[9], unit: t.of(r[10]), estimated: false, kind: lineKind(r[12], companionOf, r[24]), basis: 'location',
    factorKey: t.of(r[12]), factorYear: r[14], factorEdition: t.of(r[15]), factorUnit: t.of(r[16]),
    factorKgPerUnit: r[17], factorCustom: r[18] === 1, policy: t.of(r[19]),
    kgCo2e: kg, kgCo2: r[21], kgCh4: r[22], kgN2o: r[23],
    scope: asScope(r[24]), scopeCategory: r[25],
    trace: n === 1 ? { file: files.get(r[0]) ?? '', line: r[2], batchId: r[0] } : { file: `(${n} ledger lines)`, line: 0, batchId: null, note: SUMMED_NOTE },
    estimatedShare: kg === 0 ? (kgEstimated > 0 ? 1 : 0) : Math.min(1, Math.max(0, kgEstimated / kg)),
    ledgerLines: n,
  };
  return { line, companionOf };
}

const SUMMED_NOTE = 'ledger lines of the same period, source and factor, summed; `tco2e export lines` lists each';

/** The organisations and date range of a query as SQL conditions on `activities a`, with their parameters (organisations first). */
function orgsAndDates(ledger: Ledger, query: Pick<LineQuery, 'orgs' | 'from' | 'to'>): { dates: string; params: (string | number)[] } {
  const params: (string | number)[] = [...query.orgs];
  let dates = '';
  if (query.to !== undefined) {
    dates += ' AND a.period_start <= ?';
    params.push(query.to);
  }
  if (query.from !== undefined) {
    dates += ' AND a.period_end >= ?';
    params.push(query.from);
  }
  // An ERIC return and metered data for the same year and source: only one of them counts.
  const eric = ericCondition(ericChoices(ledger, query.orgs));
  return { dates: dates + eric.sql, params: [...params, ...eric.params] };
}

/**
 * The query of a summed read (see `Grain`), its columns in the order of `SummedRaw`; exported
 * so that a test can check SQLite's plan for it sorts nothing.
 */
export function summedQuery(orgCount: number, dates: string, grain: 'summed' | 'summed-site'): RowsQuery {
  const group = grain === 'summed' ? SUMMED_GROUP.slice(0, -1) : SUMMED_GROUP;
  return {
    // Columns outside the group are the same on every row of it (MIXED checks the factor's
    // value, edition and custom flag; the key, year and edition fix the unit, scope and
    // category), taken with MIN() so that PostgreSQL, which has no bare columns, reads the same
    // query; the estimated flag and extra_json are replaced by the estimated kgCO2e.
    // The file's name is looked up from the import (see \`readSummed\`); per-gas figures are left to
    // the line-by-line reads (exports), as no summed reader uses them.
    columns: `MIN(a.batch_id), NULL, MIN(a.line), a.org, ${grain === 'summed' ? 'NULL' : 'a.site'}, NULL, a.source,
      a.period_start, a.period_end, SUM(a.quantity), a.unit, 0, a.factor_key, a.companion_of, a.factor_year, MIN(a.factor_edition),
      MIN(a.factor_unit), MIN(a.factor_kg_per_unit), MIN(a.factor_custom), a.policy, SUM(a.kg_co2e), NULL, NULL, NULL,
      MIN(a.scope), MIN(a.scope_category), NULL, COUNT(*), ${ESTIMATED_KG}, CASE WHEN ${MIXED} THEN 1 ELSE 0 END`,
    from: `activities a JOIN batches b ON b.id = a.batch_id
      WHERE b.status = 'active' AND a.superseded_by IS NULL AND a.direction = 'import'
        AND a.org IN (${Array.from({ length: orgCount }, () => '?').join(', ')})${dates}
      GROUP BY ${group.join(', ')}`,
    grouped: true,
  };
}

/**
 * Reads summed lines (see `Grain`), or undefined when some group mixes factor values (a custom
 * factor changed between imports), for the caller to read line by line instead.
 */
export function readSummed(ledger: Ledger, query: Pick<LineQuery, 'orgs' | 'from' | 'to'>, grain: 'summed' | 'summed-site'): StoredRead | undefined {
  if (query.orgs.length === 0) return { stored: [], batches: [] };
  // Organisations in order, so that SQLite walks the index once, in its order, for all of them.
  const orgs = [...query.orgs].sort();
  const { dates, params } = orgsAndDates(ledger, { ...query, orgs });
  const texts = new Texts();
  const files = fileNames(ledger);
  const stored: StoredLine[] = [];
  // A row at a time, each made its line as it comes: a site-by-site read of a large estate has
  // nearly as many groups as rows.
  for (const row of ledger.rows(summedQuery(orgs.length, dates, grain), params)) {
    const r = row as unknown as SummedRaw;
    if (r[29] === 1) return undefined;
    stored.push(summedLine(r, texts, files));
  }
  const batches = ledger.select<ContributingBatch>(`
    SELECT b.id, b.org, b.kind, b.file_name AS fileName, b.policy, b.rows_rejected AS rowsRejected
    FROM batches b WHERE b.status = 'active' AND b.org IN (${orgs.map(() => '?').join(', ')})
      AND EXISTS (SELECT 1 FROM activities a WHERE a.batch_id = b.id AND a.superseded_by IS NULL AND a.direction = 'import'${dates})
    ORDER BY b.id`, [...orgs, ...params.slice(orgs.length)]);
  return { stored, batches };
}

/** The file each import read, by its id. */
function fileNames(ledger: Ledger): Map<number, string> {
  return new Map(ledger.select<{ id: number; file: string }>('SELECT id, file_name AS file FROM batches').map((b) => [b.id, b.file]));
}

type SiteMainRaw = readonly [org: string, site: string | null, source: string, periodStart: string, periodEnd: string, quantity: number, unit: string,
  kgCo2e: number, estimated: 0 | 1, scope: number | null, batchId: number, line: number, extraJson: string | null];

/** Main rows with only what coverage and site rankings use (see `Grain`), a row at a time. */
export function readSiteMain(ledger: Ledger, query: Pick<LineQuery, 'orgs' | 'from' | 'to'>): StoredRead {
  if (query.orgs.length === 0) return { stored: [], batches: [] };
  const { where, params } = countedRows(ledger, query);
  const files = fileNames(ledger);
  const t = new Texts();
  const stored: StoredLine[] = [];
  const columns = `a.org, a.site, a.source, a.period_start, a.period_end, a.quantity, a.unit, a.kg_co2e, a.estimated, a.scope, a.batch_id, a.line,
    CASE WHEN a.extra_json LIKE '%estimatedPeriods%' THEN a.extra_json END`;
  for (const row of ledger.rows({ columns, from: `activities a JOIN batches b ON b.id = a.batch_id WHERE ${where} AND a.companion_of IS NULL AND a.scope IS NOT NULL` }, params)) {
    const r = row as unknown as SiteMainRaw;
    const share = estimatedShareOf(r[12]);
    const unit = t.of(r[6]);
    const line: EmissionLine = {
      org: t.of(r[0]), site: t.of(r[1]), meter: null, source: t.of(r[2]), periodStart: t.of(r[3]), periodEnd: t.of(r[4]), quantity: r[5], unit,
      estimated: r[8] === 1, kind: 'main', basis: 'location', factorKey: '', factorYear: 0, factorEdition: '', factorUnit: unit, factorKgPerUnit: 0,
      factorCustom: false, policy: '', kgCo2e: r[7], kgCo2: null, kgCh4: null, kgN2o: null, scope: asScope(r[9]), scopeCategory: null,
      trace: { file: files.get(r[10]) ?? '', line: r[11], batchId: r[10], note: 'what coverage and sites use of the ledger line' },
      estimatedShare: share ?? (r[8] === 1 ? 1 : 0),
    };
    stored.push({ line, companionOf: null });
  }
  return { stored, batches: [] };
}

/** What the ledger holds for a query, before any recomputation or clipping: read once, used many times. */
export interface StoredRead {
  readonly stored: readonly StoredLine[];
  readonly batches: ContributingBatch[];
}

/** The rows that count (see the top of this file) for the organisations and dates asked for, as a condition on `activities a` joined to `batches b`. */
function countedRows(ledger: Ledger, query: Pick<LineQuery, 'orgs' | 'from' | 'to'>): { where: string; params: (string | number)[] } {
  const { dates, params } = orgsAndDates(ledger, query);
  return { where: `b.status = 'active' AND a.superseded_by IS NULL AND a.direction = 'import' AND a.org IN (${query.orgs.map(() => '?').join(', ')})${dates}`, params };
}

export function readStored(ledger: Ledger, query: Pick<LineQuery, 'orgs' | 'from' | 'to'>): StoredRead {
  if (query.orgs.length === 0) return { stored: [], batches: [] };
  const { where, params } = countedRows(ledger, query);
  // Each row becomes its line as it is read, so only the lines are held (see `Ledger.rows`).
  const texts = new Texts();
  const stored: StoredLine[] = [];
  const ids = new Set<number>();
  for (const row of ledger.rows({ columns: LINE_COLUMNS, from: `activities a JOIN batches b ON b.id = a.batch_id WHERE ${where} ORDER BY ${LINE_ORDER}` }, params)) {
    const r = row as unknown as RawRow;
    stored.push(toLine(r, texts));
    ids.add(r[0]);
  }
  const batchIds = [...ids];
  const batches = batchIds.length === 0 ? [] : ledger.select<ContributingBatch>(`
    SELECT id, org, kind, file_name AS fileName, policy, rows_rejected AS rowsRejected FROM batches
    WHERE id IN (${batchIds.map(() => '?').join(', ')}) ORDER BY id`, batchIds);
  return { stored, batches };
}

/**
 * The stored lines of a query for a reader that hands them on as it goes (`export lines`): read
 * a page at a time from a snapshot taken when this is called (see `Ledger.snapshot`), so only a
 * page is held, the ledger is free between pages, and every pass sees the same lines.
 */
export interface StoredLineStream {
  /** Every line, in the order `readStored` gives. */
  all(): Generator<StoredLine>;
  /** The main Scope 2 lines only (those with a market-based counterpart), in the same order. */
  scope2Main(): Generator<StoredLine>;
  /** Lets the snapshot go; call it when done, whether or not every line was taken. */
  close(): void;
}

export function streamStored(ledger: Ledger, query: Pick<LineQuery, 'orgs' | 'from' | 'to'>): StoredLineStream {
  if (query.orgs.length === 0) return { *all() {}, *scope2Main() {}, close() {} };
  const { where, params } = countedRows(ledger, query);
  const snapshot = ledger.snapshot({ select: 'a.id', from: `activities a JOIN batches b ON b.id = a.batch_id WHERE ${where}`, orderBy: LINE_ORDER }, params);
  function* lines(only?: string): Generator<StoredLine> {
    const read = { columns: LINE_COLUMNS, join: 'activities a ON a.id = s.id JOIN batches b ON b.id = a.batch_id', ...(only === undefined ? {} : { where: only }) };
    for (const row of snapshot.rows(read)) yield toLine(row as unknown as RawRow, NO_POOL);
  }
  return {
    all: () => lines(),
    // A main row is one that accompanies no other and has a scope (see `lineKind`).
    scope2Main: () => lines('a.scope = 2 AND a.companion_of IS NULL'),
    close: () => {
      snapshot.close();
    },
  };
}

/** Lines from what was read: recomputed under another policy if asked, cut to the query's dates. */
export function linesFrom(read: StoredRead, query: LineQuery): EmissionLinesResult {
  const warnings: AggregateWarning[] = [];
  let lines: EmissionLine[];
  if (query.recompute) {
    const r = recomputeLines(read.stored, query.recompute.policy, query.recompute.library);
    lines = r.lines;
    warnings.push(...r.warnings);
  } else {
    lines = read.stored.map((s) => s.line);
  }
  if (query.from !== undefined || query.to !== undefined) {
    const from = query.from ?? '0000-01-01';
    const to = query.to ?? '9999-12-31';
    lines = lines.flatMap((l) => clipLine(l, from, to) ?? []);
  }
  return { lines, batches: read.batches, warnings };
}

export function emissionLines(ledger: Ledger, query: LineQuery): EmissionLinesResult {
  return linesFrom(readStored(ledger, query), query);
}
