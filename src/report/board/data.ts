/**
 * Everything the board report shows, gathered as plain data from one read of the ledger: the
 * headline figures, each target's standing, emissions by source and month, energy, fleet, staff
 * travel, data quality and every factor used. The HTML is made from this in `sections.ts`.
 */

import { isContinuousSource, rejectedRows, type CoverageRow, type RejectedRows } from '../../aggregate/coverage.js';
import { footprint, memberIds, type AnalysisContext, type Footprint } from '../../aggregate/footprint.js';
import { aggregate, sourceGroup, type GroupTotal } from '../../aggregate/group.js';
import { intensityFigures, type IntensityFigure } from '../../aggregate/intensity.js';
import type { EmissionLine } from '../../kernel/emission-line.js';
import type { FactorLibrary } from '../../factors/library.js';
import { financialYearOf, monthsOfFinancialYear, ukDate } from '../../aggregate/periods.js';
import { financialYearLabel, fixedPolicy } from '../../convert/policy.js';
import { UserError } from '../../kernel/errors.js';
import type { PublishedLabels } from '../../factors/types.js';
import { compareYears, partsByYear, type Step, type YearChange } from '../../targets/comparable.js';
import { BASELINE_BOUND, progressFromLedger, siteLives, type TargetReport } from '../../targets/from-ledger.js';
import { parseFinancialYear } from '../../travel/period.js';
import { travelReport } from '../../travel/report.js';
import { UPSTREAM_NOT_PUBLISHED } from '../../travel/engine.js';
import { withCarShareTargets, type TravelWithTargets } from '../../targets/car-share-targets.js';
import { unknownOrg, type OrganisationConfig } from '../../workspace/config.js';

export interface FactorUsed {
  readonly key: string;
  readonly year: number;
  readonly edition: string;
  readonly unit: string;
  readonly kgPerUnit: number;
  readonly custom: boolean;
  readonly labels: PublishedLabels | null;
  /** Lines priced with it in the report's period. */
  readonly lines: number;
}

export interface YearFigure {
  readonly fyStart: number;
  readonly tco2e: number;
  readonly marketTco2e: number | null;
}

export interface BoardData {
  readonly org: OrganisationConfig;
  readonly members: readonly string[];
  readonly fyStart: number;
  readonly period: string;
  readonly generated: string;
  readonly toolVersion: string;
  /** Location-based totals (Scopes 1–3 in the boundary) by financial year, all years held. */
  readonly years: readonly YearFigure[];
  readonly current: GroupTotal | null;
  readonly previous: GroupTotal | null;
  /** The year against the one before, like for like: what is change and what is coverage (see `targets/comparable.ts`). */
  readonly yearOnYear: YearChange | null;
  /** The three largest movements on the year before, and why (see `movementsOf`). */
  readonly movements: readonly Movement[];
  readonly baseline: YearFigure | null;
  readonly intensity: readonly IntensityFigure[];
  readonly targets: readonly TargetReport[];
  readonly targetProblems: readonly string[];
  /** tCO2e by financial year and source group (commuting, electricity, fleet…). */
  readonly bySourceYear: readonly { readonly fyStart: number; readonly category: string; readonly tco2e: number }[];
  readonly byScope: readonly { readonly scope: string; readonly tco2e: number }[];
  readonly months: { readonly current: readonly { month: number; quantity: number }[]; readonly previous: readonly { month: number; quantity: number }[] };
  readonly energy: readonly { readonly source: string; readonly unit: string; readonly current: number; readonly previous: number | null }[];
  readonly sites: readonly { readonly site: string; readonly tco2e: number; readonly previous: number | null }[];
  readonly fleet: {
    readonly rows: readonly { readonly source: string; readonly unit: string; readonly quantity: number; readonly tco2e: number }[];
    readonly electricKmShare: number | null;
  };
  /** Staff travel per organisation: the organisation itself, or each member of an ICS. */
  readonly travel: readonly TravelWithTargets[];
  /** The first year held, like for like: only the kinds of data it has (see `baselineLeftOut`). */
  readonly baselineLikeForLike: YearFigure | null;
  readonly currentLikeForLike: number | null;
  readonly baselineLeftOut: readonly string[];
  /** Kinds of data counted by a survey in one of the two years and by a default method in the other: left out of both. */
  readonly baselineMethodChanged: readonly string[];
  readonly coverage: readonly CoverageRow[];
  readonly estimatedShare: number;
  readonly tier: number;
  readonly tierLabel: string;
  readonly rejected: readonly RejectedRows[];
  readonly factors: readonly FactorUsed[];
  readonly factorSets: readonly string[];
  readonly policies: readonly string[];
  readonly warnings: readonly string[];
  /** Why the year is only a partial view (`BoardOptions.partial`); empty for a whole year. */
  readonly partial: readonly string[];
}

/** One of the largest changes on the year before: in emissions (like for like), or in what is counted. */
export interface Movement {
  readonly group: string;
  readonly changeTco2e: number;
  readonly kind: 'emissions' | 'coverage';
  /** For a coverage movement: what stepped. */
  readonly step: Step | null;
  /**
   * For a kind of data measured in one unit in both years, with nothing in it that only one year
   * has: how much the quantity changed, and the tCO2e per unit (the factor, mostly), as shares.
   */
  readonly why: { readonly unit: string; readonly quantityChange: number; readonly perUnitChange: number } | null;
}

export interface BoardOptions {
  readonly org: string;
  /** `2024/25`. */
  readonly period: string;
  readonly now: Date;
  readonly toolVersion: string;
  /**
   * Report a year that is not over, or in which no metered supply has data, as a partial view
   * (every headline and status says so) rather than refuse it.
   */
  readonly partial?: boolean;
  /** Print every chart's table of numbers (on paper they are left out unless asked for). */
  readonly printTables?: boolean;
}

function fyOf(period: string): number {
  const fy = parseFinancialYear(period);
  if (fy === undefined) {
    throw new UserError('bad_period', `"${period}" is not a financial year.`, 'The board report covers a financial year: give it like 2024/25 (or 2024-25, FY24/25).');
  }
  return fy;
}

const KM_PER_MILE = 1.609344;

export function boardData(ctx: AnalysisContext, o: BoardOptions): BoardData {
  const org = organisationOf(ctx, o.org);
  const fy = fyOf(o.period);
  const members = memberIds(ctx.config, org.id);
  const fp: Footprint = footprint(ctx, { orgs: members, to: `${fy + 1}-03-31`, grain: 'summed' });
  const { years, current, previous } = yearTotals(fp, fy);
  const thisYear = fp.lines.filter((l) => inYear(l, fy));
  const lastYear = fp.lines.filter((l) => inYear(l, fy - 1));
  const today = ukDate(o.now);
  const partial = partialReasons(fy, thisYear, today);
  if (partial.length > 0 && o.partial !== true) {
    throw new UserError('period_incomplete', `${financialYearLabel(fy)} cannot be reported as a whole year: ${partial.join('; ')}.`,
      'Report a year that is over and has metered data, or pass --partial for a partial view that says so on every headline and status.');
  }

  const progress = progressFromLedger(ctx, { org: org.id, footprint: fp, fixedFootprint: (y) => footprint(ctx, { orgs: members, to: `${fy + 1}-03-31`, policy: fixedPolicy(y), grain: 'summed', commuting: true }) });
  const fyPeriod = { start: `${fy}-04-01`, end: `${fy + 1}-03-31` };
  const travel = members.map((id) => {
    const member = ctx.config.organisations.find((x) => x.id === id) ?? org;
    return withCarShareTargets(member, travelReport(ctx.ledger, ctx.library, member, fyPeriod));
  });
  const { baselineLikeForLike, currentLikeForLike, baselineLeftOut, baselineMethodChanged } = likeForLike(fp.lines, thisYear, years[0], current);
  const factors = factorsUsed(ctx.library, thisYear);
  const change = yearOnYear(fp.lines, fy, previous !== null && current !== null);

  return {
    org, members, fyStart: fy, period: financialYearLabel(fy), generated: today, toolVersion: o.toolVersion,
    years, current, previous, yearOnYear: change, movements: change === null ? [] : movementsOf(change, thisYear, lastYear), baseline: years[0] ?? null,
    intensity: current ? intensityFigures(org, financialYearLabel(fy), current.kgCo2e).filter((f) => f.kgCo2ePerUnit !== null) : [],
    targets: progress.targets,
    targetProblems: progress.problems.map((p) => p.message),
    bySourceYear: aggregate(fp.lines, { groupBy: ['period', 'sourceGroup'] }).groups.map((g) => ({ fyStart: fyStartOf(g), category: g.key.sourceGroup ?? '', tco2e: g.kgCo2e / 1000 })),
    byScope: aggregate(thisYear, { groupBy: ['scope'] }).groups.map((g) => ({ scope: g.key.scope ?? '', tco2e: g.kgCo2e / 1000 })),
    months: { current: monthlyTco2e(thisYear), previous: monthlyTco2e(lastYear) },
    energy: energyRows(thisYear, lastYear),
    sites: siteRows(fp.siteLines, fy),
    fleet: fleetFigures(thisYear),
    travel, coverage: coverageInYear(ctx, fp.coverage, fy), baselineLikeForLike, currentLikeForLike, baselineLeftOut, baselineMethodChanged,
    estimatedShare: current?.estimatedShare ?? 0, tier: current?.tier ?? 3, tierLabel: current?.tierLabel ?? 'no data',
    rejected: rejectedRows(ctx.ledger, fp.batches.map((b) => b.id)),
    factors, factorSets: factorSetNames(ctx.library, factors),
    policies: current?.policies ?? [],
    // The board's totals leave well-to-tank out: a year's set not publishing one is nothing to say here.
    warnings: fp.warnings.filter((w) => w.code !== UPSTREAM_NOT_PUBLISHED).map((w) => w.message),
    partial,
  };
}

/**
 * Why a financial year cannot stand as a whole year: it has not ended (by the UK date), or no
 * metered supply (electricity, gas, heat, water) has data in it. Commuting carried forward from
 * an earlier survey, or fuel and travel alone, never make a year held.
 */
export function partialReasons(fy: number, thisYear: readonly EmissionLine[], today: string): string[] {
  const reasons: string[] = [];
  const end = `${fy + 1}-03-31`;
  if (today <= end) {
    const last = thisYear.reduce((m, l) => (l.filled === undefined && !l.source.startsWith('commuting') && l.periodEnd > m ? l.periodEnd : m), '');
    reasons.push(`the year is not over (it ends on 31 March ${fy + 1}${last === '' ? '' : `; data is held to ${last > today ? today : last}`})`);
  }
  if (!thisYear.some((l) => l.kind === 'main' && l.filled === undefined && isContinuousSource(l.source))) {
    reasons.push(`no metered supply (electricity, gas, heat or water) has data in ${financialYearLabel(fy)}`);
  }
  return reasons;
}

function organisationOf(ctx: AnalysisContext, id: string): OrganisationConfig {
  const org = ctx.config.organisations.find((x) => x.id === id);
  if (org === undefined) {
    throw unknownOrg([id], ctx.config);
  }
  return org;
}

/** The financial year a group keyed by `period` (`2024/25`) starts in. */
function fyStartOf(g: GroupTotal): number {
  return Number((g.key.period ?? '').slice(0, 4));
}

function inYear(l: EmissionLine, fyStart: number): boolean {
  return financialYearOf(l.periodStart) === fyStart;
}

/** Every financial year held, oldest first, and the report's year and the one before it. */
function yearTotals(fp: Footprint, fy: number): Pick<BoardData, 'years' | 'current' | 'previous'> {
  const yearly = aggregate([...fp.lines, ...fp.marketLines], { groupBy: ['period'] }).groups;
  return {
    years: yearly.map((g) => ({ fyStart: fyStartOf(g), tco2e: g.kgCo2e / 1000, marketTco2e: g.market ? g.market.kgCo2e / 1000 : null })).sort((a, b) => a.fyStart - b.fyStart),
    current: yearly.find((g) => fyStartOf(g) === fy) ?? null,
    previous: yearly.find((g) => fyStartOf(g) === fy - 1) ?? null,
  };
}

/** The year against the one before, by part; null when either year holds nothing. */
function yearOnYear(lines: readonly EmissionLine[], fy: number, both: boolean): YearChange | null {
  if (!both) return null;
  const near = lines.filter((l) => l.periodEnd >= `${fy - 1}-04-01` && l.periodStart <= `${fy + 1}-03-31`);
  const parts = partsByYear(near, 'financial-year');
  const from = parts.get(fy - 1);
  const to = parts.get(fy);
  return from === undefined || to === undefined ? null : compareYears(from, to);
}

/** How many movements the board summary shows. */
const MOVEMENTS = 3;

/**
 * The largest changes on the year before, by size: each kind of data's like-for-like change, and
 * each step in coverage (a new survey, a first survey, a new site) as a change in what is counted.
 */
function movementsOf(y: YearChange, thisYear: readonly EmissionLine[], lastYear: readonly EmissionLine[]): Movement[] {
  const stepped = new Set(y.steps.map((s) => s.group));
  const all: Movement[] = [
    ...y.byGroup.map((g) => ({ group: g.group, changeTco2e: g.likeChangeTco2e, kind: 'emissions' as const, step: null, why: stepped.has(g.group) ? null : whyOf(g.group, thisYear, lastYear) })),
    ...y.coverageByGroup.map((c) => ({ group: c.step.group, changeTco2e: c.tco2e, kind: 'coverage' as const, step: c.step, why: null })),
  ];
  return all.filter((m) => Math.abs(m.changeTco2e) >= 0.05).sort((a, b) => Math.abs(b.changeTco2e) - Math.abs(a.changeTco2e)).slice(0, MOVEMENTS);
}

/** Quantity and tCO2e per unit of one kind of data in both years, when it is measured in one unit. */
function whyOf(group: string, thisYear: readonly EmissionLine[], lastYear: readonly EmissionLine[]): Movement['why'] {
  const sum = (lines: readonly EmissionLine[]): { units: Set<string>; q: number; kg: number } => {
    const r = { units: new Set<string>(), q: 0, kg: 0 };
    for (const l of lines) {
      if (l.kind !== 'main' || l.basis !== 'location' || sourceGroup(l.source) !== group) continue;
      r.units.add(l.unit);
      r.q += l.quantity;
      r.kg += l.kgCo2e;
    }
    return r;
  };
  const now = sum(thisYear);
  const before = sum(lastYear);
  const units = new Set([...now.units, ...before.units]);
  if (units.size !== 1 || now.q <= 0 || before.q <= 0 || before.kg <= 0) return null;
  return { unit: [...units][0]!, quantityChange: now.q / before.q - 1, perUnitChange: now.kg / now.q / (before.kg / before.q) - 1 };
}

/** tCO2e by calendar month (1 to 12) of one year's lines. */
function monthlyTco2e(lines: readonly EmissionLine[]): { month: number; quantity: number }[] {
  return aggregate(lines, { groupBy: ['period'], period: 'month' }).groups.map((g) => ({ month: Number((g.key.period ?? '').slice(5, 7)), quantity: g.kgCo2e / 1000 }));
}

/** Energy: quantities of the metered and delivered fuels, by source and unit, beside last year's. */
function energyRows(thisYear: readonly EmissionLine[], lastYear: readonly EmissionLine[]): BoardData['energy'] {
  const now = energyBySource(thisYear);
  const before = energyBySource(lastYear);
  return [...now].map(([k, q]) => {
    const [source, unit] = k.split('|') as [string, string];
    return { source, unit, current: q, previous: before.get(k) ?? null };
  }).sort((a, b) => a.source.localeCompare(b.source));
}

/** Quantity by `source|unit` of the main location-based lines; fleet, travel and commuting have sections of their own. */
function energyBySource(lines: readonly EmissionLine[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const l of lines) {
    const g = sourceGroup(l.source);
    if (l.kind !== 'main' || l.basis !== 'location' || ['fleet', 'travel', 'commuting', 'patient-travel'].includes(g)) continue;
    const k = `${l.source}|${l.unit}`;
    m.set(k, (m.get(k) ?? 0) + l.quantity);
  }
  return m;
}

/**
 * Scope 1 and 2 tCO2e by site in the year (what a site burns and draws, as the page says),
 * largest first, beside the year before.
 */
function siteRows(siteLines: readonly EmissionLine[], fy: number): BoardData['sites'] {
  const placed = siteLines.filter((l) => l.site !== null && (l.scope === 1 || l.scope === 2));
  const now = siteTotals(placed.filter((l) => inYear(l, fy)));
  const before = siteTotals(placed.filter((l) => inYear(l, fy - 1)));
  return [...now].map(([site, tco2e]) => ({ site, tco2e, previous: before.get(site) ?? null })).sort((a, b) => b.tco2e - a.tco2e);
}

function siteTotals(lines: readonly EmissionLine[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const g of aggregate(lines, { groupBy: ['site'] }).groups) m.set(g.key.site ?? '(no site)', g.kgCo2e / 1000);
  return m;
}

/** The fleet's fuels and mileage in the year, largest first, and the share of its km driven on electricity. */
function fleetFigures(thisYear: readonly EmissionLine[]): BoardData['fleet'] {
  const rows = new Map<string, { source: string; unit: string; quantity: number; tco2e: number }>();
  let km = 0;
  let electricKm = 0;
  for (const l of thisYear) {
    if (sourceGroup(l.source) !== 'fleet' || l.kind !== 'main') continue;
    const k = `${l.source}|${l.unit}`;
    const r = rows.get(k) ?? { source: l.source, unit: l.unit, quantity: 0, tco2e: 0 };
    r.quantity += l.quantity;
    r.tco2e += l.kgCo2e / 1000;
    rows.set(k, r);
    const d = l.unit === 'km' ? l.quantity : l.unit === 'miles' ? l.quantity * KM_PER_MILE : 0;
    km += d;
    if (l.source.endsWith(':electricity')) electricKm += d;
  }
  return { rows: [...rows.values()].sort((a, b) => b.tco2e - a.tco2e), electricKmShare: km > 0 ? electricKm / km : null };
}

/**
 * The first year held, compared like for like: kinds of data collected only later (fleet cards,
 * claims, surveys) are left out of both years, and the page says which.
 */
/** How a year counts a survey-estimated kind of data: from a survey, by the default method, both, or not at all. */
function methodOf(lines: readonly EmissionLine[], group: string): 'survey' | 'default' | 'both' | null {
  const of = lines.filter((l) => sourceGroup(l.source) === group);
  if (of.length === 0) return null;
  const byDefault = of.filter((l) => l.source.endsWith(':default')).length;
  return byDefault === of.length ? 'default' : byDefault === 0 ? 'survey' : 'both';
}

function likeForLike(lines: readonly EmissionLine[], thisYear: readonly EmissionLine[], first: YearFigure | undefined, current: GroupTotal | null): Pick<BoardData, 'baselineLikeForLike' | 'currentLikeForLike' | 'baselineLeftOut' | 'baselineMethodChanged'> {
  const firstLines = first === undefined ? [] : lines.filter((l) => inYear(l, first.fyStart));
  const inFirst = new Set(firstLines.map((l) => sourceGroup(l.source)));
  const baselineLeftOut = BASELINE_BOUND.filter((g) => !inFirst.has(g) && thisYear.some((l) => sourceGroup(l.source) === g));
  // A default-method estimate against a survey is a change of method, not of emissions (as in targets/comparable.ts).
  const baselineMethodChanged = ['commuting', 'patient-travel'].filter((g) => {
    const [a, b] = [methodOf(firstLines, g), methodOf(thisYear, g)];
    return a !== null && b !== null && a !== b;
  });
  const out = new Set<string>([...baselineLeftOut, ...baselineMethodChanged]);
  const sumOf = (part: readonly EmissionLine[]): number => aggregate(part.filter((l) => !out.has(sourceGroup(l.source))), {}).total.kgCo2e / 1000;
  return {
    baselineMethodChanged,
    baselineLikeForLike: first === undefined ? null : { fyStart: first.fyStart, tco2e: sumOf(lines.filter((l) => inYear(l, first.fyStart))), marketTco2e: null },
    currentLikeForLike: current === null ? null : sumOf(thisYear),
    baselineLeftOut,
  };
}

/** The year's coverage rows; supplies of sites closed before the year (or opened after it) are not expected to report. */
function coverageInYear(ctx: AnalysisContext, coverage: readonly CoverageRow[], fy: number): CoverageRow[] {
  const lives = siteLives(ctx);
  return coverage.filter((c) => {
    if (c.year !== financialYearLabel(fy)) return false;
    const life = c.site === null ? undefined : lives.get(c.site);
    return !(life?.closed !== undefined && life.closed < `${fy}-04-01`) && !(life?.opened !== undefined && life.opened > `${fy + 1}-03-31`);
  });
}

/** Each factor that priced the year's lines, with the publication's labels and how many ledger lines it priced. */
function factorsUsed(library: FactorLibrary, thisYear: readonly EmissionLine[]): FactorUsed[] {
  const used = new Map<string, FactorUsed>();
  for (const l of thisYear) {
    if (l.factorKey === '') continue;
    const k = `${l.factorKey}|${l.factorYear}|${l.factorUnit}`;
    const f = used.get(k);
    if (f) {
      used.set(k, { ...f, lines: f.lines + (l.ledgerLines ?? 1) });
      continue;
    }
    const variant = library.lookup(l.factorKey, l.factorYear)?.variants.find((v) => v.unit === l.factorUnit);
    used.set(k, { key: l.factorKey, year: l.factorYear, edition: l.factorEdition, unit: l.factorUnit, kgPerUnit: l.factorKgPerUnit, custom: l.factorCustom, labels: variant?.labels ?? null, lines: l.ledgerLines ?? 1 });
  }
  return [...used.values()].sort((a, b) => a.key.localeCompare(b.key) || a.year - b.year || a.unit.localeCompare(b.unit));
}

/** The published sets those factors come from, named as their publishers name them. */
function factorSetNames(library: FactorLibrary, factors: readonly FactorUsed[]): string[] {
  return [...new Set(factors.filter((f) => !f.custom).map((f) => {
    const set = library.sets.get(f.year);
    return set ? `${set.title} (${set.publisher}), ${set.edition}` : `${f.year} factors`;
  }))].sort();
}

export { monthsOfFinancialYear };
