/**
 * Dates and date-times from supplier exports, as local dates and (when a time is given) instants
 * in the profile's time zone, Europe/London unless told otherwise.
 *
 * With a `format` (the profile knows how the supplier writes dates) only that format is read; see
 * `compileFormat` for the tokens. Without one, these shapes are recognised:
 * - Year first, unambiguous everywhere: `2024-03-31`, `2024-03-31T00:30:00` with optional
 *   fractional seconds and `Z` or `±hh:mm` offset, and `2024/03/31` or `2024.03.31`.
 * - Day first, numeric: `31/03/2024`, `31-03-2024`, `31.03.2024`, one- or two-digit day and
 *   month. Dotted dates are always day first (the German and wider European convention; nobody
 *   writes month first with dots). For `/` and `-` the order is settled only by the numbers:
 *     · first part > 12, second ≤ 12 → day first (UK);
 *     · both ≤ 12 and equal (`05/05/2024`) → the same date either way, accepted;
 *     · both ≤ 12 and different (`03/04/2024`) → `ambiguous_date`;
 *     · first ≤ 12, second > 12 (`04/13/2024`) → only month first (US) fits, but refused as
 *       `us_date`: in a UK tool a lone US-looking date is more often a typo than a US export, and
 *       a real US export fails on its ambiguous rows anyway, so the fix is the same either way —
 *       set the format (MM/dd/yyyy). Nothing is imported under a guessed order.
 * - Month names (English, any case, `Sept` too): `26 Aug 2019`, `26-Aug-2019`, and SQL Server's
 *   default `Nov 13 2019 12:00AM` (CONVERT style 0/100, "mon dd yyyy hh:miAM", Microsoft's CAST
 *   and CONVERT reference), also `August 26, 2019`.
 * - An optional time after any of these: `HH:mm`, `HH:mm:ss`, fractional seconds, and a 12-hour
 *   clock with AM/PM (`12:00AM` is midnight, `12:00PM` noon).
 * - Excel serial day numbers, only with `excelSerials: true` (a bare number is otherwise too
 *   likely to be something else); then any bare number is a serial, with or without a format, and
 *   other text is read as usual. The 1900 date system: serial 1 is 1900-01-01, and Excel counts
 *   a 29 February 1900 that never happened as serial 60 (Microsoft: "Excel incorrectly assumes
 *   that the year 1900 is a leap year", kept for Lotus 1-2-3 compatibility), so 60 is refused and
 *   serials after it count one day more than the days elapsed (45000 is 2023-03-15). A fraction
 *   is the local time of day (and makes `hasTime` true), rounded to the second: exports often
 *   truncate it, and 0.0208333 means 00:30:00, not 00:29:59.997. Excel's 1904 date system (old
 *   Mac workbooks) is not read.
 *
 * Refused alike in every mode: two-digit years (`two_digit_year`; a format with `yy` reads them
 * as luxon does, 61–99 → 19xx, 00–60 → 20xx), dates that do not exist (`invalid_date`: 31/02,
 * 29/02/2023), impossible times (`invalid_time`, including 24:00, which some systems use for
 * the end of the day and which would shift a reading to the next date), years outside 1900–2100
 * (`implausible_year`), and local times the clocks skipped (`nonexistent_time`: 01:30 on the
 * spring-forward Sunday in London). A local time that happened twice (01:30 on the autumn
 * fall-back Sunday) is the first occurrence, still summer time; a time with an explicit offset
 * (`2024-10-27T01:30:00+00:00`) says which one it is and is taken as written.
 *
 * `iso` is the calendar date in the parser's zone: for a time with an offset it is the local date
 * of that instant (2024-06-30T23:30:00Z is 2024-07-01 in London).
 *
 * A 1M-row file repeats a few thousand distinct date strings, so each parser keeps a cache from
 * cell text to result (cleared whole when it reaches `cacheLimit`, 200,000 by default, to bound
 * memory). Results are frozen, since the same object is handed to every row with that text.
 */

import { UserError } from '../../kernel/errors.js';
import { DAY_MS, MINUTE_MS, MONTH_NAMES, WEEKDAY_NAMES, daysInMonth, ianaZone, isoDate, localIsoDate, resolveWall } from './calendar.js';
import { problem, shown, type ValueProblem, type ValueResult } from './result.js';
import type { IANAZone } from 'luxon';

export interface DateParserOptions {
  /** A luxon-style format such as `dd/MM/yyyy` or `d MMM yyyy HH:mm:ss`; omit to recognise common shapes. */
  readonly format?: string;
  /** IANA time zone the local times are in. Default `Europe/London`. */
  readonly zone?: string;
  /** Read bare numbers as Excel (1900 system) serial dates. */
  readonly excelSerials?: boolean;
  /** Entries the cache may hold before it is cleared. Default 200,000. */
  readonly cacheLimit?: number;
}

export type DateValue =
  | { readonly iso: string; readonly hasTime: false }
  | {
      readonly iso: string;
      readonly hasTime: true;
      /** The instant, in milliseconds since 1970-01-01T00:00:00Z. */
      readonly epochMs: number;
    };

export type DateProblemCode =
  | 'unrecognised_date'
  | 'ambiguous_date'
  | 'us_date'
  | 'two_digit_year'
  | 'invalid_date'
  | 'invalid_time'
  | 'implausible_year'
  | 'nonexistent_time';

/** `value` is null for a blank cell: whether a date is required is the caller's decision. */
export type DateResult = ValueResult<DateValue | null, DateProblemCode>;

export type DateParser = (text: string) => DateResult;

export const DEFAULT_ZONE = 'Europe/London';
const DEFAULT_CACHE_LIMIT = 200_000;
const MIN_YEAR = 1900;
const MAX_YEAR = 2100;

const BLANK: DateResult = Object.freeze({ ok: true, value: null });

export function createDateParser(options: DateParserOptions = {}): DateParser {
  const zoneName = options.zone ?? DEFAULT_ZONE;
  const zone = ianaZone(zoneName);
  const read = options.format === undefined ? recogniseAuto : compileFormat(options.format);
  const excelSerials = options.excelSerials === true;
  const limit = options.cacheLimit ?? DEFAULT_CACHE_LIMIT;
  // A null-prototype object, not a Map: V8 internalises a string used as a property key, and
  // lookups of fresh strings (every CSV cell is one) were faster than a Map's in every run on
  // Node 20 — sliced 16-character strings 4.6–8.5M/s against 3.2–6.5M/s, concatenated ones
  // 4–8.7M/s against 0.8–2.5M/s (2-core EPYC, shared).
  let cache = emptyCache();
  let size = 0;

  const uncached = (text: string): DateResult => {
    const t = text.trim().replace(/\s+/g, ' ');
    if (t === '') return BLANK;
    if (excelSerials && SERIAL.test(t)) return finish(fromSerial(t), t, zone, zoneName);
    return finish(read(t), t, zone, zoneName);
  };

  return (text: string): DateResult => {
    let result = cache[text];
    if (result === undefined) {
      result = Object.freeze(uncached(text));
      if (size >= limit) {
        cache = emptyCache();
        size = 0;
      }
      cache[text] = result;
      size++;
    }
    return result;
  };
}

function emptyCache(): Record<string, DateResult | undefined> {
  return Object.create(null) as Record<string, DateResult | undefined>;
}

/** What a recogniser found: wall-clock fields, or a problem already. */
interface Fields {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  /** Absent for a date without a time. */
  readonly hour?: number;
  readonly minute?: number;
  readonly second?: number;
  readonly millisecond?: number;
  /** Minutes east of UTC, when the text gave its own offset. */
  readonly offset?: number;
  /** 0 = Sunday, when the text named the weekday (checked against the date). */
  readonly weekday?: number;
  /** Wording for the implausible-year message when the fields came from an Excel serial. */
  readonly serial?: boolean;
}

/** A Unix timestamp: the instant itself. */
interface Instant {
  readonly instantMs: number;
}

type Recognised = Fields | Instant | ValueProblem<DateProblemCode>;

const plausible = (year: number): boolean => year >= MIN_YEAR && year <= MAX_YEAR;

function finish(f: Recognised, t: string, zone: IANAZone, zoneName: string): DateResult {
  if ('ok' in f) return f;
  if ('instantMs' in f) {
    // Checked before the zone is asked for an offset: a wild timestamp is not a real instant.
    const utcYear = new Date(f.instantMs).getUTCFullYear();
    if (!plausible(utcYear)) return implausible(t, utcYear, false);
    return frozen({ iso: localIsoDate(zone, f.instantMs), hasTime: true, epochMs: f.instantMs });
  }
  const { year, month, day } = f;
  if (!plausible(year)) return implausible(t, year, f.serial === true);
  if (month < 1 || month > 12) return problem('invalid_date', `${shown(t)} is not a real date: there is no month ${month}.`);
  const days = daysInMonth(year, month);
  if (day < 1 || day > days) {
    return problem('invalid_date', `${shown(t)} is not a real date: ${MONTH_NAMES[month - 1]!} ${year} has ${days} days.`);
  }
  const dayMs = Date.UTC(year, month - 1, day);
  if (f.weekday !== undefined) {
    const actual = new Date(dayMs).getUTCDay();
    if (actual !== f.weekday) {
      return problem('invalid_date', `${shown(t)} does not add up: ${day} ${MONTH_NAMES[month - 1]!} ${year} was a ${WEEKDAY_NAMES[actual]!}, not a ${WEEKDAY_NAMES[f.weekday]!}.`);
    }
  }
  const iso = isoDate(year, month, day);
  if (f.hour === undefined) return frozen({ iso, hasTime: false });
  const { hour, minute = 0, second = 0, millisecond = 0 } = f;
  if (hour > 23 || minute > 59 || second > 59) {
    return problem('invalid_time', `${shown(t)} has an impossible time of day: expected hours 00–23 and minutes and seconds 00–59 (a day ends at 23:59:59, not 24:00).`);
  }
  const wallMs = dayMs + ((hour * 60 + minute) * 60 + second) * 1000 + millisecond;
  if (f.offset !== undefined) {
    const epochMs = wallMs - f.offset * MINUTE_MS;
    return frozen({ iso: localIsoDate(zone, epochMs), hasTime: true, epochMs });
  }
  const r = resolveWall(zone, wallMs);
  if (r.kind === 'gap') {
    return problem(
      'nonexistent_time',
      `${shown(t)} did not happen in ${zoneName}: the clocks went forward from ${clock(r.fromWallMs)} to ${clock(r.toWallMs)} that night. Check how the source records times around the clock change.`,
    );
  }
  return frozen({ iso, hasTime: true, epochMs: r.epochMs });
}

function frozen(value: DateValue): DateResult {
  return { ok: true, value: Object.freeze(value) };
}

function clock(wallMs: number): string {
  return new Date(wallMs).toISOString().slice(11, 16);
}

function implausible(t: string, year: number, serial: boolean): ValueProblem<DateProblemCode> {
  const when = Number.isFinite(year) ? `in the year ${year}` : `far outside the years ${MIN_YEAR}–${MAX_YEAR}`;
  const what = serial ? `${shown(t)} read as an Excel date serial number is ${when}` : `${shown(t)} is ${when}`;
  return problem('implausible_year', `${what}: tco2e reads dates from ${MIN_YEAR} to ${MAX_YEAR}; check the cell.`);
}

// ---------------------------------------------------------------------------------------------
// Names

const MONTHS: ReadonlyMap<string, number> = new Map(
  MONTH_NAMES.flatMap((name, i) => [
    [name.toLowerCase(), i + 1],
    [name.slice(0, 3).toLowerCase(), i + 1],
  ]),
).set('sept', 9);

const WEEKDAYS: ReadonlyMap<string, number> = new Map(
  WEEKDAY_NAMES.flatMap((name, i) => [
    [name.toLowerCase(), i],
    [name.slice(0, 3).toLowerCase(), i],
  ]),
)
  .set('tues', 2)
  .set('thur', 4)
  .set('thurs', 4);

function monthNumber(name: string): number | undefined {
  return MONTHS.get(name.toLowerCase());
}

// ---------------------------------------------------------------------------------------------
// Excel serials

const SERIAL = /^\d+(?:\.\d+)?$/;
const EXCEL_DAY_0 = Date.UTC(1899, 11, 31);

function fromSerial(t: string): Recognised {
  const dot = t.indexOf('.');
  const whole = Number(dot < 0 ? t : t.slice(0, dot));
  if (whole === 0) return problem('invalid_date', `${shown(t)} as an Excel date serial number is day 0, which Excel shows as 0 January 1900: not a real date.`);
  if (whole === 60) {
    return problem('invalid_date', `${shown(t)} as an Excel date serial number is 29 February 1900, a day that did not exist (Excel counts it for compatibility with Lotus 1-2-3).`);
  }
  // After the fictitious day, serials run one ahead of the real count.
  const dayMs = EXCEL_DAY_0 + (whole > 60 ? whole - 1 : whole) * DAY_MS;
  const d = new Date(dayMs);
  // Beyond what a Date can hold (about 275,000 years): the year check words it.
  if (Number.isNaN(d.getTime())) return { year: Number.NaN, month: 1, day: 1, serial: true };
  const date = { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), serial: true };
  if (dot < 0) return date;
  const seconds = Math.round(Number(`0${t.slice(dot)}`) * 86_400);
  // A fraction that rounds to 86,400 s is midnight at the end of the day: the next date.
  const w = new Date(dayMs + seconds * 1000);
  return { year: w.getUTCFullYear(), month: w.getUTCMonth() + 1, day: w.getUTCDate(), hour: w.getUTCHours(), minute: w.getUTCMinutes(), second: w.getUTCSeconds(), serial: true };
}

// ---------------------------------------------------------------------------------------------
// Recognising common shapes (no format)

/** Groups: hour, minute, second, fraction of a second, a/p of AM/PM. Text has single spaces. */
const TIME = String.raw`(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)? ?(?:([ap])\.?m\.?)?)?`;
const YEAR_FIRST = new RegExp(String.raw`^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})${TIME} ?(z|[+-]\d{2}(?::?\d{2})?)?$`, 'i');
const NUMERIC_DAY_FIRST = new RegExp(String.raw`^(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})${TIME}$`, 'i');
const NAMED_DAY_FIRST = new RegExp(String.raw`^(\d{1,2})([- /])([a-z]{3,9})\.?\2(\d{4}|\d{2})${TIME}$`, 'i');
const NAMED_MONTH_FIRST = new RegExp(String.raw`^([a-z]{3,9})\.? (\d{1,2}),? (\d{4}|\d{2})${TIME}$`, 'i');

const AUTO_EXAMPLES = 'such as 28/11/2024, 2024-11-28 or 28 Nov 2024, optionally followed by a time such as 14:30';

function unrecognisedAuto(t: string): ValueProblem<DateProblemCode> {
  if (SERIAL.test(t)) {
    return problem(
      'unrecognised_date',
      `${shown(t)} is a bare number, not a date; if the column holds Excel date serial numbers, turn on Excel serial dates for it in the profile.`,
    );
  }
  return problem('unrecognised_date', `${shown(t)} is not a date tco2e recognises: expected a date ${AUTO_EXAMPLES}, or set the date format in the profile.`);
}

function twoDigitYear(t: string, example: string): ValueProblem<DateProblemCode> {
  return problem('two_digit_year', `${shown(t)} has a two-digit year, and tco2e will not guess the century: export four-digit years, or set the date format (e.g. ${example}) in the profile.`);
}

function recogniseAuto(t: string): Recognised {
  let m = YEAR_FIRST.exec(t);
  if (m) {
    const offsetText = m[10];
    if (offsetText !== undefined && m[5] === undefined) return unrecognisedAuto(t);
    const time = timeFields(m, 5, t);
    if ('ok' in time) return time;
    const date = { year: Number(m[1]), month: Number(m[3]), day: Number(m[4]), ...time };
    return offsetText === undefined ? date : { ...date, offset: parseOffset(offsetText) };
  }
  m = NUMERIC_DAY_FIRST.exec(t);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[3]);
    const separator = m[2]!;
    if (a === 0 || b === 0) return problem('invalid_date', `${shown(t)} is not a real date: no day or month is numbered 0.`);
    if (m[4]!.length === 2) return twoDigitYear(t, `dd${separator}MM${separator}yy`);
    const time = timeFields(m, 5, t);
    if ('ok' in time) return time;
    const year = Number(m[4]);
    if (separator === '.' || (a > 12 && b <= 12) || a === b) return { year, month: b, day: a, ...time };
    if (a <= 12 && b <= 12) {
      return problem(
        'ambiguous_date',
        `${shown(t)} could be ${a} ${MONTH_NAMES[b - 1]!} or ${b} ${MONTH_NAMES[a - 1]!} ${year}: set the date format in the profile (dd${separator}MM${separator}yyyy when the day comes first, as in UK exports).`,
      );
    }
    if (a <= 12) {
      return problem(
        'us_date',
        `${shown(t)} can only be read month first (${b} ${MONTH_NAMES[a - 1]!} ${year}, US order). UK exports put the day first, so tco2e does not guess: if this file writes dates month first, set the date format to MM${separator}dd${separator}yyyy in the profile.`,
      );
    }
    return problem('invalid_date', `${shown(t)} is not a real date: neither ${a} nor ${b} can be a month.`);
  }
  m = NAMED_DAY_FIRST.exec(t);
  if (m) {
    const month = monthNumber(m[3]!);
    if (month === undefined) return unrecognisedAuto(t);
    if (m[4]!.length === 2) return twoDigitYear(t, `dd${m[2]!}MMM${m[2]!}yy`);
    const time = timeFields(m, 5, t);
    if ('ok' in time) return time;
    return { year: Number(m[4]), month, day: Number(m[1]), ...time };
  }
  m = NAMED_MONTH_FIRST.exec(t);
  if (m) {
    const month = monthNumber(m[1]!);
    if (month === undefined) return unrecognisedAuto(t);
    if (m[3]!.length === 2) return twoDigitYear(t, 'MMM d yy');
    const time = timeFields(m, 4, t);
    if ('ok' in time) return time;
    return { year: Number(m[3]), month, day: Number(m[2]), ...time };
  }
  return unrecognisedAuto(t);
}

type TimeFields = { hour?: number; minute?: number; second?: number; millisecond?: number };

/** The TIME groups starting at index i: hour, minute, second, fraction, a/p. */
function timeFields(m: RegExpExecArray, i: number, t: string): TimeFields | ValueProblem<DateProblemCode> {
  if (m[i] === undefined) return {};
  const hour = Number(m[i]);
  const meridiem = m[i + 4];
  const fraction = m[i + 3];
  const fields = {
    minute: Number(m[i + 1]),
    second: m[i + 2] === undefined ? 0 : Number(m[i + 2]),
    millisecond: fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0')),
  };
  if (meridiem === undefined) return { hour, ...fields };
  const h = twelveHour(hour, meridiem, t);
  return typeof h === 'number' ? { hour: h, ...fields } : h;
}

/** 12-hour clock: 12:xx AM is just after midnight, 12:xx PM just after noon; 0 or 13+ is an error. */
function twelveHour(hour: number, meridiem: string, t: string): number | ValueProblem<DateProblemCode> {
  if (hour < 1 || hour > 12) return problem('invalid_time', `${shown(t)} has an impossible time of day: on a 12-hour clock with AM/PM the hour runs from 1 to 12.`);
  const pm = meridiem.toLowerCase() === 'p';
  return (hour % 12) + (pm ? 12 : 0);
}

/** `Z`, `+01`, `+0100`, `+01:00` → minutes east of UTC. */
function parseOffset(text: string): number {
  if (text === 'Z' || text === 'z') return 0;
  const sign = text.startsWith('-') ? -1 : 1;
  const digits = text.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, digits.length > 2 ? digits.length - 2 : digits.length));
  const minutes = digits.length > 2 ? Number(digits.slice(-2)) : 0;
  return sign * (hours * 60 + minutes);
}

// ---------------------------------------------------------------------------------------------
// Formats

type FieldName = 'year' | 'year2' | 'month' | 'monthName' | 'day' | 'hour' | 'hour12' | 'minute' | 'second' | 'millisecond' | 'fraction' | 'meridiem' | 'weekday' | 'offset' | 'unixSeconds' | 'unixMs';

interface TokenSpec {
  readonly field: FieldName;
  /** The regex for the token (one capturing group is added around it). */
  readonly pattern: string;
  /** A zero-padded numeric token: also accepts one digit when separated from other numbers. */
  readonly padded?: boolean;
  /** How the token writes 2024-11-28 14:30:05 (a Thursday), for the example in messages. */
  readonly example: string;
}

const TOKENS: ReadonlyMap<string, TokenSpec> = new Map<string, TokenSpec>([
  ['yyyy', { field: 'year', pattern: String.raw`\d{4}`, example: '2024' }],
  ['y', { field: 'year', pattern: String.raw`\d{1,4}`, example: '2024' }],
  ['yy', { field: 'year2', pattern: String.raw`\d{2}`, example: '24' }],
  ['M', { field: 'month', pattern: String.raw`\d{1,2}`, example: '11' }],
  ['MM', { field: 'month', pattern: String.raw`\d{2}`, padded: true, example: '11' }],
  ['L', { field: 'month', pattern: String.raw`\d{1,2}`, example: '11' }],
  ['LL', { field: 'month', pattern: String.raw`\d{2}`, padded: true, example: '11' }],
  ['MMM', { field: 'monthName', pattern: String.raw`[a-z]{3,9}\.?`, example: 'Nov' }],
  ['MMMM', { field: 'monthName', pattern: String.raw`[a-z]{3,9}`, example: 'November' }],
  ['LLL', { field: 'monthName', pattern: String.raw`[a-z]{3,9}\.?`, example: 'Nov' }],
  ['LLLL', { field: 'monthName', pattern: String.raw`[a-z]{3,9}`, example: 'November' }],
  ['d', { field: 'day', pattern: String.raw`\d{1,2}`, example: '28' }],
  ['dd', { field: 'day', pattern: String.raw`\d{2}`, padded: true, example: '28' }],
  ['H', { field: 'hour', pattern: String.raw`\d{1,2}`, example: '14' }],
  ['HH', { field: 'hour', pattern: String.raw`\d{2}`, padded: true, example: '14' }],
  ['h', { field: 'hour12', pattern: String.raw`\d{1,2}`, example: '2' }],
  ['hh', { field: 'hour12', pattern: String.raw`\d{2}`, padded: true, example: '02' }],
  ['m', { field: 'minute', pattern: String.raw`\d{1,2}`, example: '30' }],
  ['mm', { field: 'minute', pattern: String.raw`\d{2}`, padded: true, example: '30' }],
  ['s', { field: 'second', pattern: String.raw`\d{1,2}`, example: '5' }],
  ['ss', { field: 'second', pattern: String.raw`\d{2}`, padded: true, example: '05' }],
  ['S', { field: 'millisecond', pattern: String.raw`\d{1,3}`, example: '0' }],
  ['SSS', { field: 'millisecond', pattern: String.raw`\d{3}`, example: '000' }],
  ['u', { field: 'fraction', pattern: String.raw`\d{1,9}`, example: '000' }],
  ['a', { field: 'meridiem', pattern: String.raw`[ap]\.?m\.?`, example: 'PM' }],
  ['EEE', { field: 'weekday', pattern: String.raw`[a-z]{3,5}\.?`, example: 'Thu' }],
  ['EEEE', { field: 'weekday', pattern: String.raw`[a-z]{6,9}`, example: 'Thursday' }],
  ['ccc', { field: 'weekday', pattern: String.raw`[a-z]{3,5}\.?`, example: 'Thu' }],
  ['cccc', { field: 'weekday', pattern: String.raw`[a-z]{6,9}`, example: 'Thursday' }],
  ['Z', { field: 'offset', pattern: String.raw`z|[+-]\d{1,2}(?::\d{2})?`, example: '+0' }],
  ['ZZ', { field: 'offset', pattern: String.raw`z|[+-]\d{2}:\d{2}`, example: '+00:00' }],
  ['ZZZ', { field: 'offset', pattern: String.raw`z|[+-]\d{4}`, example: '+0000' }],
  ['X', { field: 'unixSeconds', pattern: String.raw`\d+(?:\.\d{1,3})?`, example: '1732804205' }],
  ['x', { field: 'unixMs', pattern: String.raw`\d+`, example: '1732804205000' }],
]);

/** What each field fills, to catch a format that gives one thing twice (yyyy and yy, M and MMM). */
const SLOTS: Readonly<Record<FieldName, string>> = {
  year: 'year',
  year2: 'year',
  month: 'month',
  monthName: 'month',
  day: 'day',
  hour: 'hour',
  hour12: 'hour',
  minute: 'minute',
  second: 'second',
  millisecond: 'fraction of a second',
  fraction: 'fraction of a second',
  meridiem: 'AM/PM',
  weekday: 'weekday',
  offset: 'offset',
  unixSeconds: 'timestamp',
  unixMs: 'timestamp',
};

type Piece = { readonly literal: string } | { readonly token: string; readonly spec: TokenSpec };

/** Splits a luxon-style format: runs of one letter are tokens, `'…'` and non-letters are literal. */
function tokenise(format: string): Piece[] {
  const pieces: Piece[] = [];
  let i = 0;
  while (i < format.length) {
    const c = format.charAt(i);
    if (c === "'") {
      const end = format.indexOf("'", i + 1);
      if (end < 0) throw badFormat(format, 'a quote is not closed');
      pieces.push({ literal: end === i + 1 ? "'" : format.slice(i + 1, end) });
      i = end + 1;
    } else if (/[a-z]/i.test(c)) {
      let j = i + 1;
      while (format.charAt(j) === c) j++;
      const token = format.slice(i, j);
      const spec = TOKENS.get(token);
      if (spec === undefined) throw badFormat(format, `"${token}" is not a token tco2e reads`);
      pieces.push({ token, spec });
      i = j;
    } else {
      pieces.push({ literal: c });
      i++;
    }
  }
  return pieces;
}

function badFormat(format: string, why: string): UserError {
  return new UserError(
    'bad_date_format',
    `Cannot use the date format "${format}": ${why}.`,
    "Use luxon tokens: yyyy (or yy) year, MM or M month, MMM month name, dd or d day, HH hour (24-hour) or h with a (12-hour with AM/PM), mm minutes, ss seconds, SSS milliseconds, ZZ offset; quote literal letters, as in yyyy-MM-dd'T'HH:mm.",
  );
}

const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

const isNumeric = (p: Piece | undefined): boolean => p !== undefined && 'token' in p && /^\\d/.test(p.spec.pattern);

/**
 * Compiles a luxon-style format into one anchored, case-insensitive regex. The token meanings
 * are luxon's (https://moment.github.io/luxon/#/parsing?id=table-of-tokens), for the subset
 * that appears in exports, with three deliberate leniencies: a padded token (dd, MM, HH, hh, mm,
 * ss) also reads one digit when a separator sits either side (`dd/MM/yyyy` reads 3/4/2024 —
 * exports are inconsistent about padding, and nothing becomes ambiguous); month names are
 * English in any case, full or short, with `Sept`; whitespace in the text matches whitespace in
 * the format however much of it there is (SQL Server pads single-digit days with a space).
 */
function compileFormat(format: string): (t: string) => Recognised {
  const pieces = tokenise(format);
  const fields = new Map<FieldName, number>();
  const slots = new Set<string>();
  let source = '^';
  let group = 0;
  pieces.forEach((p, i) => {
    if ('literal' in p) {
      // The text's whitespace is collapsed to single spaces before matching; so is the format's.
      const previous = pieces[i - 1];
      if (p.literal.trim() === '') source += previous !== undefined && 'literal' in previous && previous.literal.trim() === '' ? '' : ' ';
      else source += escapeRegex(p.literal);
      return;
    }
    const slot = SLOTS[p.spec.field];
    if (slots.has(slot)) throw badFormat(format, `it gives the ${slot} twice`);
    slots.add(slot);
    const relax = p.spec.padded === true && !isNumeric(pieces[i - 1]) && !isNumeric(pieces[i + 1]);
    source += `(${relax ? String.raw`\d{1,2}` : p.spec.pattern})`;
    fields.set(p.spec.field, ++group);
  });
  source += '$';
  const has = (f: FieldName): boolean => fields.has(f);
  const instant = has('unixSeconds') || has('unixMs');
  if (!instant && !((has('year') || has('year2')) && (has('month') || has('monthName')) && has('day'))) {
    throw badFormat(format, 'it needs a year, a month and a day');
  }
  if (has('hour12') !== has('meridiem')) throw badFormat(format, 'h (12-hour clock) and a (AM/PM) go together; use HH for a 24-hour clock');
  if ((has('minute') || has('second')) && !has('hour') && !has('hour12')) throw badFormat(format, 'it gives minutes or seconds without an hour');
  const compiled: CompiledFormat = {
    format,
    regex: new RegExp(source, 'i'),
    fields,
    instant,
    example: pieces.map((p) => ('literal' in p ? p.literal : p.spec.example)).join(''),
  };
  return (t) => readFormatted(compiled, t);
}

/** A format compiled once: its regex, the capturing group of each field it gives, and an example for messages. */
interface CompiledFormat {
  readonly format: string;
  readonly regex: RegExp;
  readonly fields: ReadonlyMap<FieldName, number>;
  /** The format is a timestamp (`X` or `x`), not a date and time. */
  readonly instant: boolean;
  readonly example: string;
}

/** One text read with a compiled format. */
function readFormatted(c: CompiledFormat, t: string): Recognised {
  const { format, example } = c;
  const m = c.regex.exec(t);
  if (!m) return problem('unrecognised_date', `${shown(t)} does not match the date format ${format}: expected a date such as ${example}.`);
  const get = (f: FieldName): string | undefined => {
    const g = c.fields.get(f);
    return g === undefined ? undefined : m[g];
  };
  const num = (f: FieldName): number | undefined => {
    const s = get(f);
    return s === undefined ? undefined : Number(s);
  };
  if (c.instant) {
    const ms = c.fields.has('unixMs') ? num('unixMs')! : Math.round(num('unixSeconds')! * 1000);
    return { instantMs: ms };
  }
  const year2 = num('year2');
  // luxon's two-digit-year rule (Settings.twoDigitCutoffYear, default 60).
  const year = year2 === undefined ? num('year')! : year2 > 60 ? 1900 + year2 : 2000 + year2;
  let month = num('month');
  const monthName = get('monthName');
  if (monthName !== undefined) {
    month = monthNumber(monthName.replace('.', ''));
    if (month === undefined) return problem('unrecognised_date', `${shown(t)} does not match the date format ${format}: "${monthName}" is not a month; expected a date such as ${example}.`);
  }
  let weekday: number | undefined;
  const weekdayName = get('weekday');
  if (weekdayName !== undefined) {
    weekday = WEEKDAYS.get(weekdayName.replace('.', '').toLowerCase());
    if (weekday === undefined) return problem('unrecognised_date', `${shown(t)} does not match the date format ${format}: "${weekdayName}" is not a day of the week; expected a date such as ${example}.`);
  }
  let hour = num('hour');
  const hour12 = num('hour12');
  if (hour12 !== undefined) {
    const h = twelveHour(hour12, get('meridiem')!.charAt(0), t);
    if (typeof h !== 'number') return h;
    hour = h;
  }
  const fraction = get('fraction');
  const millisecond = fraction === undefined ? (num('millisecond') ?? 0) : Number(fraction.slice(0, 3).padEnd(3, '0'));
  const offsetText = get('offset');
  return {
    year,
    month: month!,
    day: num('day')!,
    ...(hour === undefined ? {} : { hour, minute: num('minute') ?? 0, second: num('second') ?? 0, millisecond }),
    ...(offsetText === undefined ? {} : { offset: parseOffset(offsetText) }),
    ...(weekday === undefined ? {} : { weekday }),
  };
}
