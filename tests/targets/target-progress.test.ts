import { describe, expect, it } from 'vitest';
import { STATUS_RULES, targetMsg } from '../../src/targets/target-text.js';
import { targetProgress, type ProgressInput, type TargetProgress } from '../../src/targets/target-progress.js';
import { judgeStatus } from '../../src/targets/status.js';
import { AT_RISK_MARGIN_PCT_POINTS } from '../../src/targets/thresholds.js';
import type { Target, YearActual } from '../../src/targets/types.js';
import { makeTarget } from './make-target.js';

function progress(target: Target, input: ProgressInput): TargetProgress {
  const r = targetProgress(target, input);
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
  return r.progress;
}

const full = (year: number, tco2e: number): YearActual => ({ year, tco2e, complete: true });

describe('targetProgress: 28% by 2020/21 on 2013/14, baseline from the ledger', () => {
  // Pathway (40 t a year): 2013 1000, 2014 960, 2015 920, 2016 880, 2017 840, 2018 800, 2019 760, 2020 720.
  const p = progress(makeTarget(), {
    actuals: [full(2013, 1000), full(2014, 950), full(2015, 950), full(2016, 950), full(2017, 800), { year: 2018, tco2e: 900, complete: false, qualityTier: 'SC' }],
  });
  const row = (y: number) => p.rows.find((r) => r.year === y)!;

  it('takes the baseline from the actuals and labels financial years', () => {
    expect(p.baseline).toEqual({ year: 2013, label: '2013/14', tco2e: 1000, origin: 'ledger', source: null });
    expect(p.targetTco2e).toBeCloseTo(720, 9);
    expect(p.rows.map((r) => r.label)).toEqual(['2013/14', '2014/15', '2015/16', '2016/17', '2017/18', '2018/19', '2019/20', '2020/21']);
  });

  it('gives the gap in tonnes and in percentage points of the baseline', () => {
    // 2015: 950 − 920 = 30 t; required cut 8%, actual cut 5% → 3 points behind.
    expect(row(2015).gapTco2e).toBeCloseTo(30, 9);
    expect(row(2015).requiredReductionPct).toBeCloseTo(8, 9);
    expect(row(2015).actualReductionPct).toBeCloseTo(5, 9);
    expect(row(2015).gapPctPoints).toBeCloseTo(3, 9);
    // 2017: 800 − 840 = −40 t, 4 points ahead.
    expect(row(2017).gapPctPoints).toBeCloseTo(-4, 9);
    expect(row(2019).actualTco2e).toBeNull();
    expect(row(2019).gapTco2e).toBeNull();
  });

  it('judges each complete year by the status rules', () => {
    expect(row(2013)).toMatchObject({ status: 'on-track', statusReason: 'at-or-below-pathway' });
    expect(row(2014)).toMatchObject({ status: 'on-track', statusReason: 'at-or-below-pathway' }); // 950 ≤ 960
    expect(row(2015)).toMatchObject({ status: 'at-risk', statusReason: 'within-margin' }); // 3 points ≤ 5
    // 2016: 70 t = 7 points over. Trend over 2013–2016 (1000, 950, 950, 950): x̄ 2014.5, ȳ 962.5,
    // Σdxdy = −1.5×37.5 − 0.5×(−12.5) + 0.5×(−12.5) + 1.5×(−12.5) = −75, Σdx² = 5, slope −15;
    // at 2020: 962.5 − 15 × 5.5 = 880 > 720, so the trend misses: off track.
    expect(row(2016)).toMatchObject({ status: 'off-track', statusReason: 'above-margin-and-trend-misses' });
    expect(row(2017)).toMatchObject({ status: 'on-track' });
  });

  it('shows an incomplete year but does not judge it, and says so', () => {
    expect(row(2018)).toMatchObject({ actualTco2e: 900, complete: false, qualityTier: 'SC', used: false, status: null, statusReason: null });
    expect(row(2018).gapTco2e).toBeCloseTo(100, 9);
    expect(p.headline?.year).toBe(2017);
    expect(p.warnings).toContainEqual({ code: 'incomplete_years', message: targetMsg.incompleteYears(['2018/19']) });
    expect(p.warnings).toContainEqual({ code: 'headline_not_latest', message: targetMsg.headlineNotLatest('2018/19', '2017/18') });
  });

  it('sums the carbon budget allowed and emitted, leaving the incomplete year out', () => {
    // Allowed 2013–2017: 1000 + 960 + 920 + 880 + 840 = 4,600. Emitted: 1000 + 950 × 3 + 800 = 4,650.
    expect(p.budget.comparedYears).toEqual([2013, 2014, 2015, 2016, 2017]);
    expect(p.budget.allowedInComparedYearsTco2e).toBeCloseTo(4600, 9);
    expect(p.budget.emittedInComparedYearsTco2e).toBe(4650);
    expect(p.budget.overBudgetTco2e).toBeCloseTo(50, 9);
    // Whole pathway 2013–2020: 6,880.
    expect(p.budget.pathwayTotalTco2e).toBeCloseTo(6880, 9);
    expect(row(2014).cumulativeAllowedTco2e).toBeCloseTo(1960, 9);
    expect(row(2014).cumulativeEmittedTco2e).toBe(1950);
    // 2018: allowed 4,600 + 800; emitted unchanged, the incomplete 900 is not added.
    expect(row(2018).cumulativeAllowedTco2e).toBeCloseTo(5400, 9);
    expect(row(2018).cumulativeEmittedTco2e).toBe(4650);
    expect(row(2018).cumulativeAllowedComparedTco2e).toBeCloseTo(4600, 9);
  });

  it('compares emitted with allowed over the same years when the baseline predates the data', () => {
    // Declared 1990 baseline 2,000 t, 50% by 2010: 50 t a year, so 2008 allows 1,100 and 2009 1,050.
    const q = progress(makeTarget({ basis: 'calendar', baselineYear: 1990, targetYear: 2010, reductionPct: 50, baseline: { tco2e: 2000, source: 'estimate' } }), { actuals: [full(2008, 1000), full(2009, 1000)] });
    const r2009 = q.rows.find((r) => r.year === 2009)!;
    expect(q.rows.find((r) => r.year === 2007)!.cumulativeAllowedComparedTco2e).toBeNull();
    expect(r2009.cumulativeEmittedTco2e).toBe(2000);
    expect(r2009.cumulativeAllowedComparedTco2e).toBeCloseTo(2150, 9);
    // 1990–2009: 20 years from 2,000 down to 1,050, averaging 1,525 → 30,500.
    expect(r2009.cumulativeAllowedTco2e).toBeCloseTo(30500, 9);
  });

  it('projects the trend over the last five complete years', () => {
    // (1000, 950, 950, 950, 800) over 2013–2017: x̄ 2015, ȳ 930, dy 70, 20, 20, 20, −130;
    // Σdxdy = −140 − 20 + 0 + 20 − 260 = −400, Σdx² = 10, slope −40.
    // Reaches 720 at 2015 + (930 − 720) / 40 = 2020.25 → 2021: after the target year.
    const proj = p.projection!;
    expect(proj.fittedYears).toEqual([2013, 2014, 2015, 2016, 2017]);
    expect(proj.line.slopeTco2ePerYear).toBeCloseTo(-40, 9);
    expect(proj.reachesTargetIn).toBe(2021);
    expect(proj.reachesTargetByTargetYear).toBe(false);
    expect(proj.projected.map((x) => Math.round(x.tco2e))).toEqual([810, 770, 730]); // 2018–2020
    expect(p.projectionNote).toBeNull();
  });

  it('checks the final target as a milestone', () => {
    expect(p.milestones).toEqual([{ label: '2020/21', fromYear: 2020, toYear: 2020, reductionPct: 28, levelTco2e: 720, state: 'pending', metIn: null, final: true }]);
  });
});

describe('status rules', () => {
  it('uses the trend to call a year at risk rather than off track', () => {
    // Pathway 1000 → 960 → 920. 2014: 1100 (140 t over, trend rising) is off track.
    // 2015: 980 is 60 t (6 points) over, but the last 2 years (1100, 980) fall 120 t a year:
    // 980 − 120 (y − 2015) = 720 at y = 2017.17 → 2018, before 2020: at risk.
    const p = progress(makeTarget({ trendYears: 2 }), { actuals: [full(2013, 1000), full(2014, 1100), full(2015, 980)] });
    expect(p.rows[1]).toMatchObject({ status: 'off-track', statusReason: 'above-margin-and-trend-misses' });
    expect(p.rows[2]).toMatchObject({ status: 'at-risk', statusReason: 'trend-reaches-target' });
    expect(p.projection?.reachesTargetIn).toBe(2018);
  });

  it('puts the margin boundary at exactly the stated points, and drops the trend from the target year', () => {
    expect(AT_RISK_MARGIN_PCT_POINTS).toBe(5);
    const base = { gapTco2e: 50, beforeTargetYear: true, trendReachesTarget: false };
    expect(judgeStatus({ ...base, gapTco2e: 0, gapPctPoints: 0 }).status).toBe('on-track');
    expect(judgeStatus({ ...base, gapPctPoints: 5 }).status).toBe('at-risk');
    expect(judgeStatus({ ...base, gapPctPoints: 5.01 }).status).toBe('off-track');
    expect(judgeStatus({ ...base, gapPctPoints: 30, trendReachesTarget: true })).toEqual({ status: 'at-risk', reason: 'trend-reaches-target' });
    expect(judgeStatus({ ...base, gapPctPoints: 30, trendReachesTarget: true, beforeTargetYear: false }).status).toBe('off-track');
  });

  it('states the rules with the margin the code uses', () => {
    expect(STATUS_RULES.join(' ')).toContain(`no more than ${AT_RISK_MARGIN_PCT_POINTS} percentage points of the baseline`);
  });
});

describe('milestones stated as a range', () => {
  // Baseline 2000: 1,000 t declared. 50% over 2004–2006 (level 500), net zero 2010.
  const t = makeTarget({
    baselineYear: 2000, targetYear: 2010, reductionPct: 100, basis: 'calendar', baseline: { tco2e: 1000, source: 'declared' },
    interim: [{ reductionPct: 50, fromYear: 2004, toYear: 2006, pathwayYear: 2005 }],
  });
  const state = (actuals: YearActual[]) => progress(t, { actuals }).milestones[0]!;

  it('is met by any year in the range', () => {
    expect(state([full(2004, 600), full(2005, 480), full(2006, 520)])).toMatchObject({ label: '2004–2006', state: 'met', metIn: 2005, levelTco2e: 500 });
  });

  it('is missed once the range is past without reaching it, pending before, no-data if the range has no figures', () => {
    expect(state([full(2004, 600), full(2005, 600), full(2006, 600), full(2007, 400)]).state).toBe('missed');
    expect(state([full(2004, 600)]).state).toBe('pending');
    expect(state([full(2003, 600), full(2007, 600)]).state).toBe('no-data');
  });
});

describe('baselines, boundaries and data quality', () => {
  it('refuses a target with no baseline figure and says what to do', () => {
    const r = targetProgress(makeTarget({ baselineYear: 1990, basis: 'calendar' }), { actuals: [full(2013, 900)] });
    expect(r).toEqual({ ok: false, problems: [{ code: 'no_baseline', target: 't', org: 'north-acute', field: null, message: targetMsg.noBaseline('t', 'north-acute', '1990') }] });
  });

  it('refuses a zero baseline, a negative actual and a year given twice', () => {
    const zero = targetProgress(makeTarget(), { actuals: [full(2013, 0)] });
    expect(!zero.ok && zero.problems[0]!.code).toBe('baseline_not_positive');
    const bad = targetProgress(makeTarget(), { actuals: [full(2013, 100), full(2014, -1), full(2014, 5)] });
    expect(!bad.ok && bad.problems.map((x) => x.code)).toEqual(['bad_actual', 'duplicate_actual']);
  });

  it('prefers the declared baseline and warns when the ledger disagrees by more than 5%', () => {
    const p = progress(makeTarget({ baseline: { tco2e: 1000, source: 'audited 2013/14 return' } }), { actuals: [full(2013, 1100), full(2014, 950)] });
    expect(p.baseline).toMatchObject({ tco2e: 1000, origin: 'declared', source: 'audited 2013/14 return' });
    // |1100 − 1000| / 1000 = 10%
    expect(p.warnings).toContainEqual({ code: 'declared_baseline_differs', message: targetMsg.declaredBaselineDiffers('2013/14', 1000, 1100, 10) });
  });

  it('carries the excluded sites through, and reminds that a declared baseline must match', () => {
    const t = makeTarget({ baselineYear: 1990, baseline: { tco2e: 2000, source: 'estimate' }, excludeSites: ['old-site'] });
    expect(progress(t, { actuals: [full(2013, 900)] }).excludedSites).toEqual(['old-site']);
    const p = progress(t, { actuals: [full(2013, 900)], excludedSites: ['west-wing', 'east-wing'] });
    expect(p.excludedSites).toEqual(['east-wing', 'west-wing']);
    expect(p.warnings).toContainEqual({ code: 'declared_baseline_excluded_sites', message: targetMsg.declaredBaselineExcludedSites(['east-wing', 'west-wing']) });
  });

  it('uses incomplete years when nothing else exists, and says so', () => {
    const p = progress(makeTarget(), { actuals: [{ year: 2013, tco2e: 1000, complete: false }, { year: 2014, tco2e: 990, complete: false }] });
    expect(p.rows.slice(0, 2).map((r) => r.used)).toEqual([true, true]);
    expect(p.headline).toMatchObject({ year: 2014, status: 'at-risk' }); // 990 − 960 = 30 t, 3 points
    expect(p.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['only_incomplete', 'baseline_incomplete']));
  });

  it('leaves actuals before the baseline out, and has no projection from a single year', () => {
    const p = progress(makeTarget({ baselineYear: 2015, basis: 'calendar' }), { actuals: [full(2013, 900), full(2014, 950), full(2015, 1000)] });
    expect(p.rows[0]!.year).toBe(2015);
    expect(p.warnings).toContainEqual({ code: 'actuals_before_baseline', message: targetMsg.actualsBeforeBaseline(['2013', '2014'], '2015') });
    expect(p.projection).toBeNull();
    expect(p.projectionNote).toBe(targetMsg.noTrendTooFew(1, 2));
  });

  it('extends the rows past the target year when actuals do, holding the target level', () => {
    const p = progress(makeTarget(), { actuals: [full(2013, 1000), full(2022, 700)] });
    const last = p.rows[p.rows.length - 1]!;
    expect(last).toMatchObject({ year: 2022, label: '2022/23', status: 'on-track' });
    expect(last.requiredTco2e).toBeCloseTo(720, 9);
  });

  it('warns that a compound pathway to net zero ends in a straight line', () => {
    const p = progress(makeTarget({ pathway: 'compound', targetYear: 2030, reductionPct: 100 }), { actuals: [full(2013, 1000)] });
    expect(p.warnings).toContainEqual({ code: 'compound_to_zero', message: targetMsg.compoundToZero('2013/14', '2030/31') });
  });
});
