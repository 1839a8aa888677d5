/**
 * Reporting periods and financial years (April to March) for the travel stage. Dates are ISO
 * `YYYY-MM-DD` strings compared as text and counted in whole days from the UTC epoch: calendar
 * days, so no clock or time zone is involved.
 */

import { UserError } from '../kernel/errors.js';
import { isIsoDate } from '../convert/policy.js';

/** A reporting period, both dates inclusive. */
export interface ReportPeriod {
  readonly start: string;
  readonly end: string;
}

/** The financial year starting in April of `startYear`, as a period. */
export function financialYearPeriod(startYear: number): ReportPeriod {
  return { start: `${startYear}-04-01`, end: `${startYear + 1}-03-31` };
}

/**
 * The first year of a financial year as NHS and council papers write it: `2024/25`, `2024-25`,
 * `2024/2025`, `FY2024/25`, `FY24/25`, `fy 24-25`; undefined when the text is not a financial
 * year whose halves follow on.
 */
export function parseFinancialYear(text: string): number | undefined {
  const m = /^(?:fy\s*)?(\d{2}|\d{4})\s*[/-]\s*(\d{2}|\d{4})$/i.exec(text.trim());
  if (!m) return undefined;
  // Two-digit years are this century's (FY24/25): the factor sets begin in 2013.
  const start = m[1]!.length === 2 ? 2000 + Number(m[1]) : Number(m[1]);
  const end = Number(m[2]);
  const follows = m[2]!.length === 2 ? end === (start + 1) % 100 : end === start + 1;
  return follows ? start : undefined;
}

/** The first year of the financial year an ISO date falls in. */
export function financialYearOf(isoDate: string): number {
  const year = Number(isoDate.slice(0, 4));
  return Number(isoDate.slice(5, 7)) >= 4 ? year : year - 1;
}

function dayNumber(isoDate: string): number {
  return Math.round(Date.UTC(Number(isoDate.slice(0, 4)), Number(isoDate.slice(5, 7)) - 1, Number(isoDate.slice(8, 10))) / 86_400_000);
}

/** Days in a period, both ends counted. */
export function daysIn(p: ReportPeriod): number {
  return dayNumber(p.end) - dayNumber(p.start) + 1;
}

/** The part of `a` inside `b`, or undefined when they do not meet. */
export function overlap(a: ReportPeriod, b: ReportPeriod): ReportPeriod | undefined {
  const start = a.start > b.start ? a.start : b.start;
  const end = a.end < b.end ? a.end : b.end;
  return start <= end ? { start, end } : undefined;
}

/**
 * The share of a financial year that falls in the report period, with that part: annual figures
 * (a survey wave's commuting, a year's avoided appointments) are counted pro rata by days, so a
 * quarter's report carries about a quarter of the year.
 */
export function yearShare(startYear: number, period: ReportPeriod): { readonly part: ReportPeriod; readonly share: number } | undefined {
  const year = financialYearPeriod(startYear);
  const part = overlap(year, period);
  return part === undefined ? undefined : { part, share: daysIn(part) / daysIn(year) };
}

/** Checks a period given by a caller: real dates, start not after end. */
export function checkPeriod(p: ReportPeriod): ReportPeriod {
  if (!isIsoDate(p.start) || !isIsoDate(p.end) || p.start > p.end) {
    throw new UserError('bad_period', `The period ${p.start} to ${p.end} is not a pair of dates YYYY-MM-DD with the start first.`, 'Give the period as two dates, e.g. 2024-04-01 to 2025-03-31.');
  }
  return p;
}

/** First years of financial years as runs, for a sentence: `2013/14 to 2016/17, 2019/20` (three or more in a row become a run). */
export function financialYearRuns(startYears: readonly number[]): string {
  const ys = [...new Set(startYears)].sort((a, b) => a - b);
  const label = (y: number): string => `${String(y)}/${String((y + 1) % 100).padStart(2, '0')}`;
  const runs: string[] = [];
  for (let i = 0; i < ys.length;) {
    let j = i;
    while (j + 1 < ys.length && ys[j + 1] === ys[j]! + 1) j++;
    runs.push(j - i >= 2 ? `${label(ys[i]!)} to ${label(ys[j]!)}` : ys.slice(i, j + 1).map(label).join(', '));
    i = j + 1;
  }
  return runs.join(', ');
}
