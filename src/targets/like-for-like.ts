/**
 * Like-for-like: how much of a change in emissions came from using less and how much from the
 * conversion factors moving (mostly the grid getting cleaner). Two series for the same years:
 * the reported one (each year at its own factors) and one with the factors held at one year
 * (`fixed:YYYY`). With the factors held still, the fixed series moves only with activity, so
 *
 *   from using less = fixed(to) − fixed(from)
 *   from factors    = (reported(to) − reported(from)) − from using less
 *
 * Both are signed changes in tCO2e: negative is a fall. The split depends on the year the
 * factors are held at (another year weights fuels differently); the result names it.
 */

import { compareParts, stepsOf, sumOf, type Step, type YearParts } from './comparable.js';
import { targetMsg } from './target-text.js';

export interface SeriesPoint {
  readonly year: number;
  readonly tco2e: number;
}

export interface LikeForLikeInput {
  /** Each year at its own year's factors (the reported series). */
  readonly reported: readonly SeriesPoint[];
  /** The same activity with every year at one factor year's factors. */
  readonly fixedFactors: readonly SeriesPoint[];
  /** The factor year the fixed series uses (its `fixed:YYYY` policy). */
  readonly fixedYear: number;
  /** Each year's parts in either series (see `comparable.ts`): given, the split compares like with like. */
  readonly reportedParts?: ReadonlyMap<number, YearParts>;
  readonly fixedParts?: ReadonlyMap<number, YearParts>;
}

export interface ChangeSplit {
  readonly fromYear: number;
  readonly toYear: number;
  readonly fixedYear: number;
  readonly totalChangeTco2e: number;
  readonly fromUsingLessTco2e: number;
  readonly fromFactorsTco2e: number;
  /**
   * The part of the change that is coverage, not emissions: parts one year has and the other
   * does not (commuting from the first survey, a new site, a new survey replacing another).
   * Zero, with no steps, when both years hold the same parts.
   */
  readonly fromCoverageTco2e: number;
  readonly steps: readonly Step[];
}

export type ChangeSplitResult = { readonly ok: true; readonly split: ChangeSplit } | { readonly ok: false; readonly problems: readonly string[] };

export function splitChange(input: LikeForLikeInput, fromYear: number, toYear: number): ChangeSplitResult {
  const problems: string[] = [];
  const pick = (series: readonly SeriesPoint[], name: string, year: number): number => {
    const p = series.find((s) => s.year === year);
    if (p === undefined) problems.push(targetMsg.likeForLikeMissing(name, year));
    return p?.tco2e ?? 0;
  };
  const reportedFrom = pick(input.reported, 'reported', fromYear);
  const reportedTo = pick(input.reported, 'reported', toYear);
  const fixedFrom = pick(input.fixedFactors, `fixed:${input.fixedYear}`, fromYear);
  const fixedTo = pick(input.fixedFactors, `fixed:${input.fixedYear}`, toYear);
  if (problems.length > 0) return { ok: false, problems };
  const totalChangeTco2e = reportedTo - reportedFrom;
  const like = likeParts(input, fromYear, toYear);
  if (like === null) {
    const fromUsingLessTco2e = fixedTo - fixedFrom;
    return { ok: true, split: { fromYear, toYear, fixedYear: input.fixedYear, totalChangeTco2e, fromUsingLessTco2e, fromFactorsTco2e: totalChangeTco2e - fromUsingLessTco2e, fromCoverageTco2e: 0, steps: [] } };
  }
  // Only the parts both years hold are a change in emissions; the rest is a step in coverage.
  const sum = (parts: ReadonlyMap<number, YearParts>, year: number): number => sumOf(parts.get(year) ?? new Map<string, number>(), like.common);
  const commonChange = sum(input.reportedParts!, toYear) - sum(input.reportedParts!, fromYear);
  const fromUsingLessTco2e = sum(input.fixedParts!, toYear) - sum(input.fixedParts!, fromYear);
  return {
    ok: true,
    split: {
      fromYear, toYear, fixedYear: input.fixedYear, totalChangeTco2e, fromUsingLessTco2e,
      fromFactorsTco2e: commonChange - fromUsingLessTco2e,
      fromCoverageTco2e: totalChangeTco2e - commonChange,
      steps: like.steps,
    },
  };
}

/** The parts both years hold, and the steps between them; null when there are no parts to compare or no step. */
function likeParts(input: LikeForLikeInput, fromYear: number, toYear: number): { common: ReadonlySet<string>; steps: Step[] } | null {
  const from = input.reportedParts?.get(fromYear);
  const to = input.reportedParts?.get(toYear);
  if (from === undefined || to === undefined || input.fixedParts === undefined) return null;
  const c = compareParts([from, to]);
  if (c.steps.length === 0) return null;
  return { common: c.common, steps: stepsOf(c, [from, to]) };
}
