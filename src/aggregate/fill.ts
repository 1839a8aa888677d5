/**
 * Filling coverage gaps, only when asked, and always visibly: a filled month becomes separate
 * estimated lines (`filled` set, a trace note naming the method and the months used), and the
 * result names the method. The default is `none`: gaps stay gaps.
 *
 * - `previous-year`: the same month of the previous year, for that site and source; its
 *   quantities are priced at this year's emissions per unit for the same factor key (so a change
 *   of factor between years is not carried over), or at the donor's own where this year has no
 *   line with that key. A month the previous year also lacks falls back to `average-of-year`,
 *   and its lines say so.
 * - `average-of-year`: the mean of the year's covered months for that site and source (quantity
 *   and emissions per factor key), a common estimate for an unread meter.
 *
 * Only location-based main lines and their companions are filled; run `marketBasedLines` after
 * filling so filled electricity gets its market-based counterpart too. Per-gas splits of filled
 * lines are not estimated (null).
 */

import { financialYearLabel } from '../convert/policy.js';
import type { CoverageRow } from './coverage.js';
import type { EmissionLine, FillMethodName } from '../kernel/emission-line.js';
import { aggMsg, type AggregateWarning } from './warnings.js';
import { clipLine, financialYearOf, financialYearStart, monthRange } from './periods.js';

export type FillMethod = 'none' | FillMethodName;

export interface FilledMonth {
  readonly org: string;
  readonly site: string | null;
  readonly source: string;
  readonly month: string;
  readonly method: FillMethodName;
  /** The months the figure came from. */
  readonly from: readonly string[];
}

export interface FillResult {
  readonly method: FillMethod;
  /** The added lines only; the caller adds them to the lines it aggregates. */
  readonly lines: EmissionLine[];
  readonly filled: FilledMonth[];
  readonly warnings: AggregateWarning[];
}

/** The trace file of a filled line: it comes from no file. */
export const FILLED_FILE = '(gap filled)';

interface KeyTotal {
  template: EmissionLine;
  quantity: number;
  kgCo2e: number;
}

/** Lines of one site/source grouped by what they are (kind, key, unit, scope). */
function byFactor(lines: readonly EmissionLine[]): Map<string, KeyTotal> {
  const out = new Map<string, KeyTotal>();
  for (const l of lines) {
    const id = `${l.kind}|${l.factorKey}|${l.unit}|${String(l.scope)}|${String(l.scopeCategory)}`;
    const t = out.get(id) ?? { template: l, quantity: 0, kgCo2e: 0 };
    t.quantity += l.quantity;
    t.kgCo2e += l.kgCo2e;
    out.set(id, t);
  }
  return out;
}

function filledLine(t: KeyTotal, quantity: number, kgCo2e: number, month: string, method: FillMethodName, note: string): EmissionLine {
  const r = monthRange(month);
  return {
    ...t.template, meter: null, periodStart: r.start, periodEnd: r.end, quantity, kgCo2e, kgCo2: null, kgCh4: null, kgN2o: null,
    estimated: true, filled: method, trace: { file: FILLED_FILE, line: 0, batchId: null, note },
  };
}

function previousYearMonth(month: string): string {
  return `${Number(month.slice(0, 4)) - 1}${month.slice(4)}`;
}

export function fillGaps(lines: readonly EmissionLine[], rows: readonly CoverageRow[], method: FillMethod): FillResult {
  if (method === 'none') return { method, lines: [], filled: [], warnings: [] };
  const real = lines.filter((l) => l.basis === 'location' && l.filled === undefined);
  const bySeries = new Map<string, EmissionLine[]>();
  for (const l of real) {
    const id = `${l.org}\u0000${l.site ?? ''}\u0000${l.source}`;
    const list = bySeries.get(id) ?? [];
    list.push(l);
    bySeries.set(id, list);
  }
  const out: EmissionLine[] = [];
  const filled: FilledMonth[] = [];
  const warnings: AggregateWarning[] = [];
  const inRange = (series: readonly EmissionLine[], start: string, end: string): EmissionLine[] => series.flatMap((l) => clipLine(l, start, end) ?? []);

  for (const row of rows) {
    if (row.missingMonths.length === 0) continue;
    const series = bySeries.get(`${row.org}\u0000${row.site ?? ''}\u0000${row.source}`) ?? [];
    const fy = financialYearStart(row.year);
    const yearLines = inRange(series, `${fy}-04-01`, `${fy + 1}-03-31`);
    const yearTotals = byFactor(yearLines);
    for (const month of row.missingMonths) {
      if (method === 'previous-year') {
        const donor = previousYearMonth(month);
        const r = monthRange(donor);
        const donorLines = inRange(series, r.start, r.end);
        if (donorLines.length > 0) {
          for (const [id, t] of byFactor(donorLines)) {
            // Price at this year's emissions per unit for the same key, where this year has it.
            const here = yearTotals.get(id);
            const kg = here !== undefined && here.quantity !== 0 ? t.quantity * (here.kgCo2e / here.quantity) : t.kgCo2e;
            const base = here ?? t;
            out.push(filledLine({ ...t, template: base.template }, t.quantity, kg, month, 'previous-year', aggMsg.filledPreviousYearNote(month, donor)));
          }
          filled.push({ org: row.org, site: row.site, source: row.source, month, method: 'previous-year', from: [donor] });
          continue;
        }
      }
      const covered = row.months.filter((m) => m.days > 0).map((m) => m.month);
      if (covered.length === 0) {
        warnings.push({ code: 'fill_no_donor', message: aggMsg.fillNoDonor(row.site ?? '(no site)', row.source, month), about: { org: row.org, site: row.site ?? '', source: row.source, month } });
        continue;
      }
      const year = financialYearLabel(financialYearOf(`${month}-01`));
      for (const t of yearTotals.values()) {
        out.push(filledLine(t, t.quantity / covered.length, t.kgCo2e / covered.length, month, 'average-of-year', aggMsg.filledAverageNote(month, covered.length, year)));
      }
      filled.push({ org: row.org, site: row.site, source: row.source, month, method: 'average-of-year', from: covered });
    }
  }
  return { method, lines: out, filled, warnings };
}
