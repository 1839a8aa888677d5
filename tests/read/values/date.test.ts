import { describe, expect, it } from 'vitest';
import { createDateParser, type DateResult, type DateValue } from '../../../src/read/values/date.js';
import { userError } from '../../helpers.js';

const auto = createDateParser();
const at = (iso: string): number => Date.parse(iso);

const dateOnly = (iso: string): DateResult => ({ ok: true, value: { iso, hasTime: false } });
const dateTime = (iso: string, instant: string): DateResult => ({ ok: true, value: { iso, hasTime: true, epochMs: at(instant) } });

function problemOf(r: DateResult): { code: string; message: string } {
  if (r.ok) throw new Error(`expected a problem, got ${JSON.stringify(r.value)}`);
  return { code: r.code, message: r.message };
}

function valueOf(r: DateResult): DateValue {
  if (!r.ok || r.value === null) throw new Error(`expected a date, got ${JSON.stringify(r)}`);
  return r.value;
}


describe('createDateParser without a format: recognised shapes', () => {
  it.each<[string, DateResult]>([
    // ISO, with and without time, offset or Z.
    ['2024-03-31', dateOnly('2024-03-31')],
    ['2024-03-31T00:30:00', dateTime('2024-03-31', '2024-03-31T00:30:00Z')],
    ['2024-03-31 00:30', dateTime('2024-03-31', '2024-03-31T00:30:00Z')],
    ['2024-07-01T09:15:00', dateTime('2024-07-01', '2024-07-01T08:15:00Z')],
    ['2024-07-01T09:15:00.250', dateTime('2024-07-01', '2024-07-01T08:15:00.250Z')],
    ['2024-03-31T00:30:00Z', dateTime('2024-03-31', '2024-03-31T00:30:00Z')],
    ['2024-07-01T09:15:00Z', dateTime('2024-07-01', '2024-07-01T09:15:00Z')],
    ['2024-07-01T09:15:00+02:00', dateTime('2024-07-01', '2024-07-01T07:15:00Z')],
    ['2024-07-01T09:15:00-0500', dateTime('2024-07-01', '2024-07-01T14:15:00Z')],
    // The local date of an instant given in UTC: 23:30 UTC on 30 June is 00:30 BST on 1 July.
    ['2024-06-30T23:30:00Z', dateTime('2024-07-01', '2024-06-30T23:30:00Z')],
    ['2024/03/31', dateOnly('2024-03-31')],
    // UK day first, when the day is over 12.
    ['13/04/2024', dateOnly('2024-04-13')],
    ['13/4/2024', dateOnly('2024-04-13')],
    ['31-03-2024', dateOnly('2024-03-31')],
    ['13/04/2024 14:30', dateTime('2024-04-13', '2024-04-13T13:30:00Z')],
    ['13-04-2024 14:30:15', dateTime('2024-04-13', '2024-04-13T13:30:15Z')],
    ['13/01/2024 9:05', dateTime('2024-01-13', '2024-01-13T09:05:00Z')],
    ['13/01/2024 2:05 PM', dateTime('2024-01-13', '2024-01-13T14:05:00Z')],
    // Both parts the same: the same date either way.
    ['05/05/2024', dateOnly('2024-05-05')],
    // Dots are always day first.
    ['31.03.2024', dateOnly('2024-03-31')],
    ['03.04.2024', dateOnly('2024-04-03')],
    ['3.4.2024 08:00', dateTime('2024-04-03', '2024-04-03T07:00:00Z')],
    // SQL Server's default, with its space-padded day and hour.
    ['Nov 13 2019 12:00AM', dateTime('2019-11-13', '2019-11-13T00:00:00Z')],
    ['Nov 13 2019 12:00PM', dateTime('2019-11-13', '2019-11-13T12:00:00Z')],
    ['Nov  3 2019  1:00PM', dateTime('2019-11-03', '2019-11-03T13:00:00Z')],
    ['Jul  1 2019 12:30AM', dateTime('2019-07-01', '2019-06-30T23:30:00Z')],
    ['August 26, 2019', dateOnly('2019-08-26')],
    // Month names, day first.
    ['26 Aug 2019 00:30:00', dateTime('2019-08-26', '2019-08-25T23:30:00Z')],
    ['26-Aug-2019', dateOnly('2019-08-26')],
    ['26-AUG-2019', dateOnly('2019-08-26')],
    ['26 Sept 2019', dateOnly('2019-09-26')],
    ['26 September 2019', dateOnly('2019-09-26')],
    ['1/Feb/2024', dateOnly('2024-02-01')],
    // Leap days that exist; the year range's edges.
    ['29/02/2024', dateOnly('2024-02-29')],
    ['29/02/2000', dateOnly('2000-02-29')],
    ['1900-01-01', dateOnly('1900-01-01')],
    ['2100-12-31', dateOnly('2100-12-31')],
    // Surrounding whitespace.
    ['  2024-03-31  ', dateOnly('2024-03-31')],
  ])('%j', (text, expected) => {
    expect(auto(text)).toEqual(expected);
  });

  it('reads a blank cell as null, not as a problem', () => {
    for (const text of ['', '  ', '\t', '\u00A0']) expect(auto(text)).toEqual({ ok: true, value: null });
  });
});

describe('createDateParser: day or month first', () => {
  it('refuses a slash date whose parts could both be the month', () => {
    expect(problemOf(auto('03/04/2024'))).toEqual({
      code: 'ambiguous_date',
      message: '"03/04/2024" could be 3 April or 4 March 2024: set the date format in the profile (dd/MM/yyyy when the day comes first, as in UK exports).',
    });
    expect(problemOf(auto('3-4-2024')).code).toBe('ambiguous_date');
    expect(problemOf(auto('12/01/2024 10:00')).code).toBe('ambiguous_date');
  });

  it('reads it when the format says which', () => {
    expect(createDateParser({ format: 'dd/MM/yyyy' })('03/04/2024')).toEqual(dateOnly('2024-04-03'));
    expect(createDateParser({ format: 'MM/dd/yyyy' })('03/04/2024')).toEqual(dateOnly('2024-03-04'));
  });

  it('refuses a date that only fits month first (US), pointing at the format', () => {
    expect(problemOf(auto('04/13/2024'))).toEqual({
      code: 'us_date',
      message:
        '"04/13/2024" can only be read month first (13 April 2024, US order). UK exports put the day first, so tco2e does not guess: if this file writes dates month first, set the date format to MM/dd/yyyy in the profile.',
    });
    expect(createDateParser({ format: 'MM/dd/yyyy' })('04/13/2024')).toEqual(dateOnly('2024-04-13'));
    expect(createDateParser({ format: 'dd/MM/yyyy' })('04/13/2024')).toMatchObject({ ok: false, code: 'invalid_date' });
  });
});

describe('createDateParser: dates and times that cannot be right', () => {
  it.each<[string, string, string]>([
    ['31/02/2024', 'invalid_date', '"31/02/2024" is not a real date: February 2024 has 29 days.'],
    ['29/02/2023', 'invalid_date', '"29/02/2023" is not a real date: February 2023 has 28 days.'],
    ['29/02/1900', 'invalid_date', '"29/02/1900" is not a real date: February 1900 has 28 days.'],
    ['2023-04-31', 'invalid_date', '"2023-04-31" is not a real date: April 2023 has 30 days.'],
    ['2024-13-01', 'invalid_date', '"2024-13-01" is not a real date: there is no month 13.'],
    ['13/13/2024', 'invalid_date', '"13/13/2024" is not a real date: there is no month 13.'],
    ['14/13/2024', 'invalid_date', '"14/13/2024" is not a real date: neither 14 nor 13 can be a month.'],
    ['00/05/2024', 'invalid_date', '"00/05/2024" is not a real date: no day or month is numbered 0.'],
    ['1899-12-31', 'implausible_year', '"1899-12-31" is in the year 1899: tco2e reads dates from 1900 to 2100; check the cell.'],
    ['31/12/2101', 'implausible_year', '"31/12/2101" is in the year 2101: tco2e reads dates from 1900 to 2100; check the cell.'],
    ['26-Aug-19', 'two_digit_year', '"26-Aug-19" has a two-digit year, and tco2e will not guess the century: export four-digit years, or set the date format (e.g. dd-MMM-yy) in the profile.'],
    ['01/04/24', 'two_digit_year', '"01/04/24" has a two-digit year, and tco2e will not guess the century: export four-digit years, or set the date format (e.g. dd/MM/yy) in the profile.'],
  ])('%j → %s', (text, code, message) => {
    expect(problemOf(auto(text))).toEqual({ code, message });
  });

  it.each(['2024-03-31 24:00', '13/04/2024 12:60', '2024-01-01 25:00', '2024-01-01T10:00:60', 'Nov 13 2019 13:00PM', 'Nov 13 2019 0:30AM'])('%j → invalid_time', (text) => {
    const p = problemOf(auto(text));
    expect(p.code).toBe('invalid_time');
    expect(p.message).toContain('impossible time of day');
  });

  it.each(['hello', '2024-03', '31/03', '2024-03-31Z', '31/03/2024T', 'Smarch 3 2024', '3 Smarch 2024', '2024-03-31 10', '20240331'])('%j → unrecognised_date', (text) => {
    const p = problemOf(auto(text));
    expect(p.code).toBe('unrecognised_date');
    expect(p.message).toMatch(/expected a date such as 28\/11\/2024|bare number/);
  });
});

describe('createDateParser: Europe/London clock changes', () => {
  it('refuses a local time the clocks skipped (spring forward, 31 March 2024)', () => {
    for (const text of ['2024-03-31 01:00', '2024-03-31 01:30', '2024-03-31T01:59:59', '31/03/2024 01:30']) {
      expect(problemOf(auto(text))).toEqual({
        code: 'nonexistent_time',
        message: `"${text}" did not happen in Europe/London: the clocks went forward from 01:00 to 02:00 that night. Check how the source records times around the clock change.`,
      });
    }
    expect(auto('2024-03-31 00:59')).toEqual(dateTime('2024-03-31', '2024-03-31T00:59:00Z'));
    expect(auto('2024-03-31 02:00')).toEqual(dateTime('2024-03-31', '2024-03-31T01:00:00Z'));
  });

  it('takes the first occurrence (BST) of a repeated local time (fall back, 27 October 2024)', () => {
    expect(auto('2024-10-27 00:59')).toEqual(dateTime('2024-10-27', '2024-10-26T23:59:00Z'));
    expect(auto('2024-10-27 01:00')).toEqual(dateTime('2024-10-27', '2024-10-27T00:00:00Z'));
    expect(auto('2024-10-27 01:30')).toEqual(dateTime('2024-10-27', '2024-10-27T00:30:00Z'));
    expect(auto('2024-10-27 01:59')).toEqual(dateTime('2024-10-27', '2024-10-27T00:59:00Z'));
    expect(auto('2024-10-27 02:00')).toEqual(dateTime('2024-10-27', '2024-10-27T02:00:00Z'));
  });

  it('takes an explicit offset as written, including the second occurrence', () => {
    expect(auto('2024-10-27T01:30:00+01:00')).toEqual(dateTime('2024-10-27', '2024-10-27T00:30:00Z'));
    expect(auto('2024-10-27T01:30:00+00:00')).toEqual(dateTime('2024-10-27', '2024-10-27T01:30:00Z'));
    // An offset makes a skipped local time no problem: it names an instant.
    expect(auto('2024-03-31T01:30:00+00:00')).toEqual(dateTime('2024-03-31', '2024-03-31T01:30:00Z'));
  });

  it('uses the zone it is given', () => {
    const utc = createDateParser({ zone: 'UTC' });
    expect(utc('2024-03-31 01:30')).toEqual(dateTime('2024-03-31', '2024-03-31T01:30:00Z'));
    expect(utc('2024-06-30T23:30:00Z')).toEqual(dateTime('2024-06-30', '2024-06-30T23:30:00Z'));
    const ny = createDateParser({ zone: 'America/New_York' });
    expect(ny('2024-07-01 12:00')).toEqual(dateTime('2024-07-01', '2024-07-01T16:00:00Z'));
    expect(problemOf(ny('2024-03-10 02:30'))).toEqual({
      code: 'nonexistent_time',
      message: '"2024-03-10 02:30" did not happen in America/New_York: the clocks went forward from 02:00 to 03:00 that night. Check how the source records times around the clock change.',
    });
    expect(ny('2024-11-03 01:30')).toEqual(dateTime('2024-11-03', '2024-11-03T05:30:00Z'));
  });

  it('refuses an unknown zone when the parser is made', () => {
    expect(userError(() => createDateParser({ zone: 'Europe/Londn' })).code).toBe('unknown_time_zone');
  });
});

describe('createDateParser: Excel serial numbers', () => {
  const excel = createDateParser({ excelSerials: true });

  it('reads serials only when asked to', () => {
    expect(problemOf(auto('45000'))).toEqual({
      code: 'unrecognised_date',
      message: '"45000" is a bare number, not a date; if the column holds Excel date serial numbers, turn on Excel serial dates for it in the profile.',
    });
    expect(excel('45000')).toEqual(dateOnly('2023-03-15'));
  });

  it('counts from 1 January 1900 and skips the 29 February 1900 that Excel invented', () => {
    expect(excel('1')).toEqual(dateOnly('1900-01-01'));
    expect(excel('59')).toEqual(dateOnly('1900-02-28'));
    expect(problemOf(excel('60'))).toEqual({
      code: 'invalid_date',
      message: '"60" as an Excel date serial number is 29 February 1900, a day that did not exist (Excel counts it for compatibility with Lotus 1-2-3).',
    });
    expect(excel('61')).toEqual(dateOnly('1900-03-01'));
    expect(excel('36526')).toEqual(dateOnly('2000-01-01'));
    expect(excel('73415')).toEqual(dateOnly('2100-12-31'));
    expect(problemOf(excel('0')).code).toBe('invalid_date');
    expect(problemOf(excel('73416'))).toEqual({
      code: 'implausible_year',
      message: '"73416" read as an Excel date serial number is in the year 2101: tco2e reads dates from 1900 to 2100; check the cell.',
    });
    expect(problemOf(excel('99999999999')).code).toBe('implausible_year');
  });

  it('reads the fraction as local time of day, rounded to the second', () => {
    expect(excel('45000.5')).toEqual(dateTime('2023-03-15', '2023-03-15T12:00:00Z'));
    expect(excel('45000.0208333')).toEqual(dateTime('2023-03-15', '2023-03-15T00:30:00Z'));
    expect(excel('45108.75')).toEqual(dateTime('2023-07-01', '2023-07-01T17:00:00Z'));
    expect(excel('45000.99999999')).toEqual(dateTime('2023-03-16', '2023-03-16T00:00:00Z'));
    // 2024-03-31 01:30 did not happen in London.
    expect(problemOf(excel('45382.0625')).code).toBe('nonexistent_time');
  });

  it('still reads text dates in the same column', () => {
    expect(excel('2024-03-31')).toEqual(dateOnly('2024-03-31'));
    const withFormat = createDateParser({ format: 'dd/MM/yyyy', excelSerials: true });
    expect(withFormat('45000')).toEqual(dateOnly('2023-03-15'));
    expect(withFormat('15/03/2023')).toEqual(dateOnly('2023-03-15'));
  });
});

describe('createDateParser with a format', () => {
  it('reads the format it is given, and only that', () => {
    const uk = createDateParser({ format: 'dd/MM/yyyy' });
    expect(uk('31/03/2024')).toEqual(dateOnly('2024-03-31'));
    // Padding is not enforced where separators make the parts clear.
    expect(uk('3/4/2024')).toEqual(dateOnly('2024-04-03'));
    expect(problemOf(uk('2024-03-31'))).toEqual({
      code: 'unrecognised_date',
      message: '"2024-03-31" does not match the date format dd/MM/yyyy: expected a date such as 28/11/2024.',
    });
    expect(problemOf(uk('31/02/2024'))).toEqual({ code: 'invalid_date', message: '"31/02/2024" is not a real date: February 2024 has 29 days.' });
    expect(problemOf(uk('31/12/1899')).code).toBe('implausible_year');
    expect(uk('')).toEqual({ ok: true, value: null });
  });

  it('keeps padding strict between adjacent numbers', () => {
    const compact = createDateParser({ format: 'yyyyMMdd' });
    expect(compact('20240331')).toEqual(dateOnly('2024-03-31'));
    expect(problemOf(compact('2024331')).code).toBe('unrecognised_date');
  });

  it('reads times, 12-hour clocks and month names', () => {
    expect(createDateParser({ format: 'd MMM yyyy HH:mm:ss' })('26 Aug 2019 00:30:00')).toEqual(dateTime('2019-08-26', '2019-08-25T23:30:00Z'));
    const sql = createDateParser({ format: 'MMM d yyyy h:mma' });
    expect(sql('Nov 13 2019 12:00AM')).toEqual(dateTime('2019-11-13', '2019-11-13T00:00:00Z'));
    expect(sql('Nov  3 2019  1:00PM')).toEqual(dateTime('2019-11-03', '2019-11-03T13:00:00Z'));
    expect(sql('sept 3 2019 1:00pm')).toEqual(dateTime('2019-09-03', '2019-09-03T12:00:00Z'));
    expect(problemOf(sql('Nov 3 2019 13:00PM')).code).toBe('invalid_time');
    expect(problemOf(sql('Nox 3 2019 1:00PM')).message).toBe('"Nox 3 2019 1:00PM" does not match the date format MMM d yyyy h:mma: "Nox" is not a month; expected a date such as Nov 28 2024 2:30PM.');
    expect(createDateParser({ format: 'dd/MM/yyyy HH:mm:ss.SSS' })('01/07/2024 09:15:00.250')).toEqual(dateTime('2024-07-01', '2024-07-01T08:15:00.250Z'));
  });

  it('reads two-digit years as luxon does (61–99 → 1900s, 00–60 → 2000s)', () => {
    const oracle = createDateParser({ format: 'dd-MMM-yy' });
    expect(oracle('26-Aug-19')).toEqual(dateOnly('2019-08-26'));
    expect(oracle('26-Aug-60')).toEqual(dateOnly('2060-08-26'));
    expect(oracle('26-Aug-61')).toEqual(dateOnly('1961-08-26'));
  });

  it('applies the clock-change rules to formatted times', () => {
    const hh = createDateParser({ format: 'dd/MM/yyyy HH:mm' });
    expect(problemOf(hh('31/03/2024 01:30')).code).toBe('nonexistent_time');
    expect(hh('27/10/2024 01:30')).toEqual(dateTime('2024-10-27', '2024-10-27T00:30:00Z'));
  });

  it('takes offsets and checks weekdays', () => {
    const iso = createDateParser({ format: "yyyy-MM-dd'T'HH:mm:ssZZ" });
    expect(iso('2024-10-27T01:30:00+00:00')).toEqual(dateTime('2024-10-27', '2024-10-27T01:30:00Z'));
    expect(iso('2024-10-27T01:30:00Z')).toEqual(dateTime('2024-10-27', '2024-10-27T01:30:00Z'));
    const rfc = createDateParser({ format: 'EEE, d MMM yyyy HH:mm:ss ZZZ' });
    expect(rfc('Thu, 28 Nov 2024 14:30:05 +0000')).toEqual(dateTime('2024-11-28', '2024-11-28T14:30:05Z'));
    expect(problemOf(rfc('Fri, 28 Nov 2024 14:30:05 +0000'))).toEqual({
      code: 'invalid_date',
      message: '"Fri, 28 Nov 2024 14:30:05 +0000" does not add up: 28 November 2024 was a Thursday, not a Friday.',
    });
  });

  it('reads Unix timestamps as instants', () => {
    expect(createDateParser({ format: 'X' })('1732804205')).toEqual(dateTime('2024-11-28', '2024-11-28T14:30:05Z'));
    expect(createDateParser({ format: 'x' })('1719790200000')).toEqual(dateTime('2024-07-01', '2024-06-30T23:30:00Z'));
    // The date of a timestamp is the local one: 23:30 UTC on 30 June is 1 July in London.
    expect(createDateParser({ format: 'X' })('1719790200')).toEqual(dateTime('2024-07-01', '2024-06-30T23:30:00Z'));
    expect(createDateParser({ format: 'X' })('-3600')).toMatchObject({ ok: false, code: 'unrecognised_date' });
    expect(problemOf(createDateParser({ format: 'x' })('99999999999999999999'))).toEqual({
      code: 'implausible_year',
      message: '"99999999999999999999" is far outside the years 1900–2100: tco2e reads dates from 1900 to 2100; check the cell.',
    });
  });

  it.each([
    ['dd/MM', 'it needs a year, a month and a day'],
    ['dd/NN/yyyy', '"NN" is not a token tco2e reads'],
    ['yyyy-MM-dd h:mm', 'h (12-hour clock) and a (AM/PM) go together; use HH for a 24-hour clock'],
    ['yyyy-MM-dd HH:mm a', 'h (12-hour clock) and a (AM/PM) go together; use HH for a 24-hour clock'],
    ["yyyy-MM-dd'T", 'a quote is not closed'],
    ['yyyy-MM-ddTHH:mm', '"T" is not a token tco2e reads'],
    ['yyyy-MM-dd yyyy', 'it gives the year twice'],
    ['yyyy-MM-dd yy', 'it gives the year twice'],
    ['d MMM M yyyy', 'it gives the month twice'],
    ['yyyy-MM-dd HH:mm h a', 'it gives the hour twice'],
    ['yyyy-MM-dd mm:ss', 'it gives minutes or seconds without an hour'],
  ])('refuses the format %j when the parser is made', (format, why) => {
    const e = userError(() => createDateParser({ format }));
    expect(e.code).toBe('bad_date_format');
    expect(e.message).toBe(`Cannot use the date format "${format}": ${why}.`);
    expect(e.hint).toContain("yyyy-MM-dd'T'HH:mm");
  });
});

describe('createDateParser: cache', () => {
  it('hands back the same frozen result for the same text', () => {
    const p = createDateParser();
    const a = p('2024-07-01T09:15:00');
    const b = p('2024-07-01T09:15:00');
    expect(b).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
    expect(Object.isFrozen(valueOf(a))).toBe(true);
    const bad = p('31/02/2024');
    expect(p('31/02/2024')).toBe(bad);
    expect(Object.isFrozen(bad)).toBe(true);
  });

  it('stays correct when the cache is cleared at its limit', () => {
    const p = createDateParser({ cacheLimit: 3 });
    const texts = Array.from({ length: 10 }, (_, i) => `2024-01-${String(i + 10)}`);
    for (let round = 0; round < 3; round++) {
      for (const t of texts) expect(p(t)).toEqual(dateOnly(t));
    }
  });

  it('keys on the text exactly: "__proto__" and friends are just unrecognised text', () => {
    const p = createDateParser();
    for (const text of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expect(problemOf(p(text)).code).toBe('unrecognised_date');
      expect(problemOf(p(text)).code).toBe('unrecognised_date');
    }
  });
});

describe('createDateParser never throws on cell text', () => {
  it('returns a result for odd input', () => {
    const parsers = [auto, createDateParser({ excelSerials: true }), createDateParser({ format: 'dd/MM/yyyy HH:mm' })];
    const odd = ['\u0000', '💥', '/', '//', '--', '31/', '99/99/9999', '2024-99-99T99:99:99', 'Nov 99 2019 99:99PM', '1'.repeat(400), '9'.repeat(20), '1e400', '.5', 'x'.repeat(10_000)];
    for (const p of parsers) {
      for (const text of odd) {
        const r = p(text);
        expect(typeof r.ok).toBe('boolean');
        if (!r.ok) expect(r.message.length).toBeLessThan(400);
      }
    }
  });
});
