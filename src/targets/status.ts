/**
 * A year's status against its target, by the rules in `STATUS_RULES` (target-text.ts), applied in
 * that order:
 * 1. on track: actual at or below the pathway;
 * 2. at risk: above it by no more than `AT_RISK_MARGIN_PCT_POINTS` points of the baseline;
 * 3. at risk: above by more, but before the target year and the trend line fitted to the years
 *    up to this one reaches the target level by the target year;
 * 4. off track: otherwise.
 */

import { AT_RISK_MARGIN_PCT_POINTS, EPSILON_TCO2E } from './thresholds.js';
import type { Status, StatusReason } from './types.js';

export interface StatusInput {
  /** Actual minus required, tCO2e: positive is above the pathway. */
  readonly gapTco2e: number;
  /** The same gap in percentage points of the baseline. */
  readonly gapPctPoints: number;
  /** Whether the year is before the target year (the trend counts only then). */
  readonly beforeTargetYear: boolean;
  /** Whether the trend fitted up to this year reaches the target level by the target year. */
  readonly trendReachesTarget: boolean;
}

export function judgeStatus(i: StatusInput): { status: Status; reason: StatusReason } {
  if (i.gapTco2e <= EPSILON_TCO2E) return { status: 'on-track', reason: 'at-or-below-pathway' };
  if (i.gapPctPoints <= AT_RISK_MARGIN_PCT_POINTS + 1e-9) return { status: 'at-risk', reason: 'within-margin' };
  if (i.beforeTargetYear && i.trendReachesTarget) return { status: 'at-risk', reason: 'trend-reaches-target' };
  return { status: 'off-track', reason: 'above-margin-and-trend-misses' };
}
