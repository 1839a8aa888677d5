/**
 * Dates for the sample files: financial years (April to March), months, days, and the
 * Europe/London clock changes. Calendar arithmetic in UTC, so no time zone can move a date.
 */

/** The first and last financial years of the sample (2013 means 2013/14). */
export const FIRST_FY = 2013;
export const LAST_FY = 2025;

export interface Month {
  readonly year: number;
  /** 1–12. */
  readonly month: number;
  /** The financial year it belongs to (2013 for April 2013 – March 2014). */
  readonly fy: number;
}

/** Every month from April of the first financial year to March after the last one. */
export function sampleMonths(): Month[] {
  const out: Month[] = [];
  for (let fy = FIRST_FY; fy <= LAST_FY; fy++) {
    for (let i = 0; i < 12; i++) {
      const month = ((i + 3) % 12) + 1;
      out.push({ year: month >= 4 ? fy : fy + 1, month, fy });
    }
  }
  return out;
}

export function fyOf(year: number, month: number): number {
  return month >= 4 ? year : year - 1;
}

export function fyLabel(fy: number): string {
  return `${fy}/${String((fy + 1) % 100).padStart(2, '0')}`;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad = (n: number): string => String(n).padStart(2, '0');

export function ukDate(year: number, month: number, day: number): string {
  return `${pad(day)}/${pad(month)}/${year}`;
}

export function isoDate(year: number, month: number, day: number): string {
  return `${year}-${pad(month)}-${pad(day)}`;
}

export const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

/** A day as a count from 1970-01-01, for stepping through days. */
export function dayNumber(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / 86_400_000;
}

export interface Day {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  /** 0 Sunday … 6 Saturday. */
  readonly weekday: number;
}

export function dayFrom(n: number): Day {
  const d = new Date(n * 86_400_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday: d.getUTCDay() };
}

/** The last Sunday of a month: the UK's clocks change on those of March and October (since 1996). */
function lastSunday(year: number, month: number): number {
  const last = daysInMonth(year, month);
  const weekday = new Date(Date.UTC(year, month - 1, last)).getUTCDay();
  return last - weekday;
}

/** Half-hours in a Europe/London day: 46 when the clocks go forward, 50 when they go back. */
export function halfHoursIn(d: Day): number {
  if (d.month === 3 && d.day === lastSunday(d.year, 3)) return 46;
  if (d.month === 10 && d.day === lastSunday(d.year, 10)) return 50;
  return 48;
}
