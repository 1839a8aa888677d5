/**
 * Comparing organisations of very different size, fairly: per organisation a yearly series,
 * absolute, indexed to its own baseline (= 100) and per denominator, with flags on the years that
 * are not comparable; and for an integrated care system (organisation kind `ics` with `members`)
 * a roll-up summing its members.
 *
 * Not comparable, flagged per year:
 * - `mixed_policy`: the year's lines were computed under more than one factor policy;
 * - `scope_coverage`: the organisation lacks a scope (1, 2, 3) or a source group (fleet, travel…)
 *   another organisation compared has that year;
 * - `tier_3`: the year's figure is mostly estimated (`quality.ts`).
 *
 * The roll-up is given only for years in which every member has data, and names the members
 * missing in the others. Members' baselines differ, so the roll-up's baseline is the sum of all
 * members in one common year (the year asked for if all members have it, else the first year
 * they all do), and the result says so. Ranking who is on track is the targets stage's job.
 */

import type { OrganisationConfig } from '../workspace/config.js';
import type { EmissionLine } from '../kernel/emission-line.js';
import { aggMsg, type AggregateWarning } from './warnings.js';
import { aggregate, type Boundary, type GroupTotal } from './group.js';
import { DENOMINATORS, intensityFigures, type DenominatorMetric, type IntensityFigure } from './intensity.js';
import type { QualityTier } from './quality.js';

export interface CompareOptions {
  /** Organisation ids to compare; default: every organisation in `orgs`. ICS ids give roll-ups. */
  readonly orgs?: readonly string[];
  /** The baseline: one year for all, or per organisation; default: each one's first year with data. */
  readonly baselineYear?: string | Readonly<Record<string, string>>;
  readonly period?: 'financial-year' | 'calendar-year';
  readonly includeWtt?: boolean;
  readonly includeTd?: boolean;
  readonly metrics?: readonly DenominatorMetric[];
}

export interface ComparableFlag {
  readonly code: 'mixed_policy' | 'scope_coverage' | 'tier_3';
  readonly detail: string;
}

export interface SeriesPoint {
  readonly year: string;
  readonly kgCo2e: number;
  /** kg CO2e as a percentage of the baseline year's; null without a baseline. */
  readonly index: number | null;
  readonly figures: readonly IntensityFigure[];
  readonly tier: QualityTier;
  readonly policies: readonly string[];
  readonly scopes: readonly (1 | 2 | 3)[];
  readonly sourceGroups: readonly string[];
  readonly flags: readonly ComparableFlag[];
}

export interface OrgSeries {
  readonly org: string;
  readonly baselineYear: string | null;
  readonly baselineKgCo2e: number | null;
  readonly points: readonly SeriesPoint[];
}

export interface RollupPoint {
  readonly year: string;
  /** null when a member has no data for the year. */
  readonly kgCo2e: number | null;
  readonly index: number | null;
  readonly membersMissing: readonly string[];
  readonly figures: readonly IntensityFigure[];
}

export interface IcsRollup {
  readonly ics: string;
  readonly members: readonly string[];
  readonly baselineYear: string | null;
  readonly baselineKgCo2e: number | null;
  readonly baselineNote: string | null;
  readonly points: readonly RollupPoint[];
}

export interface CompareResult {
  readonly boundary: Boundary;
  readonly period: 'financial-year' | 'calendar-year';
  readonly series: OrgSeries[];
  readonly rollups: IcsRollup[];
  readonly warnings: AggregateWarning[];
}

const indexOf = (kg: number, base: number | null): number | null => (base === null || base === 0 ? null : (kg / base) * 100);

function setOf<T>(map: Map<string, Set<T>>, key: string): Set<T> {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set<T>()));
  return set;
}

function baselineFor(options: CompareOptions, org: string): string | undefined {
  const b = options.baselineYear;
  return typeof b === 'string' ? b : b?.[org];
}

export function compareOrganisations(lines: readonly EmissionLine[], orgs: readonly OrganisationConfig[], options: CompareOptions = {}): CompareResult {
  const period = options.period ?? 'financial-year';
  const metrics = options.metrics ?? DENOMINATORS;
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const wanted = options.orgs ?? orgs.map((o) => o.id);
  const icsIds = wanted.filter((id) => byId.get(id)?.kind === 'ics');
  const members = new Set(icsIds.flatMap((id) => byId.get(id)?.members ?? []));
  const compared = [...new Set([...wanted.filter((id) => !icsIds.includes(id)), ...members])].sort();
  const base = { period, includeWtt: options.includeWtt ?? false, includeTd: options.includeTd ?? false } as const;
  const mine = lines.filter((l) => compared.includes(l.org));
  const totals = aggregate(mine, { ...base, groupBy: ['org', 'period'] });
  const bySource = aggregate(mine, { ...base, groupBy: ['org', 'period', 'sourceGroup'] });
  const warnings: AggregateWarning[] = [];

  const groupsOf = (org: string, year: string): string[] =>
    bySource.groups.filter((g) => g.key.org === org && g.key.period === year && g.quantities.length > 0).map((g) => g.key.sourceGroup!).sort();
  const scopesOf = (g: GroupTotal): (1 | 2 | 3)[] => [...new Set(g.scopes.map((s) => s.scope))].sort();
  // What any organisation compared has, per year: the yardstick for scope coverage.
  const yearScopes = new Map<string, Set<number>>();
  const yearGroups = new Map<string, Set<string>>();
  for (const g of totals.groups) {
    const year = g.key.period!;
    for (const s of scopesOf(g)) setOf(yearScopes, year).add(s);
    for (const s of groupsOf(g.key.org!, year)) setOf(yearGroups, year).add(s);
  }

  const series: OrgSeries[] = compared.map((org) => {
    const groups = totals.groups.filter((g) => g.key.org === org);
    const asked = baselineFor(options, org);
    const baseGroup = asked === undefined ? groups[0] : groups.find((g) => g.key.period === asked);
    if (asked !== undefined && baseGroup === undefined) warnings.push({ code: 'baseline_missing', message: aggMsg.baselineMissing(org, asked), about: { org, year: asked } });
    const baselineKg = baseGroup?.kgCo2e ?? null;
    const points = groups.map((g): SeriesPoint => {
      const year = g.key.period!;
      const scopes = scopesOf(g);
      const sourceGroups = groupsOf(org, year);
      const flags: ComparableFlag[] = [];
      if (g.policies.length > 1) flags.push({ code: 'mixed_policy', detail: g.policies.join(', ') });
      const lacking = [
        ...[...(yearScopes.get(year) ?? [])].filter((s) => !scopes.includes(s as 1 | 2 | 3)).sort().map((s) => `no Scope ${s}`),
        ...[...(yearGroups.get(year) ?? [])].filter((s) => !sourceGroups.includes(s)).sort().map((s) => `no ${s} data`),
      ];
      if (lacking.length > 0) flags.push({ code: 'scope_coverage', detail: lacking.join('; ') });
      if (g.tier === 3) flags.push({ code: 'tier_3', detail: g.tierLabel });
      return {
        year, kgCo2e: g.kgCo2e, index: indexOf(g.kgCo2e, baselineKg), figures: intensityFigures(byId.get(org), year, g.kgCo2e, metrics),
        tier: g.tier, policies: g.policies, scopes, sourceGroups, flags,
      };
    });
    return { org, baselineYear: baseGroup?.key.period ?? null, baselineKgCo2e: baselineKg, points };
  });

  const rollups = icsIds.map((ics) => rollup(ics, byId.get(ics)!, series, options, metrics, warnings));
  return { boundary: totals.boundary, period, series, rollups, warnings };
}

function rollup(ics: string, config: OrganisationConfig, series: readonly OrgSeries[], options: CompareOptions, metrics: readonly DenominatorMetric[], warnings: AggregateWarning[]): IcsRollup {
  const members = [...config.members].sort();
  const byMember = new Map(series.filter((s) => members.includes(s.org)).map((s) => [s.org, new Map(s.points.map((p) => [p.year, p.kgCo2e]))]));
  const years = [...new Set([...byMember.values()].flatMap((m) => [...m.keys()]))].sort();
  const sums = years.map((year) => {
    const missing = members.filter((m) => byMember.get(m)?.has(year) !== true);
    const kg = missing.length === 0 ? members.reduce((s, m) => s + byMember.get(m)!.get(year)!, 0) : null;
    if (missing.length > 0) warnings.push({ code: 'member_missing', message: aggMsg.memberMissing(ics, year, missing), about: { ics, year, members: missing.join(', ') } });
    return { year, kg, missing };
  });
  const complete = sums.filter((s) => s.kg !== null);
  const asked = baselineFor(options, ics);
  let baseline = asked === undefined ? complete[0] : complete.find((s) => s.year === asked);
  if (asked !== undefined && baseline === undefined) {
    baseline = complete[0];
    if (baseline !== undefined) warnings.push({ code: 'baseline_moved', message: aggMsg.baselineMoved(ics, asked, baseline.year), about: { ics, asked, used: baseline.year } });
    else warnings.push({ code: 'baseline_missing', message: aggMsg.baselineMissing(ics, asked), about: { org: ics, year: asked } });
  }
  const baselineKg = baseline?.kg ?? null;
  return {
    ics, members,
    baselineYear: baseline?.year ?? null,
    baselineKgCo2e: baselineKg,
    baselineNote: baseline === undefined ? null : aggMsg.icsBaselineNote(baseline.year),
    points: sums.map((s) => ({
      year: s.year, kgCo2e: s.kg, index: s.kg === null ? null : indexOf(s.kg, baselineKg), membersMissing: s.missing,
      figures: s.kg === null ? [] : intensityFigures(config, s.year, s.kg, metrics),
    })),
  };
}
