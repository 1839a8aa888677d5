/**
 * Progress against targets from the ledger: each target's actuals are the footprint lines it
 * covers (its scopes, sources and Scope 2 basis, minus any sites excluded for a like-for-like
 * boundary), summed by its year basis; a year counts as complete only when every site and
 * source that reports in it has every month. The same actuals at one year's factors (fixed:YYYY)
 * give the like-for-like line: how much of the change came from using less.
 */

import { unknownOrg } from '../workspace/config.js';
import { aggregate, sourceGroup } from '../aggregate/group.js';
import { footprint, memberIds, type AnalysisContext, type Footprint } from '../aggregate/footprint.js';
import type { CoverageRow } from '../aggregate/coverage.js';
import { ericChoices, type EricChoice } from '../aggregate/eric-choice.js';
import type { EmissionLine } from '../kernel/emission-line.js';
import { fixedPolicy } from '../convert/policy.js';
import { UserError } from '../kernel/errors.js';
import { partsByYear } from './comparable.js';
import { coversLine, coversSource } from './coverage.js';
import { splitChange, type ChangeSplit, type SeriesPoint } from './like-for-like.js';
import { loadPresets, type Preset } from './presets.js';
import { targetProgress, type TargetProgress } from './target-progress.js';
import { resolveTargets } from './resolve.js';
import type { Target, TargetProblem, YearActual } from './types.js';

export interface LikeForLike {
  /** The factor year every year's activity is priced at. */
  readonly fixedYear: number;
  readonly series: readonly SeriesPoint[];
  /** The change from the first to the latest complete year, split; null when either is missing. */
  readonly split: ChangeSplit | null;
}

export interface TargetReport {
  readonly progress: TargetProgress;
  readonly actuals: readonly YearActual[];
  readonly likeForLike: LikeForLike | null;
  /** Sites of the config left out, by name, as the lines name them. */
  readonly excludedSiteNames: readonly string[];
  /** Kinds of data left out of every year because the baseline year has none (see `BASELINE_BOUND`). */
  readonly excludedForBaseline: readonly string[];
  /** `ERIC 2013/14` when the baseline year's figures come, wholly or in part, from an ERIC return; else null. */
  readonly baselineFrom: string | null;
  /** Parts of the footprint the target counts (see `FOOTPRINT_PARTS`) that the ledger holds nothing for, in any year. */
  readonly missingSources: readonly string[];
}

/**
 * Parts of an organisation's footprint that every NHS trust has some of, so that a target
 * counting them with none in the ledger is missing data, not a fuel the estate does not burn
 * (no LPG or biomass is not a gap). The NHS Carbon Footprint lists them all (Delivering a 'Net
 * Zero' National Health Service, NHS England, 2020).
 */
export const FOOTPRINT_PARTS = ['water', 'waste', 'anaesthetic', 'inhalers', 'fleet', 'travel'] as const;

/**
 * Kinds of data whose collection often starts after a baseline taken from the ledger: fleet fuel
 * cards, business travel claims, staff travel surveys. When the ledger's baseline year has none
 * of one, it is left out of every year, so the target compares like with like, and the output
 * says so. (Energy is never left out: a fuel first seen later is real new use, or a real gap.)
 */
export const BASELINE_BOUND = ['fleet', 'travel', 'commuting'] as const;

export interface OrgProgress {
  readonly org: string;
  readonly targets: readonly TargetReport[];
  readonly problems: readonly TargetProblem[];
}

export interface ProgressOptions {
  readonly org: string;
  /** Only these target ids (default: all of the organisation's). */
  readonly targetIds?: readonly string[];
  /** The factor year for the like-for-like line; default the first year with data (at least 2013). */
  readonly fixedYear?: number;
  readonly presets?: readonly Preset[];
  /** A footprint already read for the organisation (the board report reuses one). */
  readonly footprint?: Footprint;
  /** Read lazily for the like-for-like line when not given: the footprint at `fixed:fixedYear`. */
  readonly fixedFootprint?: (fixedYear: number) => Footprint;
}

/** First year of the financial or calendar year an ISO date falls in. */
function yearOf(iso: string, basis: Target['basis']): number {
  const y = Number(iso.slice(0, 4));
  return basis === 'calendar' || Number(iso.slice(5, 7)) >= 4 ? y : y - 1;
}

/** When a site opened and closed (from the config), by the name its lines carry. */
export type SiteLife = ReadonlyMap<string, { readonly opened?: string | undefined; readonly closed?: string | undefined }>;

export function siteLives(ctx: AnalysisContext): SiteLife {
  const m = new Map<string, { opened?: string | undefined; closed?: string | undefined }>();
  for (const o of ctx.config.organisations) for (const s of o.sites) m.set(s.name, { opened: s.opened, closed: s.closed });
  return m;
}

/**
 * Years that are not complete: a year that runs past the last month any data reaches (it is
 * not over, as far as the ledger knows), and a year in which a metered site and source misses
 * a month, or part of one. A meter is expected from its first month with data to the data's
 * last month overall, unless the config says its site opened later or closed earlier: a meter
 * whose data simply stops is a gap, never taken for a closure.
 */
export function incompleteYears(rows: readonly CoverageRow[], basis: Target['basis'], sites: SiteLife = new Map()): Set<number> {
  const out = new Set<number>();
  let horizon = '';
  let dawn = '9999-12';
  for (const r of rows) {
    for (const c of r.months) {
      if (!(c.days >= c.daysInMonth || c.filled)) continue;
      if (c.month > horizon) horizon = c.month;
      if (c.month < dawn) dawn = c.month;
    }
  }
  if (horizon === '') return out;
  // Likewise a year that starts before the first month any data reaches (a calendar year 2013
  // when data start in April 2013).
  for (const r of rows) {
    for (const c of r.months) {
      const y = yearOf(`${c.month}-01`, basis);
      if ((basis === 'calendar' ? `${y}-01` : `${y}-04`) < dawn) out.add(y);
    }
  }
  const byMeter = new Map<string, Map<string, boolean>>();
  for (const r of rows) {
    const id = `${r.org}|${r.site ?? ''}|${r.source}`;
    let months = byMeter.get(id);
    if (!months) byMeter.set(id, (months = new Map<string, boolean>()));
    for (const c of r.months) months.set(c.month, (months.get(c.month) ?? false) || c.days >= c.daysInMonth || c.filled);
    for (const c of r.months) {
      const y = yearOf(`${c.month}-01`, basis);
      if ((basis === 'calendar' ? `${y}-12` : `${y + 1}-03`) > horizon) out.add(y);
    }
  }
  for (const [id, months] of byMeter) {
    const site = id.split('|')[1] ?? '';
    const life = sites.get(site);
    const full = [...months].filter(([, ok]) => ok).map(([m]) => m).sort();
    if (full.length === 0) continue;
    const first = life?.opened !== undefined && life.opened.slice(0, 7) > full[0]! ? life.opened.slice(0, 7) : full[0]!;
    const last = life?.closed !== undefined ? life.closed.slice(0, 7) : horizon;
    for (const [month, ok] of months) if (!ok && month >= first && month <= last) out.add(yearOf(`${month}-01`, basis));
  }
  return out;
}

function siteNames(ctx: AnalysisContext, orgs: readonly string[], ids: readonly string[]): string[] {
  const names: string[] = [];
  for (const o of ctx.config.organisations.filter((x) => orgs.includes(x.id))) {
    for (const s of o.sites) if (ids.includes(s.id)) names.push(s.name, s.id);
  }
  return names;
}

/** The lines a target counts: its scopes and sources, its Scope 2 basis, its boundary. */
export function targetLines(target: Target, fp: Footprint, excludedSites: readonly string[]): EmissionLine[] {
  const excluded = new Set(excludedSites);
  const keep = (l: EmissionLine): boolean => coversLine(target, l) && !(l.site !== null && excluded.has(l.site));
  if (target.scope2 === 'location') return fp.lines.filter(keep);
  // Market-based: the Scope 2 lines are replaced by their market counterparts.
  return [...fp.lines.filter((l) => l.scope !== 2 && keep(l)), ...fp.marketLines.filter((l) => keep({ ...l, basis: 'location' }))].map((l) => (l.basis === 'market' ? { ...l, basis: 'location' as const } : l));
}

const periodOf = (target: Target): 'calendar-year' | 'financial-year' => (target.basis === 'calendar' ? 'calendar-year' : 'financial-year');

function series(target: Target, lines: readonly EmissionLine[]): SeriesPoint[] {
  const r = aggregate(lines, { groupBy: ['period'], period: periodOf(target) });
  return r.groups.map((g) => ({ year: Number((g.key.period ?? '').slice(0, 4)), tco2e: g.kgCo2e / 1000 })).filter((p) => Number.isFinite(p.year)).sort((a, b) => a.year - b.year);
}

/** The footprint parts a target lists that no covered line is of. */
function missingParts(target: Target, covered: readonly EmissionLine[]): string[] {
  if (target.sources === null) return [];
  const held = new Set(covered.map((l) => sourceGroup(l.source)));
  return FOOTPRINT_PARTS.filter((p) => target.sources!.includes(p) && !held.has(p));
}

/**
 * `ERIC 2013/14` when a return counts in the baseline year for a source the target covers (see
 * `aggregate/eric-choice.ts`): read from the choices, not the lines, which summed reads merge.
 */
function baselineFromEric(target: Target, choices: readonly EricChoice[]): string | null {
  if (target.baseline !== null || target.basis !== 'financial') return null;
  const start = `${target.baselineYear}-04-01`;
  const counted = choices.some((c) => c.counted === 'eric' && c.start === start && coversSource(target, c.source));
  return counted ? `ERIC ${target.baselineYear}/${String((target.baselineYear + 1) % 100).padStart(2, '0')}` : null;
}

export function progressFromLedger(ctx: AnalysisContext, o: ProgressOptions): OrgProgress {
  if (!ctx.config.organisations.some((x) => x.id === o.org)) {
    throw unknownOrg([o.org], ctx.config);
  }
  const entries = ctx.config.targets.filter((t) => t.org === o.org && (o.targetIds === undefined || o.targetIds.includes(t.id)));
  const unknown = (o.targetIds ?? []).filter((id) => !entries.some((t) => t.id === id));
  if (unknown.length > 0) {
    throw new UserError('unknown_target', `${o.org} has no target ${unknown.map((u) => `"${u}"`).join(', ')} in the workspace config.`, `Its targets: ${ctx.config.targets.filter((t) => t.org === o.org).map((t) => t.id).join(', ') || 'none (add them under "targets")'}.`);
  }
  const { targets, problems } = resolveTargets(entries, o.presets ?? loadPresets());
  const orgs = memberIds(ctx.config, o.org);
  const fp = o.footprint ?? footprint(ctx, { orgs });
  const dataYears = fp.lines.filter((l) => l.kind === 'main').map((l) => Number(l.periodStart.slice(0, 4)));
  const fixedYear = o.fixedYear ?? Math.max(2013, dataYears.length > 0 ? Math.min(...dataYears) : 2013);
  let fixedFp: Footprint | undefined;
  const reports: TargetReport[] = [];
  const allProblems: TargetProblem[] = [...problems];
  for (const target of targets) {
    const excludedSiteNames = siteNames(ctx, orgs, target.excludeSites);
    const incomplete = incompleteYears(fp.coverage, target.basis, siteLives(ctx));
    let covered = targetLines(target, fp, excludedSiteNames);
    const excludedForBaseline: string[] = [];
    if (target.baseline === null) {
      const inBaseline = new Set(covered.filter((l) => yearOf(l.periodStart, target.basis) === target.baselineYear).map((l) => sourceGroup(l.source)));
      for (const g of BASELINE_BOUND) if (!inBaseline.has(g) && covered.some((l) => sourceGroup(l.source) === g)) excludedForBaseline.push(g);
      covered = covered.filter((l) => !excludedForBaseline.includes(sourceGroup(l.source)));
    }
    const reported = series(target, covered);
    const parts = partsByYear(covered, periodOf(target));
    const actuals: YearActual[] = reported.map((p) => ({ year: p.year, tco2e: p.tco2e, complete: !incomplete.has(p.year), parts: parts.get(p.year) ?? new Map<string, number>() }));
    const r = targetProgress(target, { actuals, excludedSites: target.excludeSites });
    if (!r.ok) {
      allProblems.push(...r.problems);
      continue;
    }
    fixedFp ??= o.fixedFootprint?.(fixedYear) ?? footprint(ctx, { orgs, policy: fixedPolicy(fixedYear) });
    const fixedLines = targetLines(target, fixedFp, excludedSiteNames).filter((l) => !excludedForBaseline.includes(sourceGroup(l.source)));
    const fixed = series(target, fixedLines);
    const complete = actuals.filter((a) => a.complete).map((a) => a.year);
    let split: ChangeSplit | null = null;
    if (complete.length >= 2) {
      const s = splitChange({ reported, fixedFactors: fixed, fixedYear, reportedParts: parts, fixedParts: partsByYear(fixedLines, periodOf(target)) }, Math.min(...complete), Math.max(...complete));
      split = s.ok ? s.split : null;
    }
    reports.push({ progress: r.progress, actuals, likeForLike: { fixedYear, series: fixed, split }, excludedSiteNames, excludedForBaseline, baselineFrom: baselineFromEric(target, ericChoices(ctx.ledger, orgs)), missingSources: missingParts(target, covered) });
  }
  return { org: o.org, targets: reports, problems: allProblems };
}
