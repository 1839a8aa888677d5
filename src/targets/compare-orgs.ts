/**
 * `tco2e compare`: organisations side by side, fairly. Each trajectory is indexed to its own
 * baseline (= 100), shown absolute and per denominator, with the years that are not comparable as
 * they stand marked and the reason kept as data; an ICS as the sum of its members; each
 * organisation's own target pathway; a ranking by cut achieved and by intensity within one target
 * at a time; staff commuting compared between the organisations that survey it; and the
 * market-based total beside the location-based one where supplier factors exist.
 *
 * What makes a year not comparable (a caveat), and what does not:
 * - its figures were priced under more than one factor policy; it rests mostly on estimates;
 * - it is incomplete: a metered supply misses months, or the data stop before the year ends;
 * - a kind of data the organisation reports in the years either side is missing (a gap);
 * - it counts fleet or business travel that the baseline year has no figures for, so its index
 *   is not like for like.
 * An organisation burning no oil, or running no fleet, is not a caveat: organisations differ in
 * what they use, and the report lists what each one's figures hold. (Flagging that marked every
 * year of every organisation, so the mark meant nothing.)
 */

import { unknownOrg, type OrganisationConfig } from '../workspace/config.js';
import { compareOrganisations, type IcsRollup, type OrgSeries, type RollupPoint, type SeriesPoint } from '../aggregate/org-series.js';
import { aggregate, sourceGroup } from '../aggregate/group.js';
import { DEFAULT_COMMUTING_SOURCE } from '../travel/default-commuting.js';
import { footprint, footprintSubset, memberIds, type AnalysisContext, type Footprint } from '../aggregate/footprint.js';
import type { CoverageRow } from '../aggregate/coverage.js';
import { DENOMINATORS, type DenominatorMetric, type IntensityFigure } from '../aggregate/intensity.js';
import type { Boundary } from '../aggregate/group.js';
import type { AggregateWarning } from '../aggregate/warnings.js';
import { financialYearLabel, fixedPolicy } from '../convert/policy.js';
import { UserError } from '../kernel/errors.js';
import { BASELINE_BOUND, incompleteYears, progressFromLedger, siteLives, type TargetReport } from './from-ledger.js';
import { loadPresets } from './presets.js';
import type { Basis, Scope, Status } from './types.js';
import { yearLabel } from './years.js';
import { parseFinancialYear } from '../travel/period.js';

export interface TargetStanding {
  readonly org: string;
  readonly target: string;
  readonly name: string;
  readonly year: string | null;
  readonly status: Status | null;
  readonly gapPctPoints: number | null;
  /** The first year the recent trend reaches the target level, if it does (`2031/32` or `2031`). */
  readonly trendReaches: string | null;
}

/** Why a year's figure is not comparable as it stands; `detail` says it in words for JSON readers. */
export type CompareCaveat =
  | { readonly code: 'mixed_policy'; readonly policies: readonly string[]; readonly detail: string }
  | { readonly code: 'mostly_estimated'; readonly detail: string }
  | { readonly code: 'incomplete_year'; readonly gaps: readonly { readonly site: string | null; readonly source: string; readonly months: readonly string[] }[]; readonly detail: string }
  | { readonly code: 'source_gap'; readonly sources: readonly string[]; readonly detail: string }
  | { readonly code: 'not_in_baseline'; readonly sources: readonly string[]; readonly baselineYear: string; readonly detail: string };

export interface ComparePoint extends Omit<SeriesPoint, 'flags'> {
  readonly flags: readonly CompareCaveat[];
  /** The total with Scope 2 market-based; null when no supplier factor priced any of the year's kWh. */
  readonly marketKgCo2e: number | null;
  /** Staff commuting (from a survey wave, or carried forward from one); null: no survey covers the year. */
  readonly commutingKgCo2e: number | null;
}

export interface CompareSeries extends Omit<OrgSeries, 'points'> {
  readonly points: readonly ComparePoint[];
}

export interface CompareRollupPoint extends RollupPoint {
  /** Denominators the ICS's config does not give, taken as the sum of its members' for the year. */
  readonly figuresFromMembers: readonly DenominatorMetric[];
  /** Members' market-based totals summed (location-based for a member with no supplier factors); null when no member has any. */
  readonly marketKgCo2e: number | null;
}

export interface CompareRollup extends Omit<IcsRollup, 'points'> {
  readonly points: readonly CompareRollupPoint[];
}

/** An organisation's own target pathway beside its actuals on that target's boundary. */
export interface OrgPathway {
  readonly org: string;
  readonly target: string;
  readonly name: string;
  readonly basis: Basis;
  readonly scopes: readonly Scope[];
  readonly sources: readonly string[] | null;
  readonly scope2: 'location' | 'market';
  readonly baselineYear: number;
  readonly baselineTco2e: number;
  readonly targetYear: number;
  readonly targetTco2e: number;
  /** Kinds of data left out of every year because the baseline year has none. */
  readonly excludedForBaseline: readonly string[];
  readonly rows: readonly { readonly year: number; readonly label: string; readonly requiredTco2e: number; readonly actualTco2e: number | null; readonly complete: boolean | null }[];
  readonly headline: { readonly label: string; readonly actualTco2e: number; readonly requiredTco2e: number; readonly status: Status | null } | null;
}

export interface RankingRow {
  readonly org: string;
  readonly target: string;
  readonly year: string | null;
  readonly baselineLabel: string;
  readonly actualTco2e: number | null;
  /** Cut achieved against the target's own baseline, %. */
  readonly cutPct: number | null;
  /** Cut the pathway asks for by the same year, %. */
  readonly requiredCutPct: number | null;
  readonly status: Status | null;
  /** kg CO2e on the target's boundary per unit of the ranking's denominator, in the judged year. */
  readonly intensityKg: number | null;
  /** 1 = the largest cut; null when not judged. */
  readonly rankByCut: number | null;
  /** 1 = the lowest intensity; null without a denominator. */
  readonly rankByIntensity: number | null;
}

/** Organisations holding one target (the same preset, or the same target id), ranked. */
export interface TargetRanking {
  readonly key: string;
  readonly name: string;
  readonly preset: string | null;
  readonly scopes: readonly Scope[];
  readonly sources: readonly string[] | null;
  readonly scope2: 'location' | 'market';
  /** The denominator every organisation ranked has for its judged year; null when there is none in common. */
  readonly metric: DenominatorMetric | null;
  readonly rows: readonly RankingRow[];
}

export interface CompareReport {
  readonly boundary: Boundary;
  readonly period: 'financial-year' | 'calendar-year';
  readonly orgs: readonly string[];
  readonly series: readonly CompareSeries[];
  readonly rollups: readonly CompareRollup[];
  /** One row per organisation and target, best standing first within each status. */
  readonly standings: readonly TargetStanding[];
  /** Each organisation's target still ahead of its data (the nearest one), with its pathway. */
  readonly pathways: readonly OrgPathway[];
  readonly rankings: readonly TargetRanking[];
  /** Organisations compared that have staff commuting from a survey in at least one year. */
  readonly surveyed: readonly string[];
  readonly warnings: readonly AggregateWarning[];
}

export interface CompareQuery {
  readonly orgs: readonly string[];
  /** A common baseline year (`2019/20`); default: each organisation's first year with data. */
  readonly baselineYear?: string;
  readonly calendar?: boolean;
}

const STATUS_ORDER: Readonly<Record<Status, number>> = { 'on-track': 0, 'at-risk': 1, 'off-track': 2 };

/** Denominators tried for an intensity ranking, fairest first: staff for a workforce, then estate, then population. */
const RANKING_METRICS: readonly DenominatorMetric[] = ['staffWte', 'floorAreaM2', 'residents'];

export function compareReport(ctx: AnalysisContext, q: CompareQuery): CompareReport {
  const known = new Set(ctx.config.organisations.map((o) => o.id));
  const unknown = q.orgs.filter((o) => !known.has(o));
  if (unknown.length > 0) throw unknownOrg(unknown, ctx.config);
  if (q.orgs.length === 0) throw new UserError('no_orgs', 'No organisations to compare.', 'Pass --orgs with two or more organisation ids, comma-separated.');
  const all = [...new Set(q.orgs.flatMap((o) => [o, ...memberIds(ctx.config, o)]))];
  const base = all.filter((o) => memberIds(ctx.config, o).includes(o));
  // Survey-based commuting appears only from an organisation's first survey wave: in an indexed
  // trajectory it would read as a rise. It is kept out of the series and given beside them.
  const fp = footprint(ctx, { orgs: base, commuting: false, grain: 'summed' });
  const full = footprint(ctx, { orgs: base, grain: 'summed' });
  const fixed = new Map<number, Footprint>();
  const fixedOf = (year: number): Footprint => {
    let f = fixed.get(year);
    if (!f) fixed.set(year, (f = footprint(ctx, { orgs: base, policy: fixedPolicy(year), grain: 'summed' })));
    return f;
  };
  const period = q.calendar ? 'calendar-year' : 'financial-year';
  const baselineYear = q.baselineYear === undefined ? undefined : baselineLabel(q.baselineYear, q.calendar === true);
  const result = compareOrganisations(fp.lines, ctx.config.organisations, {
    orgs: q.orgs,
    ...(baselineYear === undefined ? {} : { baselineYear }),
    period,
  });
  const market = yearly(aggregate([...fp.lines, ...fp.marketLines], { groupBy: ['org', 'period'], period }).groups
    .filter((g) => g.market !== null && g.market.supplierKwh > 0).map((g) => [g.key.org!, g.key.period!, g.market!.kgCo2e]));
  // Commuting from surveys only: the default method is staff WTE × one distance by car, the same
  // per WTE for everyone, so setting it beside another organisation's would compare nothing.
  const commuting = yearly(aggregate(full.lines.filter((l) => sourceGroup(l.source) === 'commuting' && l.source !== DEFAULT_COMMUTING_SOURCE), { groupBy: ['org', 'period'], period }).groups
    .map((g) => [g.key.org!, g.key.period!, g.kgCo2e]));
  const incomplete = period === 'financial-year' ? incompleteByOrg(ctx, fp.coverage) : new Map<string, Set<number>>();

  const series: CompareSeries[] = result.series.map((s) => ({
    ...s,
    points: s.points.map((p) => ({
      ...p,
      flags: caveatsFor(s, p, incomplete.get(s.org) ?? new Set(), fp.coverage),
      marketKgCo2e: market.get(s.org)?.get(p.year) ?? null,
      commutingKgCo2e: commuting.get(s.org)?.get(p.year) ?? null,
    })),
  }));
  const byId = new Map(ctx.config.organisations.map((o) => [o.id, o]));
  const rollups = result.rollups.map((r) => rollupWithMembers(r, byId, series));

  const presets = loadPresets();
  const standings: TargetStanding[] = [];
  const reports: { readonly org: string; readonly t: TargetReport }[] = [];
  for (const org of q.orgs) {
    const members = memberIds(ctx.config, org);
    const p = progressFromLedger(ctx, { org, presets, footprint: footprintSubset(full, members), fixedFootprint: (y) => footprintSubset(fixedOf(y), members) });
    for (const t of p.targets) {
      reports.push({ org, t });
      const h = t.progress.headline;
      standings.push({
        org, target: t.progress.target.id, name: t.progress.target.name, year: h?.label ?? null, status: h?.status ?? null,
        gapPctPoints: h?.gapPctPoints ?? null, trendReaches: t.progress.projection?.reachesTargetIn === undefined || t.progress.projection.reachesTargetIn === null ? null : yearLabel(t.progress.target.basis, t.progress.projection.reachesTargetIn),
      });
    }
  }
  standings.sort((a, b) => (a.status === null ? 9 : STATUS_ORDER[a.status]) - (b.status === null ? 9 : STATUS_ORDER[b.status]) || (a.gapPctPoints ?? 0) - (b.gapPctPoints ?? 0));
  const denominator = (org: string, year: string, metric: DenominatorMetric): number | null => {
    const s = series.find((x) => x.org === org)?.points.find((p) => p.year === year);
    const r = rollups.find((x) => x.ics === org)?.points.find((p) => p.year === year);
    return (s?.figures ?? r?.figures ?? []).find((f) => f.metric === metric)?.denominator ?? null;
  };
  return {
    boundary: result.boundary,
    period,
    orgs: q.orgs,
    series,
    rollups,
    standings,
    pathways: q.orgs.flatMap((org) => {
      const p = pathwayOf(reports.filter((r) => r.org === org).map((r) => r.t));
      return p === null ? [] : [{ ...p, org }];
    }),
    rankings: rankings(reports, denominator),
    surveyed: series.filter((s) => s.points.some((p) => p.commutingKgCo2e !== null)).map((s) => s.org),
    warnings: [...result.warnings],
  };
}

/** A baseline year as the series label it: `2019-20`, `FY19/20` → `2019/20`; `2019` with calendar years. */
function baselineLabel(text: string, calendar: boolean): string {
  if (calendar && /^\d{4}$/.test(text.trim())) return text.trim();
  const start = calendar ? undefined : parseFinancialYear(text);
  if (start === undefined) {
    throw new UserError('bad_baseline', `"${text}" is not a ${calendar ? 'calendar' : 'financial'} year.`, calendar ? 'With --calendar, give the baseline as a year, like 2019.' : 'Give the baseline as a financial year, like 2019/20 (or 2019-20, FY19/20).');
  }
  return financialYearLabel(start);
}

/** `[org, year, kg]` rows as org → year → kg. */
function yearly(rows: readonly (readonly [string, string, number])[]): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const [org, year, kg] of rows) {
    let m = out.get(org);
    if (!m) out.set(org, (m = new Map<string, number>()));
    m.set(year, kg);
  }
  return out;
}

function incompleteByOrg(ctx: AnalysisContext, coverage: readonly CoverageRow[]): Map<string, Set<number>> {
  const lives = siteLives(ctx);
  const orgs = [...new Set(coverage.map((r) => r.org))];
  return new Map(orgs.map((org) => [org, incompleteYears(coverage.filter((r) => r.org === org), 'financial', lives)]));
}

const fyOf = (year: string): number => Number(year.slice(0, 4));
const plain = (key: string): string => key.replace(/_/g, ' ');

function caveatsFor(s: OrgSeries, p: SeriesPoint, incomplete: ReadonlySet<number>, coverage: readonly CoverageRow[]): CompareCaveat[] {
  const out: CompareCaveat[] = [];
  if (p.policies.length > 1) out.push({ code: 'mixed_policy', policies: p.policies, detail: `priced under more than one factor policy (${p.policies.join(', ')})` });
  if (p.tier === 3) out.push({ code: 'mostly_estimated', detail: 'mostly estimated: over 90% of the figure rests on estimated or missing readings' });
  if (incomplete.has(fyOf(p.year))) {
    const gaps = coverage.filter((r) => r.org === s.org && r.year === p.year && r.missingMonths.length > 0).map((r) => ({ site: r.site, source: r.source, months: r.missingMonths }));
    out.push({
      code: 'incomplete_year', gaps,
      detail: gaps.length === 0 ? 'incomplete: the data stop before the year ends' : `incomplete: ${gaps.map((g) => `${g.site === null ? '' : `${g.site} `}${plain(g.source)} has no data for ${g.months.join(', ')}`).join('; ')}`,
    });
  }
  const i = s.points.indexOf(p);
  const before = new Set(s.points.slice(0, i).flatMap((x) => x.sourceGroups));
  const after = new Set(s.points.slice(i + 1).flatMap((x) => x.sourceGroups));
  const gap = [...before].filter((g) => after.has(g) && !p.sourceGroups.includes(g)).sort();
  if (gap.length > 0) out.push({ code: 'source_gap', sources: gap, detail: `no ${gap.map(plain).join(' or ')} figures, though the years either side have them` });
  const baseline = s.points.find((x) => x.year === s.baselineYear);
  if (baseline !== undefined && baseline !== p) {
    const extra = BASELINE_BOUND.filter((g) => p.sourceGroups.includes(g) && !baseline.sourceGroups.includes(g));
    if (extra.length > 0) out.push({ code: 'not_in_baseline', sources: extra, baselineYear: baseline.year, detail: `counts ${extra.map(plain).join(' and ')}, which the baseline year ${baseline.year} has no figures for` });
  }
  return out;
}

/**
 * The roll-up with intensities an ICS board can use: where the ICS's own config gives no floor
 * area or staff, the sum of its members' (the system's estate and workforce), said per figure;
 * and the members' market-based totals summed where any member has supplier factors.
 */
function rollupWithMembers(r: IcsRollup, byId: ReadonlyMap<string, OrganisationConfig>, series: readonly CompareSeries[]): CompareRollup {
  const members = series.filter((s) => r.members.includes(s.org));
  return {
    ...r,
    points: r.points.map((p) => {
      const at = members.map((m) => m.points.find((x) => x.year === p.year));
      const fromMembers: DenominatorMetric[] = [];
      const figures: IntensityFigure[] = p.kgCo2e === null ? [] : DENOMINATORS.map((metric) => {
        const own = byId.get(r.ics)?.denominators.find((d) => d.year === p.year)?.[metric];
        if (own !== undefined) return { metric, denominator: own, kgCo2ePerUnit: p.kgCo2e! / own };
        const parts = at.map((x) => x?.figures.find((f) => f.metric === metric)?.denominator ?? null);
        if (parts.length === 0 || parts.some((d) => d === null)) return { metric, denominator: null, kgCo2ePerUnit: null };
        const sum = parts.reduce((a, b) => a! + b!, 0)!;
        fromMembers.push(metric);
        return { metric, denominator: sum, kgCo2ePerUnit: p.kgCo2e! / sum };
      });
      const anyMarket = at.some((x) => x?.marketKgCo2e !== null && x?.marketKgCo2e !== undefined);
      const market = p.kgCo2e === null || !anyMarket ? null : at.reduce((sum, x) => sum + (x?.marketKgCo2e ?? x?.kgCo2e ?? 0), 0);
      return { ...p, figures, figuresFromMembers: fromMembers, marketKgCo2e: market };
    }),
  };
}

/**
 * The target a board looks at for an organisation: the nearest one still ahead of its latest
 * actual (an expired 2020 target says little about where it is heading), else the last to end.
 */
function pathwayOf(targets: readonly TargetReport[]): Omit<OrgPathway, 'org'> | null {
  if (targets.length === 0) return null;
  const latest = Math.max(...targets.flatMap((t) => t.progress.rows.filter((r) => r.actualTco2e !== null).map((r) => r.year)));
  const ahead = targets.filter((t) => t.progress.target.targetYear > latest).sort((a, b) => a.progress.target.targetYear - b.progress.target.targetYear);
  const t = ahead[0] ?? [...targets].sort((a, b) => b.progress.target.targetYear - a.progress.target.targetYear)[0]!;
  const p = t.progress;
  const tg = p.target;
  const h = p.headline;
  return {
    target: tg.id, name: tg.name, basis: tg.basis, scopes: tg.scopes, sources: tg.sources, scope2: tg.scope2,
    baselineYear: p.baseline.year, baselineTco2e: p.baseline.tco2e, targetYear: tg.targetYear, targetTco2e: p.targetTco2e,
    excludedForBaseline: t.excludedForBaseline,
    rows: p.rows.map((r) => ({ year: r.year, label: r.label, requiredTco2e: r.requiredTco2e, actualTco2e: r.actualTco2e, complete: r.complete })),
    headline: h === null || h.actualTco2e === null ? null : { label: h.label, actualTco2e: h.actualTco2e, requiredTco2e: h.requiredTco2e, status: h.status },
  };
}

/** Ranks 1..n by `value` (ties share a rank), nulls unranked. */
function ranks(values: readonly (number | null)[], better: (a: number, b: number) => number): (number | null)[] {
  return values.map((v) => (v === null ? null : 1 + values.filter((w) => w !== null && better(w, v) < 0).length));
}

function rankings(reports: readonly { readonly org: string; readonly t: TargetReport }[], denominator: (org: string, year: string, metric: DenominatorMetric) => number | null): TargetRanking[] {
  const groups = new Map<string, { readonly org: string; readonly t: TargetReport }[]>();
  for (const r of reports) {
    const key = r.t.progress.target.preset ?? r.t.progress.target.id;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups].map(([key, members]) => {
    const judged = (r: { readonly t: TargetReport }) => r.t.progress.headline;
    // Intensity is per financial year's denominators; a calendar-year target reads the financial year starting in it.
    const denomYear = (r: { readonly t: TargetReport }): string | null => {
      const h = judged(r);
      return h === null ? null : yearLabel('financial', h.year);
    };
    const metric = RANKING_METRICS.find((m) => members.every((r) => {
      const y = denomYear(r);
      return y !== null && denominator(r.org, y, m) !== null;
    })) ?? null;
    const rows = members.map((r) => {
      const h = judged(r);
      const y = denomYear(r);
      const d = metric === null || y === null ? null : denominator(r.org, y, metric);
      return {
        org: r.org, target: r.t.progress.target.id, year: h?.label ?? null, baselineLabel: r.t.progress.baseline.label,
        actualTco2e: h?.actualTco2e ?? null,
        cutPct: h?.actualReductionPct ?? null,
        requiredCutPct: h?.requiredReductionPct ?? null,
        status: h?.status ?? null,
        intensityKg: d === null || h?.actualTco2e === null || h?.actualTco2e === undefined ? null : (h.actualTco2e * 1000) / d,
      };
    });
    const byCut = ranks(rows.map((r) => r.cutPct), (a, b) => b - a);
    const byIntensity = ranks(rows.map((r) => r.intensityKg), (a, b) => a - b);
    const ranked: RankingRow[] = rows.map((r, i) => ({ ...r, rankByCut: byCut[i] ?? null, rankByIntensity: byIntensity[i] ?? null }))
      .sort((a, b) => (a.rankByCut ?? 99) - (b.rankByCut ?? 99) || a.org.localeCompare(b.org));
    const first = members[0]!.t.progress.target;
    return { key, name: first.name, preset: first.preset, scopes: first.scopes, sources: first.sources, scope2: first.scope2, metric, rows: ranked };
  }).sort((a, b) => b.rows.length - a.rows.length || a.name.localeCompare(b.name, 'en-GB'));
}
