/** Axis helpers shared by the chart kinds: financial years and months. */

import { fyLabel } from '../html/format-uk.js';

/**
 * Vega expression that writes a year-start tick as a financial year, `2024` → `2024/25`;
 * the same text as `fyLabel`.
 */
export const FY_LABEL_EXPR = "toString(datum.value) + '/' + slice('0' + toString((datum.value + 1) % 100), -2)";

/** A quantitative x axis of financial years, one tick per year at most, no "2,024". */
// The return type is inferred on purpose: the literal types check against vega-lite's Axis
// where the object is used, which a wider annotation here would lose.
export function fyAxis(title = 'Financial year') {
  return { title, labelExpr: FY_LABEL_EXPR, tickMinStep: 1, format: 'd', grid: false, labelAngle: 0, labelOverlap: true } as const;
}

export const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** Short month name for 1–12. */
export function monthName(month: number): string {
  const name = MONTH_NAMES[month - 1];
  if (name === undefined || !Number.isInteger(month)) throw new RangeError(`month must be 1–12, not ${String(month)}`);
  return name;
}

/** Months 1–12 in reporting order, starting with `firstMonth` (April for a financial year). */
export function monthOrder(firstMonth = 4): number[] {
  return Array.from({ length: 12 }, (_, i) => ((firstMonth - 1 + i) % 12) + 1);
}

/** Years of a series as labels, sorted, without repeats. */
export function fyLabels(fyStarts: Iterable<number>): string[] {
  return [...new Set(fyStarts)].sort((a, b) => a - b).map(fyLabel);
}
