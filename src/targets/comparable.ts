/**
 * Comparing like with like when coverage grows: a year's total is made of parts (a kind of data at
 * a site; for commuting, the survey it was estimated from), and a change between years is only a
 * change in emissions for the parts both years have. A part that is in one year and not the other
 * is a step in coverage: commuting from the first staff travel survey, a new site, a new fleet, or
 * a new survey replacing one carried forward (a change of survey, not a reduction).
 */

import { aggregate, sourceGroup } from '../aggregate/group.js';
import type { EmissionLine } from '../kernel/emission-line.js';

/** One part of a year's total (see the module comment). */
export interface Part {
  /** The kind of data: `electricity`, `gas`, `fleet`, `travel`, `commuting`… */
  readonly group: string;
  readonly site: string | null;
  /** For commuting: the import of the survey it was estimated from. */
  readonly survey: number | null;
}

/** A year's total by part: part key → tCO2e. */
export type YearParts = ReadonlyMap<string, number>;

const SEP = '\u001f';

export function partKey(p: Part): string {
  return [p.group, p.site ?? '', p.survey === null ? '' : String(p.survey)].join(SEP);
}

export function partOf(key: string): Part {
  const [group = '', site = '', survey = ''] = key.split(SEP);
  return { group, site: site === '' ? null : site, survey: survey === '' ? null : Number(survey) };
}

/**
 * The part a line belongs to: commuting by the survey behind it, everything else by kind and site.
 * Commuting by the default method (staff WTE × miles, `travel/default-commuting.ts`) comes from
 * the config, not an import, so it has no batch: it is a part of its own, never any survey's, and
 * a year by the default method beside a survey year is a change of method, counted as coverage.
 */
export function linePart(l: EmissionLine): string {
  const group = sourceGroup(l.source);
  return partKey({ group, site: l.site, survey: SURVEYED_GROUPS.has(group) ? l.trace.batchId : null });
}

export interface Comparison {
  /** Parts in every year compared. */
  readonly common: ReadonlySet<string>;
  /** Parts in some of the years only: the steps in coverage, as parts. */
  readonly steps: readonly Part[];
}

/** The parts every one of the years has, and those only some have. */
export function compareParts(years: readonly YearParts[]): Comparison {
  const all = new Set<string>();
  for (const y of years) for (const k of y.keys()) all.add(k);
  const common = new Set([...all].filter((k) => years.every((y) => y.has(k))));
  return { common, steps: [...all].filter((k) => !common.has(k)).sort().map(partOf) };
}

export function sumOf(parts: YearParts, keys: ReadonlySet<string>): number {
  let s = 0;
  for (const [k, v] of parts) if (keys.has(k)) s += v;
  return s;
}

/**
 * The kinds of data that step, each once, with what stepped in it: commuting whose survey
 * changed, sites that are not in every year. For the words a report puts beside a like-for-like
 * figure.
 */
export interface Step {
  readonly group: string;
  /** Sites of this kind of data that are not in every year (none: the kind as a whole). */
  readonly sites: readonly string[];
  /** True when the step is a survey replacing another (commuting in both years, from different surveys). */
  readonly surveyChanged: boolean;
  /**
   * Present (true) when the kind is estimated by a default method in one year and from a survey in
   * the other (staff commuting from WTE × miles beside a staff survey): a change of method.
   */
  readonly methodChanged?: true;
}

/** Kinds of data estimated from a survey, or by a default method where there is none. */
const SURVEYED_GROUPS: ReadonlySet<string> = new Set(['commuting', 'patient-travel']);

export function stepsOf(c: Comparison, years: readonly YearParts[]): Step[] {
  const byGroup = new Map<string, { sites: Set<string>; surveys: Set<number>; whole: boolean; byDefault: boolean }>();
  const groupsIn = years.map((y) => new Set([...y.keys()].map((k) => partOf(k).group)));
  for (const p of c.steps) {
    const g = byGroup.get(p.group) ?? { sites: new Set<string>(), surveys: new Set<number>(), whole: false, byDefault: false };
    if (p.survey !== null) g.surveys.add(p.survey);
    else if (SURVEYED_GROUPS.has(p.group)) g.byDefault = true;
    // A kind of data missing from a whole year is a step of the kind, not of its sites.
    if (groupsIn.some((s) => !s.has(p.group))) g.whole = true;
    else if (p.site !== null && p.survey === null && !SURVEYED_GROUPS.has(p.group)) g.sites.add(p.site);
    byGroup.set(p.group, g);
  }
  return [...byGroup].map(([group, g]) => ({
    group,
    sites: g.whole ? [] : [...g.sites].sort(),
    surveyChanged: !g.whole && g.surveys.size > 1,
    ...(!g.whole && g.byDefault && g.surveys.size > 0 ? { methodChanged: true as const } : {}),
  }));
}

/**
 * Each year's parts, summed as the year's total is summed (`aggregate`, the default boundary), so
 * they add up to it: a line crossing into another year is split between the years.
 */
export function partsByYear(lines: readonly EmissionLine[], period: 'financial-year' | 'calendar-year'): Map<number, Map<string, number>> {
  const byPart = new Map<string, EmissionLine[]>();
  for (const l of lines) {
    const k = linePart(l);
    const list = byPart.get(k);
    if (list) list.push(l);
    else byPart.set(k, [l]);
  }
  const out = new Map<number, Map<string, number>>();
  for (const [k, partLines] of byPart) {
    for (const g of aggregate(partLines, { groupBy: ['period'], period }).groups) {
      const year = Number((g.key.period ?? '').slice(0, 4));
      if (!Number.isFinite(year)) continue;
      let parts = out.get(year);
      if (!parts) out.set(year, (parts = new Map<string, number>()));
      parts.set(k, g.kgCo2e / 1000);
    }
  }
  return out;
}

/** One year against the one before, like for like (see `compareYears`). */
export interface YearChange {
  readonly fromTco2e: number;
  readonly toTco2e: number;
  /** The change in the parts both years hold: the change in emissions. */
  readonly likeChangeTco2e: number;
  /** What the parts both years hold came to in the earlier year: the base of a like-for-like percentage. */
  readonly likeFromTco2e: number;
  /** The rest of the change: coverage (see `steps`), not emissions. */
  readonly coverageTco2e: number;
  readonly steps: readonly Step[];
  /** The like-for-like change by kind of data, largest first (by size). */
  readonly byGroup: readonly { readonly group: string; readonly likeChangeTco2e: number }[];
  /** The coverage change by kind of data that steps, largest first (by size). */
  readonly coverageByGroup: readonly { readonly step: Step; readonly tco2e: number }[];
}

export function compareYears(from: YearParts, to: YearParts): YearChange {
  const c = compareParts([from, to]);
  const total = (p: YearParts): number => [...p.values()].reduce((s, v) => s + v, 0);
  const likeFrom = sumOf(from, c.common);
  const likeChange = sumOf(to, c.common) - likeFrom;
  const byGroup = new Map<string, number>();
  for (const k of c.common) {
    const g = partOf(k).group;
    byGroup.set(g, (byGroup.get(g) ?? 0) + (to.get(k) ?? 0) - (from.get(k) ?? 0));
  }
  const steps = stepsOf(c, [from, to]);
  const stepChange = new Map<string, number>();
  for (const k of new Set([...from.keys(), ...to.keys()])) {
    if (c.common.has(k)) continue;
    const g = partOf(k).group;
    stepChange.set(g, (stepChange.get(g) ?? 0) + (to.get(k) ?? 0) - (from.get(k) ?? 0));
  }
  return {
    coverageByGroup: steps.map((step) => ({ step, tco2e: stepChange.get(step.group) ?? 0 })).sort((a, b) => Math.abs(b.tco2e) - Math.abs(a.tco2e)),
    fromTco2e: total(from),
    toTco2e: total(to),
    likeChangeTco2e: likeChange,
    likeFromTco2e: likeFrom,
    coverageTco2e: total(to) - total(from) - likeChange,
    steps,
    byGroup: [...byGroup].map(([group, likeChangeTco2e]) => ({ group, likeChangeTco2e })).sort((a, b) => Math.abs(b.likeChangeTco2e) - Math.abs(a.likeChangeTco2e)),
  };
}
