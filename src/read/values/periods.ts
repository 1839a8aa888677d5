/**
 * Half-hour periods of half-hourly (HH) meter data. As in GB electricity settlement (Elexon's
 * Balancing and Settlement Code), a day runs from local midnight to local midnight and period 1
 * starts at midnight; so the spring-forward Sunday in late March has 46 periods, the autumn
 * fall-back Sunday in late October 50, and every other day 48. On the autumn day periods 3 and 5
 * both show 01:00–01:30 on the clock (first BST, then GMT); counting in instants, not clock
 * readings, keeps them apart.
 *
 * Period n starts (n − 1) × 30 minutes after the day's first instant: real time runs evenly
 * through a clock change even though the wall clock does not. Written for zones whose clock
 * changes are whole hours (the UK and the rest of Europe).
 *
 * Dates and periods come from the data, so bad ones are problems, not exceptions; an unknown time
 * zone name is a configuration mistake and throws a UserError.
 */

import { DEFAULT_ZONE } from './date.js';
import { MINUTE_MS, ianaZone, isoDateParts, resolveWall } from './calendar.js';
import { problem, shown, type ValueProblem, type ValueResult } from './result.js';

export type PeriodProblemCode = 'invalid_date' | 'implausible_year' | 'period_out_of_range';

const PERIOD_MS = 30 * MINUTE_MS;
const CACHE_LIMIT = 100_000;

interface DayBounds {
  readonly startMs: number;
  readonly periods: number;
}

/** Day bounds by zone and date: an HH file asks about the same few hundred days for every meter. */
const cache = new Map<string, DayBounds | ValueProblem<PeriodProblemCode>>();

function dayBounds(isoDate: string, zoneName: string): DayBounds | ValueProblem<PeriodProblemCode> {
  const key = `${zoneName}|${isoDate}`;
  let bounds = cache.get(key);
  if (bounds === undefined) {
    bounds = computeBounds(isoDate, zoneName);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, bounds);
  }
  return bounds;
}

function computeBounds(isoDate: string, zoneName: string): DayBounds | ValueProblem<PeriodProblemCode> {
  const zone = ianaZone(zoneName);
  const parts = isoDateParts(isoDate);
  if (parts === undefined) return problem('invalid_date', `${shown(isoDate)} is not a real date in the form YYYY-MM-DD.`);
  if (parts.year < 1900 || parts.year > 2100) return problem('implausible_year', `${shown(isoDate)} is in the year ${parts.year}: tco2e reads dates from 1900 to 2100.`);
  const start = firstInstant(zone, Date.UTC(parts.year, parts.month - 1, parts.day));
  const end = firstInstant(zone, Date.UTC(parts.year, parts.month - 1, parts.day + 1));
  return { startMs: start, periods: Math.round((end - start) / PERIOD_MS) };
}

/** The first instant of a local day: its midnight, or (where a zone skips midnight) the jump. */
function firstInstant(zone: ReturnType<typeof ianaZone>, midnightWallMs: number): number {
  const r = resolveWall(zone, midnightWallMs);
  return r.kind === 'ok' ? r.epochMs : r.changeMs;
}

/** How many half-hour periods the local day `isoDate` (YYYY-MM-DD) has: 46, 48 or 50 in the UK. */
export function halfHourPeriodsInDay(isoDate: string, zone: string = DEFAULT_ZONE): ValueResult<number, PeriodProblemCode> {
  const b = dayBounds(isoDate, zone);
  return 'ok' in b ? b : { ok: true, value: b.periods };
}

/**
 * The instant (milliseconds since 1970-01-01T00:00:00Z) at which half-hour period `period`
 * (1-based) of the local day `isoDate` starts. A period the day does not have — 47 on the
 * spring-forward Sunday, 49 on an ordinary day — is a problem.
 */
export function halfHourPeriodStart(isoDate: string, period: number, zone: string = DEFAULT_ZONE): ValueResult<number, PeriodProblemCode> {
  const b = dayBounds(isoDate, zone);
  if ('ok' in b) return b;
  if (!Number.isInteger(period) || period < 1 || period > b.periods) {
    return problem(
      'period_out_of_range',
      `Period ${period} does not exist on ${isoDate}: that day has ${b.periods} half-hour periods in ${zone}, numbered 1 to ${b.periods}${b.periods === 48 ? '' : ' (a clock-change day)'}.`,
    );
  }
  return { ok: true, value: b.startMs + (period - 1) * PERIOD_MS };
}
