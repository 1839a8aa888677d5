import { afterAll, describe, expect, it } from 'vitest';
import { coverage, rejectedRows } from '../../src/aggregate/coverage.js';
import { fillGaps, FILLED_FILE } from '../../src/aggregate/fill.js';
import { aggregate } from '../../src/aggregate/group.js';
import { emissionLines } from '../../src/aggregate/ledger-lines.js';
import { fixtureLedger, GRID, line } from './fixture.js';

const ledger = fixtureLedger();
afterAll(() => {
  ledger.close();
});

describe('coverage', () => {
  it('shows a months × source grid per year with the gap, never filled', () => {
    const { lines } = emissionLines(ledger, { orgs: ['community'] });
    const rows = coverage(lines);
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect([row.org, row.site, row.source, row.year]).toEqual(['community', 'Community Hub', 'electricity', '2023/24']);
    expect(row.months.map((m) => m.month)).toEqual(['2023-04', '2023-05', '2023-06', '2023-07', '2023-08', '2023-09', '2023-10', '2023-11', '2023-12', '2024-01', '2024-02', '2024-03']);
    expect(row.months.map((m) => m.days)).toEqual([30, 31, 30, 31, 31, 30, 31, 30, 31, 0, 29, 31]);
    expect([row.monthsCovered, row.monthsFilled, row.missingMonths]).toEqual([11, 0, ['2024-01']]);
    // One month of twelve missing: 8.3% estimated-or-missing, still tier 1.
    expect(row.estimatedOrMissingShare).toBeCloseTo(1 / 12, 12);
    expect(row.tier).toBe(1);
    expect(row.estimatedShareByUnit).toEqual({ kWh: 0 });
  });

  it('keeps a site/source pair in years it has no data, as twelve missing months', () => {
    const { lines } = emissionLines(ledger, { orgs: ['community'] });
    const rows = coverage(lines, { years: ['2022/23', '2023/24'] });
    expect(rows.map((r) => [r.year, r.monthsCovered, r.missingMonths.length, r.tier])).toEqual([['2022/23', 0, 12, 3], ['2023/24', 11, 1, 1]]);
  });

  it('counts two missing months as more than 10% missing: tier 2', () => {
    const months = ['04', '05', '06', '07', '08', '09', '10', '11', '12'].map((m) => line({ periodStart: `2023-${m}-01`, periodEnd: `2023-${m}-28` }));
    const jan = line({ periodStart: '2024-01-01', periodEnd: '2024-01-31' });
    const row = coverage([...months, jan])[0]!;
    expect(row.missingMonths).toEqual(['2024-02', '2024-03']);
    expect(row.tier).toBe(2);
  });

  it('lists the rows the contributing imports rejected', () => {
    const { batches } = emissionLines(ledger, { orgs: ['community'] });
    const rejected = rejectedRows(ledger, batches.map((b) => b.id));
    expect(rejected.map((r) => [r.batchId, r.fileName, r.rows])).toEqual([[4, 'community-2023.csv', 2]]);
    expect(rejected[0]!.problems.map((p) => [p.line, p.code])).toEqual([[7, 'invalid_date'], [9, 'not_a_number'], [9, 'unknown_unit']]);
  });
});

describe('filling gaps', () => {
  it('leaves gaps alone with none', () => {
    const { lines } = emissionLines(ledger, { orgs: ['community'] });
    expect(fillGaps(lines, coverage(lines), 'none')).toEqual({ method: 'none', lines: [], filled: [], warnings: [] });
  });

  it('fills with the mean of the year\'s covered months, as separate estimated lines naming the method', () => {
    const { lines } = emissionLines(ledger, { orgs: ['community'] });
    const fill = fillGaps(lines, coverage(lines), 'average-of-year');
    expect(fill.method).toBe('average-of-year');
    expect(fill.filled).toHaveLength(1);
    expect(fill.filled[0]!.month).toBe('2024-01');
    const main = fill.lines.find((l) => l.kind === 'main')!;
    expect([main.periodStart, main.periodEnd, main.quantity, main.estimated, main.filled]).toEqual(['2024-01-01', '2024-01-31', 8000, true, 'average-of-year']);
    expect(main.kgCo2e).toBeCloseTo(8000 * GRID[2023], 9);
    expect(main.trace).toEqual({ file: FILLED_FILE, line: 0, batchId: null, note: 'filled 2024-01: mean of the 11 covered month(s) of 2023/24' });
    // Companions are filled too: T&D, WTT and the WTT of T&D.
    expect(fill.lines.map((l) => l.kind).sort()).toEqual(['main', 'td', 'wtt', 'wtt']);

    const all = [...lines, ...fill.lines];
    const r = aggregate(all);
    expect(r.fillMethods).toEqual(['average-of-year']);
    expect(r.total.kgCo2e).toBeCloseTo(12 * 8000 * GRID[2023], 6);
    expect(r.total.filledKgCo2e).toBeCloseTo(8000 * GRID[2023], 9);
    expect(r.total.estimatedShare).toBeCloseTo(1 / 12, 12);
    const after = coverage(all)[0]!;
    expect([after.monthsCovered, after.monthsFilled, after.missingMonths]).toEqual([11, 1, []]);
    expect(after.months[9]!.filled).toBe(true);
  });

  it('previous-year takes the same month a year before at this year\'s factor, else the mean of the year', () => {
    const lines = [
      line({ periodStart: '2023-05-01', periodEnd: '2023-05-31', quantity: 900, kgCo2e: 180, factorYear: 2023 }),
      line({ periodStart: '2024-04-01', periodEnd: '2024-04-30', quantity: 1000, kgCo2e: 250 }),
      line({ periodStart: '2024-06-01', periodEnd: '2024-06-30', quantity: 1000, kgCo2e: 250 }),
    ];
    const rows = coverage(lines, { years: ['2024/25'] });
    const fill = fillGaps(lines, rows, 'previous-year');
    const may = fill.lines.find((l) => l.periodStart === '2024-05-01')!;
    expect([may.quantity, may.kgCo2e, may.filled, may.factorYear]).toEqual([900, 225, 'previous-year', 2024]);
    expect(may.trace.note).toBe('filled 2024-05: same month of the previous year (2023-05)');
    const july = fill.lines.find((l) => l.periodStart === '2024-07-01')!;
    expect([july.quantity, july.kgCo2e, july.filled]).toEqual([1000, 250, 'average-of-year']);
    expect(fill.filled.filter((f) => f.method === 'previous-year').map((f) => [f.month, f.from])).toEqual([['2024-05', ['2023-05']]]);
    expect(fill.lines).toHaveLength(10);
    expect(aggregate([...lines, ...fill.lines]).fillMethods).toEqual(['average-of-year', 'previous-year']);
  });

  it('says when there is nothing to fill from', () => {
    const lines = [line({ periodStart: '2023-05-01', periodEnd: '2023-05-31' })];
    const fill = fillGaps(lines, coverage(lines, { years: ['2024/25'] }), 'average-of-year');
    expect(fill.lines).toEqual([]);
    expect(fill.warnings).toHaveLength(12);
    expect(fill.warnings[0]).toMatchObject({ code: 'fill_no_donor', about: { month: '2024-04', source: 'electricity' } });
  });
});
