/**
 * Targets for the private-car share of journeys to a site or sites (config
 * `travel.privateCarShare`), judged as emission targets are (targets/status.ts): a straight
 * pathway from the baseline share to each interim milestone and on to the target share; a year is
 * on track at or below the pathway, at risk within AT_RISK_MARGIN_PCT_POINTS of the baseline above
 * it or above it by more while the trend reaches the target by the target year, off track
 * otherwise. The trend is least squares over the years measured up to that year.
 *
 * A year's share for several sites is the sites' shares weighted by their journeys (respondents
 * where a site has no volume), its interval from the weighted variances. The share's interval is
 * shown beside the status: a year "off track" whose interval reaches the pathway may be sampling.
 */

import { financialYearLabel } from '../convert/policy.js';
import { judgeStatus } from './status.js';
import type { Status } from './types.js';
import type { OrganisationConfig } from '../workspace/config.js';
import { parseFinancialYear } from '../travel/period.js';
import { pooledShares, type ShareEstimate, type SiteYearShare } from '../travel/site-car-share.js';
import type { TravelReport } from '../travel/types.js';

type Who = 'all' | 'staff' | 'patients-visitors';

export interface CarShareTargetYear {
  readonly year: string;
  readonly startYear: number;
  /** The pathway's share for the year, 0–100. */
  readonly requiredPct: number;
  readonly actual: ShareEstimate | null;
  readonly status: Status | null;
  /** Whether the actual's interval reaches down to the pathway. */
  readonly intervalMeetsPathway: boolean | null;
}

export interface CarShareTargetReport {
  readonly id: string;
  readonly name: string;
  readonly sites: readonly string[];
  readonly who: Who;
  readonly baselineYear: string;
  readonly baselinePct: number | null;
  readonly baselineFrom: 'survey' | 'config' | null;
  readonly targetYear: string;
  readonly targetPct: number;
  readonly rows: readonly CarShareTargetYear[];
  /** The latest measured year. */
  readonly headline: CarShareTargetYear | null;
  /** Percentage points a year, from the measured years; null with fewer than two. */
  readonly trendPpPerYear: number | null;
  /** The financial year the trend reaches the target share; null when it never does or there is no trend. */
  readonly trendReaches: string | null;
  readonly problems: readonly string[];
}

function pick(s: SiteYearShare, who: Who): { est: ShareEstimate | null; volume: number | null } {
  if (who === 'staff') return { est: s.staff, volume: s.staffJourneys };
  if (who === 'patients-visitors') return { est: s.patientsVisitors, volume: s.patientVisitorJourneys };
  return { est: s.all, volume: s.staffJourneys !== null && s.patientVisitorJourneys !== null ? s.staffJourneys + s.patientVisitorJourneys : null };
}

/** The sites' shares for a year as one, weighted by journeys (or respondents where a volume is missing). */
export function pooledShare(rows: readonly SiteYearShare[], who: Who): ShareEstimate | null {
  const parts = rows.map((r) => pick(r, who)).filter((p): p is { est: ShareEstimate; volume: number | null } => p.est !== null);
  if (parts.length === 0) return null;
  if (parts.length === 1) return parts[0]!.est;
  const byVolume = parts.every((p) => p.volume !== null && p.volume > 0);
  return pooledShares(parts.map((p) => ({ est: p.est, weight: byVolume ? p.volume! : p.est.respondents })));
}

/** The pathway's share in a year: straight lines between the baseline, each milestone and the target. */
function pathwayPct(points: readonly { year: number; pct: number }[], year: number): number {
  const first = points[0]!;
  if (year <= first.year) return first.pct;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    if (year <= b.year) return a.pct + ((b.pct - a.pct) * (year - a.year)) / (b.year - a.year);
  }
  return points[points.length - 1]!.pct;
}

/** Least squares through (year, share). */
function fit(points: readonly { year: number; pct: number }[]): { slope: number; intercept: number } | null {
  if (points.length < 2) return null;
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.year, 0) / n;
  const my = points.reduce((s, p) => s + p.pct, 0) / n;
  const sxx = points.reduce((s, p) => s + (p.year - mx) ** 2, 0);
  if (sxx === 0) return null;
  const slope = points.reduce((s, p) => s + (p.year - mx) * (p.pct - my), 0) / sxx;
  return { slope, intercept: my - slope * mx };
}

function reachYear(line: { slope: number; intercept: number }, target: number, from: number): number | null {
  if (line.slope >= 0) return line.intercept + line.slope * from <= target ? from : null;
  return Math.max(from, Math.ceil((target - line.intercept) / line.slope));
}

export function carShareTargets(org: OrganisationConfig, shares: readonly SiteYearShare[]): CarShareTargetReport[] {
  return org.travel.privateCarShare.map((t) => {
    const problems: string[] = [];
    const siteNames = t.sites.map((id) => org.sites.find((s) => s.id === id)?.name ?? id);
    const base = parseFinancialYear(t.baselineYear)!;
    const target = parseFinancialYear(t.targetYear)!;
    const years = [...new Set(shares.filter((s) => t.sites.includes(s.siteId)).map((s) => s.startYear))].sort((a, b) => a - b);
    const measured = new Map(years.map((y) => [y, pooledShare(shares.filter((s) => s.startYear === y && t.sites.includes(s.siteId)), t.who)] as const));
    const atBase = measured.get(base) ?? null;
    let baselinePct: number | null = atBase?.pct ?? null;
    let baselineFrom: CarShareTargetReport['baselineFrom'] = atBase === null ? null : 'survey';
    if (t.baselineSharePct !== undefined) {
      if (atBase !== null && Math.abs(atBase.pct - t.baselineSharePct) > 1) problems.push(`${t.id}: the config's baseline share (${t.baselineSharePct.toFixed(1)}%) differs from the ${t.baselineYear} survey's (${atBase.pct.toFixed(1)}%); the config's is used.`);
      baselinePct = t.baselineSharePct;
      baselineFrom = 'config';
    }
    const name = t.name ?? `Private-car share of ${t.who === 'all' ? 'all journeys' : t.who === 'staff' ? 'staff journeys' : 'patient and visitor journeys'} to ${siteNames.join(' and ')}: ${t.targetSharePct}% by ${t.targetYear}`;
    if (baselinePct === null) {
      problems.push(`${t.id}: no survey measures the share in the baseline year ${t.baselineYear} and the config gives no baselineSharePct, so the target cannot be judged.`);
      return { id: t.id, name, sites: siteNames, who: t.who, baselineYear: t.baselineYear, baselinePct: null, baselineFrom: null, targetYear: t.targetYear, targetPct: t.targetSharePct, rows: [], headline: null, trendPpPerYear: null, trendReaches: null, problems };
    }
    const points = [{ year: base, pct: baselinePct }, ...t.interim.map((m) => ({ year: parseFinancialYear(m.year)!, pct: m.sharePct })).sort((a, b) => a.year - b.year), { year: target, pct: t.targetSharePct }];
    const rows: CarShareTargetYear[] = years.filter((y) => y >= base).map((y) => {
      const actual = measured.get(y) ?? null;
      const requiredPct = pathwayPct(points, y);
      if (actual === null) return { year: financialYearLabel(y), startYear: y, requiredPct, actual: null, status: null, intervalMeetsPathway: null };
      const upTo = years.flatMap((x) => { const m = measured.get(x); return x <= y && m !== null && m !== undefined ? [{ year: x, pct: m.pct }] : []; });
      const line = fit(upTo);
      const reaches = line === null ? null : reachYear(line, t.targetSharePct, y);
      const gap = actual.pct - requiredPct;
      const judged = judgeStatus({
        gapTco2e: gap, gapPctPoints: baselinePct > 0 ? (100 * gap) / baselinePct : gap, beforeTargetYear: y < target,
        trendReachesTarget: reaches !== null && reaches <= target,
      });
      return { year: financialYearLabel(y), startYear: y, requiredPct, actual, status: judged.status, intervalMeetsPathway: actual.lowPct <= requiredPct };
    });
    const measuredRows = rows.filter((r) => r.actual !== null);
    const line = fit(measuredRows.map((r) => ({ year: r.startYear, pct: r.actual!.pct })));
    const last = measuredRows[measuredRows.length - 1] ?? null;
    const reaches = line === null || last === null ? null : reachYear(line, t.targetSharePct, last.startYear);
    return {
      id: t.id, name, sites: siteNames, who: t.who, baselineYear: t.baselineYear, baselinePct, baselineFrom, targetYear: t.targetYear, targetPct: t.targetSharePct,
      rows, headline: last, trendPpPerYear: line?.slope ?? null, trendReaches: reaches === null ? null : financialYearLabel(reaches), problems,
    };
  });
}

/** A travel report with its organisation's private-car share targets judged on its site shares. */
export type TravelWithTargets = TravelReport & { readonly orgKind: OrganisationConfig['kind']; readonly carShareTargets: readonly CarShareTargetReport[] };

export function withCarShareTargets(org: OrganisationConfig, r: TravelReport): TravelWithTargets {
  return { ...r, orgKind: org.kind, carShareTargets: carShareTargets(org, r.siteShares) };
}
