import { describe, expect, it } from 'vitest';
import { aggregate } from '../../src/aggregate/group.js';
import { tierFor } from '../../src/aggregate/quality.js';
import { line } from './fixture.js';

/** One month of electricity: generation 1000 kg, T&D 100, WTT of generation 200, WTT of T&D 20. */
const elec = [
  line({ kgCo2e: 1000 }),
  line({ kind: 'td', factorKey: 'electricity.grid.td_losses', scope: 3, scopeCategory: 3, kgCo2e: 100 }),
  line({ kind: 'wtt', factorKey: 'electricity.grid.wtt', scope: 3, scopeCategory: 3, kgCo2e: 200 }),
  line({ kind: 'wtt', factorKey: 'electricity.grid.td_losses.wtt', scope: 3, scopeCategory: 3, kgCo2e: 20 }),
];

describe('aggregate: boundary', () => {
  it('excludes WTT and T&D by default, says so, and reports what it left out', () => {
    const r = aggregate(elec);
    expect(r.boundary).toEqual({ includeWtt: false, includeTd: false, outsideScopesSeparate: true, scope2Headline: 'location' });
    expect(r.total.kgCo2e).toBe(1000);
    expect(r.total.excludedKgCo2e).toEqual({ wtt: 220, td: 100 });
    expect(r.total.scopes).toEqual([{ scope: 2, category: null, kgCo2e: 1000 }]);
  });

  it('adds T&D, WTT, or both (the WTT of T&D only with both)', () => {
    expect(aggregate(elec, { includeTd: true }).total.kgCo2e).toBe(1100);
    expect(aggregate(elec, { includeWtt: true }).total.kgCo2e).toBe(1200);
    const both = aggregate(elec, { includeTd: true, includeWtt: true });
    expect(both.total.kgCo2e).toBe(1320);
    expect(both.total.excludedKgCo2e).toEqual({ wtt: 0, td: 0 });
    expect(both.total.scopes).toEqual([{ scope: 2, category: null, kgCo2e: 1000 }, { scope: 3, category: 3, kgCo2e: 320 }]);
    // Quantities are counted once, from the main line.
    expect(both.total.quantities).toEqual([{ source: 'electricity', unit: 'kWh', quantity: 100, estimatedQuantity: 0 }]);
  });

  it('reports biogenic CO2 beside the total and never adds it', () => {
    const pellets = [
      line({ source: 'biomass', factorKey: 'wood_pellets', scope: 1, kgCo2e: 50 }),
      line({ source: 'biomass', kind: 'outside_scopes', factorKey: 'wood_pellets.outside_scopes', scope: null, kgCo2e: 900 }),
    ];
    const r = aggregate(pellets, { groupBy: ['scope'] });
    expect(r.total.kgCo2e).toBe(50);
    expect(r.total.outsideScopesKgCo2e).toBe(900);
    expect(r.groups.map((g) => [g.key.scope, g.kgCo2e, g.outsideScopesKgCo2e])).toEqual([['Outside of scopes', 0, 900], ['Scope 1', 50, 0]]);
  });
});

describe('aggregate: grouping', () => {
  it('groups by organisation, site, source and source group', () => {
    const lines = [
      line({ org: 'a', source: 'fleet:van', kgCo2e: 5 }),
      line({ org: 'a', source: 'fleet:car', kgCo2e: 7 }),
      line({ org: 'b', site: null, source: 'fleet:van', kgCo2e: 11 }),
    ];
    expect(aggregate(lines, { groupBy: ['org', 'sourceGroup'] }).groups.map((g) => [g.key.org, g.key.sourceGroup, g.kgCo2e])).toEqual([['a', 'fleet', 12], ['b', 'fleet', 11]]);
    expect(aggregate(lines, { groupBy: ['site', 'source'] }).groups.map((g) => [g.key.site, g.key.source, g.kgCo2e])).toEqual([
      ['(no site)', 'fleet:van', 11], ['Main Hospital', 'fleet:car', 7], ['Main Hospital', 'fleet:van', 5],
    ]);
  });
});

describe('aggregate: data quality tiers', () => {
  const mix = (estimatedKg: number) => [line({ kgCo2e: 100 - estimatedKg }), line({ kgCo2e: estimatedKg, estimated: true })];
  it.each([
    [0, 1, 'measured'],
    [5, 1, 'measured'],
    [15, 2, 'partly estimated'],
    [100, 3, 'estimated'],
  ] as const)('%i%% estimated is tier %i', (pct, tier, label) => {
    const r = aggregate(mix(pct));
    expect(r.total.estimatedShare).toBeCloseTo(pct / 100, 12);
    expect(r.total.tier).toBe(tier);
    expect(r.total.tierLabel).toBe(label);
  });

  it('puts the boundaries at 10% and 90%', () => {
    expect([tierFor(0.1), tierFor(0.1000001), tierFor(0.9), tierFor(0.9000001)]).toEqual([1, 2, 2, 3]);
  });

  it('uses the exact estimated share of a half-hourly month, and groups by quality', () => {
    const r = aggregate([line({ kgCo2e: 80 }), line({ kgCo2e: 20, estimated: false, estimatedShare: 0.5 })], { groupBy: ['quality'] });
    expect(r.total.estimatedShare).toBeCloseTo(0.1, 12);
    expect(r.total.tier).toBe(1);
    expect(r.groups.map((g) => [g.key.quality, g.kgCo2e])).toEqual([['estimated', 20], ['measured', 80]]);
  });

  it('gives a tier to every group', () => {
    const r = aggregate([line({ site: 'A', kgCo2e: 10 }), line({ site: 'B', kgCo2e: 10, estimated: true })], { groupBy: ['site'] });
    expect(r.groups.map((g) => [g.key.site, g.tier])).toEqual([['A', 1], ['B', 3]]);
    expect(r.total.tier).toBe(2);
  });
});
