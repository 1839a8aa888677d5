import { afterAll, describe, expect, it } from 'vitest';
import { aggregate } from '../../src/aggregate/group.js';
import { emissionLines } from '../../src/aggregate/ledger-lines.js';
import { marketBasedLines } from '../../src/aggregate/market.js';
import { fixtureLedger, GRID, line, ORGS, VAN_AVERAGE_DIESEL_MILES_2023 } from './fixture.js';

const ledger = fixtureLedger();
afterAll(() => {
  ledger.close();
});
const council = ORGS.find((o) => o.id === 'council')!;

describe('market-based Scope 2', () => {
  it('prices the meter with a supplier factor by it, and the other at the grid factor, stated as such', () => {
    const { lines } = emissionLines(ledger, { orgs: ['council'] });
    const market = marketBasedLines(lines, ORGS);
    expect(market.lines.every((l) => l.basis === 'market' && l.scope === 2)).toBe(true);
    // Every location Scope 2 line has one counterpart: 2 years × 12 months × 2 meters. Grid
    // fallback: both meters in 2022/23, C2 in 2023/24.
    expect(market.lines).toHaveLength(48);
    expect(market.coverage).toEqual([{ org: 'council', supplierKwh: 12 * 5000, gridFallbackKwh: 12 * (5000 + 3000) + 12 * 3000, suppliers: ['Green Supply Co'] }]);
    const c1 = market.lines.find((l) => l.meter === 'C1' && l.periodStart === '2023-04-01')!;
    expect([c1.kgCo2e, c1.factorKey, c1.marketFactor?.supplier]).toEqual([500, 'supplier:Green Supply Co', 'Green Supply Co']);
    expect(c1.trace.note).toBe('supplier-specific factor: Green Supply Co (Green Supply Co fuel mix disclosure 2023)');
    const c2 = market.lines.find((l) => l.meter === 'C2' && l.periodStart === '2023-04-01')!;
    expect(c2.marketFactor).toBeUndefined();
    expect(c2.kgCo2e).toBeCloseTo(3000 * GRID[2023], 9);
    expect(c2.trace.note).toBe('grid factor: no supplier-specific factor covers this meter and period');

    const r = aggregate([...lines, ...market.lines]);
    const fy23 = r.groups.find((g) => g.key.period === '2023/24')!;
    const location2 = 12 * 8000 * GRID[2023];
    const van = 12 * 1000 * VAN_AVERAGE_DIESEL_MILES_2023;
    expect(fy23.scope2LocationKgCo2e).toBeCloseTo(location2, 6);
    expect(fy23.kgCo2e).toBeCloseTo(location2 + van, 6);
    const market2 = 12 * (5000 * 0.1 + 3000 * GRID[2023]);
    expect(fy23.market!.scope2KgCo2e).toBeCloseTo(market2, 6);
    expect(fy23.market!.kgCo2e).toBeCloseTo(market2 + van, 6);
    expect([fy23.market!.supplierKwh, fy23.market!.gridFallbackKwh]).toEqual([60_000, 36_000]);
    // 2022/23: no supplier factor; both figures are the grid figure, all kWh fall back.
    const fy22 = r.groups.find((g) => g.key.period === '2022/23')!;
    expect(fy22.market!.scope2KgCo2e).toBeCloseTo(fy22.scope2LocationKgCo2e, 6);
    expect(fy22.market!.gridFallbackKwh).toBe(96_000);
  });

  it('splits a month at the day a supplier factor starts', () => {
    const org = { ...council, marketFactors: [{ ...council.marketFactors[0]!, from: '2023-04-16' }] };
    const april = line({ org: 'council', site: 'Town Hall', meter: 'C1', periodStart: '2023-04-01', periodEnd: '2023-04-30', quantity: 3000, kgCo2e: 3000 * GRID[2023] });
    const m = marketBasedLines([april], [org]);
    expect(m.lines.map((l) => [l.periodStart, l.periodEnd, l.quantity, l.marketFactor?.supplier ?? 'grid'])).toEqual([
      ['2023-04-01', '2023-04-15', 1500, 'grid'],
      ['2023-04-16', '2023-04-30', 1500, 'Green Supply Co'],
    ]);
    expect(m.lines[0]!.kgCo2e + m.lines[1]!.kgCo2e).toBeCloseTo(1500 * GRID[2023] + 1500 * 0.1, 9);
    expect(m.coverage[0]).toMatchObject({ supplierKwh: 1500, gridFallbackKwh: 1500 });
  });

  it('matches a factor by site as well as by meter, and warns when two of the same reach overlap', () => {
    const f = council.marketFactors[0]!;
    const siteOnly = { supplier: 'Depot Energy', from: f.from, to: f.to, sites: ['depot'], kgCo2ePerKwh: 0.05, source: f.source };
    const rival = { ...siteOnly, supplier: 'Other Energy' };
    const org = { ...council, marketFactors: [siteOnly, rival] };
    const depot = line({ org: 'council', site: 'Depot', meter: 'C2', periodStart: '2023-05-01', periodEnd: '2023-05-31', quantity: 1000, kgCo2e: 207.07 });
    const m = marketBasedLines([depot], [org]);
    expect(m.lines[0]!.marketFactor?.supplier).toBe('Depot Energy');
    expect(m.lines[0]!.kgCo2e).toBeCloseTo(50, 9);
    expect(m.warnings.map((w) => [w.code, w.about.used, w.about.ignored])).toEqual([['market_factor_overlap', 'Depot Energy', 'Other Energy']]);
  });

  it('leaves Scope 1 and 3 lines alone', () => {
    const m = marketBasedLines([line({ scope: 1, factorKey: 'natural_gas', source: 'gas' }), line({ kind: 'td', scope: 3, scopeCategory: 3 })], ORGS);
    expect(m.lines).toEqual([]);
  });
});
