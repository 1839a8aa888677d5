/**
 * Emission lines as flat records for BI tools (Power BI, Excel, Tableau): one record per line
 * with its full trace, under the same column names in CSV and JSON so a model built on one reads
 * the other. Quantities and emissions are at full precision and in the units the names carry.
 */

import type { EmissionLine } from '../../kernel/emission-line.js';

export const LINE_COLUMNS = [
  'org', 'site', 'meter', 'source', 'period_start', 'period_end', 'quantity', 'unit', 'estimated', 'estimated_share', 'filled',
  'kind', 'basis', 'factor_key', 'factor_year', 'factor_edition', 'factor_unit', 'factor_kg_per_unit', 'factor_custom', 'policy',
  'kg_co2e', 'kg_co2', 'kg_ch4', 'kg_n2o', 'scope', 'scope_category', 'trace_file', 'trace_line', 'batch_id', 'note',
] as const;
export type LineColumn = (typeof LINE_COLUMNS)[number];

export type LineRecord = { readonly [C in LineColumn]: string | number | boolean | null };

/** The record of one line; `estimated_share` is the exact share where known, else 1 or 0 from the flag. */
export function lineRecord(l: EmissionLine): LineRecord {
  return {
    org: l.org,
    site: l.site,
    meter: l.meter,
    source: l.source,
    period_start: l.periodStart,
    period_end: l.periodEnd,
    quantity: l.quantity,
    unit: l.unit,
    estimated: l.estimated,
    estimated_share: l.filled !== undefined ? 1 : l.estimatedShare ?? (l.estimated ? 1 : 0),
    filled: l.filled ?? null,
    kind: l.kind,
    basis: l.basis,
    factor_key: l.factorKey,
    factor_year: l.factorYear,
    factor_edition: l.factorEdition,
    factor_unit: l.factorUnit,
    factor_kg_per_unit: l.factorKgPerUnit,
    factor_custom: l.factorCustom,
    policy: l.policy,
    kg_co2e: l.kgCo2e,
    kg_co2: l.kgCo2,
    kg_ch4: l.kgCh4,
    kg_n2o: l.kgN2o,
    scope: l.scope,
    scope_category: l.scopeCategory,
    trace_file: l.trace.file,
    trace_line: l.trace.line,
    batch_id: l.trace.batchId,
    note: l.trace.note ?? null,
  };
}
