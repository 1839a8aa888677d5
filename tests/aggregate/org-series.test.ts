import { afterAll, describe, expect, it } from 'vitest';
import { compareOrganisations } from '../../src/aggregate/org-series.js';
import { aggregate } from '../../src/aggregate/group.js';
import { intensities } from '../../src/aggregate/intensity.js';
import { emissionLines } from '../../src/aggregate/ledger-lines.js';
import { fixtureLedger, GAS_2024, GRID, ORGS, VAN_AVERAGE_DIESEL_MILES_2023 } from './fixture.js';

const ledger = fixtureLedger();
afterAll(() => {
  ledger.close();
});
const { lines } = emissionLines(ledger, { orgs: ['acute', 'community', 'council'] });

const ACUTE_22 = 12 * 10_000 * GRID[2022];
const ACUTE_23 = 12 * 10_000 * GRID[2023];
const ACUTE_24 = 20_000 * GAS_2024;
const COMMUNITY_23 = 11 * 8_000 * GRID[2023];
const COUNCIL_22 = 12 * 8_000 * GRID[2022];
const COUNCIL_23 = 12 * 8_000 * GRID[2023] + 12 * 1_000 * VAN_AVERAGE_DIESEL_MILES_2023;

describe('intensity', () => {
  it('divides by the year\'s denominators and says which are missing', () => {
    const totals = aggregate(lines.filter((l) => l.org === 'acute'), { groupBy: ['org', 'period'] }).groups.map((g) => ({ org: g.key.org!, year: g.key.period!, kgCo2e: g.kgCo2e }));
    const r = intensities(totals, ORGS, ['floorAreaM2', 'staffWte', 'beds']);
    const fy23 = r.rows.find((x) => x.year === '2023/24')!;
    expect(fy23.figures.map((f) => [f.metric, f.denominator])).toEqual([['floorAreaM2', 10_000], ['staffWte', 2_000], ['beds', null]]);
    expect(fy23.figures[0]!.kgCo2ePerUnit).toBeCloseTo(ACUTE_23 / 10_000, 9);
    expect(fy23.figures[1]!.kgCo2ePerUnit).toBeCloseTo(ACUTE_23 / 2_000, 9);
    expect(fy23.figures[2]!.kgCo2ePerUnit).toBeNull();
    // 2022/23 and 2024/25 have no denominators at all; 2023/24 lacks beds: 3 + 1 + 3.
    expect(r.warnings).toHaveLength(7);
    expect(r.warnings.find((w) => w.about.year === '2023/24')).toMatchObject({ code: 'denominator_missing', about: { org: 'acute', metric: 'beds' } });
  });
});

describe('compare organisations', () => {
  const r = compareOrganisations(lines, ORGS);
  const seriesOf = (org: string) => r.series.find((s) => s.org === org)!;

  it('gives each organisation an absolute series indexed to its own baseline (= 100)', () => {
    const acute = seriesOf('acute');
    expect(acute.baselineYear).toBe('2022/23');
    expect(acute.points.map((p) => p.year)).toEqual(['2022/23', '2023/24', '2024/25']);
    expect(acute.points[0]!.index).toBe(100);
    expect(acute.points[0]!.kgCo2e).toBeCloseTo(ACUTE_22, 6);
    expect(acute.points[1]!.index).toBeCloseTo((ACUTE_23 / ACUTE_22) * 100, 9);
    expect(acute.points[2]!.index).toBeCloseTo((ACUTE_24 / ACUTE_22) * 100, 9);
    expect(acute.points[1]!.figures.find((f) => f.metric === 'floorAreaM2')!.kgCo2ePerUnit).toBeCloseTo(ACUTE_23 / 10_000, 9);
    expect(seriesOf('community').points.map((p) => [p.year, p.index])).toEqual([['2023/24', 100]]);
    expect(r.boundary.includeWtt).toBe(false);
  });

  it('indexes to a baseline year asked for, and says when an organisation has no data for it', () => {
    const asked = compareOrganisations(lines, ORGS, { orgs: ['acute', 'community'], baselineYear: '2023/24' });
    const acute = asked.series.find((s) => s.org === 'acute')!;
    expect(acute.points.find((p) => p.year === '2023/24')!.index).toBe(100);
    expect(acute.points.find((p) => p.year === '2022/23')!.index).toBeCloseTo((ACUTE_22 / ACUTE_23) * 100, 9);
    const none = compareOrganisations(lines, ORGS, { orgs: ['community'], baselineYear: '2022/23' });
    expect(none.series[0]!.points[0]!.index).toBeNull();
    expect(none.warnings.map((w) => [w.code, w.about.org, w.about.year])).toEqual([['baseline_missing', 'community', '2022/23']]);
  });

  it('flags rows that are not comparable', () => {
    // In 2023/24 the council has fleet (Scope 1); the trusts have electricity only.
    const acute23 = seriesOf('acute').points.find((p) => p.year === '2023/24')!;
    expect(acute23.flags).toEqual([{ code: 'scope_coverage', detail: 'no Scope 1; no fleet data' }]);
    expect(seriesOf('council').points.find((p) => p.year === '2023/24')!.flags).toEqual([]);
    expect(seriesOf('council').points.find((p) => p.year === '2022/23')!.flags).toEqual([]);
    // A year mixing stored and recomputed factors is flagged, as is a mostly estimated one.
    const mixed = lines.filter((l) => l.org === 'acute').map((l, i) => (i === 0 ? { ...l, policy: 'fixed:2019' } : l));
    const estimated = lines.filter((l) => l.org === 'community').map((l) => ({ ...l, estimated: true }));
    const flagged = compareOrganisations([...mixed, ...estimated], ORGS, { orgs: ['acute', 'community'] });
    expect(flagged.series.find((s) => s.org === 'acute')!.points[0]!.flags).toEqual([{ code: 'mixed_policy', detail: 'financial-year, fixed:2019' }]);
    expect(flagged.series.find((s) => s.org === 'community')!.points[0]!.flags).toEqual([{ code: 'tier_3', detail: 'estimated' }]);
  });

  it('rolls the ICS up only in years every member has data, naming who is missing', () => {
    expect(r.rollups).toHaveLength(1);
    const ics = r.rollups[0]!;
    expect(ics.members).toEqual(['acute', 'community', 'council']);
    expect(ics.points.map((p) => [p.year, p.membersMissing])).toEqual([
      ['2022/23', ['community']],
      ['2023/24', []],
      ['2024/25', ['community', 'council']],
    ]);
    expect(ics.points[0]!.kgCo2e).toBeNull();
    expect(ics.points[1]!.kgCo2e).toBeCloseTo(ACUTE_23 + COMMUNITY_23 + COUNCIL_23, 6);
    // Members' baselines differ: the roll-up's is the sum in the first year all have data.
    expect([ics.baselineYear, ics.points[1]!.index]).toEqual(['2023/24', 100]);
    expect(ics.baselineNote).toBe('the roll-up\'s baseline is the sum of all members in 2023/24, a year every member has data for');
    expect(ics.points[1]!.figures.find((f) => f.metric === 'residents')!.kgCo2ePerUnit).toBeCloseTo((ACUTE_23 + COMMUNITY_23 + COUNCIL_23) / 500_000, 12);
    expect(r.warnings.filter((w) => w.code === 'member_missing').map((w) => [w.about.year, w.about.members])).toEqual([['2022/23', 'community'], ['2024/25', 'community, council']]);
    expect(seriesOf('council').points[0]!.kgCo2e).toBeCloseTo(COUNCIL_22, 6);
  });

  it('moves an ICS baseline asked for when a member lacks that year, and says so', () => {
    const moved = compareOrganisations(lines, ORGS, { orgs: ['ics'], baselineYear: { ics: '2022/23' } });
    expect(moved.rollups[0]!.baselineYear).toBe('2023/24');
    expect(moved.warnings.find((w) => w.code === 'baseline_moved')!.about).toEqual({ ics: 'ics', asked: '2022/23', used: '2023/24' });
  });
});
