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

function toLine(r: Row): StoredLine {
  const share = estimatedShareOf(r.extra_json);
  const line: EmissionLine = {
    org: r.org, site: r.site, meter: r.meter, source: r.source, periodStart: r.period_start, periodEnd: r.period_end,
    quantity: r.quantity, unit: r.unit, estimated: r.estimated === 1, kind: lineKind(r.factor_key, r.companion_of, r.scope), basis: 'location',
    factorKey: r.factor_key, factorYear: r.factor_year, factorEdition: r.factor_edition, factorUnit: r.factor_unit,
    factorKgPerUnit: r.factor_kg_per_unit, factorCustom: r.factor_custom === 1, policy: r.policy,
    kgCo2e: r.kg_co2e, kgCo2: r.kg_co2, kgCh4: r.kg_ch4, kgN2o: r.kg_n2o,
    scope: asScope(r.scope), scopeCategory: r.scope_category,
    trace: { file: r.file_name, line: r.line, batchId: r.batch_id },
    ...(share === undefined ? {} : { estimatedShare: share }),
  };
  return { line, companionOf: r.companion_of };
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
  const stored = toLine({ ...r, extra_json: null, estimated: 0, site: null, meter: null });
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

export function readStored(ledger: Ledger, query: Pick<LineQuery, 'orgs' | 'from' | 'to'>): StoredRead {
  if (query.orgs.length === 0) return { stored: [], batches: [] };
  const marks = query.orgs.map(() => '?').join(', ');
  const { dates, params } = orgsAndDates(query);
  const rows = ledger.select<Row>(`
    SELECT a.batch_id, b.file_name, a.line, a.org, a.site, a.meter, a.source, a.period_start, a.period_end, a.quantity, a.unit,
      a.estimated, a.factor_key, a.companion_of, a.factor_year, a.factor_edition, a.factor_unit, a.factor_kg_per_unit,
      a.factor_custom, a.policy, a.kg_co2e, a.kg_co2, a.kg_ch4, a.kg_n2o, a.scope, a.scope_category, a.extra_json
    FROM activities a JOIN batches b ON b.id = a.batch_id
    WHERE b.status = 'active' AND a.superseded_by IS NULL AND a.direction = 'import' AND a.org IN (${marks})${dates}
    ORDER BY a.org, a.period_start, a.batch_id, a.line, a.id`, params);
  const stored = rows.map(toLine);
  const ids = [...new Set(rows.map((r) => r.batch_id))];
  const batches = ids.length === 0 ? [] : ledger.select<ContributingBatch>(`
    SELECT id, org, kind, file_name AS fileName, policy, rows_rejected AS rowsRejected FROM batches
    WHERE id IN (${ids.map(() => '?').join(', ')}) ORDER BY id`, ids);
  return { stored, batches };
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
