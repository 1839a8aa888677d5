import { describe, expect, it } from 'vitest';
import { compareYears, partKey } from '../../src/targets/comparable.js';
import { splitChange } from '../../src/targets/like-for-like.js';
import { targetMsg } from '../../src/targets/target-text.js';

describe('splitChange', () => {
  it('puts all of the change on the factors when consumption is flat and only the grid moves', () => {
    // 4,000 MWh each year. Grid factor 0.25 kg/kWh in 2019, 0.20 in 2022:
    // reported 2019 = 4,000,000 × 0.25 / 1000 = 1,000 t; 2022 = 4,000,000 × 0.20 / 1000 = 800 t.
    // Held at 2019 factors both years are 1,000 t.
    const r = splitChange({ reported: [{ year: 2019, tco2e: 1000 }, { year: 2022, tco2e: 800 }], fixedFactors: [{ year: 2019, tco2e: 1000 }, { year: 2022, tco2e: 1000 }], fixedYear: 2019 }, 2019, 2022);
    expect(r).toEqual({ ok: true, split: { fromYear: 2019, toYear: 2022, fixedYear: 2019, totalChangeTco2e: -200, fromUsingLessTco2e: 0, fromFactorsTco2e: -200, fromCoverageTco2e: 0, steps: [] } });
  });

  it('splits a change that has both causes', () => {
    // Consumption down 10% to 3,600 MWh: reported 2022 = 3,600,000 × 0.20 / 1000 = 720 t;
    // at 2019 factors 3,600,000 × 0.25 / 1000 = 900 t. Total −280 = −100 (using less) − 180 (factors).
    const r = splitChange({ reported: [{ year: 2019, tco2e: 1000 }, { year: 2022, tco2e: 720 }], fixedFactors: [{ year: 2019, tco2e: 1000 }, { year: 2022, tco2e: 900 }], fixedYear: 2019 }, 2019, 2022);
    if (!r.ok) throw new Error(r.problems.join('\n'));
    expect(r.split.totalChangeTco2e).toBe(-280);
    expect(r.split.fromUsingLessTco2e).toBe(-100);
    expect(r.split.fromFactorsTco2e).toBe(-180);
  });

  it('says which series lacks a year', () => {
    const r = splitChange({ reported: [{ year: 2019, tco2e: 1 }, { year: 2022, tco2e: 1 }], fixedFactors: [{ year: 2019, tco2e: 1 }], fixedYear: 2019 }, 2019, 2022);
    expect(r).toEqual({ ok: false, problems: [targetMsg.likeForLikeMissing('fixed:2019', 2022)] });
  });
});

describe('splitChange with the years\' parts', () => {
  const parts = (entries: [string, number][]): Map<string, number> => new Map(entries);
  const k = (group: string, survey: number | null = null): string => partKey({ group, site: 'Main', survey });

  it('keeps a first staff survey out of using less and the factors: it is coverage', () => {
    // Electricity 1,000 t → 900 t (at 2019 factors 1,000 → 950); commuting 0 → 300 t, counted from the first survey in 2022.
    // Total +200 = −50 using less − 50 factors + 300 coverage.
    const r = splitChange({
      reported: [{ year: 2019, tco2e: 1000 }, { year: 2022, tco2e: 1200 }],
      fixedFactors: [{ year: 2019, tco2e: 1000 }, { year: 2022, tco2e: 1250 }],
      fixedYear: 2019,
      reportedParts: new Map([[2019, parts([[k('electricity'), 1000]])], [2022, parts([[k('electricity'), 900], [k('commuting', 7), 300]])]]),
      fixedParts: new Map([[2019, parts([[k('electricity'), 1000]])], [2022, parts([[k('electricity'), 950], [k('commuting', 7), 300]])]]),
    }, 2019, 2022);
    if (!r.ok) throw new Error(r.problems.join('\n'));
    expect(r.split.totalChangeTco2e).toBe(200);
    expect(r.split.fromUsingLessTco2e).toBe(-50);
    expect(r.split.fromFactorsTco2e).toBe(-50);
    expect(r.split.fromCoverageTco2e).toBe(300);
    expect(r.split.steps).toEqual([{ group: 'commuting', sites: [], surveyChanged: false }]);
  });

  it('reads a new survey replacing another as a change of survey, not a cut', () => {
    // Commuting 400 t from survey 3, then 350 t from survey 9: −50 t that no one cut.
    const y = compareYears(parts([[k('gas'), 500], [k('commuting', 3), 400]]), parts([[k('gas'), 480], [k('commuting', 9), 350]]));
    expect(y.likeChangeTco2e).toBe(-20);
    expect(y.likeFromTco2e).toBe(500);
    expect(y.coverageTco2e).toBe(-50);
    expect(y.steps).toEqual([{ group: 'commuting', sites: [], surveyChanged: true }]);
    expect(y.byGroup).toEqual([{ group: 'gas', likeChangeTco2e: -20 }]);
  });
});
