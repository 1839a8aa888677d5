/**
 * Coverage: for each organisation, site and source, which months of each financial year have
 * data (a months × source grid per year), how much of it was estimated, and which rows the
 * contributing imports rejected. Gaps are shown, never filled here (see `fill.ts`).
 *
 * A month counts as covered when at least one main line has a day in it (a fuel-card month
 * with one purchase is covered; `days` says how many of its days have data). The site/source
 * pairs of a grid are those the organisation has data for in any year asked for, so a meter that
 * stopped reporting shows as twelve missing months rather than disappearing.
 */

import type { Ledger } from '../store/ledger.js';
import type { EmissionLine } from '../kernel/emission-line.js';
import { estimatedPortion, tierFor, TIER_LABELS, type QualityTier } from './quality.js';
import { clipLine, daysBetween, financialYearOf, financialYearStart, monthRange, monthsOfFinancialYear } from './periods.js';
import { financialYearLabel } from '../convert/policy.js';

export interface CoverageCell {
  /** `YYYY-MM`. */
  readonly month: string;
  /** Days of the month with data from imports (filled lines not counted). */
  readonly days: number;
  readonly daysInMonth: number;
  /** Some of the month's data is estimated. */
  readonly estimated: boolean;
  /** The month has a gap-filled line. */
  readonly filled: boolean;
}

export interface CoverageRow {
  readonly org: string;
  readonly site: string | null;
  readonly source: string;
  /** Financial year, `2024/25`. */
  readonly year: string;
  /** April to March. */
  readonly months: readonly CoverageCell[];
  readonly monthsCovered: number;
  readonly monthsFilled: number;
  /** Months with neither data nor a fill. */
  readonly missingMonths: readonly string[];
  /** Per unit, the share of the quantity from estimated reads (filled lines count as estimated). */
  readonly estimatedShareByUnit: Readonly<Record<string, number>>;
  /**
   * Estimated-or-missing share: months missing count as estimated (the Recipe Book's "at most
   * 10% estimated or missing"), the covered months by their emissions-weighted estimated share.
   */
  readonly estimatedOrMissingShare: number;
  readonly tier: QualityTier;
  readonly tierLabel: string;
}

export interface CoverageOptions {
  /** Financial years to show (`2024/25`); default: every year the lines touch. */
  readonly years?: readonly string[];
  /**
   * The day data is asked for on (ISO): a month that has not begun by then is not a gap, and
   * counts neither as missing nor in the missing share. Default: no month is in the future.
   */
  readonly asOf?: string;
  /**
   * When each site (by name) opened and closed, from the config: a month before a site opened or
   * after it closed is not a gap. A site whose data simply stops, with no closing date, still shows
   * its missing months: a closure is never inferred.
   */
  readonly sites?: ReadonlyMap<string, { readonly opened?: string | undefined; readonly closed?: string | undefined }>;
}

function yearsOf(lines: readonly EmissionLine[]): string[] {
  if (lines.length === 0) return [];
  // ISO dates sort as text: the first start and last end are found without reading each as a date.
  let first = lines[0]!.periodStart;
  let last = lines[0]!.periodEnd;
  for (const l of lines) {
    if (l.periodStart < first) first = l.periodStart;
    if (l.periodEnd > last) last = l.periodEnd;
  }
  const min = financialYearOf(first);
  const max = financialYearOf(last);
  return Array.from({ length: max - min + 1 }, (_, i) => financialYearLabel(min + i));
}

interface PairAcc {
  readonly org: string;
  readonly site: string | null;
  readonly source: string;
  /** month → days covered (day numbers) */
  readonly days: Map<string, number>;
  readonly estimatedMonths: Set<string>;
  readonly filledMonths: Set<string>;
  /** year → unit → [quantity, estimated quantity] */
  readonly quantities: Map<string, Map<string, [number, number]>>;
  /** year → [|kg|, estimated |kg|] */
  readonly kg: Map<string, [number, number]>;
}

/** The coverage grid of main, location-based lines (companions and market lines repeat them). */
/**
 * Sources metered continuously (electricity, mains gas, water, heat: every month should have
 * data), as opposed to deliveries and events (oil, LPG and biomass bought by the tanker or
 * load, fuel-card purchases, travel claims, survey-based commuting), where a month without any
 * is not a gap. Only the former have coverage and can be filled.
 */
export function isContinuousSource(source: string): boolean {
  return /^(electricity|gas|water|heat|steam)(:|$|\.)/.test(source) || source === 'water_supply' || source === 'water_treatment';
}

function popCount(bits: number): number {
  let n = 0;
  for (let b = bits; b !== 0; b &= b - 1) n++;
  return n;
}

export function coverage(lines: readonly EmissionLine[], options: CoverageOptions = {}): CoverageRow[] {
  // What is worked out per source and per day rather than per line: a large estate has a million
  // lines but a handful of sources and a few hundred first days.
  const continuous = new Map<string, boolean>();
  const main = lines.filter((l) => {
    if (l.kind !== 'main' || l.basis !== 'location') return false;
    let c = continuous.get(l.source);
    if (c === undefined) continuous.set(l.source, (c = isContinuousSource(l.source)));
    return c;
  });
  const years = options.years ?? yearsOf(main);
  const days = new Map<string, { month: string; monthEnd: string; year: string }>();
  const dayOf = (iso: string): { month: string; monthEnd: string; year: string } => {
    let d = days.get(iso);
    if (d === undefined) days.set(iso, (d = { month: iso.slice(0, 7), monthEnd: monthRange(iso.slice(0, 7)).end, year: financialYearLabel(financialYearOf(iso)) }));
    return d;
  };
  // Organisation, then site, then source: no key string made per line.
  const pairs = new Map<string, Map<string, Map<string, PairAcc>>>();
  const pairList: PairAcc[] = [];
  for (const line of main) {
    let bySite = pairs.get(line.org);
    if (!bySite) pairs.set(line.org, (bySite = new Map<string, Map<string, PairAcc>>()));
    let bySource = bySite.get(line.site ?? '');
    if (!bySource) bySite.set(line.site ?? '', (bySource = new Map<string, PairAcc>()));
    let p = bySource.get(line.source);
    if (!p) {
      p = { org: line.org, site: line.site, source: line.source, days: new Map(), estimatedMonths: new Set(), filledMonths: new Set(), quantities: new Map(), kg: new Map() };
      bySource.set(line.source, p);
      pairList.push(p);
    }
    const portion = estimatedPortion(line);
    let cursor = line.periodStart;
    while (cursor <= line.periodEnd) {
      const { month, monthEnd, year } = dayOf(cursor);
      // Most lines lie within one month (a bill month, a day's purchase): no clipping needed.
      const part = line.periodEnd <= monthEnd && cursor === line.periodStart ? line : clipLine(line, cursor, monthEnd)!;
      if (line.filled !== undefined) p.filledMonths.add(month);
      else {
        // Days of the month as bits (day 1 = bit 0): a month has at most 31, inside 32-bit ints.
        const from = Number(part.periodStart.slice(8, 10));
        const to = Number(part.periodEnd.slice(8, 10));
        const bits = (to === 31 ? 0x7fffffff : (1 << to) - 1) & ~((1 << (from - 1)) - 1);
        p.days.set(month, (p.days.get(month) ?? 0) | bits);
        if (portion > 0) p.estimatedMonths.add(month);
      }
      let units = p.quantities.get(year);
      if (units === undefined) p.quantities.set(year, (units = new Map<string, [number, number]>()));
      let q = units.get(part.unit);
      if (q === undefined) units.set(part.unit, (q = [0, 0]));
      q[0] += part.quantity;
      q[1] += part.quantity * portion;
      let kg = p.kg.get(year);
      if (kg === undefined) p.kg.set(year, (kg = [0, 0]));
      kg[0] += Math.abs(part.kgCo2e);
      kg[1] += Math.abs(part.kgCo2e) * portion;
      cursor = monthEnd < line.periodEnd ? nextMonthStart(month) : '9999-12-31';
    }
  }
  const asOfMonth = options.asOf?.slice(0, 7);
  const rows: CoverageRow[] = [];
  // Each year's months and their lengths, worked out once for every site and source.
  const yearMonths = new Map(years.map((year) => [year, monthsOfFinancialYear(financialYearStart(year)).map((month) => {
    const r = monthRange(month);
    return { month, daysInMonth: daysBetween(r.start, r.end) };
  })]));
  for (const p of pairList) {
    for (const year of years) {
      const months = yearMonths.get(year)!.map(({ month, daysInMonth }): CoverageCell => (
        { month, days: popCount(p.days.get(month) ?? 0), daysInMonth, estimated: p.estimatedMonths.has(month), filled: p.filledMonths.has(month) }
      ));
      const covered = months.filter((m) => m.days > 0).length;
      const filled = months.filter((m) => m.days === 0 && m.filled).length;
      const life = p.site === null ? undefined : options.sites?.get(p.site);
      const due = months.filter((m) => (asOfMonth === undefined || m.month <= asOfMonth)
        && (life?.opened === undefined || m.month >= life.opened.slice(0, 7)) && (life?.closed === undefined || m.month <= life.closed.slice(0, 7)));
      const missing = due.filter((m) => m.days === 0 && !m.filled).map((m) => m.month);
      const byUnit: Record<string, number> = {};
      for (const [unit, [q, e]] of p.quantities.get(year) ?? []) byUnit[unit] = q === 0 ? 0 : e / q;
      const [kg, estKg] = p.kg.get(year) ?? [0, 0];
      const missingShare = due.length === 0 ? 0 : missing.length / due.length;
      const share = missingShare + (1 - missingShare) * (kg === 0 ? 0 : estKg / kg);
      const tier = tierFor(share);
      rows.push({
        org: p.org, site: p.site, source: p.source, year, months, monthsCovered: covered, monthsFilled: filled, missingMonths: missing,
        estimatedShareByUnit: byUnit, estimatedOrMissingShare: share, tier, tierLabel: TIER_LABELS[tier],
      });
    }
  }
  return rows.sort((a, b) => a.org.localeCompare(b.org) || (a.site ?? '').localeCompare(b.site ?? '') || a.source.localeCompare(b.source) || a.year.localeCompare(b.year));
}

function nextMonthStart(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

export interface RejectedRows {
  readonly batchId: number;
  readonly fileName: string;
  /** Distinct rows rejected. */
  readonly rows: number;
  readonly problems: readonly { readonly line: number; readonly column: string; readonly code: string; readonly message: string }[];
}

/** The rows the given imports rejected (problems of severity `rejected`), per import. */
export function rejectedRows(ledger: Ledger, batchIds: readonly number[]): RejectedRows[] {
  if (batchIds.length === 0) return [];
  const rows = ledger.select<{ batchId: number; fileName: string; line: number; column: string; code: string; message: string }>(`
    SELECT p.batch_id AS batchId, b.file_name AS fileName, p.line, p.col AS "column", p.code, p.message
    FROM batch_problems p JOIN batches b ON b.id = p.batch_id
    WHERE p.severity = 'rejected' AND p.batch_id IN (${batchIds.map(() => '?').join(', ')})
    ORDER BY p.batch_id, p.line, p.rowid`, batchIds);
  const out = new Map<number, { batchId: number; fileName: string; lines: Set<number>; problems: RejectedRows['problems'][number][] }>();
  for (const r of rows) {
    const b = out.get(r.batchId) ?? { batchId: r.batchId, fileName: r.fileName, lines: new Set<number>(), problems: [] };
    b.lines.add(r.line);
    b.problems.push({ line: r.line, column: r.column, code: r.code, message: r.message });
    out.set(r.batchId, b);
  }
  return [...out.values()].map((b) => ({ batchId: b.batchId, fileName: b.fileName, rows: b.lines.size, problems: b.problems }));
}
