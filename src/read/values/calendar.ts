/**
 * Calendar arithmetic and wall-clock ↔ instant conversion in an IANA time zone, shared by the
 * date parser and the half-hour period helpers. Offsets come from luxon's IANAZone (the tz
 * database through Intl); the rest is integer arithmetic on UTC milliseconds, which is exact.
 */

import { IANAZone } from 'luxon';
import { UserError } from '../../kernel/errors.js';

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

/** Gregorian leap-year rule. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

export const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;
export const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** `YYYY-MM-DD` for years 1000–9999 (the parsers only let 1900–2100 through). */
export function isoDate(year: number, month: number, day: number): string {
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

/** `YYYY-MM-DD` of a UTC-millisecond value read as a wall clock. */
export function isoDateOfWall(wallMs: number): string {
  const d = new Date(wallMs);
  return isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The parts of a real `YYYY-MM-DD` date, or undefined (31 February, 2023-02-29, bad shape). */
export function isoDateParts(text: string): { year: number; month: number; day: number } | undefined {
  const m = ISO_DATE.exec(text);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

/** A checked IANA zone; a bad name is a profile mistake the person can fix, so it is a UserError. */
export function ianaZone(name: string): IANAZone {
  const zone = IANAZone.create(name);
  if (!zone.isValid) {
    throw new UserError('unknown_time_zone', `Unknown time zone "${name}".`, 'Use an IANA time zone name such as Europe/London.');
  }
  return zone;
}

export type WallResolution =
  | { readonly kind: 'ok'; readonly epochMs: number; /** the wall time happened twice; epochMs is the first */ readonly repeated: boolean }
  | {
      readonly kind: 'gap';
      /** The instant the clocks jumped over this wall time. */
      readonly changeMs: number;
      /** The wall clock just before and just after the jump, as UTC milliseconds of their fields. */
      readonly fromWallMs: number;
      readonly toWallMs: number;
    };

/**
 * The instant a wall-clock time (given as UTC milliseconds of its fields) happened in `zone`.
 *
 * Each offset in force within a day either side is tried; an offset is right when the instant it
 * gives really has that offset. None → the time fell in a spring-forward gap; two → an autumn
 * repeat, and the earlier instant (the first time the clock showed it, in the UK still BST) is
 * taken. Assumes at most one offset change within a day of any wall time, true of every zone
 * since 1900 that tco2e's date range admits.
 */
export function resolveWall(zone: IANAZone, wallMs: number): WallResolution {
  const steady = steadyOffset(zone, Math.floor(wallMs / DAY_MS));
  if (steady !== null) return { kind: 'ok', epochMs: wallMs - steady * MINUTE_MS, repeated: false };
  const before = zone.offset(wallMs - DAY_MS);
  const after = zone.offset(wallMs + DAY_MS);
  const a = wallMs - before * MINUTE_MS;
  const b = wallMs - after * MINUTE_MS;
  const aOk = zone.offset(a) === before;
  const bOk = before !== after && zone.offset(b) === after;
  if (aOk && bOk) return { kind: 'ok', epochMs: Math.min(a, b), repeated: true };
  if (aOk) return { kind: 'ok', epochMs: a, repeated: false };
  if (bOk) return { kind: 'ok', epochMs: b, repeated: false };
  // A gap: b is still on the old offset and a already on the new one, so the change lies in
  // (b, a]. Bisect for it (rare: only times that did not exist get here).
  let lo = b;
  let hi = a;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (zone.offset(mid) === before) lo = mid;
    else hi = mid;
  }
  return { kind: 'gap', changeMs: hi, fromWallMs: hi + before * MINUTE_MS, toWallMs: hi + after * MINUTE_MS };
}

/** Per zone, per UTC day number: the zone's one offset from the day before to the day after, or null near a change. */
const steadyOffsets = new WeakMap<IANAZone, Map<number, number | null>>();

/**
 * Each offset lookup goes through Intl (microseconds); a file's timestamps fall on a few hundred
 * days, so the answer "no clock change near this day" is kept per day. Equal offsets a day
 * before and two days after mean no change in between, given at most one change in that span.
 */
function steadyOffset(zone: IANAZone, day: number): number | null {
  let days = steadyOffsets.get(zone);
  if (days === undefined) {
    days = new Map();
    steadyOffsets.set(zone, days);
  }
  let offset = days.get(day);
  if (offset === undefined) {
    const before = zone.offset((day - 1) * DAY_MS);
    offset = zone.offset((day + 2) * DAY_MS) === before ? before : null;
    if (days.size >= 100_000) days.clear();
    days.set(day, offset);
  }
  return offset;
}

/** The local calendar date of an instant in `zone`. */
export function localIsoDate(zone: IANAZone, epochMs: number): string {
  const offset = steadyOffset(zone, Math.floor(epochMs / DAY_MS)) ?? zone.offset(epochMs);
  return isoDateOfWall(epochMs + offset * MINUTE_MS);
}
