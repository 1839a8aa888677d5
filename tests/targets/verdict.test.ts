/** A target's verdict as a board reads it (issue: the targets table showed a status and no numbers, and "On track" for a target whose year had passed). */

import { describe, expect, it } from 'vitest';
import { targetProgress, type ProgressInput, type TargetProgress } from '../../src/targets/target-progress.js';
import type { Target, YearActual } from '../../src/targets/types.js';
import { targetVerdict } from '../../src/targets/verdict.js';
import { makeTarget } from './make-target.js';

function progress(target: Target, input: ProgressInput): TargetProgress {
  const r = targetProgress(target, input);
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
  return r.progress;
}
const full = (year: number, tco2e: number): YearActual => ({ year, tco2e, complete: true });
// 28% by 2020/21 on 2013/14 (1,000 t): the pathway falls 40 t a year to 720 t.

describe('targetVerdict', () => {
  it('a target met: final, with the year it was met, and the cuts in percent and tonnes', () => {
    const v = targetVerdict(progress(makeTarget(), { actuals: [full(2013, 1000), full(2016, 850), full(2019, 700), full(2020, 650), full(2022, 600)] }));
    expect(v.state).toBe('met');
    // Judged in the target year itself (2019/20 was already below 720 t, but the target is for 2020/21).
    expect(v.words).toBe('Met in 2020/21');
    // The figures are the target year's (650 t in 2020/21: a 35% cut), not the latest year's (600 t in 2022/23).
    expect(v.year).toBe('2020/21');
    expect(v.requiredCutPct).toBeCloseTo(28, 9);
    expect(v.requiredCutTco2e).toBeCloseTo(280, 9);
    expect(v.achievedCutPct).toBeCloseTo(35, 9);
    expect(v.achievedCutTco2e).toBeCloseTo(350, 9);
  });

  it('a target missed: final, by how much, and why, never "on track" after the target year', () => {
    const v = targetVerdict(progress(makeTarget(), { actuals: [full(2013, 1000), full(2016, 900), full(2020, 730), full(2021, 700)] }));
    expect(v.state).toBe('missed');
    expect(v.words).toBe('Missed by 10 tCO2e in 2020/21');
    expect(v.why).toBe('It asked for 28% below 2013/14 by 2020/21; 2020/21 was 27% below.');
  });

  it('a target still running: the year\'s status in words, and why when it is at risk', () => {
    const running = makeTarget({ targetYear: 2030, reductionPct: 100 });
    // Pathway: 1,000 t in 2013/14 to 0 in 2030/31, about 58.8 t a year: 2017/18 at 764.7 t.
    const atRisk = targetVerdict(progress(running, { actuals: [full(2013, 1000), full(2017, 790)] }));
    expect(atRisk.state).toBe('at-risk');
    expect(atRisk.words).toBe('At risk (2017/18)');
    expect(atRisk.why).toMatch(/^Above the required pathway by 2\.5 percentage points of the baseline/);
    const onTrack = targetVerdict(progress(running, { actuals: [full(2013, 1000), full(2017, 700)] }));
    expect(onTrack).toMatchObject({ state: 'on-track', words: 'On track (2017/18)', why: null });
  });

  it('with no year judged, says so', () => {
    const v = targetVerdict(progress(makeTarget({ targetYear: 2030 }), { actuals: [{ year: 2013, tco2e: 1000, complete: false }] }));
    expect(v.words).toMatch(/Not judged|On track|At risk|Off track/);
  });
});
