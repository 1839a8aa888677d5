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
import type { EmissionLine, LineKind } from '../kernel/emission-line.js';
import type { AggregateWarning } from './warnings.js';
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

interface Row {
  batch_id: number;
  file_name: string;
  line: number;
  org: string;
  site: string | null;
  meter: string | null;
  source: string;
  period_start: string;
  period_end: string;
  quantity: number;
  unit: string;
  estimated: 0 | 1;
  factor_key: string;
  companion_of: string | null;
  factor_year: number;
  factor_edition: string;
  factor_unit: string;
  factor_kg_per_unit: number;
  factor_custom: 0 | 1;
  policy: string;
  kg_co2e: number;
  kg_co2: number | null;
  kg_ch4: number | null;
  kg_n2o: number | null;
  scope: number | null;
  scope_category: number | null;
  extra_json: string | null;
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
 * `Ledger.rows`); `extra_json` is read only where it holds a half-hourly month's estimated count.
 */
const LINE_COLUMNS = `a.batch_id, b.file_name, a.line, a.org, a.site, a.meter, a.source, a.period_start, a.period_end, a.quantity, a.unit,
      a.estimated, a.factor_key, a.companion_of, a.factor_year, a.factor_edition, a.factor_unit, a.factor_kg_per_unit,
      a.factor_custom, a.policy, a.kg_co2e, a.kg_co2, a.kg_ch4, a.kg_n2o, a.scope, a.scope_category,
      CASE WHEN a.extra_json LIKE '%estimatedPeriods%' THEN a.extra_json END`;

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
    trace: { file: t.of(r[1]), line: r[2], batchId: r[0] },
  };
  // Spread only for the few lines that know their share: a spread in every literal cost more.
  return { line: share === undefined ? line : { ...line, estimatedShare: share }, companionOf };
}

/** A row read as an object (the summed reads) as the array `toLine` takes. */
function rawOf(r: Row): RawRow {
  return [r.batch_id, r.file_name, r.line, r.org, r.site, r.meter, r.source, r.period_start, r.period_end, r.quantity, r.unit,
    r.estimated, r.factor_key, r.companion_of, r.factor_year, r.factor_edition, r.factor_unit, r.factor_kg_per_unit,
    r.factor_custom, r.policy, r.kg_co2e, r.kg_co2, r.kg_ch4, r.kg_n2o, r.scope, r.scope_category, r.extra_json];
}

/** The emission lines of active imports, in a stable order (org, date, import, line). */
/**
 * How fine the lines read are:
 * - `line`: one per ledger row, with its file and line (exports, the audit trail);
 * - `month`: rows of the same organisation, source, month, factor and scope summed into one,
 *   sites and meters set aside. Totals, recomputation under another factor year (conversion is
 *   linear in the quantity) and every period the reports use (months, quarters, years) come out
 *   the same; the report of a large estate reads a few thousand lines instead of 100,000s.
 * - `site-month`: main rows only, summed per organisation, site, source and month (coverage and
 *   sites for the same reports).
 */
export type Grain = 'line' | 'month' | 'site-month';

const ESTIMATED_KG = `SUM(a.kg_co2e * CASE WHEN a.estimated = 1 THEN 1.0
  WHEN a.extra_json LIKE '%estimatedPeriods%' THEN CAST(json_extract(a.extra_json, '$.estimatedPeriods') AS REAL) / MAX(1, json_extract(a.extra_json, '$.periods'))
  ELSE 0.0 END)`;

interface GroupedRow extends Row {
  n: number;
  kg_estimated: number;
}

function groupedLine(r: GroupedRow): StoredLine {
  const stored = toLine(rawOf({ ...r, extra_json: null, estimated: 0, site: null, meter: null }), NO_POOL);
  const share = r.kg_co2e === 0 ? (r.kg_estimated > 0 ? 1 : 0) : Math.min(1, Math.max(0, r.kg_estimated / r.kg_co2e));
  return {
    companionOf: stored.companionOf,
    line: { ...stored.line, estimatedShare: share, trace: { file: r.n === 1 ? r.file_name : `(${r.n} ledger lines)`, line: r.n === 1 ? r.line : 0, batchId: r.n === 1 ? r.batch_id : null, note: `sum of ${r.n} ledger line(s) for the month; \`tco2e export lines\` lists each` } },
  };
}

/** The organisations and date range of a query as SQL conditions on \`activities a\`, with their parameters (organisations first). */
function orgsAndDates(query: Pick<LineQuery, 'orgs' | 'from' | 'to'>): { dates: string; params: (string | number)[] } {
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
  return { dates, params };
}

/** Reads summed lines (see `Grain`). */
export function readGrouped(ledger: Ledger, query: Pick<LineQuery, 'orgs' | 'from' | 'to'>, grain: 'month' | 'site-month'): StoredRead {
  if (query.orgs.length === 0) return { stored: [], batches: [] };
  const { dates, params } = orgsAndDates(query);
  if (grain === 'site-month') return { stored: readSiteMonths(ledger, query.orgs, dates, params), batches: [] };
  const rows = ledger.select<GroupedRow>(`
    SELECT MIN(a.batch_id) AS batch_id, b.file_name, MIN(a.line) AS line, COUNT(*) AS n, a.org, NULL AS site, a.source,
      MIN(a.period_start) AS period_start, MAX(a.period_end) AS period_end, SUM(a.quantity) AS quantity, a.unit,
      a.factor_key, a.companion_of, a.factor_year, a.factor_edition, a.factor_unit, a.factor_kg_per_unit, a.factor_custom, a.policy,
      SUM(a.kg_co2e) AS kg_co2e, NULL AS kg_co2, NULL AS kg_ch4, NULL AS kg_n2o, a.scope, a.scope_category,
      ${ESTIMATED_KG} AS kg_estimated
    FROM activities a JOIN batches b ON b.id = a.batch_id
    WHERE b.status = 'active' AND a.superseded_by IS NULL AND a.direction = 'import' AND a.org IN (${query.orgs.map(() => '?').join(', ')})${dates}
    -- A source, key, year and policy fix the scope (owned or business travel is in the source),
    -- the edition, the factor's unit and value, so those are taken from any row of the group
    -- (SQLite's bare columns) rather than compared row by row; per-gas figures are left to the
    -- line-by-line read (exports). Grouping on fewer columns halved the read of a large estate.
    GROUP BY a.org, substr(a.period_start, 1, 7), a.source, a.unit, a.factor_key, a.companion_of, a.factor_year, a.policy
    ORDER BY a.org, period_start, a.source, a.factor_key`, params);
  const stored = rows.map((r) => groupedLine(r));
  const batches = ledger.select<ContributingBatch>(`
    SELECT DISTINCT b.id, b.org, b.kind, b.file_name AS fileName, b.policy, b.rows_rejected AS rowsRejected
    FROM batches b WHERE b.status = 'active' AND b.org IN (${query.orgs.map(() => '?').join(', ')})
      AND EXISTS (SELECT 1 FROM activities a WHERE a.batch_id = b.id AND a.superseded_by IS NULL${dates})
    ORDER BY b.id`, [...query.orgs, ...params.slice(query.orgs.length)]);
  return { stored, batches };
}

/**
 * Main lines summed per organisation, site, source and month, with only what coverage and site
 * rankings use (fewer columns read: the read is most of the cost on a large estate).
 */
function readSiteMonths(ledger: Ledger, orgs: readonly string[], dates: string, params: readonly (string | number)[]): StoredLine[] {
  const rows = ledger.select<{ org: string; site: string | null; source: string; s: string; e: string; q: number; unit: string; kg: number; est: number; scope: number | null; n: number }>(`
    SELECT a.org, a.site, a.source, MIN(a.period_start) AS s, MAX(a.period_end) AS e, SUM(a.quantity) AS q, a.unit, SUM(a.kg_co2e) AS kg,
      ${ESTIMATED_KG} AS est, MAX(a.scope) AS scope, COUNT(*) AS n
    FROM activities a JOIN batches b ON b.id = a.batch_id
    WHERE b.status = 'active' AND a.superseded_by IS NULL AND a.direction = 'import' AND a.companion_of IS NULL AND a.org IN (${orgs.map(() => '?').join(', ')})${dates}
    GROUP BY a.org, a.site, a.source, substr(a.period_start, 1, 7), a.unit
    ORDER BY a.org, s`, params);
  return rows.map((r) => ({
    companionOf: null,
    line: {
      org: r.org, site: r.site, meter: null, source: r.source, periodStart: r.s, periodEnd: r.e, quantity: r.q, unit: r.unit, estimated: false,
      estimatedShare: r.kg === 0 ? (r.est > 0 ? 1 : 0) : Math.min(1, Math.max(0, r.est / r.kg)), kind: 'main', basis: 'location',
      factorKey: '', factorYear: 0, factorEdition: '', factorUnit: r.unit, factorKgPerUnit: 0, factorCustom: false, policy: '',
      kgCo2e: r.kg, kgCo2: null, kgCh4: null, kgN2o: null, scope: asScope(r.scope), scopeCategory: null,
      trace: { file: `(${r.n} ledger lines)`, line: 0, batchId: null, note: 'summed per site and month' },
    },
  }));
}

/** What the ledger holds for a query, before any recomputation or clipping: read once, used many times. */
export interface StoredRead {
  readonly stored: readonly StoredLine[];
  readonly batches: ContributingBatch[];
}

/** The rows that count (see the top of this file) for the organisations and dates asked for, as a condition on `activities a` joined to `batches b`. */
function countedRows(query: Pick<LineQuery, 'orgs' | 'from' | 'to'>): { where: string; params: (string | number)[] } {
  const { dates, params } = orgsAndDates(query);
  return { where: `b.status = 'active' AND a.superseded_by IS NULL AND a.direction = 'import' AND a.org IN (${query.orgs.map(() => '?').join(', ')})${dates}`, params };
}

export function readStored(ledger: Ledger, query: Pick<LineQuery, 'orgs' | 'from' | 'to'>): StoredRead {
  if (query.orgs.length === 0) return { stored: [], batches: [] };
  const { where, params } = countedRows(query);
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
  const { where, params } = countedRows(query);
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
