/**
 * The required pathway: the emissions a target allows in each year, from the baseline through
 * the interim milestones to the target, and the carbon budget that pathway adds up to.
 *
 * - `linear`: a straight line between consecutive anchors (the same tonnes cut every year),
 *   so it passes through every milestone, piecewise.
 * - `compound`: a constant annual rate of reduction between consecutive anchors,
 *   V(y) = Va × (Vb / Va)^((y − a) / (b − a)). A constant rate never reaches zero, so a segment
 *   that ends at zero (net zero) is a straight line instead: the pathway keeps its constant rate
 *   to the last non-zero milestone, then falls linearly to zero. With no non-zero milestone
 *   between the baseline and a net-zero target, the whole compound pathway is linear, and the
 *   result says so.
 *
 * Before the baseline year there is no pathway; after the target year the target level holds
 * (a target is "by year X and from then on").
 */

import type { PathwayShape, Target } from './types.js';

export interface PathwayAnchor {
  /** Can be a half year: a range milestone's pathway passes through the range's midpoint. */
  readonly year: number;
  readonly reductionPct: number;
  readonly tco2e: number;
}

export interface PathwaySegment {
  readonly fromYear: number;
  readonly toYear: number;
  readonly fromTco2e: number;
  readonly toTco2e: number;
  /** `compound` only where both ends are above zero; see the module comment. */
  readonly shape: PathwayShape;
  /** For a compound segment, the constant annual rate of reduction (%); null for a linear one. */
  readonly annualReductionPct: number | null;
  /** For a linear segment, the tonnes cut each year; null for a compound one. */
  readonly annualCutTco2e: number | null;
}

/** Baseline, interim milestones (at their pathway years) and target, in year order. */
export function pathwayAnchors(target: Target, baselineTco2e: number): PathwayAnchor[] {
  const at = (year: number, reductionPct: number): PathwayAnchor => ({ year, reductionPct, tco2e: baselineTco2e * (1 - reductionPct / 100) });
  return [at(target.baselineYear, 0), ...target.interim.map((m) => at(m.pathwayYear, m.reductionPct)), at(target.targetYear, target.reductionPct)];
}

export function pathwaySegments(anchors: readonly PathwayAnchor[], shape: PathwayShape): PathwaySegment[] {
  const segments: PathwaySegment[] = [];
  for (let i = 1; i < anchors.length; i++) {
    const a = anchors[i - 1]!;
    const b = anchors[i]!;
    const span = b.year - a.year;
    if (shape === 'compound' && a.tco2e > 0 && b.tco2e > 0) {
      const annualFactor = (b.tco2e / a.tco2e) ** (1 / span);
      segments.push({ fromYear: a.year, toYear: b.year, fromTco2e: a.tco2e, toTco2e: b.tco2e, shape: 'compound', annualReductionPct: (1 - annualFactor) * 100, annualCutTco2e: null });
    } else {
      segments.push({ fromYear: a.year, toYear: b.year, fromTco2e: a.tco2e, toTco2e: b.tco2e, shape: 'linear', annualReductionPct: null, annualCutTco2e: (a.tco2e - b.tco2e) / span });
    }
  }
  return segments;
}

/** The pathway's value in a year; null before the baseline year. */
export function requiredTco2e(segments: readonly PathwaySegment[], year: number): number | null {
  const first = segments[0];
  const last = segments[segments.length - 1];
  if (first === undefined || last === undefined || year < first.fromYear) return null;
  if (year >= last.toYear) return last.toTco2e;
  const s = segments.find((seg) => year <= seg.toYear)!;
  const t = (year - s.fromYear) / (s.toYear - s.fromYear);
  if (s.shape === 'compound') return s.fromTco2e * (s.toTco2e / s.fromTco2e) ** t;
  return s.fromTco2e + (s.toTco2e - s.fromTco2e) * t;
}

/** Sum of the pathway's values over whole years `fromYear`..`toYear`, both included. */
export function pathwayBudgetTco2e(segments: readonly PathwaySegment[], fromYear: number, toYear: number): number {
  let sum = 0;
  for (let y = fromYear; y <= toYear; y++) sum += requiredTco2e(segments, y) ?? 0;
  return sum;
}
