import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../src/convert/policy.js';
import { loadFactors } from '../../src/factors/library.js';
import { importJourneys, type JourneysRequest } from '../../src/import/import-journeys.js';
import { loadBuiltinProfiles } from '../../src/map/profiles.js';
import { parseRespondentType } from '../../src/map/visitor-survey.js';
import { Ledger } from '../../src/store/ledger.js';
import { readVisitorWaves, readWaves, type StoredVisitorResponse } from '../../src/travel/waves.js';
import { ROOT, runCli, userErrorAsync } from '../helpers.js';

const library = loadFactors();
const builtins = loadBuiltinProfiles();
const org = {
  id: 'north-acute', name: 'North Acute', kind: 'nhs-trust' as const,
  sites: [{ id: 'main', name: 'Main Hospital', meters: [] }, { id: 'community', name: 'Community Hospital', meters: [] }], denominators: [],
};
const LONG = join(ROOT, 'tests/fixtures/journeys/patient-visitor-survey-2023.csv');
const SHORT = join(ROOT, 'tests/fixtures/journeys/visitor-survey-short-headers.csv');
const STAFF = join(ROOT, 'tests/fixtures/journeys/staff-travel-survey-2024.csv');
const KM_PER_MILE = 1.609344;

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'tco2e-visitors-'));
  const ledger = Ledger.open(join(dir, 'ledger.sqlite'), { create: true });
  const req = (path: string, over: Partial<JourneysRequest> = {}): JourneysRequest => ({
    path, org, profiles: builtins, library, policy: parsePolicy('financial-year'), now: new Date('2024-10-01T09:00:00Z'), toolVersion: '0.1.0', wave: '2023 autumn', ...over,
  });
  const file = (name: string, content: string) => {
    const p = join(dir, name);
    writeFileSync(p, content);
    return p;
  };
  const sql = <T>(query: string): T[] => {
    const db = new Database(ledger.path, { readonly: true });
    try {
      return db.prepare(query).all() as T[];
    } finally {
      db.close();
    }
  };
  return { dir, ledger, req, file, sql };
}

/** The fields a hand reading of a fixture row gives. */
type Hand = [line: number, site: string, type: StoredVisitorResponse['respondentType'], mode: StoredVisitorResponse['mode'], detail: string | null, miles: number];

/** patient-visitor-survey-2023.csv read by hand: lines 13 (Helicopter) and 14 ("not sure" miles) are rejected. */
const LONG_BY_HAND: readonly Hand[] = [
  [2, 'Main Hospital', 'patient', 'drive_alone', null, 12],
  [3, 'Main Hospital', 'visitor', 'car_share', null, 8],
  [4, 'Community Hospital', 'patient', 'bus', null, 3.5],
  [5, 'Main Hospital', 'carer', 'other', 'taxi', 4],
  [6, 'Main Hospital', 'patient', 'walk', null, 0.5],
  [7, 'Community Hospital', 'visitor', 'drive_alone', null, 20],
  [8, 'Main Hospital', 'patient', 'car_share', null, 15],
  [9, 'Main Hospital', 'visitor', 'train', null, 25],
  [10, 'Community Hospital', 'carer', 'drive_alone', null, 6],
  [11, 'Main Hospital', 'patient', 'cycle', null, 2],
  [12, 'Community Hospital', 'unknown', 'bus', null, 5],
  [15, 'Community Hospital', 'patient', 'other', 'taxi', 3],
  [16, 'Main Hospital', 'visitor', 'walk', null, 1],
  [17, 'Main Hospital', 'patient', 'drive_alone', null, 10],
  [18, 'Community Hospital', 'carer', 'car_share', null, 7],
  [19, 'Main Hospital', 'patient', 'bus', null, 4],
  [20, 'Main Hospital', 'visitor', 'drive_alone', null, 18],
  [21, 'Community Hospital', 'patient', 'walk', null, 0.25],
];

describe('patient and visitor travel surveys', () => {
  it('reads who answered, as people put it', () => {
    expect(['Patient', 'Outpatient', 'Inpatient', 'Relative', 'Friend or family', 'Visiting a patient', 'Carer', 'Parent/guardian', 'Parent of a patient', 'Volunteer', ''].map(parseRespondentType))
      .toEqual(['patient', 'patient', 'patient', 'visitor', 'visitor', 'visitor', 'carer', 'carer', 'carer', 'unknown', undefined]);
  });

  it('imports a survey with question-text headers: types, modes, km and assumed journeys as read by hand', async () => {
    const { ledger, req } = setup();
    const s = await importJourneys(ledger, req(LONG));
    expect(s).toMatchObject({ status: 'stored', profile: 'travel-survey', wave: '2023 autumn', respondents: 'patients-visitors', surveyResponses: 18, rows: { read: 20, rejected: 2 } });
    expect(s.respondentTypes).toEqual({ patient: 9, visitor: 5, carer: 3, unknown: 1 });
    // Rows with a mode or a distance that cannot be read are rejected with the cell.
    expect(s.problems.map((p) => [p.line, p.code, p.column, p.value])).toEqual([
      [13, 'unknown_mode', 'How did you travel to the hospital today?', 'Helicopter'],
      [14, 'bad_distance', 'How far did you travel (miles)?', 'not sure'],
    ]);
    expect(s.problems.every((p) => p.file === 'patient-visitor-survey-2023.csv')).toBe(true);
    // The unknown type is stored, and warned about naming the cell.
    expect(s.warnings.filter((w) => w.code === 'unknown_respondent_type').map((w) => [w.line, w.column, w.value])).toEqual([[12, 'Are you a patient, visitor or carer?', 'Volunteer']]);
    expect(s.warnings.find((w) => w.code === 'patient_visitor_survey')?.message).toContain('9 patients, 5 visitors, 3 carers, 1 of unknown type');

    const waves = readVisitorWaves(ledger, org.id);
    expect(waves.map((w) => [w.label, w.dating?.financialYear, w.files])).toEqual([['2023 autumn', '2023/24', ['patient-visitor-survey-2023.csv']]]);
    const got = waves[0]!.responses;
    expect(got.map((r) => [r.line, r.site, r.respondentType, r.mode, r.detail])).toEqual(LONG_BY_HAND.map(([line, site, type, mode, detail]) => [line, site, type, mode, detail]));
    got.forEach((r, i) => { expect(r.oneWayKm, `line ${r.line}`).toBeCloseTo(LONG_BY_HAND[i]![5] * KM_PER_MILE, 9); });
    // The survey does not ask how many journeys: there and back, flagged assumed.
    expect(got.every((r) => r.journeysPerVisit === 2 && r.journeysAssumed)).toBe(true);
    const byLine = new Map(got.map((r) => [r.line, r]));
    expect(byLine.get(3)).toMatchObject({ carShareRole: 'passenger', occupants: 2 });
    expect(byLine.get(2)).toMatchObject({ occupants: 1, carFuel: 'petrol', respondent: '1001' });
    expect([7, 10, 17].map((l) => byLine.get(l)?.carFuel)).toEqual(['diesel', 'hybrid', 'bev']);
    // Staff waves are unaffected: none of these responses is a staff response.
    expect(readWaves(ledger, org.id)).toEqual([]);
    ledger.close();
  });

  it('imports a survey with short headers: km as given, journeys per visit as answered', async () => {
    const { ledger, req, sql } = setup();
    const s = await importJourneys(ledger, req(SHORT));
    expect(s).toMatchObject({ status: 'stored', respondents: 'patients-visitors', surveyResponses: 7, rows: { rejected: 1 } });
    expect(s.respondentTypes).toEqual({ patient: 3, visitor: 3, carer: 1, unknown: 0 });
    expect(s.problems.map((p) => [p.line, p.code, p.column, p.value])).toEqual([[9, 'journeys_out_of_range', 'Journeys per visit', '10']]);
    const got = readVisitorWaves(ledger, org.id)[0]!.responses;
    expect(got.map((r) => [r.line, r.site, r.respondentType, r.mode, r.oneWayKm, r.journeysPerVisit, r.journeysAssumed])).toEqual([
      [2, 'Community Hospital', 'patient', 'car_share', 10, 2, false],
      [3, 'Main Hospital', 'visitor', 'bus', 4.5, 2, false],
      [4, 'Main Hospital', 'carer', 'drive_alone', 12, 4, false],
      [5, 'Main Hospital', 'patient', 'train', 30, 1, false],
      [6, 'Community Hospital', 'visitor', 'cycle', 3, 2, true],
      [7, 'Main Hospital', 'patient', 'walk', 1.2, 2, false],
      [8, 'Main Hospital', 'visitor', 'other', 6, 2, false],
    ]);
    expect(got[0]).toMatchObject({ carShareRole: 'driver', occupants: 2 });
    expect(got[6]?.detail).toBe('taxi');
    // As stored: the contract other stages read.
    expect(sql<{ respondent_type: string; journeys_per_visit: number; journeys_assumed: number; days_per_week: number | null }>('SELECT respondent_type, journeys_per_visit, journeys_assumed, days_per_week FROM survey_responses ORDER BY line').slice(3, 5))
      .toEqual([{ respondent_type: 'patient', journeys_per_visit: 1, journeys_assumed: 0, days_per_week: null }, { respondent_type: 'visitor', journeys_per_visit: 2, journeys_assumed: 1, days_per_week: null }]);
    ledger.close();
  });

  it('keeps staff and patient and visitor waves apart under one label', async () => {
    const { ledger, req, sql } = setup();
    await importJourneys(ledger, req(STAFF));
    await importJourneys(ledger, req(SHORT));
    const staff = readWaves(ledger, org.id);
    expect(staff.map((w) => [w.label, w.files, w.responses.length])).toEqual([['2023 autumn', ['staff-travel-survey-2024.csv'], 11]]);
    const visitors = readVisitorWaves(ledger, org.id);
    expect(visitors.map((w) => [w.label, w.files, w.responses.length])).toEqual([['2023 autumn', ['visitor-survey-short-headers.csv'], 7]]);
    // Staff responses carry none of the patient and visitor answers.
    expect(sql<{ n: number }>('SELECT count(*) AS n FROM survey_responses WHERE respondent_type IS NULL AND journeys_per_visit IS NULL AND journeys_assumed IS NULL')).toEqual([{ n: 11 }]);
    ledger.close();
  });

  it('refuses a survey that could be either, naming the file and columns, unless --respondents settles it', async () => {
    const { ledger, req, file } = setup();
    // A respondent type answered patient/visitor/carer, and a days-a-week column: both kinds' marks.
    const both = file('both.csv', 'Site,Respondent type,Main mode,Distance (miles),Days per week\nMain Hospital,Patient,Bus,4,5\nMain Hospital,Visitor,Walk,1,3\n');
    const e = await userErrorAsync(importJourneys(ledger, req(both)));
    expect(e.code).toBe('survey_respondents_unclear');
    expect(e.message).toContain('both.csv');
    expect(e.message).toContain('"Respondent type"');
    expect(e.message).toContain('"Days per week"');
    expect(e.hint).toContain('--respondents');

    const asVisitors = await importJourneys(ledger, req(both, { respondents: 'patients-visitors' }));
    expect(asVisitors).toMatchObject({ status: 'stored', respondents: 'patients-visitors', respondentTypes: { patient: 1, visitor: 1, carer: 0, unknown: 0 } });
    expect(readVisitorWaves(ledger, org.id)[0]!.responses.map((r) => r.respondentType)).toEqual(['patient', 'visitor']);
    expect(readWaves(ledger, org.id)).toEqual([]);

    ledger.close();

    // The same file as a staff survey, in another ledger (this one holds it already).
    const other = setup();
    const asStaff = await importJourneys(other.ledger, other.req(both, { respondents: 'staff' }));
    expect(asStaff).toMatchObject({ status: 'stored', respondents: 'staff', respondentTypes: null });
    expect(readWaves(other.ledger, org.id)[0]!.responses.map((r) => r.daysPerWeek)).toEqual([5, 3]);
    expect(readVisitorWaves(other.ledger, org.id)).toEqual([]);
    other.ledger.close();
  });

  it('refuses a survey with a respondent-type column that is not answered as one and no staff columns', async () => {
    const { ledger, req, file } = setup();
    const neither = file('neither.csv', 'Site,Respondent type,Main mode,Distance (miles)\nMain Hospital,A,Bus,4\nMain Hospital,B,Walk,1\n');
    const e = await userErrorAsync(importJourneys(ledger, req(neither)));
    expect(e.code).toBe('survey_respondents_unclear');
    expect(e.message).toContain('neither.csv');
    expect(e.message).toContain('"Respondent type" is not answered patient, visitor or carer');
    const s = await importJourneys(ledger, req(neither, { respondents: 'patients-visitors' }));
    expect(s.respondentTypes).toEqual({ patient: 0, visitor: 0, carer: 0, unknown: 2 });
    ledger.close();
  });

  it('reads staff surveys as before', async () => {
    const { ledger, req } = setup();
    const s = await importJourneys(ledger, req(STAFF));
    expect(s).toMatchObject({ status: 'stored', respondents: 'staff', respondentTypes: null, surveyResponses: 11 });
    expect(s.warnings.some((w) => w.code === 'patient_visitor_survey')).toBe(false);
    ledger.close();
  });
});

describe('patient and visitor surveys from the command line', () => {
  it('prints the responses by respondent type, and imports show says how the file was read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tco2e-cli-visitors-'));
    expect(runCli(dir, 'init', '--org', 'north-acute', '--name', 'North Acute Hospitals NHS Trust').code).toBe(0);
    const r = runCli(dir, 'import', 'journeys', LONG, '--org', 'north-acute', '--wave', '2023 autumn');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Read as a patient and visitor travel survey');
    expect(r.stdout).toContain('9 patients, 5 visitors, 3 carers, 1 of unknown type');

    const show = runCli(dir, 'imports', 'show', '1');
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toContain('read as a patient and visitor travel survey');

    const both = join(dir, 'both.csv');
    writeFileSync(both, 'Site,Respondent type,Main mode,Distance (miles),Days per week\nMain Hospital,Patient,Bus,4,5\n');
    const unclear = runCli(dir, 'import', 'journeys', both, '--org', 'north-acute', '--wave', '2023 autumn');
    expect(unclear.code).toBe(2);
    expect(unclear.stderr).toContain('--respondents');
    const settled = runCli(dir, 'import', 'journeys', both, '--org', 'north-acute', '--wave', '2023 autumn', '--respondents', 'patients-visitors', '--json');
    expect(settled.code, settled.stderr).toBe(0);
    expect(JSON.parse(settled.stdout)).toMatchObject({ respondents: 'patients-visitors', respondentTypes: { patient: 1 } });
    // Five CLI runs, each a Node start: longer than vitest's default 5 s on a busy machine.
  }, 60_000);
});
