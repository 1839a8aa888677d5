/** Dates a row may carry: nothing can have been used after the day of the import. */

import { DateTime } from 'luxon';
import type { Problem } from '../kernel/problem.js';

/**
 * The import's date in the UK (Europe/London), as an ISO date. A row whose period begins after it
 * cannot have been measured or bought yet: it is a mistyped year (2042 for 2024) or a forecast,
 * and stored it would be converted with the nearest year's factors and counted in a year to come.
 */
export function importDay(now: Date): string {
  return DateTime.fromJSDate(now, { zone: 'Europe/London' }).toISODate()!;
}

/** The problem for a period that begins after the import's date (`today`, see `importDay`). */
export function notYetBegun(line: number, start: string, today: string, column = ''): Omit<Problem, 'file'> {
  return {
    line, column, value: start, code: 'future_date',
    message: `the period begins on ${start}, after the day of this import (${today}): nothing can have been used yet; check the date (a mistyped year?) or import the row once it has happened`,
  };
}
