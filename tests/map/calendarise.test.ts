import { describe, expect, it } from 'vitest';
import { calendarise } from '../../src/map/calendarise.js';

describe('calendarise', () => {
  it('keeps a bill within one month whole', () => {
    expect(calendarise('2024-04-01', '2024-04-30')).toEqual([
      { start: '2024-04-01', end: '2024-04-30', month: '2024-04', days: 30, totalDays: 30, share: 1 },
    ]);
  });

  it('splits a bill across months by days, shares summing to one', () => {
    // 15 Jan to 14 Mar 2024: 17 days in January, 29 in February (leap year), 14 in March = 60.
    const parts = calendarise('2024-01-15', '2024-03-14');
    expect(parts.map((p) => [p.month, p.days])).toEqual([['2024-01', 17], ['2024-02', 29], ['2024-03', 14]]);
    expect(parts.every((p) => p.totalDays === 60)).toBe(true);
    expect(parts.reduce((s, p) => s + p.share, 0)).toBeCloseTo(1, 12);
    expect(parts[1]!.share).toBe(29 / 60);
  });

  it('is not shifted by the clock changes', () => {
    const parts = calendarise('2024-03-25', '2024-04-05');
    expect(parts.map((p) => [p.start, p.end, p.days])).toEqual([['2024-03-25', '2024-03-31', 7], ['2024-04-01', '2024-04-05', 5]]);
    expect(calendarise('2023-10-20', '2023-11-02').map((p) => p.days)).toEqual([12, 2]);
  });

  it('spans a year end, and returns nothing for an end before the start', () => {
    expect(calendarise('2023-12-20', '2024-01-10').map((p) => p.month)).toEqual(['2023-12', '2024-01']);
    expect(calendarise('2024-02-01', '2024-01-31')).toEqual([]);
    expect(calendarise('2024-02-29', '2024-02-29')).toEqual([{ start: '2024-02-29', end: '2024-02-29', month: '2024-02', days: 1, totalDays: 1, share: 1 }]);
  });
});
