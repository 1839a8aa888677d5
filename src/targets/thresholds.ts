/**
 * The numbers behind the status rules and the defaults, in one place so the rules text the
 * reports print (`STATUS_RULES`) can never drift from what the code does.
 */

/**
 * How far above the pathway a year may be and still count as "at risk" rather than "off track",
 * in percentage points of the baseline. 5 matches the significance threshold commonly declared
 * for recalculating a base year (GHG Protocol Corporate Standard, ch. 5): a gap smaller than
 * the error that would trigger a restatement is not yet a clear miss.
 */
export const AT_RISK_MARGIN_PCT_POINTS = 5;

/**
 * A declared baseline that differs from the ledger's own figure for that year by more than this
 * share is worth a warning (the same 5% significance threshold).
 */
export const BASELINE_DIFFERENCE_WARN_PCT = 5;

/** Years of actuals the trend line is fitted to unless the target says otherwise. */
export const DEFAULT_TREND_YEARS = 5;

/** A trend line needs at least two points. */
export const MIN_TREND_POINTS = 2;

/**
 * Tolerance for comparing computed tonnes: sums of floating-point figures that are equal on
 * paper can differ in the last bits, and a year exactly on the pathway must read "on track".
 */
export const EPSILON_TCO2E = 1e-9;
