/**
 * Summed reads (src/aggregate/ledger-lines.ts `Grain`) must give what reading each ledger row
 * gives, whatever the bills' periods: bills from the 15th to the 14th, quarterly bills and
 * calendar months side by side, estimated reads, and a custom factor changed between two imports.
 * They must also never make SQLite sort the ledger (the reason they exist: BENCHMARKS.md).
 */

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emissionsReport } from '../../src/aggregate/emissions-query.js';
import { footprint, type AnalysisContext } from '../../src/aggregate/footprint.js';
import { aggregate, type AggregateOptions } from '../../src/aggregate/group.js';
import { readSummed, summedQuery } from '../../src/aggregate/ledger-lines.js';
import { parsePolicy } from '../../src/convert/policy.js';
import { loadFactors } from '../../src/factors/library.js';
import type { EmissionLine } from '../../src/kernel/emission-line.js';
import { Ledger } from '../../src/store/ledger.js';
import type { ActivityRecord, NewBatch } from '../../src/store/records.js';
import { parseConfig } from '../../src/workspace/config.js';
import { electricity } from './fixture.js';

const CONFIG = parseConfig(JSON.stringify({
  version: 1,
  organisations: [
    { id: 'north', name: 'North Trust', kind: 'nhs-trust', sites: [{ id: 'a', name: 'Site A', meters: ['M1', 'M2', 'M3'] }, { id: 'b', name: 'Site B', meters: ['M4'] }] },
    { id: 'south', name: 'South Trust', kind: 'nhs-trust', sites: [{ id: 'c', name: 'Site C', meters: ['M5'] }] },
    { id: 'ics', name: 'The ICS', kind: 'ics', members: ['north', 'south'] },
  ],
}), 'tco2e.config.json');

function batch(org: string, fileName: string): NewBatch {
  return {
    kind: 'energy', profile: 'energy-bill', org, fileName, sha256: fileName.padEnd(64, '0').slice(0, 64), sizeBytes: 100,
    rowsRead: 0, rowsAccepted: 0, rowsExcluded: 0, rowsRejected: 0, periodStart: null, periodEnd: null,
    importedAt: '2024-05-02T09:00:00.000Z', toolVersion: '0.1.0', policy: 'financial-year', summaryJson: '{}',
  };
}

const iso = (d: Date): string => d.toISOString().slice(0, 10);
const addDays = (s: string, n: number): string => iso(new Date(Date.parse(`${s}T00:00:00Z`) + n * 86_400_000));
const addMonths = (s: string, n: number): string => {
  const d = new Date(`${s}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + n);
  return iso(d);
};

/** Bills for a meter from `first`, each `months` long (ending the day before the next starts). */
function bills(org: string, site: string, meter: string, first: string, months: number, count: number, kwh: (i: number) => number, estimated = (i: number) => i % 5 === 3): ActivityRecord[] {
  const out: ActivityRecord[] = [];
  let start = first;
  for (let i = 0; i < count; i++) {
    const next = addMonths(start, months);
    const year = start < '2023-04-01' ? 2022 : 2023;
    out.push(...electricity({ org, site, meter, line: i + 2, start, end: addDays(next, -1), kwh: kwh(i), year, estimated: estimated(i) }));
    start = next;
  }
  return out;
}

function ledgerWithStaggeredBills(): Ledger {
  const ledger = Ledger.open(join(mkdtempSync(join(tmpdir(), 'tco2e-summed-')), 'ledger.sqlite'), { create: true });
  ledger.writeBatch(batch('north', 'north-bills.csv'), {
    activities: [
      ...bills('north', 'Site A', 'M1', '2022-04-15', 1, 23, (i) => 1_000 + 37 * i),
      ...bills('north', 'Site A', 'M2', '2022-04-01', 1, 24, (i) => 2_000 + 11 * i),
      ...bills('north', 'Site A', 'M3', '2022-05-01', 3, 7, (i) => 9_000 - 100 * i),
      ...bills('north', 'Site B', 'M4', '2022-04-01', 1, 24, () => 3_000, () => false),
    ],
  });
  ledger.writeBatch(batch('south', 'south-bills.csv'), { activities: bills('south', 'Site C', 'M5', '2022-04-10', 2, 12, (i) => 4_000 + 250 * i) });
  return ledger;
}

function figures(lines: readonly EmissionLine[], options: AggregateOptions): Map<string, [number, number, number, number]> {
  const r = aggregate(lines, options);
  return new Map(r.groups.map((g) => [JSON.stringify(g.key), [g.kgCo2e, g.estimatedShare, g.lines, g.quantities.reduce((s, q) => s + q.quantity, 0)]]));
}

function expectSameFigures(byLine: readonly EmissionLine[], summed: readonly EmissionLine[], options: AggregateOptions): void {
  const a = figures(byLine, options);
  const b = figures(summed, options);
  expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
  for (const [k, [kg, share, lines, quantity]] of a) {
    const [kg2, share2, lines2, quantity2] = b.get(k)!;
    expect(kg2, k).toBeCloseTo(kg, 6);
    expect(share2, k).toBeCloseTo(share, 9);
    expect(lines2, k).toBe(lines);
    expect(quantity2, k).toBeCloseTo(quantity, 6);
  }
}

describe('summed reads give what reading every row gives', () => {
  const ledger = ledgerWithStaggeredBills();
  const ctx = (): AnalysisContext => ({ ledger, library: loadFactors(), config: CONFIG, reads: new Map() });
  const orgs = ['north', 'south'];

  for (const range of [{}, { from: '2022-06-20', to: '2023-11-07' }] as const) {
    for (const policy of [undefined, 'fixed:2019'] as const) {
      it(`by month, quarter, year, source, scope and site, with WTT, ${Object.keys(range).length === 0 ? 'everything held' : 'cut at dates inside bills'}${policy ? `, recomputed at ${policy}` : ''}`, () => {
        const p = { ...range, ...(policy === undefined ? {} : { policy: parsePolicy(policy) }) };
        const byLine = footprint(ctx(), { orgs, ...p });
        const summed = footprint(ctx(), { orgs, ...p, grain: 'summed' });
        const bySite = footprint(ctx(), { orgs, ...p, grain: 'summed-site' });
        // Bills of different meters in the same period are one line; their sites are set aside.
        expect(summed.lines.length).toBeLessThan(byLine.lines.length);
        expect(summed.lines.every((l) => l.meter === null && l.site === null)).toBe(true);
        for (const options of [
          { groupBy: ['period'], period: 'month' },
          { groupBy: ['org', 'period'], period: 'calendar-quarter' },
          { groupBy: ['period', 'sourceGroup'] },
          { groupBy: ['period', 'scope'], includeWtt: true, includeTd: true },
        ] as AggregateOptions[]) {
          expectSameFigures([...byLine.lines, ...byLine.marketLines], [...summed.lines, ...summed.marketLines], options);
          expectSameFigures([...byLine.lines, ...byLine.marketLines], [...bySite.lines, ...bySite.marketLines], options);
        }
        expectSameFigures(byLine.lines, bySite.lines, { groupBy: ['site', 'period'], period: 'month' });
        // Coverage, day by day, from the per-site read.
        const cells = (fp: typeof byLine) => fp.coverage.map((c) => [c.org, c.site, c.source, c.year, c.months.map((m) => [m.month, m.days, m.estimated]), c.estimatedOrMissingShare.toFixed(12)]);
        expect(cells(summed)).toEqual(cells(byLine));
        expect(cells(bySite)).toEqual(cells(byLine));
        expect(summed.batches.map((b) => b.id)).toEqual(byLine.batches.map((b) => b.id));
      });
    }
  }

  it('emissions by month says the same as the ledger line by line, where a month-by-first-day sum would not', () => {
    const report = emissionsReport(ctx(), { org: 'ics', by: 'month', yearBasis: 'financial', scope2: 'location', wtt: false, fill: 'none' });
    const byLine = aggregate(footprint(ctx(), { orgs }).lines, { groupBy: ['period'], period: 'month' });
    expect(report.result.groups.map((g) => g.key.period)).toEqual(byLine.groups.map((g) => g.key.period));
    report.result.groups.forEach((g, i) => {
      expect(g.kgCo2e).toBeCloseTo(byLine.groups[i]!.kgCo2e, 6);
    });
    // May 2022 by days: M1's bills of 15 April to 14 May (14 of 30 days) and 15 May to 14 June
    // (17 of 31), M2's May, M3's quarter of May to July (31 of 92), M4's May, and M5's bill of
    // 10 April to 9 June (31 of 61). A sum by each line's first month would put none of M1's
    // first bill or M5's in May.
    const may = report.result.groups.find((g) => g.key.period === '2022-05')!;
    const expected = 1_000 * (14 / 30) + 1_037 * (17 / 31) + 2_011 + 9_000 * (31 / 92) + 3_000 + 4_000 * (31 / 61);
    expect(may.quantities.find((q) => q.unit === 'kWh')!.quantity).toBeCloseTo(expected, 6);
    const all = footprint(ctx(), { orgs });
    expect(report.result.total.lines).toBe(all.lines.length + all.marketLines.length);
    // Quality sorts each ledger line by whether it rests on estimates: read line by line.
    const quality = emissionsReport(ctx(), { org: 'ics', by: 'quality', yearBasis: 'financial', scope2: 'location', wtt: false, fill: 'none' });
    const byQuality = aggregate([...all.lines, ...all.marketLines], { groupBy: ['quality'] });
    expect(quality.result.groups.map((g) => [g.key.quality, g.kgCo2e.toFixed(6)])).toEqual(byQuality.groups.map((g) => [g.key.quality, g.kgCo2e.toFixed(6)]));
  });

  it('never sorts the ledger: SQLite sums each group as it walks the index, for one organisation or several, with or without dates', () => {
    for (const [orgCount, dates] of [[1, ''], [3, ''], [2, ' AND a.period_start <= ? AND a.period_end >= ?']] as const) {
      for (const grain of ['summed', 'summed-site'] as const) {
        const q = summedQuery(orgCount, dates, grain);
        const params = [...Array.from({ length: orgCount }, (_, i) => `org${i}`), ...(dates === '' ? [] : ['2023-03-31', '2022-04-01'])];
        const plan = ledger.select<{ detail: string }>(`EXPLAIN QUERY PLAN SELECT json_array(${q.columns}) FROM ${q.from}`, params).map((p) => p.detail).join('\n');
        expect(plan).toContain('USING INDEX activities_summed');
        expect(plan).not.toContain('TEMP B-TREE');
      }
    }
  });
});

describe('a custom factor changed between imports', () => {
  it('is read line by line, so each import keeps its own factor', () => {
    const ledger = Ledger.open(join(mkdtempSync(join(tmpdir(), 'tco2e-summed-')), 'ledger.sqlite'), { create: true });
    const custom = (meter: string, perKwh: number): ActivityRecord => ({
      ...electricity({ org: 'north', site: 'Site A', meter, line: 2, start: '2023-04-01', end: '2023-04-30', kwh: 1_000, year: 2023 })[0]!,
      factorCustom: true, factorEdition: 'config', factorKgPerUnit: perKwh, kgCo2e: 1_000 * perKwh,
    });
    ledger.writeBatch(batch('north', 'april-m1.csv'), { activities: [custom('M1', 0.1)] });
    ledger.writeBatch(batch('north', 'april-m2.csv'), { activities: [custom('M2', 0.3)] });
    expect(readSummed(ledger, { orgs: ['north'] }, 'summed')).toBeUndefined();
    const fp = footprint({ ledger, library: loadFactors(), config: CONFIG, reads: new Map() }, { orgs: ['north'], grain: 'summed' });
    expect(fp.lines.map((l) => l.factorKgPerUnit).sort()).toEqual([0.1, 0.3]);
    expect(fp.lines.reduce((s, l) => s + l.kgCo2e, 0)).toBeCloseTo(400, 9);
  });
});
