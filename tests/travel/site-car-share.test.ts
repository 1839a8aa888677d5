/**
 * Private-car shares of journeys to a site (issue 17, part 3): staff, patients and visitors, and
 * everyone weighted by their journeys, with intervals, and the share had the digitally avoided
 * journeys been made; and a target for it judged by the emission targets' status rules.
 *
 * The waves are written here as the ledger returns them, so every figure can be worked by hand.
 * The expected figures were worked separately from the formulas in the comments (Kish effective
 * sample size, Wilson 95% interval, z = 1.959964).
 */

import { describe, expect, it } from 'vitest';
import { carShareTargets } from '../../src/targets/car-share-targets.js';
import { isPrivateCar, siteCarShares, weightedShare, wilson } from '../../src/travel/site-car-share.js';
import type { StoredResponse, StoredVisitorResponse, SurveyWave, VisitorWave } from '../../src/travel/waves.js';
import { ConfigSchema } from '../../src/workspace/config.js';

function staff(mode: StoredResponse['mode'], days: number | null, site = 'Main Hospital', extra: Partial<StoredResponse> = {}): StoredResponse {
  return { batchId: 1, fileName: 'staff.csv', line: 2, respondent: null, site, staffGroup: null, mode, occupants: mode === 'car_share' ? 2 : 1, oneWayKm: 10, daysPerWeek: days, detail: null, carFuel: null, carSize: null, carShareRole: null, ...extra };
}

function visitor(type: StoredVisitorResponse['respondentType'], mode: StoredVisitorResponse['mode'], journeys: number, detail: string | null = null, site = 'Main Hospital'): StoredVisitorResponse {
  return { batchId: 2, fileName: 'visitors.csv', line: 2, respondent: null, site, respondentType: type, mode, detail, carShareRole: null, occupants: null, oneWayKm: 8, journeysPerVisit: journeys, journeysAssumed: false, carFuel: null, carSize: null };
}

const dated = (startYear: number) => ({ startYear, financialYear: `${String(startYear)}/${String((startYear + 1) % 100).padStart(2, '0')}`, date: `${String(startYear)}-10-15`, datedBy: 'label_season' as const, winter: false });

function staffWave(label: string, startYear: number, responses: StoredResponse[]): SurveyWave {
  return { label, dating: dated(startYear), files: ['staff.csv'], lastBatchId: 1, responses };
}

function visitorWave(label: string, startYear: number, responses: StoredVisitorResponse[]): VisitorWave {
  return { label, dating: dated(startYear), files: ['visitors.csv'], lastBatchId: 2, responses };
}

const org = (travel: Record<string, unknown> = {}) => ConfigSchema.parse({
  version: 1,
  organisations: [{
    id: 'north-acute', name: 'North Acute', kind: 'nhs-trust',
    sites: [{ id: 'main', name: 'Main Hospital' }, { id: 'community', name: 'Community Hospital' }],
    travel: {
      headcount: [{ year: '2023/24', site: 'main', headcount: 3000 }],
      patientActivity: [{ year: '2023/24', site: 'main', outpatientAttendances: 150_000, aeAttendances: 50_000, source: 'SUS extract 2023/24' }],
      avoided: [{ year: '2023/24', site: 'main', appointments: 10_000, roundTripKm: 20, modeMix: { drive_alone: 0.6, car_share: 0.1, bus: 0.3 }, source: 'Outpatient video consultations 2023/24' }],
      ...travel,
    },
  }],
}).organisations[0]!;

// Staff at Main Hospital, journeys = 2 × days: drive alone 5 days (10, car), car share passenger 3 (6, car),
// bus 5 (10), cycle 2 (4), works from home (0). Σw = 30, car 16: 53.333%; Σw² = 252, n = 900 ÷ 252 = 3.5714.
const STAFF_MAIN = [staff('drive_alone', 5), staff('car_share', 3, 'Main Hospital', { carShareRole: 'passenger' }), staff('bus', 5), staff('cycle', 2), staff('work_from_home', null)];
// Patients and visitors at Main Hospital, by journeys per visit: patient driving (2, car), patient by bus (2),
// visitor as a car passenger (2, car), carer by taxi (2, car), patient walking (2), visitor driving twice (4, car).
// Σw = 14, car 10: 71.429%; Σw² = 36, n = 196 ÷ 36 = 5.4444. Three patients.
const PV_MAIN = [visitor('patient', 'drive_alone', 2), visitor('patient', 'bus', 2), visitor('visitor', 'car_share', 2), visitor('carer', 'other', 2, 'taxi'), visitor('patient', 'walk', 2), visitor('visitor', 'drive_alone', 4)];

describe('private-car share of journeys to a site', () => {
  it('counts driving alone, car sharing either way and taxis as private car; not motorbikes or buses', () => {
    expect(['drive_alone', 'car_share'].every((m) => isPrivateCar(m, null))).toBe(true);
    expect(isPrivateCar('other', 'taxi')).toBe(true);
    expect(isPrivateCar('other', 'ferry')).toBe(false);
    expect(isPrivateCar('motorbike', null)).toBe(false);
    expect(isPrivateCar('bus', 'park_and_ride')).toBe(false);
  });

  it('a weighted share and its Wilson interval on the effective sample size, as worked by hand', () => {
    const s = weightedShare(STAFF_MAIN.map((r) => ({ w: r.daysPerWeek === null ? 0 : 2 * r.daysPerWeek, car: isPrivateCar(r.mode, r.detail) })), 'w')!;
    expect(s.pct).toBeCloseTo(53.3333, 4);
    expect(s.effectiveN).toBeCloseTo(3.5714, 4);
    expect(s.respondents).toBe(4);
    expect(s.lowPct).toBeCloseTo(15.6510, 3);
    expect(s.highPct).toBeCloseTo(87.5609, 3);
    // 40 answers against 4,000: the same share, a far narrower interval.
    const [lo40, hi40] = wilson(0.6, 40);
    const [lo4000, hi4000] = wilson(0.6, 4000);
    expect(hi40 - lo40).toBeGreaterThan(0.28);
    expect(hi4000 - lo4000).toBeLessThan(0.031);
  });

  it('per site: staff, patients and visitors, and all together weighted by their journeys, with and without the avoided journeys', () => {
    const o = org();
    const [main, ...rest] = siteCarShares(o, [staffWave('2023 autumn', 2023, [...STAFF_MAIN, staff('walk', 5, 'Community Hospital')])], [visitorWave('2023 patient survey', 2023, PV_MAIN)], [2023]);
    expect(main).toMatchObject({ site: 'Main Hospital', year: '2023/24' });
    expect(main!.staff!.pct).toBeCloseTo(53.3333, 4);
    expect(main!.patientsVisitors!.pct).toBeCloseTo(71.4286, 4);
    expect(main!.patientsVisitors!.lowPct).toBeCloseTo(32.1855, 3);
    expect(main!.patientsVisitors!.highPct).toBeCloseTo(92.9422, 3);
    // Staff journeys: 3,000 headcount × (30 ÷ 5 respondents) a week × 46 weeks = 828,000.
    expect(main!.staffJourneys).toBeCloseTo(828_000, 6);
    // Patient and visitor journeys: (150,000 + 50,000) contacts × (14 journeys ÷ 3 patients) = 933,333.3.
    expect(main!.patientVisitorJourneys).toBeCloseTo(933_333.333, 2);
    // All: (828,000 × 0.53333 + 933,333.3 × 0.71429) ÷ 1,761,333.3 = 62.922%, interval 31.36–94.48%.
    expect(main!.all!.pct).toBeCloseTo(62.9220, 3);
    expect(main!.all!.lowPct).toBeCloseTo(31.3635, 3);
    expect(main!.all!.highPct).toBeCloseTo(94.4806, 3);
    // 10,000 appointments avoided = 20,000 journeys, 70% by car (14,000):
    // patients and visitors (0.71429 × 933,333.3 + 14,000) ÷ 953,333.3 = 71.399%; all 63.001%.
    expect(main!.avoidedJourneys).toBe(20_000);
    expect(main!.patientsVisitorsWithoutAvoidedPct).toBeCloseTo(71.3986, 3);
    expect(main!.allWithoutAvoidedPct).toBeCloseTo(63.0015, 3);
    // Community Hospital: staff only (one walker), no headcount or contacts there: no combined share, and why.
    expect(rest).toHaveLength(1);
    expect(rest[0]!.staff!.pct).toBe(0);
    expect(rest[0]!.patientsVisitors).toBeNull();
    expect(rest[0]!.all).toBeNull();
    expect(rest[0]!.allMissing).toMatch(/no patient and visitor survey answers/);
  });

  it('two sites, each with a staff and a patient and visitor survey: each its own shares, as worked by hand', () => {
    const o = org({
      headcount: [{ year: '2023/24', site: 'main', headcount: 3000 }, { year: '2023/24', site: 'community', headcount: 500 }],
      patientActivity: [
        { year: '2023/24', site: 'main', outpatientAttendances: 150_000, aeAttendances: 50_000, source: 'SUS extract 2023/24' },
        { year: '2023/24', site: 'community', patientContacts: 40_000, source: 'Community activity return 2023/24' },
      ],
    });
    // Community Hospital, staff: walking 5 days (10), driving alone 4 (8, car): 8 of 18 = 44.444%, n = 18² ÷ 164 = 1.9756.
    // Patients and visitors: a patient driving (2, car), a visitor walking (2): 50%, n = 2.
    const staffCommunity = [staff('walk', 5, 'Community Hospital'), staff('drive_alone', 4, 'Community Hospital')];
    const pvCommunity = [visitor('patient', 'drive_alone', 2, null, 'Community Hospital'), visitor('visitor', 'walk', 2, null, 'Community Hospital')];
    const shares = siteCarShares(o, [staffWave('2023 autumn', 2023, [...STAFF_MAIN, ...staffCommunity])], [visitorWave('2023 patient survey', 2023, [...PV_MAIN, ...pvCommunity])], [2023]);
    expect(shares.map((x) => x.site)).toEqual(['Main Hospital', 'Community Hospital']);
    const main = shares[0]!;
    const community = shares[1]!;
    // Main Hospital is as in the test above: its answers alone, never pooled with the other site's.
    expect(main.all!.pct).toBeCloseTo(62.9220, 3);
    expect(community.staff!.pct).toBeCloseTo(44.4444, 4);
    expect(community.staff!.lowPct).toBeCloseTo(7.5667, 3);
    expect(community.staff!.highPct).toBeCloseTo(88.6597, 3);
    expect(community.patientsVisitors!.pct).toBe(50);
    expect(community.patientsVisitors!.lowPct).toBeCloseTo(9.4531, 3);
    // Volumes: staff 500 × (18 ÷ 2) a week × 46 = 207,000; patients and visitors 40,000 × (4 journeys ÷ 1 patient) = 160,000.
    expect([community.staffJourneys, community.patientVisitorJourneys]).toEqual([207_000, 160_000]);
    // All: (207,000 × 0.44444 + 160,000 × 0.5) ÷ 367,000 = 46.866%; its normal interval reaches below zero and is clipped: 0–96.26%.
    expect(community.all!.pct).toBeCloseTo(46.8665, 3);
    expect(community.all!.lowPct).toBe(0);
    expect(community.all!.highPct).toBeCloseTo(96.2634, 3);
  });

  it('a private-car share target: pathway, status and trend as for emission targets', () => {
    const o = org({ privateCarShare: [{ id: 'main-staff-car', sites: ['main'], who: 'staff', baselineYear: '2023/24', targetYear: '2027/28', targetSharePct: 40 }] });
    // 2025/26: drive alone 5 days (10, car), bus 5 (10), cycle 5 (10): 33.3% of 30.
    const later = [staff('drive_alone', 5), staff('bus', 5), staff('cycle', 5)];
    const shares = siteCarShares(o, [staffWave('2023 autumn', 2023, STAFF_MAIN), staffWave('2025 autumn', 2025, later)], [], [2023, 2024, 2025]);
    const [t] = carShareTargets(o, shares);
    expect(t!.baselinePct).toBeCloseTo(53.3333, 4);
    expect(t!.baselineFrom).toBe('survey');
    // Pathway in 2025/26: 53.333 + (40 − 53.333) × 2 ÷ 4 = 46.667%; 33.3% is below it: on track.
    const y2025 = t!.rows.find((r) => r.year === '2025/26')!;
    expect(y2025.requiredPct).toBeCloseTo(46.6667, 4);
    expect(y2025.actual!.pct).toBeCloseTo(33.3333, 4);
    expect(y2025.status).toBe('on-track');
    // Trend: (33.333 − 53.333) ÷ 2 = −10 points a year, at 40% by 2024/25 (the latest year's or later: 2025/26).
    expect(t!.trendPpPerYear).toBeCloseTo(-10, 6);
    expect(t!.trendReaches).toBe('2025/26');
    expect(t!.headline!.year).toBe('2025/26');
  });

  it('a year above the pathway by more than the margin, with a trend that misses, is off track; no baseline means no judgement', () => {
    const o = org({ privateCarShare: [
      { id: 'up', sites: ['main'], who: 'staff', baselineYear: '2023/24', targetYear: '2027/28', targetSharePct: 40 },
      { id: 'no-base', sites: ['main'], who: 'staff', baselineYear: '2022/23', targetYear: '2027/28', targetSharePct: 40 },
    ] });
    // 2025/26: everyone drives: 100%, far above 46.667%, and the trend rises.
    const shares = siteCarShares(o, [staffWave('2023 autumn', 2023, STAFF_MAIN), staffWave('2025 autumn', 2025, [staff('drive_alone', 5), staff('drive_alone', 3)])], [], [2023, 2025]);
    const [up, noBase] = carShareTargets(o, shares);
    expect(up!.rows.find((r) => r.year === '2025/26')!.status).toBe('off-track');
    expect(up!.trendReaches).toBeNull();
    expect(noBase!.rows).toEqual([]);
    expect(noBase!.problems[0]).toMatch(/no survey measures the share in the baseline year 2022\/23/);
  });
});
