import { describe, expect, it } from 'vitest';
import { targetMsg } from '../../src/targets/target-text.js';
import { partKey } from '../../src/targets/comparable.js';
import { leastSquares, lineAt, projectTrend } from '../../src/targets/trend.js';

// x̄ = 2021, ȳ = (100 + 90 + 85 + 70 + 65) / 5 = 82.
// x − x̄ = −2, −1, 0, 1, 2;  y − ȳ = 18, 8, 3, −12, −17.
// Σ(x − x̄)(y − ȳ) = −36 − 8 + 0 − 12 − 34 = −90;  Σ(x − x̄)² = 10;  slope = −9 t a year.
// Intercept (year 0) = 82 + 9 × 2021 = 18,271.
const points = [
  { year: 2019, tco2e: 100 },
  { year: 2020, tco2e: 90 },
  { year: 2021, tco2e: 85 },
  { year: 2022, tco2e: 70 },
  { year: 2023, tco2e: 65 },
];

describe('least squares', () => {
  it('gives the hand-computed slope and intercept', () => {
    const l = leastSquares(points);
    expect(l.slopeTco2ePerYear).toBeCloseTo(-9, 9);
    expect(l.interceptTco2e).toBeCloseTo(18271, 6);
    expect(l.meanYear).toBe(2021);
    expect(l.meanTco2e).toBe(82);
    expect(lineAt(l, 2024)).toBeCloseTo(55, 9); // 82 − 9 × 3
  });
});

describe('projectTrend', () => {
  it('projects to the target year, floored at zero, and finds the crossing year', () => {
    // Target level 10: 82 − 9 (y − 2021) = 10 → y = 2021 + 72 / 9 = 2029 exactly.
    const r = projectTrend(points, 5, 2031, 10);
    if (!r.ok) throw new Error(r.reason);
    expect(r.projection.fittedYears).toEqual([2019, 2020, 2021, 2022, 2023]);
    expect(r.projection.reachesTargetIn).toBe(2029);
    expect(r.projection.reachesTargetByTargetYear).toBe(true);
    expect(r.projection.projected.map((p) => p.year)).toEqual([2024, 2025, 2026, 2027, 2028, 2029, 2030, 2031]);
    expect(r.projection.projected[0]!.tco2e).toBeCloseTo(55, 9);
    expect(r.projection.projected[6]!.tco2e).toBeCloseTo(1, 9); // 2030: 82 − 81
    expect(r.projection.projected[7]!.tco2e).toBe(0); // 2031: 82 − 90 = −8, floored
  });

  it('rounds a crossing part-way through a year up to the next whole year', () => {
    // Target level 0: 82 / 9 = 9.11 years after 2021 → 2030.11 → 2031; a 2030 target is missed.
    const r = projectTrend(points, 5, 2030, 0);
    if (!r.ok) throw new Error(r.reason);
    expect(r.projection.reachesTargetIn).toBe(2031);
    expect(r.projection.reachesTargetByTargetYear).toBe(false);
  });

  it('fits only the last N years', () => {
    // Last 2: (2022, 70), (2023, 65): slope −5; target 50 → 2023 + 15 / 5 = 2026.
    const r = projectTrend(points, 2, 2030, 50);
    if (!r.ok) throw new Error(r.reason);
    expect(r.projection.fittedYears).toEqual([2022, 2023]);
    expect(r.projection.line.slopeTco2ePerYear).toBeCloseTo(-5, 9);
    expect(r.projection.reachesTargetIn).toBe(2026);
  });

  it('uses fewer years when fewer are available, but needs two', () => {
    const two = projectTrend(points.slice(0, 2), 5, 2030, 0);
    expect(two.ok && two.projection.fittedYears).toEqual([2019, 2020]);
    expect(projectTrend(points.slice(0, 1), 5, 2030, 0)).toEqual({ ok: false, reason: targetMsg.noTrendTooFew(1, 2) });
  });

  it('has no crossing when the trend is flat or rising, and says why', () => {
    const r = projectTrend([{ year: 2020, tco2e: 50 }, { year: 2021, tco2e: 60 }], 5, 2030, 10);
    if (!r.ok) throw new Error(r.reason);
    expect(r.projection.reachesTargetIn).toBeNull();
    expect(r.projection.noCrossingReason).toBe(targetMsg.noCrossingNotFalling);
    expect(r.projection.reachesTargetByTargetYear).toBe(false);
  });

  it('never dates the crossing before the first fitted year', () => {
    // 2020: 8, 2021: 6 (slope −2); target 10 is met by the line from the start.
    const r = projectTrend([{ year: 2020, tco2e: 8 }, { year: 2021, tco2e: 6 }], 5, 2030, 10);
    expect(r.ok && r.projection.reachesTargetIn).toBe(2020);
  });
});

describe('a trend across a step in coverage', () => {
  const k = (group: string): string => partKey({ group, site: null, survey: group === 'commuting' ? 5 : null });
  // Energy falls 100 t a year; commuting (300 t) is counted from the first survey in 2022.
  const points = [2020, 2021, 2022, 2023, 2024].map((year) => {
    const energy = 1000 - 100 * (year - 2020);
    const parts = new Map([[k('electricity'), energy], ...(year >= 2022 ? [[k('commuting'), 300] as [string, number]] : [])]);
    return { year, tco2e: energy + (year >= 2022 ? 300 : 0), parts };
  });

  it('is fitted to what every year counts, with the new part held at its latest level: the step is neither a rise nor a fall', () => {
    const r = projectTrend(points, 5, 2030, 0);
    if (!r.ok) throw new Error(r.reason);
    // Like for like the line falls 100 t a year through 2024's 900 t (600 energy + 300 commuting).
    expect(r.projection.line.slopeTco2ePerYear).toBeCloseTo(-100, 9);
    expect(lineAt(r.projection.line, 2024)).toBeCloseTo(900, 9);
    expect(r.projection.likeForLike).toEqual({ steps: [{ group: 'commuting', sites: [], surveyChanged: false }], heldAtYear: 2024 });
    // Without the parts, the step reads as a much slower fall.
    const plain = projectTrend(points.map(({ year, tco2e }) => ({ year, tco2e })), 5, 2030, 0);
    if (!plain.ok) throw new Error(plain.reason);
    expect(plain.projection.line.slopeTco2ePerYear).toBeCloseTo(-10, 9);
    expect(plain.projection.likeForLike).toBeNull();
  });
});
