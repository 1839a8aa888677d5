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
import type { EmissionLine, LineKind } from './line.js';
import type { AggregateWarning } from './messages.js';
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
/** What the ledger holds for a query, before any recomputation or clipping: read once, used many times. */
export interface StoredRead {
  readonly stored: readonly StoredLine[];
  readonly batches: ContributingBatch[];
}

export function readStored(ledger: Ledger, query: Pick<LineQuery, 'orgs' | 'from' | 'to'>): StoredRead {
  if (query.orgs.length === 0) return { stored: [], batches: [] };
  const marks = query.orgs.map(() => '?').join(', ');
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
  const rows = ledger.select<Row>(`
    SELECT a.batch_id, b.file_name, a.line, a.org, a.site, a.meter, a.source, a.period_start, a.period_end, a.quantity, a.unit,
      a.estimated, a.factor_key, a.companion_of, a.factor_year, a.factor_edition, a.factor_unit, a.factor_kg_per_unit,
      a.factor_custom, a.policy, a.kg_co2e, a.kg_co2, a.kg_ch4, a.kg_n2o, a.scope, a.scope_category, a.extra_json
    FROM activities a JOIN batches b ON b.id = a.batch_id
    WHERE b.status = 'active' AND a.direction = 'import' AND a.org IN (${marks})${dates}
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
