import { describe, expect, it } from 'vitest';
import { UserError } from '../../../src/kernel/errors.js';
import { halfHourPeriodStart, halfHourPeriodsInDay } from '../../../src/read/values/periods.js';

function startOf(date: string, period: number, zone?: string): string {
  const r = zone === undefined ? halfHourPeriodStart(date, period) : halfHourPeriodStart(date, period, zone);
  if (!r.ok) throw new Error(r.message);
  return new Date(r.value).toISOString();
}

describe('halfHourPeriodsInDay (Europe/London)', () => {
  it.each([
    ['2024-03-31', 46],
    ['2024-10-27', 50],
    ['2024-06-01', 48],
    ['2024-03-30', 48],
    ['2024-04-01', 48],
    ['2024-10-26', 48],
    ['2024-10-28', 48],
    ['2024-01-15', 48],
    ['2023-03-26', 46],
    ['2023-10-29', 50],
    ['2025-03-30', 46],
    ['2025-10-26', 50],
  ])('%s has %i', (date, periods) => {
    expect(halfHourPeriodsInDay(date)).toEqual({ ok: true, value: periods });
  });

  it('counts 48 every day in a zone without clock changes', () => {
    expect(halfHourPeriodsInDay('2024-03-31', 'UTC')).toEqual({ ok: true, value: 48 });
    expect(halfHourPeriodsInDay('2024-10-27', 'UTC')).toEqual({ ok: true, value: 48 });
  });

  it('adds up to the hours in the year', () => {
    let total = 0;
    const clockChangeDays: string[] = [];
    for (let d = Date.UTC(2024, 0, 1); d < Date.UTC(2025, 0, 1); d += 86_400_000) {
      const date = new Date(d).toISOString().slice(0, 10);
      const r = halfHourPeriodsInDay(date);
      if (!r.ok) throw new Error(r.message);
      total += r.value;
      if (r.value !== 48) clockChangeDays.push(`${date}:${r.value}`);
    }
    expect(total).toBe(366 * 48);
    expect(clockChangeDays).toEqual(['2024-03-31:46', '2024-10-27:50']);
  });
});

describe('halfHourPeriodStart (Europe/London)', () => {
  it('starts periods around the spring-forward gap (31 March 2024)', () => {
    expect(startOf('2024-03-31', 1)).toBe('2024-03-31T00:00:00.000Z'); // 00:00 GMT
    expect(startOf('2024-03-31', 2)).toBe('2024-03-31T00:30:00.000Z'); // 00:30 GMT
    expect(startOf('2024-03-31', 3)).toBe('2024-03-31T01:00:00.000Z'); // 02:00 BST: the clock skipped 01:00–02:00
    expect(startOf('2024-03-31', 4)).toBe('2024-03-31T01:30:00.000Z'); // 02:30 BST
    expect(startOf('2024-03-31', 46)).toBe('2024-03-31T22:30:00.000Z'); // 23:30 BST
    expect(startOf('2024-04-01', 1)).toBe('2024-03-31T23:00:00.000Z'); // next midnight, BST
  });

  it('starts periods around the autumn repeat (27 October 2024)', () => {
    expect(startOf('2024-10-26', 48)).toBe('2024-10-26T22:30:00.000Z'); // 23:30 BST the day before
    expect(startOf('2024-10-27', 1)).toBe('2024-10-26T23:00:00.000Z'); // 00:00 BST
    expect(startOf('2024-10-27', 2)).toBe('2024-10-26T23:30:00.000Z'); // 00:30 BST
    expect(startOf('2024-10-27', 3)).toBe('2024-10-27T00:00:00.000Z'); // 01:00 BST
    expect(startOf('2024-10-27', 4)).toBe('2024-10-27T00:30:00.000Z'); // 01:30 BST
    expect(startOf('2024-10-27', 5)).toBe('2024-10-27T01:00:00.000Z'); // 01:00 GMT, the second time
    expect(startOf('2024-10-27', 6)).toBe('2024-10-27T01:30:00.000Z'); // 01:30 GMT
    expect(startOf('2024-10-27', 7)).toBe('2024-10-27T02:00:00.000Z'); // 02:00 GMT
    expect(startOf('2024-10-27', 50)).toBe('2024-10-27T23:30:00.000Z'); // 23:30 GMT
    expect(startOf('2024-10-28', 1)).toBe('2024-10-28T00:00:00.000Z');
  });

  it('starts periods on ordinary days in summer and winter time', () => {
    expect(startOf('2024-06-01', 1)).toBe('2024-05-31T23:00:00.000Z');
    expect(startOf('2024-06-01', 48)).toBe('2024-06-01T22:30:00.000Z');
    expect(startOf('2024-01-15', 1)).toBe('2024-01-15T00:00:00.000Z');
    expect(startOf('2024-01-15', 25)).toBe('2024-01-15T12:00:00.000Z');
    expect(startOf('2024-03-31', 3, 'UTC')).toBe('2024-03-31T01:00:00.000Z');
  });

  it('runs without gaps or overlaps from each day into the next', () => {
    for (let d = Date.UTC(2024, 0, 1); d < Date.UTC(2025, 0, 1); d += 86_400_000) {
      const date = new Date(d).toISOString().slice(0, 10);
      const next = new Date(d + 86_400_000).toISOString().slice(0, 10);
      const n = halfHourPeriodsInDay(date);
      if (!n.ok) throw new Error(n.message);
      expect(Date.parse(startOf(date, n.value)) + 30 * 60_000, date).toBe(Date.parse(startOf(next, 1)));
    }
  });

  it('refuses periods the day does not have', () => {
    expect(halfHourPeriodStart('2024-03-31', 47)).toEqual({
      ok: false,
      code: 'period_out_of_range',
      message: 'Period 47 does not exist on 2024-03-31: that day has 46 half-hour periods in Europe/London, numbered 1 to 46 (a clock-change day).',
    });
    expect(halfHourPeriodStart('2024-06-01', 49)).toEqual({
      ok: false,
      code: 'period_out_of_range',
      message: 'Period 49 does not exist on 2024-06-01: that day has 48 half-hour periods in Europe/London, numbered 1 to 48.',
    });
    expect(halfHourPeriodStart('2024-10-27', 50).ok).toBe(true);
    expect(halfHourPeriodStart('2024-10-27', 51)).toMatchObject({ ok: false, code: 'period_out_of_range' });
    for (const period of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(halfHourPeriodStart('2024-06-01', period)).toMatchObject({ ok: false, code: 'period_out_of_range' });
    }
  });

  it('refuses dates that are not real YYYY-MM-DD dates', () => {
    for (const date of ['2024-02-30', '2023-02-29', '2024-13-01', '31/03/2024', '2024-3-31', '']) {
      expect(halfHourPeriodsInDay(date)).toMatchObject({ ok: false, code: 'invalid_date' });
      expect(halfHourPeriodStart(date, 1)).toMatchObject({ ok: false, code: 'invalid_date' });
    }
    expect(halfHourPeriodsInDay('2024-02-29')).toEqual({ ok: true, value: 48 });
    expect(halfHourPeriodsInDay('1899-12-31')).toMatchObject({ ok: false, code: 'implausible_year' });
  });

  it('refuses an unknown zone as a configuration mistake', () => {
    expect(() => halfHourPeriodsInDay('2024-06-01', 'Mars/Olympus')).toThrow(UserError);
  });
});
