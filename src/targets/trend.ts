/**
 * The trend projection: an ordinary least-squares line through the last N years of actuals,
 * carried forward to the target year, and the first year on which it reaches the target.
 *
 * slope = Σ(x − x̄)(y − ȳ) / Σ(x − x̄)², and the line is ȳ + slope × (x − x̄) (written about the
 * mean so that years near 2000 do not cost precision; `interceptTco2e` is its value at year 0).
 */

import { compareParts, stepsOf, sumOf, type Step, type YearParts } from './comparable.js';
import { targetMsg } from './target-text.js';
import { MIN_TREND_POINTS } from './thresholds.js';

export interface TrendPoint {
  readonly year: number;
  readonly tco2e: number;
  /** What the year's total is made of (see `comparable.ts`): given, the line is fitted like for like. */
  readonly parts?: YearParts;
}

export interface LeastSquares {
  readonly slopeTco2ePerYear: number;
  /** The line's value at year 0; `meanYear`/`meanTco2e` are the better-conditioned pair. */
  readonly interceptTco2e: number;
  readonly meanYear: number;
  readonly meanTco2e: number;
}

export interface Projection {
  /** The years the line was fitted to, ascending. */
  readonly fittedYears: readonly number[];
  readonly line: LeastSquares;
  /** The line from the year after the last fitted year to the target year, floored at zero. */
  readonly projected: readonly TrendPoint[];
  /** First whole year the line is at or below the target level; null when it never gets there. */
  readonly reachesTargetIn: number | null;
  /** Why `reachesTargetIn` is null. */
  readonly noCrossingReason: string | null;
  readonly reachesTargetByTargetYear: boolean;
  /**
   * Set when the fitted years do not all hold the same parts (a first survey, a new site, a
   * survey replacing another): the line was fitted to the parts every fitted year has, and the
   * others were held at their level in the last fitted year. Null: every fitted year alike.
   */
  readonly likeForLike: { readonly steps: readonly Step[]; readonly heldAtYear: number } | null;
}

export type ProjectionResult =
  | { readonly ok: true; readonly projection: Projection }
  | { readonly ok: false; readonly reason: string };

/** Least squares through at least two points with at least two distinct years. */
export function leastSquares(points: readonly TrendPoint[]): LeastSquares {
  const n = points.length;
  const meanYear = points.reduce((s, p) => s + p.year, 0) / n;
  const meanTco2e = points.reduce((s, p) => s + p.tco2e, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const p of points) {
    sxy += (p.year - meanYear) * (p.tco2e - meanTco2e);
    sxx += (p.year - meanYear) ** 2;
  }
  const slope = sxy / sxx;
  return { slopeTco2ePerYear: slope, interceptTco2e: meanTco2e - slope * meanYear, meanYear, meanTco2e };
}

export function lineAt(line: LeastSquares, year: number): number {
  return line.meanTco2e + line.slopeTco2ePerYear * (year - line.meanYear);
}

/**
 * Fits the last `trendYears` points (all of them when there are fewer, but at least
 * `MIN_TREND_POINTS`), projects to `targetYear` and finds where the line meets `targetTco2e`.
 * The crossing is the first whole year on or after the line meets the target level, and never
 * earlier than the first fitted year (a line that starts below the target has reached it then);
 * a line that is flat or rising has no crossing, with the reason given.
 */
export function projectTrend(points: readonly TrendPoint[], trendYears: number, targetYear: number, targetTco2e: number): ProjectionResult {
  const fitted = [...points].sort((a, b) => a.year - b.year).slice(-trendYears);
  if (fitted.length < MIN_TREND_POINTS) return { ok: false, reason: targetMsg.noTrendTooFew(fitted.length, MIN_TREND_POINTS) };
  const { points: fitPoints, likeForLike } = comparablePoints(fitted);
  const line = leastSquares(fitPoints);
  const firstYear = fitted[0]!.year;
  const lastYear = fitted[fitted.length - 1]!.year;

  const projected: TrendPoint[] = [];
  for (let y = lastYear + 1; y <= targetYear; y++) projected.push({ year: y, tco2e: Math.max(0, lineAt(line, y)) });

  let reachesTargetIn: number | null = null;
  let noCrossingReason: string | null = null;
  if (line.slopeTco2ePerYear < 0) {
    const exact = line.meanYear + (targetTco2e - line.meanTco2e) / line.slopeTco2ePerYear;
    // A crossing computed as 2029.0000000001 is 2029: allow for the last bits of the arithmetic.
    reachesTargetIn = Math.max(firstYear, Math.ceil(exact - 1e-9));
  } else {
    noCrossingReason = targetMsg.noCrossingNotFalling;
  }
  return {
    ok: true,
    projection: {
      fittedYears: fitted.map((p) => p.year),
      line,
      projected,
      reachesTargetIn,
      noCrossingReason,
      reachesTargetByTargetYear: reachesTargetIn !== null && reachesTargetIn <= targetYear,
      likeForLike,
    },
  };
}

/**
 * The fitted points, like for like: when the years hold different parts, each year is the sum of
 * the parts every year has plus the other parts as the last year has them, so a step in coverage
 * (commuting from the first survey) is neither a rise nor a fall on the line. Without parts, or
 * with the same parts in every year, the points as they are.
 */
function comparablePoints(fitted: readonly TrendPoint[]): { points: readonly TrendPoint[]; likeForLike: Projection['likeForLike'] } {
  if (fitted.length === 0 || fitted.some((p) => p.parts === undefined)) return { points: fitted, likeForLike: null };
  const c = compareParts(fitted.map((p) => p.parts!));
  if (c.steps.length === 0) return { points: fitted, likeForLike: null };
  const last = fitted[fitted.length - 1]!;
  const held = last.tco2e - sumOf(last.parts!, c.common);
  return {
    points: fitted.map((p) => ({ year: p.year, tco2e: sumOf(p.parts!, c.common) + held })),
    likeForLike: { steps: stepsOf(c, fitted.map((p) => p.parts!)), heldAtYear: last.year },
  };
}
