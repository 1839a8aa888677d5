/**
 * "Are we on track?" for one target: the required pathway year by year beside the actuals, the
 * gap in tonnes and in percentage points, a status per year, the carbon budget, the milestones
 * and the trend. Pure: the caller computes the actuals (within the target's scopes, sources,
 * Scope 2 basis and site boundary) and passes them in.
 *
 * Which years count: a year marked incomplete is shown with its gap but gets no status and is
 * left out of the trend fit and the budget comparison, unless no year is complete, in which case
 * all years are used and the result says so. Actuals before the baseline year are left out.
 */

import { targetMsg } from './target-text.js';
import { pathwayAnchors, pathwayBudgetTco2e, pathwaySegments, requiredTco2e, type PathwaySegment } from './pathway.js';
import { judgeStatus } from './status.js';
import { BASELINE_DIFFERENCE_WARN_PCT, EPSILON_TCO2E } from './thresholds.js';
import { projectTrend, type Projection, type TrendPoint } from './trend.js';
import type { Status, StatusReason, Target, TargetProblem, TargetWarning, YearActual } from './types.js';
import { rangeLabel, yearLabel } from './years.js';

export interface ProgressInput {
  readonly actuals: readonly YearActual[];
  /** Sites the caller left out of the actuals (and baseline); defaults to the target's `excludeSites`. */
  readonly excludedSites?: readonly string[];
}

export interface BaselineUsed {
  readonly year: number;
  readonly label: string;
  readonly tco2e: number;
  /** `declared` in the config (with its source), or the `ledger`'s actual for the baseline year. */
  readonly origin: 'declared' | 'ledger';
  readonly source: string | null;
}

export interface ProgressRow {
  readonly year: number;
  /** `2024/25` on the financial basis, `2024` on the calendar basis. */
  readonly label: string;
  readonly requiredTco2e: number;
  readonly requiredReductionPct: number;
  readonly actualTco2e: number | null;
  readonly actualReductionPct: number | null;
  /** null when the year has no actual. */
  readonly complete: boolean | null;
  readonly qualityTier: string | null;
  /** Whether the year counts for status, the trend and the budget (see the module comment). */
  readonly used: boolean;
  /** Actual minus required: positive is above the pathway (behind). */
  readonly gapTco2e: number | null;
  /** Required reduction % minus actual reduction %, both against the baseline: positive is behind. */
  readonly gapPctPoints: number | null;
  readonly status: Status | null;
  readonly statusReason: StatusReason | null;
  /** The pathway's carbon budget from the baseline year to this year, both included. */
  readonly cumulativeAllowedTco2e: number;
  /** Sum of the used actuals up to this year; null before the first of them. */
  readonly cumulativeEmittedTco2e: number | null;
  /**
   * What the pathway allows in the same years as `cumulativeEmittedTco2e` (the used years up to
   * this one): the figure to compare it with when the baseline predates the data (e.g. 1990).
   */
  readonly cumulativeAllowedComparedTco2e: number | null;
}

export interface MilestoneCheck {
  readonly label: string;
  readonly fromYear: number;
  readonly toYear: number;
  readonly reductionPct: number;
  /** The emissions level the milestone asks for. */
  readonly levelTco2e: number;
  /** `met` if any used year in the range is at or below the level; `missed` once the range is past. */
  readonly state: 'met' | 'missed' | 'no-data' | 'pending';
  /** The first year in the range that met it. */
  readonly metIn: number | null;
  readonly final: boolean;
}

export interface BudgetSummary {
  /** The pathway's carbon budget from the baseline year to the target year, both included. */
  readonly pathwayTotalTco2e: number;
  /** The years compared: those with used actuals. */
  readonly comparedYears: readonly number[];
  /** What the pathway allows in those years, and what was emitted in them. */
  readonly allowedInComparedYearsTco2e: number;
  readonly emittedInComparedYearsTco2e: number;
  /** Emitted minus allowed: positive is over budget. */
  readonly overBudgetTco2e: number;
}

export interface TargetProgress {
  readonly target: Target;
  readonly baseline: BaselineUsed;
  /** The level the target asks for by the target year. */
  readonly targetTco2e: number;
  /** Sites left out of the actuals (and baseline): the boundary the figures are for. */
  readonly excludedSites: readonly string[];
  readonly pathway: readonly PathwaySegment[];
  /** From the baseline year to the target year, or to the last actual if later. */
  readonly rows: readonly ProgressRow[];
  /** The latest used year; null when there are no actuals from the baseline year on. */
  readonly headline: ProgressRow | null;
  /** Interim milestones in order, then the target itself (`final`). */
  readonly milestones: readonly MilestoneCheck[];
  readonly budget: BudgetSummary;
  readonly projection: Projection | null;
  /** Why there is no projection. */
  readonly projectionNote: string | null;
  readonly warnings: readonly TargetWarning[];
}

export type ProgressResult =
  | { readonly ok: true; readonly progress: TargetProgress }
  | { readonly ok: false; readonly problems: readonly TargetProblem[] };

export function targetProgress(target: Target, input: ProgressInput): ProgressResult {
  const label = (y: number): string => yearLabel(target.basis, y);
  const warnings: TargetWarning[] = [];

  const problems = checkActuals(target, input.actuals);
  if (problems.length > 0) return { ok: false, problems };

  const sorted = [...input.actuals].sort((a, b) => a.year - b.year);
  const before = sorted.filter((a) => a.year < target.baselineYear);
  const actuals = sorted.filter((a) => a.year >= target.baselineYear);
  if (before.length > 0) warnings.push({ code: 'actuals_before_baseline', message: targetMsg.actualsBeforeBaseline(before.map((a) => label(a.year)), label(target.baselineYear)) });

  const chosen = baselineOf(target, actuals.find((a) => a.year === target.baselineYear));
  if (!chosen.ok) return { ok: false, problems: [chosen.problem] };
  const baseline = chosen.baseline;
  warnings.push(...chosen.warnings);
  const b = baseline.tco2e;

  const excludedSites = [...(input.excludedSites ?? target.excludeSites)].sort();
  if (baseline.origin === 'declared' && excludedSites.length > 0) {
    warnings.push({ code: 'declared_baseline_excluded_sites', message: targetMsg.declaredBaselineExcludedSites(excludedSites) });
  }

  const segments = pathwaySegments(pathwayAnchors(target, b), target.pathway);
  if (target.pathway === 'compound') warnings.push(...compoundToZero(target, segments));
  const measure: Measure = { segments, baselineTco2e: b, targetTco2e: b * (1 - target.reductionPct / 100) };

  // Which years count: the complete ones, or every year when none is complete.
  const anyComplete = actuals.some((a) => a.complete);
  const isUsed = (a: YearActual): boolean => a.complete || !anyComplete;
  const incomplete = actuals.filter((a) => !a.complete);
  if (!anyComplete && actuals.length > 0) warnings.push({ code: 'only_incomplete', message: targetMsg.onlyIncomplete });
  else if (incomplete.length > 0) warnings.push({ code: 'incomplete_years', message: targetMsg.incompleteYears(incomplete.map((a) => label(a.year))) });
  const usedPoints: TrendPoint[] = actuals.filter(isUsed).map((a) => ({ year: a.year, tco2e: a.tco2e, ...(a.parts ? { parts: a.parts } : {}) }));

  const rows = progressRows(target, measure, actuals, isUsed, usedPoints);
  const usedRows = rows.filter((r) => r.used);
  const headline = usedRows[usedRows.length - 1] ?? null;
  const latest = actuals[actuals.length - 1];
  if (headline !== null && latest !== undefined && latest.year !== headline.year) {
    warnings.push({ code: 'headline_not_latest', message: targetMsg.headlineNotLatest(label(latest.year), headline.label) });
  }

  const trend = projectTrend(usedPoints, target.trendYears, target.targetYear, measure.targetTco2e);
  return {
    ok: true,
    progress: {
      target,
      baseline,
      targetTco2e: measure.targetTco2e,
      excludedSites,
      pathway: segments,
      rows,
      headline,
      milestones: milestoneChecks(target, b, usedRows),
      budget: budgetSummary(target, segments, usedRows),
      projection: trend.ok ? trend.projection : null,
      projectionNote: trend.ok ? trend.projection.noCrossingReason : trend.reason,
      warnings,
    },
  };
}

function targetProblem(target: Target, code: string, message: string): TargetProblem {
  return { code, target: target.id, org: target.org, field: null, message };
}

function checkActuals(target: Target, actuals: readonly YearActual[]): TargetProblem[] {
  const problems: TargetProblem[] = [];
  const seen = new Set<number>();
  for (const a of actuals) {
    if (!Number.isFinite(a.tco2e) || a.tco2e < 0) problems.push(targetProblem(target, 'bad_actual', targetMsg.badActual(target.id, target.org, a.year, a.tco2e)));
    if (seen.has(a.year)) problems.push(targetProblem(target, 'duplicate_actual', targetMsg.duplicateActual(target.id, target.org, a.year)));
    seen.add(a.year);
  }
  return problems;
}

/**
 * The baseline: declared wins (the person said so); the ledger's figure for the baseline year
 * is the fallback. Without either, or with one that is not above zero, there is no progress to show.
 */
function baselineOf(target: Target, ledgerBaseline: YearActual | undefined):
  | { readonly ok: true; readonly baseline: BaselineUsed; readonly warnings: readonly TargetWarning[] }
  | { readonly ok: false; readonly problem: TargetProblem } {
  const label = yearLabel(target.basis, target.baselineYear);
  const warnings: TargetWarning[] = [];
  let baseline: BaselineUsed;
  if (target.baseline !== null) {
    baseline = { year: target.baselineYear, label, tco2e: target.baseline.tco2e, origin: 'declared', source: target.baseline.source };
    if (ledgerBaseline !== undefined) {
      const diffPct = (Math.abs(ledgerBaseline.tco2e - baseline.tco2e) / baseline.tco2e) * 100;
      if (diffPct > BASELINE_DIFFERENCE_WARN_PCT) {
        warnings.push({ code: 'declared_baseline_differs', message: targetMsg.declaredBaselineDiffers(baseline.label, baseline.tco2e, ledgerBaseline.tco2e, diffPct) });
      }
    }
  } else if (ledgerBaseline !== undefined) {
    baseline = { year: target.baselineYear, label, tco2e: ledgerBaseline.tco2e, origin: 'ledger', source: null };
    if (!ledgerBaseline.complete) warnings.push({ code: 'baseline_incomplete', message: targetMsg.baselineIncomplete(baseline.label) });
  } else {
    return { ok: false, problem: targetProblem(target, 'no_baseline', targetMsg.noBaseline(target.id, target.org, label)) };
  }
  if (baseline.tco2e <= 0) return { ok: false, problem: targetProblem(target, 'baseline_not_positive', targetMsg.baselineNotPositive(target.id, target.org, baseline.label)) };
  return { ok: true, baseline, warnings };
}

/** A compound pathway cannot reach zero: each stretch that must do so is drawn straight, and said. */
function compoundToZero(target: Target, segments: readonly PathwaySegment[]): TargetWarning[] {
  return segments
    .filter((seg) => seg.shape === 'linear' && seg.fromTco2e > 0)
    .map((s) => ({ code: 'compound_to_zero', message: targetMsg.compoundToZero(yearLabel(target.basis, Math.floor(s.fromYear)), yearLabel(target.basis, Math.ceil(s.toYear))) }));
}

/** What each year is measured against: the pathway from the baseline and the level the target asks for. */
interface Measure {
  readonly segments: readonly PathwaySegment[];
  readonly baselineTco2e: number;
  readonly targetTco2e: number;
}

/** One row a year, from the baseline year to the target year (or the last actual, if later). */
function progressRows(target: Target, m: Measure, actuals: readonly YearActual[], isUsed: (a: YearActual) => boolean, usedPoints: readonly TrendPoint[]): ProgressRow[] {
  const b = m.baselineTco2e;
  const byYear = new Map(actuals.map((a) => [a.year, a]));
  const lastYear = Math.max(target.targetYear, ...actuals.map((a) => a.year));
  const rows: ProgressRow[] = [];
  let cumulativeAllowed = 0;
  let cumulativeEmitted: number | null = null;
  let cumulativeAllowedCompared: number | null = null;
  for (let y = target.baselineYear; y <= lastYear; y++) {
    const required = requiredTco2e(m.segments, y)!;
    cumulativeAllowed += required;
    const a = byYear.get(y);
    const used = a !== undefined && isUsed(a);
    const gapTco2e = a === undefined ? null : a.tco2e - required;
    const gapPctPoints = gapTco2e === null ? null : (gapTco2e / b) * 100;
    let judged: ReturnType<typeof judgeStatus> | null = null;
    if (used) {
      cumulativeEmitted = (cumulativeEmitted ?? 0) + a.tco2e;
      cumulativeAllowedCompared = (cumulativeAllowedCompared ?? 0) + required;
      judged = judgeYear(target, m, usedPoints, y, gapTco2e!, gapPctPoints!);
    }
    rows.push({
      year: y,
      label: yearLabel(target.basis, y),
      requiredTco2e: required,
      requiredReductionPct: ((b - required) / b) * 100,
      actualTco2e: a?.tco2e ?? null,
      actualReductionPct: a === undefined ? null : ((b - a.tco2e) / b) * 100,
      complete: a?.complete ?? null,
      qualityTier: a?.qualityTier ?? null,
      used,
      gapTco2e,
      gapPctPoints,
      status: judged?.status ?? null,
      statusReason: judged?.reason ?? null,
      cumulativeAllowedTco2e: cumulativeAllowed,
      cumulativeEmittedTco2e: cumulativeEmitted,
      cumulativeAllowedComparedTco2e: cumulativeAllowedCompared,
    });
  }
  return rows;
}

/** A used year's status as it stood then: its gap, and the trend of the used years up to it. */
function judgeYear(target: Target, m: Measure, usedPoints: readonly TrendPoint[], year: number, gapTco2e: number, gapPctPoints: number): ReturnType<typeof judgeStatus> {
  const trend = projectTrend(usedPoints.filter((p) => p.year <= year), target.trendYears, target.targetYear, m.targetTco2e);
  return judgeStatus({
    gapTco2e,
    gapPctPoints,
    beforeTargetYear: year < target.targetYear,
    trendReachesTarget: trend.ok && trend.projection.reachesTargetByTargetYear,
  });
}

/** The carbon budget to the target year, and the used years' emissions against what the pathway allowed in them. */
function budgetSummary(target: Target, segments: readonly PathwaySegment[], usedRows: readonly ProgressRow[]): BudgetSummary {
  const allowedInCompared = usedRows.reduce((s, r) => s + r.requiredTco2e, 0);
  const emittedInCompared = usedRows.reduce((s, r) => s + r.actualTco2e!, 0);
  return {
    pathwayTotalTco2e: pathwayBudgetTco2e(segments, target.baselineYear, target.targetYear),
    comparedYears: usedRows.map((r) => r.year),
    allowedInComparedYearsTco2e: allowedInCompared,
    emittedInComparedYearsTco2e: emittedInCompared,
    overBudgetTco2e: emittedInCompared - allowedInCompared,
  };
}

/**
 * Each milestone, and the target itself, against the used years in its range. A range milestone
 * ("80% by 2028 to 2032") is met if any year in the range reaches the cut; the pathway, by
 * contrast, passes through the range's midpoint.
 */
function milestoneChecks(target: Target, baselineTco2e: number, usedRows: readonly ProgressRow[]): MilestoneCheck[] {
  const latestUsed = usedRows[usedRows.length - 1]?.year ?? null;
  const all = [
    ...target.interim.map((m) => ({ ...m, final: false })),
    { reductionPct: target.reductionPct, fromYear: target.targetYear, toYear: target.targetYear, final: true },
  ];
  return all.map((m) => {
    const levelTco2e = baselineTco2e * (1 - m.reductionPct / 100);
    const inRange = usedRows.filter((r) => r.year >= m.fromYear && r.year <= m.toYear);
    const met = inRange.find((r) => r.actualTco2e! <= levelTco2e + EPSILON_TCO2E);
    let state: MilestoneCheck['state'] = 'pending';
    if (met !== undefined) state = 'met';
    else if (latestUsed !== null && latestUsed >= m.toYear) state = inRange.length > 0 ? 'missed' : 'no-data';
    return {
      label: rangeLabel(target.basis, m.fromYear, m.toYear),
      fromYear: m.fromYear,
      toYear: m.toYear,
      reductionPct: m.reductionPct,
      levelTco2e,
      state,
      metIn: met?.year ?? null,
      final: m.final,
    };
  });
}
