/**
 * Reporting periods and the pro-rata split of lines across them.
 *
 * Dates here are calendar dates (`YYYY-MM-DD`), never instants, so they are counted as whole
 * days from the Unix epoch in UTC: a day number has no clock-change to trip over, whatever the
 * process's time zone.
 *
 * An activity that spans a period boundary (a quarterly bill, an annual survey figure) is split
 * by days, pro rata: each period gets quantity and emissions in proportion to the days of the
 * activity that fall in it. Monthly bills are already calendarised on import, so in practice
 * this only splits what arrives un-calendarised.
 */

import { financialYearLabel } from '../convert/policy.js';
import type { EmissionLine } from '../kernel/emission-line.js';

/** How lines are grouped in time. Quarters are financial (Q1 = April–June) or calendar. */
export type PeriodKind = 'financial-year' | 'calendar-year' | 'quarter' | 'calendar-quarter' | 'month';

export const DEFAULT_PERIOD: PeriodKind = 'financial-year';

const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 for an ISO date. */
export function dayNumber(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / MS_PER_DAY;
}

export function isoFromDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Inclusive count of days from `start` to `end`. */
export function daysBetween(start: string, end: string): number {
  return dayNumber(end) - dayNumber(start) + 1;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `2024-04` → first and last day. */
export function monthRange(month: string): { start: string; end: string } {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return { start: `${month}-01`, end: `${month}-${String(daysInMonth(y, m)).padStart(2, '0')}` };
}

/** The start year of the financial year (April–March) a date falls in. */
export function financialYearOf(iso: string): number {
  const y = Number(iso.slice(0, 4));
  return Number(iso.slice(5, 7)) >= 4 ? y : y - 1;
}

/** The label of the period a date falls in: `2024/25`, `2024`, `2024/25 Q1`, `2024 Q2`, `2024-04`. */
export function periodLabel(iso: string, kind: PeriodKind): string {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  switch (kind) {
    case 'financial-year':
      return financialYearLabel(financialYearOf(iso));
    case 'calendar-year':
      return String(y);
    case 'quarter':
      // April–June is Q1 of the financial year; January–March is Q4 of the year before.
      return `${financialYearLabel(financialYearOf(iso))} Q${Math.floor(((m + 8) % 12) / 3) + 1}`;
    case 'calendar-quarter':
      return `${y} Q${Math.floor((m - 1) / 3) + 1}`;
    case 'month':
      return iso.slice(0, 7);
  }
}

/** First and last day of the period holding a date. */
export function periodBounds(iso: string, kind: PeriodKind): { start: string; end: string } {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  switch (kind) {
    case 'financial-year': {
      const fy = financialYearOf(iso);
      return { start: `${fy}-04-01`, end: `${fy + 1}-03-31` };
    }
    case 'calendar-year':
      return { start: `${y}-01-01`, end: `${y}-12-31` };
    case 'quarter':
    case 'calendar-quarter': {
      // Financial quarters start in April, July, October and January, as calendar ones do; only
      // their labels differ.
      const first = Math.floor((m - 1) / 3) * 3 + 1;
      const last = first + 2;
      return { start: `${y}-${String(first).padStart(2, '0')}-01`, end: monthRange(`${y}-${String(last).padStart(2, '0')}`).end };
    }
    case 'month':
      return monthRange(iso.slice(0, 7));
  }
}

/** Scales a line's quantity and emissions by a share, keeping its trace. */
export function scaleLine(line: EmissionLine, share: number, periodStart: string, periodEnd: string): EmissionLine {
  if (share === 1 && periodStart === line.periodStart && periodEnd === line.periodEnd) return line;
  const scale = (v: number | null): number | null => (v === null ? null : v * share);
  return {
    ...line,
    periodStart,
    periodEnd,
    quantity: line.quantity * share,
    kgCo2e: line.kgCo2e * share,
    kgCo2: scale(line.kgCo2),
    kgCh4: scale(line.kgCh4),
    kgN2o: scale(line.kgN2o),
  };
}

/** The part of a line inside `[start, end]`, pro rata by days; undefined when they do not meet. */
export function clipLine(line: EmissionLine, start: string, end: string): EmissionLine | undefined {
  const s = line.periodStart > start ? line.periodStart : start;
  const e = line.periodEnd < end ? line.periodEnd : end;
  if (s > e) return undefined;
  return scaleLine(line, daysBetween(s, e) / daysBetween(line.periodStart, line.periodEnd), s, e);
}

/** A line split at the boundaries of `kind` periods, each part labelled with its period. */
export function splitByPeriod(line: EmissionLine, kind: PeriodKind): { period: string; line: EmissionLine }[] {
  // Most lines (a month of a bill, a day's purchase) lie inside one period: no dates to work out.
  const first = periodBounds(line.periodStart, kind);
  if (line.periodEnd <= first.end) return [{ period: periodLabel(line.periodStart, kind), line }];
  const parts: { period: string; line: EmissionLine }[] = [];
  let cursor = line.periodStart;
  while (cursor <= line.periodEnd) {
    const bounds = periodBounds(cursor, kind);
    const part = clipLine(line, cursor, bounds.end)!;
    parts.push({ period: periodLabel(cursor, kind), line: part });
    cursor = isoFromDay(dayNumber(bounds.end) + 1);
  }
  return parts;
}

/** The months (`YYYY-MM`) of a financial year, April first. */
export function monthsOfFinancialYear(startYear: number): string[] {
  return Array.from({ length: 12 }, (_, i) => {
    const m = ((i + 3) % 12) + 1;
    return `${i < 9 ? startYear : startYear + 1}-${String(m).padStart(2, '0')}`;
  });
}

/** The start year of a `2024/25` label. */
export function financialYearStart(label: string): number {
  return Number(label.slice(0, 4));
}

/**
 * The date in the UK (Europe/London) at an instant, YYYY-MM-DD: what day it is for the person
 * asking, whatever the machine's time zone (a UK body's year ends at midnight UK time).
 */
export function ukDate(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
