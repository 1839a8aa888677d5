/** Months that have not begun when the question is asked are not gaps (issue: `emissions` listed future months as missing). */

import { describe, expect, it } from 'vitest';
import { coverage } from '../../src/aggregate/coverage.js';
import { ukDate } from '../../src/aggregate/periods.js';
import { line } from './fixture.js';

describe('coverage as of a day', () => {
  // Electricity for April to November 2026, asked on 6 December 2026.
  const lines = ['04', '05', '06', '07', '08', '09', '10', '11'].map((m) => line({ periodStart: `2026-${m}-01`, periodEnd: `2026-${m}-${m === '04' || m === '06' || m === '09' || m === '11' ? '30' : '31'}` }));

  it('leaves months after it out of the gaps and out of the missing share', () => {
    const [row] = coverage(lines, { asOf: '2026-12-06' });
    // December has begun and has no data: a gap; January to March have not begun.
    expect(row!.missingMonths).toEqual(['2026-12']);
    expect(row!.estimatedOrMissingShare).toBeCloseTo(1 / 9, 12);
    expect(row!.monthsCovered).toBe(8);
  });

  it('without a day, counts every month of the year, as before', () => {
    const [row] = coverage(lines);
    expect(row!.missingMonths).toEqual(['2026-12', '2027-01', '2027-02', '2027-03']);
    expect(row!.estimatedOrMissingShare).toBeCloseTo(4 / 12, 12);
  });

  it('reads the day in the UK whatever the machine\'s zone: 23:30 UTC on 31 March 2027 is 00:30 on 1 April in BST; in December UK time is UTC', () => {
    expect(ukDate(new Date('2027-03-31T23:30:00Z'))).toBe('2027-04-01');
    expect(ukDate(new Date('2026-12-31T23:30:00Z'))).toBe('2026-12-31');
  });

  it('leaves out months before a site opened or after it closed, as the config says; a site whose data stops with no closing date still has gaps', () => {
    const sites = new Map([['Main Hospital', { closed: '2026-09-15' }]]);
    const [closed] = coverage(lines, { asOf: '2026-12-06', sites });
    expect(closed!.missingMonths).toEqual([]);
    const [opened] = coverage(lines, { asOf: '2026-12-06', sites: new Map([['Main Hospital', { opened: '2026-06-01' }]]) });
    expect(opened!.missingMonths).toEqual(['2026-12']);
    const [none] = coverage(lines, { asOf: '2026-12-06', sites: new Map() });
    expect(none!.missingMonths).toEqual(['2026-12']);
  });
});
