import { describe, expect, it } from 'vitest';
import type { EmissionLine } from '../../src/kernel/emission-line.js';
import { scaleWave } from '../../src/travel/headcount.js';
import { travelMsg } from '../../src/travel/travel-text.js';
import { financialYearPeriod } from '../../src/travel/period.js';
import { commutingEmissions } from '../../src/travel/report.js';
import { emissionsReport } from '../../src/aggregate/emissions-query.js';
import { ConfigSchema } from '../../src/workspace/config.js';
import { library, organisation, WAVE_2023, WAVE_2024, workspace } from './setup.js';

const FY2024 = financialYearPeriod(2024);
const FY2023 = financialYearPeriod(2023);
// Factors read from the shipped 2024 set (`tco2e factors show KEY`), per km or passenger-km.
const CAR_2024 = 0.16691; // car.average.unknown
const BUS_2024 = 0.10846; // bus.local
const RAIL_2024 = 0.03546; // rail.national
const CAR_2023 = 0.16664; // car.average.unknown, 2023
const CAR_WTT_2023 = 0.04366; // car.average.unknown.wtt, 2023

const headcount2024 = { headcount: [{ year: '2024/25', site: 'main', headcount: 200 }, { year: '2024/25', headcount: 300 }] };

async function surveyed() {
  const ws = workspace();
  await ws.importFile('survey-2023.csv', WAVE_2023, '2023 autumn');
  await ws.importFile('survey-2024.csv', WAVE_2024, '2024 autumn');
  return ws;
}

const linesAt = (lines: readonly EmissionLine[], line: number, kind = 'main') => lines.filter((l) => l.trace.line === line && l.kind === kind && l.trace.file === 'survey-2024.csv');

describe('travel: commuting emissions from a survey wave', () => {
  it('uses the factors the tests assume', () => {
    const value = (key: string, year: number) => library.lookup(key, year)!.variants.find((v) => v.unit === 'km' || v.unit === 'passenger_km')!.values.co2e!.kg;
    expect([value('car.average.unknown', 2024), value('bus.local', 2024), value('rail.national', 2024)]).toEqual([CAR_2024, BUS_2024, RAIL_2024]);
    expect([value('car.average.unknown', 2023), value('car.average.unknown.wtt', 2023)]).toEqual([CAR_2023, CAR_WTT_2023]);
  });

  it('works out one respondent\'s year of driving and scales it to the site\'s headcount', async () => {
    const { ledger } = await surveyed();
    const { result } = commutingEmissions(ledger, library, organisation(headcount2024), FY2024);
    // B1 drives alone 10 km each way, 5 days a week, 46 working weeks:
    //   10 km × 2 × 5 × 46 = 4,600 km a year; × 0.16691 kg/km (car.average.unknown, 2024) = 767.786 kg.
    // Main Hospital has 200 staff and 6 usable respondents (B1–B6; B11's "other" has no factor):
    //   scale 200 / 6; the line is 4,600 × 200/6 = 153,333.3 km, 767.786 × 200/6 = 25,592.87 kg.
    const [b1] = linesAt(result.lines, 2);
    expect(b1).toMatchObject({
      org: 'north-acute', site: 'Main Hospital', source: 'commuting:drive_alone', kind: 'main', unit: 'km', factorKey: 'car.average.unknown',
      factorYear: 2024, factorKgPerUnit: CAR_2024, scope: 3, scopeCategory: 7, periodStart: '2024-04-01', periodEnd: '2025-03-31', estimated: true,
      trace: { file: 'survey-2024.csv', line: 2 },
    });
    expect(b1!.quantity).toBeCloseTo((4600 * 200) / 6, 6);
    expect(b1!.kgCo2e).toBeCloseTo((767.786 * 200) / 6, 6);
    expect(b1!.trace.note).toContain('10 km one way × 2 × 5 days a week × 46 weeks = 4600 km a year');
    expect(b1!.trace.note).toContain('×33.3333 to the headcount of Main Hospital');
  });

  it('divides a car share by the people in the car, and leaves out working from home', async () => {
    const { ledger } = await surveyed();
    const { result } = commutingEmissions(ledger, library, organisation(headcount2024), FY2024);
    const scale = 200 / 6;
    // B2 and B3 share a car of 2: 20 × 2 × 4 × 46 = 7,360 km ÷ 2 = 3,680 km each.
    expect(linesAt(result.lines, 3)[0]!.quantity).toBeCloseTo(3680 * scale, 6);
    expect(linesAt(result.lines, 4)[0]!.quantity).toBeCloseTo(3680 * scale, 6);
    // B4 shares a car of 3: 30 × 2 × 3 × 46 = 8,280 km ÷ 3 = 2,760 km.
    expect(linesAt(result.lines, 5)[0]!.quantity).toBeCloseTo(2760 * scale, 6);
    // B6 works from home: no line, but a respondent who counts in the scaling.
    expect(result.lines.filter((l) => l.trace.line === 7 && l.trace.file === 'survey-2024.csv')).toEqual([]);
    const wave = result.waves[0]!;
    expect(wave.modes.find((m) => m.mode === 'work_from_home')).toMatchObject({ respondents: 1, respondentKm: 0, kgCo2e: 0 });
    expect(wave.modes.find((m) => m.mode === 'car_share')).toMatchObject({ respondents: 3, factorKeys: ['car.average.unknown'] });
    expect(wave.modes.find((m) => m.mode === 'car_share')!.respondentKm).toBeCloseTo(3680 + 3680 + 2760, 6);
  });

  it('scales each group to its headcount, shows the response rate, and totals the wave', async () => {
    const { ledger } = await surveyed();
    const { result, warnings } = commutingEmissions(ledger, library, organisation(headcount2024), FY2024);
    const wave = result.waves[0]!;
    expect(wave).toMatchObject({ wave: '2024 autumn', financialYear: '2024/25', share: 1, respondents: 11, usableRespondents: 10, excluded: { missingAnswers: 0, noFactor: 1, conversionFailed: 0 } });
    // Main Hospital: 200 staff, 7 respondents (6 usable). The rest of the 300: 100 staff, 4 respondents
    // (Community Hub and the unknown Annex fall to the organisation's total).
    expect(wave.scaling).toMatchObject({ basis: 'headcount', headcount: 300, unscaledRespondents: 0 });
    expect(wave.scaling.responseRatePct).toBeCloseTo((100 * 11) / 300, 9);
    const [main, rest] = wave.scaling.groups;
    expect(main).toMatchObject({ siteId: 'main', site: 'Main Hospital', headcount: 200, respondents: 7, usableRespondents: 6 });
    expect(main!.responseRatePct).toBeCloseTo(3.5, 9);
    expect(main!.scaleFactor).toBeCloseTo(200 / 6, 9);
    expect(rest).toMatchObject({ siteId: null, headcount: 100, respondents: 4, usableRespondents: 4, scaleFactor: 25, responseRatePct: 4 });
    // Main: cars 4,600 + 3,680 + 3,680 + 2,760 = 14,720 km; bus 8 × 2 × 5 × 46 = 3,680 passenger-km.
    // Rest: car 12 × 2 × 5 × 46 = 5,520 km; train 25 × 2 × 2 × 46 = 4,600 passenger-km; bicycle and walk zero.
    const main2024 = (14720 * CAR_2024 + 3680 * BUS_2024) * (200 / 6);
    const rest2024 = (5520 * CAR_2024 + 4600 * RAIL_2024) * 25;
    expect(result.kgCo2e).toBeCloseTo(main2024 + rest2024, 6);
    expect(wave.respondentKgCo2e).toBeCloseTo((14720 + 5520) * CAR_2024 + 3680 * BUS_2024 + 4600 * RAIL_2024, 6);
    expect(result.lines.filter((l) => l.kind === 'main').reduce((s, l) => s + l.kgCo2e, 0)).toBeCloseTo(result.kgCo2e, 6);
    // The 2024 condensed set publishes no well-to-tank factors: none are added, and that is said.
    expect(result.wttKgCo2e).toBe(0);
    expect(warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['mode_without_factor', 'survey_site_unknown', 'wtt_not_published']));
    expect(warnings.find((w) => w.code === 'survey_site_unknown')!.message).toBe(travelMsg.surveySiteUnknown('2024 autumn', 'Annex', 1));
    expect(warnings.find((w) => w.code === 'wave_not_used')).toBeUndefined();
  });

  it('reports respondents only, with their WTT, when the year has no headcount', async () => {
    const { ledger } = await surveyed();
    const { result, warnings } = commutingEmissions(ledger, library, organisation(headcount2024), FY2023);
    const wave = result.waves[0]!;
    expect(wave).toMatchObject({ wave: '2023 autumn', financialYear: '2023/24', scaling: { basis: 'respondents_only', headcount: null, unscaledRespondents: 6 } });
    expect(warnings).toContainEqual({ code: 'no_headcount', message: travelMsg.noHeadcount('2023 autumn', '2023/24'), wave: '2023 autumn' });
    // A1 drives 10 × 2 × 5 × 46 = 4,600 km: 4,600 × 0.16664 = 766.544 kg, and WTT 4,600 × 0.04366 = 200.836 kg.
    const a1 = result.lines.filter((l) => l.trace.file === 'survey-2023.csv' && l.trace.line === 2);
    expect(a1.map((l) => [l.kind, l.factorKey, l.scope, l.scopeCategory])).toEqual([['main', 'car.average.unknown', 3, 7], ['wtt', 'car.average.unknown.wtt', 3, 7]]);
    expect(a1[0]!.kgCo2e).toBeCloseTo(766.544, 9);
    expect(a1[1]!.kgCo2e).toBeCloseTo(200.836, 9);
    expect(a1[0]!.trace.note).toContain('not scaled: no headcount for the year');
  });

  it('takes a quarter\'s share of the year, and says when the period has no survey', async () => {
    const { ledger } = await surveyed();
    const quarter = { start: '2024-04-01', end: '2024-06-30' };
    const { result } = commutingEmissions(ledger, library, organisation(headcount2024), quarter);
    const year = commutingEmissions(ledger, library, organisation(headcount2024), FY2024).result;
    // April to June is 91 of the 365 days of 2024/25.
    expect(result.waves[0]!.share).toBeCloseTo(91 / 365, 12);
    expect(result.kgCo2e).toBeCloseTo((year.kgCo2e * 91) / 365, 6);
    const none = commutingEmissions(ledger, library, organisation(), financialYearPeriod(2025));
    expect(none.result.waves).toEqual([]);
    expect(none.warnings).toContainEqual({ code: 'no_survey_for_year', message: travelMsg.noSurveyForYear('2025/26') });
  });

  it('leaves out and counts respondents with no distance; the rest of their group covers them', () => {
    const { ledger } = workspace();
    const base = { org: 'north-acute', wave: '2024 autumn', respondent: null, staffGroup: null, occupants: 1, secondMode: null, extraJson: null };
    ledger.writeBatch({
      kind: 'journeys', profile: 'travel-survey', org: 'north-acute', fileName: 'hand.csv', sha256: 'x', sizeBytes: 1, rowsRead: 2, rowsAccepted: 2,
      rowsExcluded: 0, rowsRejected: 0, periodStart: null, periodEnd: null, importedAt: '2025-01-01T00:00:00Z', toolVersion: '0.1.0', policy: 'financial-year', summaryJson: '{}',
    }, {
      survey: [
        { ...base, line: 2, site: 'Main Hospital', mainMode: 'drive_alone', oneWayKm: 10, daysPerWeek: 5 },
        { ...base, line: 3, site: 'Main Hospital', mainMode: 'drive_alone', oneWayKm: null, daysPerWeek: 5 },
      ],
    });
    const { result, warnings } = commutingEmissions(ledger, library, organisation({ headcount: [{ year: '2024/25', headcount: 50 }] }), FY2024);
    expect(result.waves[0]).toMatchObject({ respondents: 2, usableRespondents: 1, excluded: { missingAnswers: 1 } });
    expect(result.waves[0]!.scaling.groups[0]).toMatchObject({ headcount: 50, respondents: 2, usableRespondents: 1, scaleFactor: 50, responseRatePct: 4 });
    expect(result.kgCo2e).toBeCloseTo(4600 * CAR_2024 * 50, 6);
    expect(warnings).toContainEqual({ code: 'missing_answers', message: travelMsg.missingAnswers('2024 autumn', 1), wave: '2024 autumn', count: 1 });
  });
});

describe('travel: scaling to headcount, most specific entry first', () => {
  it('gives each entry its staff less those of the entries inside it, so no one counts twice', () => {
    const org = organisation({
      headcount: [
        { year: '2024/25', headcount: 5000 },
        { year: '2024/25', site: 'main', headcount: 3000 },
        { year: '2024/25', site: 'main', staffGroup: 'Nursing', headcount: 1000 },
        { year: '2024/25', staffGroup: 'Nursing', headcount: 2000 },
      ],
    });
    const r = (site: string | null, staffGroup: string | null) => ({ site, staffGroup, usable: true });
    const s = scaleWave(org, '2024/25', 'w', [r('Main Hospital', 'nursing'), r('main', 'Admin'), r('Community Hub', 'Nursing'), r('Community Hub', 'Admin'), r(null, null)]);
    // Main nursing 1,000; main others 3,000 − 1,000; nursing elsewhere 2,000 − 1,000; everyone else 5,000 − 1,000 − 2,000 − 1,000.
    expect(s.scaling.groups.map((g) => [g.siteId, g.staffGroup, g.headcount, g.respondents])).toEqual([
      [null, null, 1000, 2], ['main', null, 2000, 1], ['main', 'Nursing', 1000, 1], [null, 'Nursing', 1000, 1],
    ]);
    expect(s.factors).toEqual([1000, 2000, 1000, 500, 500]);
    expect(s.scaling.headcount).toBe(5000);
  });

  it('counts respondents no entry matches as themselves, and warns', () => {
    const org = organisation({ headcount: [{ year: '2024/25', site: 'main', headcount: 100 }] });
    const s = scaleWave(org, '2024/25', 'w', [{ site: 'Community Hub', staffGroup: null, usable: true }, { site: 'Main Hospital', staffGroup: null, usable: true }]);
    expect(s.factors).toEqual([null, 100]);
    expect(s.scaling.unscaledRespondents).toBe(1);
    expect(s.warnings).toEqual([{ code: 'respondents_without_headcount', message: travelMsg.unmatchedRespondents('w', 1, 'Community Hub'), wave: 'w', site: 'Community Hub', count: 1 }]);
  });
});

describe('travel: a year whose set has no well-to-tank factors', () => {
  it('is said where WTT is in the boundary, and not where the query leaves WTT out anyway', async () => {
    const { ledger } = await surveyed();
    const config = ConfigSchema.parse({ version: 1, organisations: [{ ...organisation(headcount2024), id: 'north-acute' }] });
    const ctx = { ledger, library, config, reads: new Map() };
    const query = { org: 'north-acute', period: '2024/25', by: 'year', yearBasis: 'financial', scope2: 'location', fill: 'none' } as const;
    const upstream = (wtt: boolean): string[] => emissionsReport(ctx, { ...query, wtt }).warnings.filter((w) => w.code === 'wtt_not_published').map((w) => w.message);
    expect(upstream(true)).toContain(travelMsg.companionNotPublished('car.average.unknown.wtt', 2024, 5));
    expect(upstream(false)).toEqual([]);
    // Other warnings are kept either way.
    expect(emissionsReport(ctx, { ...query, wtt: false }).warnings.map((w) => w.code)).toContain('survey_site_unknown');
  });
});
