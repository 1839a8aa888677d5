import { describe, expect, it } from 'vitest';
import { footprint, type AnalysisContext } from '../../src/aggregate/footprint.js';
import { aggregate } from '../../src/aggregate/group.js';
import { parsePolicy } from '../../src/convert/policy.js';
import { loadFactors } from '../../src/factors/library.js';
import { CONFIG, fixtureLedger } from './fixture.js';

const ctx: AnalysisContext = { ledger: fixtureLedger(), library: loadFactors(), config: CONFIG, reads: new Map() };

/** Totals keyed by the groups, to compare two readings of the same ledger. */
function totals(lines: Parameters<typeof aggregate>[0], options: Parameters<typeof aggregate>[1]): Map<string, [number, number, number | null]> {
  const r = aggregate(lines, options);
  return new Map(r.groups.map((g) => [JSON.stringify(g.key), [g.kgCo2e, g.estimatedShare, g.market?.kgCo2e ?? null]]));
}

describe('lines summed by month give the same figures as the ledger line by line', () => {
  for (const policy of [undefined, 'fixed:2019'] as const) {
    it(`by year, source, scope and month, with and without WTT${policy ? `, recomputed at ${policy}` : ''}`, () => {
      const orgs = ['acute', 'community'];
      const p = policy === undefined ? {} : { policy: parsePolicy(policy) };
      const byLine = footprint(ctx, { orgs, ...p });
      const byMonth = footprint(ctx, { orgs, ...p, grain: 'summed' });
      expect(byMonth.lines.every((l) => l.meter === null)).toBe(true); // summed: no meter named
      for (const options of [
        { groupBy: ['period', 'sourceGroup'] as const, includeWtt: false },
        { groupBy: ['period', 'scope'] as const, includeWtt: true, includeTd: true },
        { groupBy: ['period'] as const, period: 'month' as const },
        { groupBy: ['org', 'period'] as const, period: 'calendar-year' as const },
      ]) {
        const a = totals([...byLine.lines, ...byLine.marketLines], { ...options, groupBy: [...options.groupBy] });
        const b = totals([...byMonth.lines, ...byMonth.marketLines], { ...options, groupBy: [...options.groupBy] });
        expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
        for (const [k, [kg, share, market]] of a) {
          const [kg2, share2, market2] = b.get(k)!;
          expect(kg2).toBeCloseTo(kg, 6);
          expect(share2).toBeCloseTo(share, 9);
          if (market === null) expect(market2).toBeNull();
          else expect(market2).toBeCloseTo(market, 6);
        }
      }
      // Coverage comes from a per-site read either way.
      expect(byMonth.coverage.map((c) => [c.org, c.site, c.source, c.year, c.missingMonths])).toEqual(byLine.coverage.map((c) => [c.org, c.site, c.source, c.year, c.missingMonths]));
    });
  }

  it('keeps lines that name their meter when a market factor is set for particular meters', () => {
    const byMonth = footprint(ctx, { orgs: ['council'], grain: 'summed' });
    expect(byMonth.lines.some((l) => l.meter === 'C1')).toBe(true);
  });
});
