import { describe, expect, it } from 'vitest';
import { aggregate } from '../../src/aggregate/group.js';
import { periodLabel, splitByPeriod } from '../../src/aggregate/periods.js';
import { line } from './fixture.js';

/** January to June 2024, 100 kWh and 10 kg CO2e a month. */
const months = ['01', '02', '03', '04', '05', '06'].map((m) =>
  line({ periodStart: `2024-${m}-01`, periodEnd: `2024-${m}-${m === '02' ? '29' : ['04', '06'].includes(m) ? '30' : '31'}`, kgCo2e: 10 }));

const totals = (r: ReturnType<typeof aggregate>) => r.groups.map((g) => [g.key.period, g.kgCo2e]);

describe('periods', () => {
  it('labels financial years, calendar years, quarters and months', () => {
    expect(periodLabel('2024-03-31', 'financial-year')).toBe('2023/24');
    expect(periodLabel('2024-04-01', 'financial-year')).toBe('2024/25');
    expect(periodLabel('1999-12-31', 'financial-year')).toBe('1999/00');
    expect(periodLabel('2024-04-01', 'quarter')).toBe('2024/25 Q1');
    expect(periodLabel('2024-12-31', 'quarter')).toBe('2024/25 Q3');
    expect(periodLabel('2025-01-01', 'quarter')).toBe('2024/25 Q4');
    expect(periodLabel('2024-04-01', 'calendar-quarter')).toBe('2024 Q2');
    expect(periodLabel('2024-04-15', 'month')).toBe('2024-04');
  });

  it('groups the same lines by financial year (the default) and by calendar year', () => {
    expect(totals(aggregate(months))).toEqual([['2023/24', 30], ['2024/25', 30]]);
    expect(totals(aggregate(months, { period: 'calendar-year' }))).toEqual([['2024', 60]]);
  });

  it('groups by financial quarter, calendar quarter and month', () => {
    expect(totals(aggregate(months, { period: 'quarter' }))).toEqual([['2023/24 Q4', 30], ['2024/25 Q1', 30]]);
    expect(totals(aggregate(months, { period: 'calendar-quarter' }))).toEqual([['2024 Q1', 30], ['2024 Q2', 30]]);
    const byMonth = aggregate(months, { period: 'month' });
    expect(byMonth.groups.map((g) => g.key.period)).toEqual(['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06']);
    expect(byMonth.groups.every((g) => g.kgCo2e === 10)).toBe(true);
  });

  it('splits an activity across a period boundary by days, pro rata', () => {
    // 17 March – 15 April 2024: 30 days, 15 in each financial year.
    const bill = line({ periodStart: '2024-03-17', periodEnd: '2024-04-15', quantity: 3000, kgCo2e: 300 });
    const billParts = splitByPeriod(bill, 'financial-year');
    expect(billParts.map((p) => [p.period, p.line.periodStart, p.line.periodEnd, p.line.quantity, p.line.kgCo2e])).toEqual([
      ['2023/24', '2024-03-17', '2024-03-31', 1500, 150],
      ['2024/25', '2024-04-01', '2024-04-15', 1500, 150],
    ]);
    // The trace is kept on each part.
    expect(billParts[1]!.line.trace).toEqual(bill.trace);
    // A whole year's figure over months: 31 days of 366 in January 2024.
    const year = line({ periodStart: '2024-01-01', periodEnd: '2024-12-31', kgCo2e: 366 });
    const parts = splitByPeriod(year, 'month').map((p) => p.line.kgCo2e);
    const days = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    expect(parts).toHaveLength(12);
    parts.forEach((kg, i) => {
      expect(kg).toBeCloseTo(days[i]!, 9);
    });
  });
});
