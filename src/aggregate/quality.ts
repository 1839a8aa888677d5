/**
 * Data-quality tiers, after the three-tier idea of the NHS ICS carbon "Recipe Book" (Greener NHS),
 * which tags each figure OC (optimal: metered, at most 10% of the period estimated or missing),
 * SC (standard: metered, but more than 10% estimated or missing) or RC (reduced: modelled, e.g.
 * from a display energy certificate or from spend).
 *
 * The rule here, applied to any figure (a line group or a total), with `s` the estimated share:
 * - tier 1, measured: s ≤ 10%;
 * - tier 2, partly estimated: 10% < s ≤ 90% (more than 10% estimated moves a figure down a tier);
 * - tier 3, estimated: s > 90%, i.e. less than a tenth of the figure rests on a measurement, which
 *   is a modelled figure in all but name (and a figure wholly estimated or filled is tier 3).
 *
 * `s` is weighted by emissions (|kg CO2e|), so a group mixing kWh, litres and miles has one
 * share; a line counts as estimated in full when its read was estimated, or by its exact share
 * when known (a half-hourly month's estimated half-hours). Gap-filled lines are estimated.
 * For a site and source over a year, months with no data count as estimated too (the Recipe
 * Book's "estimated or missing"): see `coverage.ts`.
 */

import type { EmissionLine } from '../kernel/emission-line.js';

export type QualityTier = 1 | 2 | 3;

export const TIER_LABELS: Readonly<Record<QualityTier, string>> = { 1: 'measured', 2: 'partly estimated', 3: 'estimated' };

/** More than this share estimated moves a figure down a tier (the Recipe Book's 10%). */
export const ESTIMATED_THRESHOLD = 0.1;
/** More than this share estimated makes a figure tier 3: under a tenth of it is measured. */
export const MODELLED_THRESHOLD = 0.9;

export function tierFor(estimatedShare: number): QualityTier {
  if (estimatedShare <= ESTIMATED_THRESHOLD) return 1;
  if (estimatedShare <= MODELLED_THRESHOLD) return 2;
  return 3;
}

/** The share (0–1) of a line that rests on estimates. */
export function estimatedPortion(line: EmissionLine): number {
  if (line.filled !== undefined) return 1;
  return line.estimatedShare ?? (line.estimated ? 1 : 0);
}

/** Accumulates an emissions-weighted estimated share. */
export class EstimatedShare {
  private weight = 0;
  private estimated = 0;

  add(line: EmissionLine): void {
    const w = Math.abs(line.kgCo2e);
    this.weight += w;
    this.estimated += w * estimatedPortion(line);
  }

  get share(): number {
    return this.weight === 0 ? 0 : this.estimated / this.weight;
  }
}
