/**
 * Patient and visitor travel (issue 17, part 1): by the national default method where there is
 * no survey (patient contacts × 3.7 journeys × 9.4 miles, average car), and from a survey scaled
 * to the year's contacts; per site where the config gives sites' activity. Factors are the 2019
 * set's as shipped (data/factors/uk-gov-2019.json): average car, unknown fuel, 0.28502 kg CO2e a
 * mile and 0.1771 a km; its well-to-tank 0.07279 a mile; average local bus 0.10471 a passenger km.
 */

import { describe, expect, it } from 'vitest';
import { loadFactors } from '../../src/factors/library.js';
import { Tally } from '../../src/travel/engine.js';
import { patientTravelYear } from '../../src/travel/patient-travel.js';
import type { StoredVisitorResponse, VisitorWave } from '../../src/travel/waves.js';
import { ConfigSchema } from '../../src/workspace/config.js';

const library = loadFactors();

const org = (extra: Record<string, unknown>) => ConfigSchema.parse({
  version: 1,
  organisations: [{ id: 'north-acute', name: 'North Acute', kind: 'nhs-trust', sites: [{ id: 'main', name: 'Main Hospital' }, { id: 'community', name: 'Community Hospital' }], ...extra }],
}).organisations[0]!;

function visitor(type: StoredVisitorResponse['respondentType'], mode: StoredVisitorResponse['mode'], km: number | null, journeys: number, site: string): StoredVisitorResponse {
  return { batchId: 7, fileName: 'visitors.csv', line: 3, respondent: null, site, respondentType: type, mode, detail: null, carShareRole: null, occupants: mode === 'car_share' ? 2 : 1, oneWayKm: km, journeysPerVisit: journeys, journeysAssumed: false, carFuel: null, carSize: null };
}

const wave = (responses: StoredVisitorResponse[]): VisitorWave => ({
  label: '2019 patient survey', dating: { startYear: 2019, financialYear: '2019/20', date: '2019-10-15', datedBy: 'label_season', winter: false }, files: ['visitors.csv'], lastBatchId: 7, responses,
});

describe('patient and visitor travel', () => {
  it('500,000 contacts and no survey: the default method, as worked by hand', () => {
    const o = org({ denominators: [{ year: '2019/20', patientContacts: 500_000 }] });
    const { year, warnings } = patientTravelYear(library, o, [], 2019, { kind: 'financial-year' }, new Tally());
    expect(year.method).toBe('default');
    // 500,000 × 3.7 × 9.4 = 17,390,000 miles; × 0.28502 = 4,956,497.8 kg CO2e; WTT × 0.07279 = 1,265,818.1 kg.
    expect(year.journeys).toBeCloseTo(1_850_000, 6);
    expect(year.kgCo2e).toBeCloseTo(4_956_497.8, 1);
    expect(year.wttKgCo2e).toBeCloseTo(1_265_818.1, 1);
    const main = year.lines.find((l) => l.kind === 'main')!;
    expect(main).toMatchObject({ source: 'patient-travel:default', factorKey: 'car.average.unknown', factorYear: 2019, unit: 'miles', scope: 3, scopeCategory: 9, estimated: true });
    expect(main.quantity).toBeCloseTo(17_390_000, 4);
    expect(main.trace.note).toMatch(/default method.*500,000 patient contacts.*× 3\.7 journeys × 9\.4 miles = 17,390,000 miles.*tier 3/);
    expect(warnings.map((w) => w.code)).toContain('patient_travel_default_method');
  });

  it('the default method\'s figures are config values with their source', () => {
    const o = org({ denominators: [{ year: '2019/20', patientContacts: 1000 }], travel: { defaultPatientTravel: { journeysPerContact: 2, milesPerJourney: 10, source: 'Regional travel study 2019' } } });
    const { year } = patientTravelYear(library, o, [], 2019, { kind: 'financial-year' }, new Tally());
    // 1,000 × 2 × 10 = 20,000 miles × 0.28502 = 5,700.4 kg.
    expect(year.kgCo2e).toBeCloseTo(5700.4, 6);
    expect(year.lines[0]!.trace.note).toContain('Regional travel study 2019');
  });

  it('a survey scaled per site to each site\'s contacts: contacts ÷ patient respondents', () => {
    const o = org({
      travel: {
        patientActivity: [
          { year: '2019/20', site: 'main', patientContacts: 1000, source: 'SUS 2019/20' },
          { year: '2019/20', site: 'community', outpatientAttendances: 300, inpatientAdmissions: 100, source: 'SUS 2019/20' },
        ],
      },
    });
    const responses = [
      // Main: two patients and a visitor; scale 1,000 ÷ 2 = 500.
      visitor('patient', 'drive_alone', 10, 2, 'Main Hospital'), visitor('patient', 'bus', 5, 2, 'Main Hospital'), visitor('visitor', 'drive_alone', 20, 2, 'Main Hospital'),
      // Community: a visitor only: scaled by (300 + 100) ÷ 1 respondent = 400, and said.
      visitor('visitor', 'car_share', 6, 2, 'Community Hospital'),
    ];
    const { year, warnings } = patientTravelYear(library, o, [wave(responses)], 2019, { kind: 'financial-year' }, new Tally());
    expect(year.method).toBe('survey');
    expect(year.groups.map((g) => [g.site, g.scale, g.scaledBy])).toEqual([['Main Hospital', 500, 'patients'], ['Community Hospital', 400, 'respondents']]);
    // Car km: main (10 + 20) × 2 × 500 = 30,000; community 6 × 2 × 400 ÷ 2 people = 2,400: 32,400 km × 0.1771 = 5,738.04 kg.
    // Bus: 5 × 2 × 500 = 5,000 passenger km × 0.10471 = 523.55 kg. Total 6,261.59 kg.
    expect(year.kgCo2e).toBeCloseTo(6261.59, 6);
    // Journeys: main 3 × 2 × 500 = 3,000; community 2 × 400 = 800.
    expect(year.journeys).toBeCloseTo(3800, 9);
    expect(year.lines.every((l) => l.scope === 3 && l.scopeCategory === 9 && l.source.startsWith('patient-travel:'))).toBe(true);
    expect(year.lines.find((l) => l.source === 'patient-travel:bus')!.trace).toMatchObject({ file: 'visitors.csv', line: 3, batchId: 7 });
    expect(warnings.map((w) => w.code)).toContain('patient_travel_no_patients');
  });

  it('no contacts: nothing counted; a year without them is said where other years have them, never for an organisation that does not count patient travel', () => {
    const trust = patientTravelYear(library, org({ denominators: [{ year: '2020/21', patientContacts: 1000 }] }), [], 2019, { kind: 'financial-year' }, new Tally());
    expect(trust.year.method).toBe('none');
    expect(trust.warnings[0]!.message).toMatch(/no patient contacts for 2019\/20.*travel\.patientActivity/);
    expect(patientTravelYear(library, org({}), [], 2019, { kind: 'financial-year' }, new Tally()).warnings).toEqual([]);
    const council = ConfigSchema.parse({ version: 1, organisations: [{ id: 'city', name: 'City Council', kind: 'council' }] }).organisations[0]!;
    expect(patientTravelYear(library, council, [], 2019, { kind: 'financial-year' }, new Tally()).warnings).toEqual([]);
  });
});
