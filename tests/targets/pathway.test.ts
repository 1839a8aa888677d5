import { describe, expect, it } from 'vitest';
import { pathwayAnchors, pathwayBudgetTco2e, pathwaySegments, requiredTco2e } from '../../src/targets/pathway.js';
import { makeTarget } from './make-target.js';

const path = (t: ReturnType<typeof makeTarget>, baselineTco2e: number) => pathwaySegments(pathwayAnchors(t, baselineTco2e), t.pathway);

describe('linear pathway', () => {
  // Baseline 2013: 1,000 t; 28% by 2020 → 720 t. 280 t over 7 years = 40 t a year.
  const segments = path(makeTarget(), 1000);

  it('cuts the same tonnes every year', () => {
    expect(requiredTco2e(segments, 2013)).toBe(1000);
    expect(requiredTco2e(segments, 2014)).toBeCloseTo(960, 9); // 1000 − 40
    expect(requiredTco2e(segments, 2017)).toBeCloseTo(840, 9); // 1000 − 4 × 40
    expect(requiredTco2e(segments, 2020)).toBeCloseTo(720, 9);
    expect(segments).toHaveLength(1);
    expect(segments[0]!.annualCutTco2e).toBeCloseTo(40, 9);
  });

  it('holds the target level after the target year and has no value before the baseline', () => {
    expect(requiredTco2e(segments, 2024)).toBeCloseTo(720, 9);
    expect(requiredTco2e(segments, 2012)).toBeNull();
  });

  it('adds up to the carbon budget, baseline and target years included', () => {
    // 1000 + 960 + 920 + 880 + 840 + 800 + 760 + 720 = 8 years averaging 860 = 6,880
    expect(pathwayBudgetTco2e(segments, 2013, 2020)).toBeCloseTo(6880, 9);
    // 1000 + 960 + 920 = 2,880
    expect(pathwayBudgetTco2e(segments, 2013, 2015)).toBeCloseTo(2880, 9);
  });

  it('passes through interim milestones piecewise', () => {
    // 2010: 1,000; 2015: 50% → 500 (100 a year); 2020: 60% → 400 (20 a year).
    const s = path(makeTarget({ baselineYear: 2010, targetYear: 2020, reductionPct: 60, interim: [{ reductionPct: 50, fromYear: 2015, toYear: 2015, pathwayYear: 2015 }] }), 1000);
    expect(requiredTco2e(s, 2012)).toBeCloseTo(800, 9); // 1000 − 2 × 100
    expect(requiredTco2e(s, 2015)).toBeCloseTo(500, 9);
    expect(requiredTco2e(s, 2018)).toBeCloseTo(440, 9); // 500 − 3 × 20
    expect(s.map((x) => x.annualCutTco2e)).toEqual([100, 20]);
  });

  it('passes through the midpoint of a range milestone, which may be a half year', () => {
    // 2000: 1,000; 55% over 2005–2006 → 450 t at 2005.5: 550 t over 5.5 years = 100 a year.
    // Net zero in 2010: 450 t over the 4.5 years from 2005.5 = 100 a year again.
    const s = path(makeTarget({ baselineYear: 2000, targetYear: 2010, reductionPct: 100, interim: [{ reductionPct: 55, fromYear: 2005, toYear: 2006, pathwayYear: 2005.5 }] }), 1000);
    expect(requiredTco2e(s, 2005)).toBeCloseTo(500, 9);
    expect(requiredTco2e(s, 2006)).toBeCloseTo(400, 9);
    expect(requiredTco2e(s, 2009)).toBeCloseTo(100, 9);
    expect(requiredTco2e(s, 2010)).toBe(0);
    // 1000 + 900 + … + 100 + 0 = 5,500
    expect(pathwayBudgetTco2e(s, 2000, 2010)).toBeCloseTo(5500, 9);
  });

  it('follows the NHS Carbon Footprint shape: 80% at 2030, zero at 2040', () => {
    // 1990: 1,000 → 200 at 2030 (20 a year) → 0 at 2040 (20 a year).
    const s = path(makeTarget({ baselineYear: 1990, targetYear: 2040, reductionPct: 100, interim: [{ reductionPct: 80, fromYear: 2028, toYear: 2032, pathwayYear: 2030 }] }), 1000);
    expect(requiredTco2e(s, 2010)).toBeCloseTo(600, 9);
    expect(requiredTco2e(s, 2028)).toBeCloseTo(240, 9);
    expect(requiredTco2e(s, 2035)).toBeCloseTo(100, 9);
  });
});

describe('compound pathway', () => {
  it('cuts the same percentage every year', () => {
    // 2010: 1,000; 19% by 2012 → 810. 810 / 1000 = 0.81 = 0.9², so 10% a year: 2011 is 900.
    const s = path(makeTarget({ baselineYear: 2010, targetYear: 2012, reductionPct: 19, pathway: 'compound' }), 1000);
    expect(requiredTco2e(s, 2011)).toBeCloseTo(900, 9);
    expect(requiredTco2e(s, 2012)).toBeCloseTo(810, 9);
    expect(s[0]!.shape).toBe('compound');
    expect(s[0]!.annualReductionPct).toBeCloseTo(10, 9);
    // 1000 + 900 + 810 = 2,710
    expect(pathwayBudgetTco2e(s, 2010, 2012)).toBeCloseTo(2710, 9);
  });

  it('keeps a constant rate between milestones, then falls linearly to net zero', () => {
    // 2020: 1,000; 75% by 2022 → 250: 250/1000 = 0.25 = 0.5², so 50% a year (2021: 500).
    // A constant rate never reaches zero, so 2022 → 2024 is linear: 125 a year (2023: 125, 2024: 0).
    const s = path(makeTarget({ baselineYear: 2020, targetYear: 2024, reductionPct: 100, pathway: 'compound', interim: [{ reductionPct: 75, fromYear: 2022, toYear: 2022, pathwayYear: 2022 }] }), 1000);
    expect(requiredTco2e(s, 2021)).toBeCloseTo(500, 9);
    expect(requiredTco2e(s, 2022)).toBeCloseTo(250, 9);
    expect(requiredTco2e(s, 2023)).toBeCloseTo(125, 9);
    expect(requiredTco2e(s, 2024)).toBe(0);
    expect(s.map((x) => x.shape)).toEqual(['compound', 'linear']);
    expect(s[0]!.annualReductionPct).toBeCloseTo(50, 9);
    expect(s[1]!.annualCutTco2e).toBeCloseTo(125, 9);
  });

  it('is linear all the way to net zero when there is no milestone before it', () => {
    const s = path(makeTarget({ baselineYear: 2020, targetYear: 2030, reductionPct: 100, pathway: 'compound' }), 1000);
    expect(requiredTco2e(s, 2025)).toBeCloseTo(500, 9);
    expect(s[0]!.shape).toBe('linear');
  });
});
