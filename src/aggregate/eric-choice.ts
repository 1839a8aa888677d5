/**
 * ERIC or metered: an organisation's ERIC return and its own metered (billed, read) data for the
 * same financial year and source are never added together. Metered data counts where it covers
 * every month of the year; otherwise the return counts, and the metered rows of that year and
 * source stand aside (they stay in the ledger, and `emissions --compare-eric` shows both).
 * Decided when the ledger is read, so that importing either side later changes the choice.
 */

import type { Ledger } from '../store/ledger.js';

export interface EricChoice {
  readonly org: string;
  readonly source: string;
  /** The financial year's first and last days. */
  readonly start: string;
  readonly end: string;
  readonly counted: 'eric' | 'metered';
  /** Months of the year the metered data has (0–12). */
  readonly meteredMonths: number;
}

/** Months in a financial year: metered data with all of them counts instead of the return. */
const MONTHS = 12;

/** The choice for each organisation, source and year an ERIC import holds. */
export function ericChoices(ledger: Ledger, orgs: readonly string[]): EricChoice[] {
  if (orgs.length === 0) return [];
  const eric = ledger.select<{ id: number }>(`SELECT id FROM batches WHERE kind = 'eric' AND status = 'active' AND org IN (${orgs.map(() => '?').join(', ')})`, [...orgs]);
  if (eric.length === 0) return [];
  const groups = ledger.select<{ org: string; source: string; start: string; end: string }>(`
    SELECT DISTINCT a.org AS org, a.source AS source, a.period_start AS start, a.period_end AS end FROM activities a
    WHERE a.batch_id IN (${eric.map(() => '?').join(', ')}) AND a.superseded_by IS NULL AND a.direction = 'import'
    ORDER BY a.org, a.period_start, a.source`, eric.map((b) => b.id));
  return groups.map((g) => {
    const [row] = ledger.select<{ months: number }>(`
      SELECT count(DISTINCT substr(a.period_start, 1, 7)) AS months FROM activities a JOIN batches b ON b.id = a.batch_id
      WHERE a.org = ? AND a.period_start >= ? AND a.period_start <= ? AND a.source = ? AND b.kind <> 'eric'
        AND b.status = 'active' AND a.superseded_by IS NULL AND a.direction = 'import' AND a.companion_of IS NULL`, [g.org, g.start, g.end, g.source]);
    const meteredMonths = row?.months ?? 0;
    return { ...g, counted: meteredMonths >= MONTHS ? 'metered' : 'eric', meteredMonths };
  });
}

/**
 * The rows the choices leave out, as a condition on `activities a` joined to `batches b`
 * (empty when no ERIC import is held): the return where metered data counts, the metered rows
 * where the return does.
 */
export function ericCondition(choices: readonly EricChoice[]): { readonly sql: string; readonly params: (string | number)[] } {
  let sql = '';
  const params: (string | number)[] = [];
  for (const c of choices) {
    if (c.counted === 'metered') {
      sql += ` AND NOT (b.kind = 'eric' AND a.org = ? AND a.source = ? AND a.period_start = ? AND a.period_end = ?)`;
      params.push(c.org, c.source, c.start, c.end);
    } else if (c.meteredMonths > 0) {
      sql += ` AND NOT (b.kind <> 'eric' AND a.org = ? AND a.source = ? AND a.period_start >= ? AND a.period_start <= ?)`;
      params.push(c.org, c.source, c.start, c.end);
    }
  }
  return { sql, params };
}

/** One line of `emissions --compare-eric`: the return and the metered data for a year and source, side by side. */
export interface EricComparison extends EricChoice {
  readonly unit: string;
  readonly eric: { readonly quantity: number; readonly kgCo2e: number };
  readonly metered: { readonly quantity: number; readonly kgCo2e: number };
}

/**
 * Both sides of every choice, main lines only (without well-to-tank, T&D losses or biogenic CO2),
 * as stored: the return's figure and the metered rows of the same organisation, year and source.
 */
export function ericComparison(ledger: Ledger, orgs: readonly string[]): EricComparison[] {
  const sum = (kind: 'eric' | 'metered', c: EricChoice): { quantity: number; kgCo2e: number; unit: string } => {
    const [row] = ledger.select<{ quantity: number | null; kg: number | null; unit: string | null }>(`
      SELECT sum(a.quantity) AS quantity, sum(a.kg_co2e) AS kg, min(a.unit) AS unit FROM activities a JOIN batches b ON b.id = a.batch_id
      WHERE a.org = ? AND a.source = ? AND a.period_start >= ? AND a.period_start <= ? AND b.kind ${kind === 'eric' ? '=' : '<>'} 'eric'
        AND b.status = 'active' AND a.superseded_by IS NULL AND a.direction = 'import' AND a.companion_of IS NULL AND a.scope IS NOT NULL`, [c.org, c.source, c.start, c.end]);
    return { quantity: row?.quantity ?? 0, kgCo2e: row?.kg ?? 0, unit: row?.unit ?? '' };
  };
  return ericChoices(ledger, orgs).map((c) => {
    const eric = sum('eric', c);
    const metered = sum('metered', c);
    return { ...c, unit: eric.unit, eric: { quantity: eric.quantity, kgCo2e: eric.kgCo2e }, metered: { quantity: metered.quantity, kgCo2e: metered.kgCo2e } };
  });
}
