/**
 * Calendarisation: a bill whose period spans months is apportioned to calendar months by the
 * number of days of the period in each month, so monthly and annual figures add up whatever
 * the billing cycle. The apportionment travels with each part, for the trace.
 */

export interface MonthShare {
  /** First and last day of the part, inclusive, ISO dates. */
  readonly start: string;
  readonly end: string;
  /** `YYYY-MM` */
  readonly month: string;
  readonly days: number;
  readonly totalDays: number;
  /** days / totalDays: the fraction of the bill's quantity this part carries. */
  readonly share: number;
}

const DAY_MS = 86_400_000;

/** Days since the epoch for an ISO date, computed in UTC so no clock change can shift it. */
function dayNumber(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;
}

function isoOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Splits the inclusive period `start`–`end` into calendar months. A period within one month
 * comes back whole (share 1). `end` before `start` is the caller's error to report; here it
 * returns no parts.
 */
export function calendarise(start: string, end: string): MonthShare[] {
  const first = dayNumber(start);
  const last = dayNumber(end);
  if (last < first) return [];
  const totalDays = last - first + 1;
  const parts: MonthShare[] = [];
  let cursor = first;
  while (cursor <= last) {
    const iso = isoOf(cursor);
    const y = Number(iso.slice(0, 4));
    const m = Number(iso.slice(5, 7));
    const monthEnd = Date.UTC(y, m, 0) / DAY_MS; // day 0 of next month = last day of this one
    const partEnd = Math.min(monthEnd, last);
    const days = partEnd - cursor + 1;
    parts.push({ start: iso, end: isoOf(partEnd), month: iso.slice(0, 7), days, totalDays, share: days / totalDays });
    cursor = partEnd + 1;
  }
  return parts;
}
