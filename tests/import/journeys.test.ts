import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../src/convert/policy.js';
import { loadFactors } from '../../src/factors/library.js';
import { importJourneys, type JourneysRequest } from '../../src/import/import-journeys.js';
import { rejectsCsv } from '../../src/import/rejects.js';
import { parseAnswerNumber } from '../../src/map/answers.js';
import { parseCarSize } from '../../src/map/business-travel.js';
import { Profile, type ProfileInput } from '../../src/map/profile-schema.js';
import { loadBuiltinProfiles } from '../../src/map/profiles.js';
import { parseCommuteMode } from '../../src/map/survey.js';
import { msg } from '../../src/messages.js';
import { Ledger } from '../../src/store/ledger.js';
import { ROOT, userErrorAsync, runCli } from '../helpers.js';

const library = loadFactors();
const builtins = loadBuiltinProfiles();
const org = { id: 'north-acute', name: 'North Acute', kind: 'nhs-trust' as const, sites: [{ id: 'main', name: 'Main Hospital', meters: [] }], denominators: [] };
const SURVEY = join(ROOT, 'tests/fixtures/journeys/staff-travel-survey-2024.csv');
const CLAIMS = join(ROOT, 'tests/fixtures/journeys/expense-claims-2024-05.csv');
const KM_PER_MILE = 1.609344;

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'tco2e-journeys-'));
  const ledger = Ledger.open(join(dir, 'ledger.sqlite'), { create: true });
  const req = (path: string, over: Partial<JourneysRequest> = {}): JourneysRequest => ({
    path, org, profiles: builtins, library, policy: parsePolicy('financial-year'), now: new Date('2024-10-01T09:00:00Z'), toolVersion: '0.1.0', ...over,
  });
  const file = (name: string, content: string) => {
    const p = join(dir, name);
    writeFileSync(p, content);
    return p;
  };
  /** Reads what the ledger holds beyond `batchActivities`: survey responses and activities' extra. */
  const sql = <T>(query: string, ...params: unknown[]): T[] => {
    const db = new Database(ledger.path, { readonly: true });
    try {
      return db.prepare(query).all(...params) as T[];
    } finally {
      db.close();
    }
  };
  return { dir, ledger, req, file, sql };
}


function profile(input: ProfileInput) {
  return Profile.parse(input);
}

/** The stored extra_json of a row, typed loosely for assertions. */
function extraOf(json: string | null): Record<string, unknown> {
  return json === null ? {} : (JSON.parse(json) as Record<string, unknown>);
}

interface SurveyRow {
  line: number; wave: string; respondent: string | null; site: string | null; staff_group: string | null; main_mode: string;
  occupants: number | null; one_way_km: number | null; days_per_week: number | null; second_mode: string | null; extra_json: string;
}
interface ActivityRow {
  line: number; meter: string | null; source: string; factor_key: string; companion_of: string | null; quantity: number; unit: string;
  estimated: number; factor_year: number; factor_unit: string; factor_kg_per_unit: number; kg_co2e: number; scope: number | null; scope_category: number | null; extra_json: string | null;
}

describe('journeys: normalising the answers people give', () => {
  it.each([
    ['Car (on my own)', { mode: 'drive_alone' }],
    ['Drive alone', { mode: 'drive_alone' }],
    ['Driving a car or van', { mode: 'drive_alone' }],
    ['Car share (driver)', { mode: 'car_share', carShareRole: 'driver' }],
    ['Car share - passenger', { mode: 'car_share', carShareRole: 'passenger' }],
    ['Lift from someone', { mode: 'car_share', carShareRole: 'passenger' }],
    ['Passenger in a car or van', { mode: 'car_share', carShareRole: 'passenger' }],
    ['Lift share (driver)', { mode: 'car_share', carShareRole: 'driver' }],
    ['Motorcycle, scooter or moped', { mode: 'motorbike' }],
    ['Bus, minibus or coach', { mode: 'bus' }],
    ['Coach', { mode: 'bus', detail: 'coach' }],
    ['Park and ride', { mode: 'bus', detail: 'park_and_ride' }],
    ['Park & Ride', { mode: 'bus', detail: 'park_and_ride' }],
    ['Drive to the park and ride', { mode: 'bus', detail: 'park_and_ride' }],
    ['Train', { mode: 'train' }],
    ['Tube', { mode: 'train', detail: 'underground' }],
    ['Underground, metro, light rail, tram', { mode: 'tram', detail: 'underground_metro_light_rail_tram' }],
    ['Light rail', { mode: 'tram' }],
    ['Metrolink', { mode: 'tram' }],
    ['Bicycle', { mode: 'cycle' }],
    ['cycling', { mode: 'cycle' }],
    ['E-bike', { mode: 'e_bike' }],
    ['Electric bicycle', { mode: 'e_bike' }],
    ['On foot', { mode: 'walk' }],
    ['Walk or wheel', { mode: 'walk' }],
    ['Work mainly at or from home', { mode: 'work_from_home' }],
    ['WFH', { mode: 'work_from_home' }],
    ['Taxi', { mode: 'other', detail: 'taxi' }],
    ['E-scooter', { mode: 'other', detail: 'e_scooter' }],
    ['Other (please specify)', { mode: 'other' }],
  ])('%s → %o', (answer, expected) => {
    expect(parseCommuteMode(answer)).toEqual({ ok: true, answer: expected });
  });

  it('refuses to guess an answer naming two modes, or none it knows', () => {
    expect(parseCommuteMode('Bus and train')).toEqual({ ok: false, code: 'ambiguous_mode', modes: ['bus', 'train'] });
    expect(parseCommuteMode('Hovercraft')).toEqual({ ok: false, code: 'unknown_mode', modes: [] });
  });

  it.each([
    ['5', 5, 'exact', undefined],
    ['5 days', 5, 'exact', undefined],
    ['3.5', 3.5, 'exact', undefined],
    ['3.5 days a week', 3.5, 'exact', undefined],
    ['five', 5, 'exact', undefined],
    ['2-3', 2.5, 'range_midpoint', undefined],
    ['less than 1 day a week', 0.5, 'below', undefined],
    ['30+', 30, 'at_least', undefined],
    ['12 miles', 12, 'exact', 'miles'],
    ['8km', 8, 'exact', 'km'],
    ['approx. 6 miles each way', 6, 'approximate', 'miles'],
  ])('reads the typed answer %j as %d (%s)', (text, value, reading, unit) => {
    expect(parseAnswerNumber(text, '.')).toEqual({ value, reading, ...(unit === undefined ? {} : { unit }) });
  });

  it('does not guess at answers it cannot read', () => {
    expect(parseAnswerNumber('20 miles return', '.')).toBeUndefined();
    expect(parseAnswerNumber('it varies', '.')).toBeUndefined();
    expect(parseAnswerNumber('5 miles or 8 km', '.')).toBeUndefined();
    expect(parseAnswerNumber('', '.')).toBeNull();
  });

  it('sizes cars by the UK Government engine bands, diesel having the wider small band', () => {
    expect(parseCarSize('1600cc', 'petrol')).toBe('medium');
    expect(parseCarSize('1600cc', 'diesel')).toBe('small');
    expect(parseCarSize('1.4', 'petrol')).toBe('small');
    expect(parseCarSize('over 2000cc', 'petrol')).toBe('large');
    expect(parseCarSize('Supermini', 'bev')).toBe('small');
    expect(parseCarSize('1600cc', 'bev')).toBeUndefined();
  });
});

describe('import journeys: a staff travel survey', () => {
  it('finds the question columns through truncated headers and stores each response as answered, in km', async () => {
    const { ledger, req, sql } = setup();
    const s = await importJourneys(ledger, req(SURVEY, { wave: '2024 autumn' }));
    expect(s.status).toBe('stored');
    expect(s.profile).toBe('travel-survey');
    expect(s.wave).toBe('2024 autumn');
    expect(s.rows).toEqual({ read: 17, accepted: 11, excluded: 0, rejected: 6 });
    expect(s.surveyResponses).toBe(11);
    expect(ledger.batchCounts(s.batchId!)).toMatchObject({ activities: 0, survey: 11 });
    expect(s.totals.kgCo2e).toBe(0);

    const rows = sql<SurveyRow>('SELECT * FROM survey_responses WHERE batch_id = ? ORDER BY line', s.batchId);
    const at = (line: number) => rows.find((r) => r.line === line)!;
    expect(rows.every((r) => r.wave === '2024 autumn')).toBe(true);
    expect(rows.map((r) => [r.line, r.main_mode])).toEqual([
      [2, 'drive_alone'], [3, 'car_share'], [4, 'car_share'], [5, 'car_share'], [6, 'cycle'], [7, 'walk'],
      [8, 'bus'], [9, 'train'], [10, 'work_from_home'], [11, 'e_bike'], [17, 'motorbike'],
    ]);
    // 12 miles one way, stored as km; the site name given, the staff group as answered.
    expect(at(2)).toMatchObject({ respondent: '101', site: 'Main Hospital', staff_group: 'Nursing and midwifery', occupants: 1, days_per_week: 5, second_mode: null });
    expect(at(2).one_way_km).toBeCloseTo(12 * KM_PER_MILE, 12);
    // "main" is the site's id in the config: stored as its name.
    expect(at(3).site).toBe('Main Hospital');
    // "8 miles", "4 days".
    expect(at(3).one_way_km).toBeCloseTo(8 * KM_PER_MILE, 12);
    expect(at(3).days_per_week).toBe(4);
    // "5km" in a miles survey: the respondent's own unit wins.
    expect(at(11).one_way_km).toBe(5);
    expect(JSON.parse(at(11).extra_json)).toMatchObject({ distanceAnswer: '5km', distanceUnit: 'km' });
    // "3.5" days, and a walk as the second mode.
    expect(at(4)).toMatchObject({ days_per_week: 3.5, second_mode: 'walk' });
    // "2-3" days: the midpoint, flagged as such; park and ride is the bus, the car leg kept.
    expect(at(8)).toMatchObject({ main_mode: 'bus', days_per_week: 2.5, second_mode: 'drive_alone' });
    expect(JSON.parse(at(8).extra_json)).toMatchObject({ mainModeAnswer: 'Park and ride', modeDetail: 'park_and_ride', daysReading: 'range_midpoint' });
    // Working from home: no distance needed.
    expect(at(10)).toMatchObject({ one_way_km: null, days_per_week: 0, site: null });
    // "5 days a week".
    expect(at(17).days_per_week).toBe(5);
    ledger.close();
  });

  it('stores car-share occupants, the driver or passenger, and assumes 2 (flagged) when not answered', async () => {
    const { ledger, req, sql } = setup();
    const s = await importJourneys(ledger, req(SURVEY, { wave: '2024 autumn' }));
    const rows = sql<SurveyRow>("SELECT * FROM survey_responses WHERE batch_id = ? AND main_mode = 'car_share' ORDER BY line", s.batchId);
    expect(rows.map((r) => [r.line, r.occupants, extraOf(r.extra_json).carShareRole, extraOf(r.extra_json).occupantsAssumed ?? false])).toEqual([
      [3, 3, 'driver', false],
      [4, 2, 'passenger', true],
      [5, 2, 'passenger', false], // "2 including me"
    ]);
    // A share of one person is refused.
    expect(s.problems.find((p) => p.line === 14)).toMatchObject({ code: 'bad_occupants', value: '1' });
    ledger.close();
  });

  it('rejects what it cannot store honestly, each with its line, column and a reason', async () => {
    const { ledger, req } = setup();
    const s = await importJourneys(ledger, req(SURVEY, { wave: '2024 autumn', dryRun: true }));
    expect(s.problems.map((p) => [p.line, p.code, p.value])).toEqual([
      [12, 'unknown_mode', 'Hovercraft'],
      [13, 'days_out_of_range', '8'],
      [14, 'bad_occupants', '1'],
      [15, 'missing_distance', ''],
      [16, 'duplicate_respondent', '101'],
      [18, 'ambiguous_mode', 'Bus and train'],
    ]);
    const unknown = s.problems[0]!;
    expect(unknown.column).toBe('How do you usually travel to work? (main mode for the longest pa');
    // The message lists the answers that are accepted.
    for (const word of ['drive alone', 'car share', 'motorbike', 'bus', 'train', 'tram', 'cycle', 'e-bike', 'walk', 'work from home', 'other']) expect(unknown.message).toContain(word);
    expect(s.problems[1]!.message).toContain('outside 0 to 7');
    expect(rejectsCsv(s).split('\r\n')[2]).toMatch(/^13,.*outside 0 to 7.*,112,/);
    ledger.close();
  });

  it('validates days a week: 0 to 7, numbers as typed, nothing else', async () => {
    const { ledger, req, file, sql } = setup();
    const p = file('days.csv', [
      'Respondent ID,Main mode,Distance (miles),Days per week',
      '1,Bus,2,7',
      '2,Bus,2,0',
      '3,Bus,2,-1',
      '4,Bus,2,7.5',
      '5,Bus,2,most days',
      '6,Bus,2,',
      '7,Bus,2,Three days',
    ].join('\n'));
    const s = await importJourneys(ledger, req(p, { wave: 'w' }));
    expect(s.problems.map((p) => [p.line, p.code])).toEqual([[4, 'days_out_of_range'], [5, 'days_out_of_range'], [6, 'bad_days'], [7, 'missing_days']]);
    expect(sql<SurveyRow>('SELECT * FROM survey_responses ORDER BY line').map((r) => [r.line, r.days_per_week])).toEqual([[2, 7], [3, 0], [8, 3]]);
    ledger.close();
  });

  it('takes kilometres from a km profile or a header that says km', async () => {
    const { ledger, req, file, sql } = setup();
    const kmProfile = profile({
      id: 'survey-km', description: 'A survey asking in km', kind: 'journeys', shape: 'survey', distanceUnit: 'km',
      columns: { respondent: 'Ref', mainMode: 'Mode to work', distance: 'How far', daysPerWeek: 'Days' },
    });
    const a = await importJourneys(ledger, req(file('km.csv', 'Ref,Mode to work,How far,Days\nA,Train,30,3\n'), { profiles: [...builtins, kmProfile], profileId: 'survey-km', wave: 'w' }));
    expect(a.status).toBe('stored');
    // A header naming the unit is what people answered in, whatever the profile's default.
    const b = await importJourneys(ledger, req(file('hdr.csv', 'Respondent ID,Main mode,One-way distance (km),Days per week\nB,Train,30,3\n'), { wave: 'w' }));
    expect(b.profile).toBe('travel-survey');
    expect(sql<SurveyRow>('SELECT * FROM survey_responses ORDER BY respondent').map((r) => [r.respondent, r.one_way_km])).toEqual([['A', 30], ['B', 30]]);
    ledger.close();
  });

  it('needs a wave label: from --wave, else the profile, else the dates beside the responses; without any nothing is stored', async () => {
    const { ledger, req, sql, file } = setup();
    const undated = file('undated.csv', 'Respondent ID,Main mode,Distance (miles),Days per week\nA,Bus,4,5\n');
    const e = await userErrorAsync(importJourneys(ledger, req(undated)));
    expect(e.code).toBe('wave_required');
    expect(e.hint).toContain('--wave');
    expect(ledger.listBatches()).toEqual([]);

    // Dates that read either way (10/09 is 10 September or 9 October) name neither month: --wave settles it.
    const twoWays = file('two-ways.csv', 'Timestamp,Main mode,Distance (miles),Days per week\n10/09/2024 08:00,Bus,4,5\n11/09/2024 08:00,Walk,1,5\n');
    const e2 = await userErrorAsync(importJourneys(ledger, req(twoWays)));
    expect(e2.code).toBe('wave_required');
    expect(e2.message).toBe(msg.surveyWaveTwoReadings('two-ways.csv', 'Timestamp', 'September 2024', 'October 2024'));
    expect(e2.hint).toBe(msg.surveyWaveTwoReadingsHint('September 2024', 'October 2024'));
    expect(ledger.listBatches()).toEqual([]);

    // The fixture's "Completion time" has 13/09/2024: day first, so September 2024, said in a warning.
    const dated = await importJourneys(ledger, req(SURVEY, { dryRun: true }));
    expect(dated.wave).toBe('September 2024');
    expect(dated.warnings.filter((w) => w.code === 'wave_from_dates').map((w) => w.message)).toEqual([msg.surveyWaveFromDates('September 2024', 'Completion time', 'September 2024')]);

    const withWave = builtins.map((p) => (p.id === 'travel-survey' ? { ...p, wave: '2023 spring' } : p));
    const fromProfile = await importJourneys(ledger, req(SURVEY, { profiles: withWave, dryRun: true }));
    expect(fromProfile.wave).toBe('2023 spring');
    const overridden = await importJourneys(ledger, req(SURVEY, { profiles: withWave, wave: '2024 autumn' }));
    expect(overridden.wave).toBe('2024 autumn');
    expect(sql<{ wave: string }>('SELECT DISTINCT wave FROM survey_responses')).toEqual([{ wave: '2024 autumn' }]);
    ledger.close();
  });

  it('re-importing the same survey changes nothing; --strict refuses a survey with rejected rows', async () => {
    const { ledger, req, sql } = setup();
    expect((await importJourneys(ledger, req(SURVEY, { wave: '2024 autumn', strict: true }))).status).toBe('refused-strict');
    expect(ledger.listBatches()).toEqual([]);
    const first = await importJourneys(ledger, req(SURVEY, { wave: '2024 autumn' }));
    const again = await importJourneys(ledger, req(SURVEY, { wave: '2024 spring' }));
    expect(again.status).toBe('already-imported');
    expect(again.batchId).toBe(first.batchId);
    expect(ledger.listBatches()).toHaveLength(1);
    expect(sql<{ n: number }>('SELECT count(*) AS n FROM survey_responses')).toEqual([{ n: 11 }]);
    ledger.close();
  });
});

describe('import journeys: business travel and mileage claims', () => {
  it('maps each claim line to its factor key, as Scope 3 business travel, and excludes what is not travel', async () => {
    const { ledger, req, sql } = setup();
    const s = await importJourneys(ledger, req(CLAIMS));
    expect(s.status).toBe('stored');
    expect(s.profile).toBe('business-travel');
    expect(s.wave).toBeNull();
    expect(s.rows).toEqual({ read: 16, accepted: 10, excluded: 2, rejected: 4 });
    expect(s.excludedReasons.map((r) => [r.code, r.count])).toEqual([['not_travel', 1], ['passenger_supplement', 1]]);
    expect(s.problems.map((p) => [p.line, p.code])).toEqual([[11, 'flight_haul_unknown'], [12, 'missing_distance'], [13, 'invalid_date'], [17, 'unknown_mode']]);

    const main = sql<ActivityRow>('SELECT * FROM activities WHERE batch_id = ? AND companion_of IS NULL ORDER BY line, id', s.batchId);
    expect(main.map((a) => [a.line, a.source, a.factor_key, a.quantity, a.unit])).toEqual([
      [2, 'travel:car', 'car.small.diesel', 42, 'miles'], // diesel, 1600cc: small (diesel up to 1.7 l)
      [3, 'travel:car', 'car.average.unknown', 50, 'miles'], // £22.50 at 45p
      [4, 'travel:rail', 'rail.national', 185.5, 'passenger_miles'],
      [5, 'travel:taxi', 'taxi.regular', 3, 'passenger_miles'],
      [6, 'travel:flight', 'flight.short_haul.economy', 760, 'passenger_miles'],
      [7, 'travel:flight', 'flight.long_haul.business', 3280, 'passenger_miles'],
      [10, 'travel:underground', 'rail.london_underground', 6, 'passenger_miles'],
      [14, 'travel:car', 'car.average.bev', 12.5, 'miles'],
      [14, 'travel:car:electricity', 'electricity.ev.car.average.bev', 12.5, 'miles'],
      [15, 'travel:bus', 'bus.local', 4, 'passenger_miles'],
      [16, 'travel:car', 'car.small.diesel', -42, 'miles'], // a reversal, kept negative
    ]);
    expect(main.every((a) => a.scope === 3 && a.scope_category === 6)).toBe(true);
    // The person (employee number) is the meter; without one, the cost centre would be.
    expect(main.find((a) => a.line === 2)!.meter).toBe('10234567');
    expect(JSON.parse(main.find((a) => a.line === 16)!.extra_json!)).toMatchObject({ reversal: true, amount: -18.9 });
    // The battery car's electricity is counted, with its T&D losses.
    const ev = sql<ActivityRow>("SELECT * FROM activities WHERE batch_id = ? AND line = 14 AND factor_key LIKE 'electricity.ev.%' ORDER BY id", s.batchId);
    expect(ev.map((a) => [a.factor_key, a.companion_of])).toEqual([['electricity.ev.car.average.bev', null], ['electricity.ev.car.average.bev.td_losses', 'electricity.ev.car.average.bev']]);
    expect(ev[0]!.kg_co2e).toBeCloseTo(12.5 * 0.07015, 12);
    ledger.close();
  });

  it('derives miles from an amount-only claim at the profile rate, flagged and marked estimated', async () => {
    const { ledger, req, sql } = setup();
    const s = await importJourneys(ledger, req(CLAIMS));
    const derived = sql<ActivityRow>('SELECT * FROM activities WHERE batch_id = ? AND line = 3 AND companion_of IS NULL', s.batchId)[0]!;
    expect(derived).toMatchObject({ quantity: 50, unit: 'miles', estimated: 1, factor_key: 'car.average.unknown' });
    expect(JSON.parse(derived.extra_json!)).toMatchObject({ derivedFromAmount: true, ratePence: 45, amount: 22.5 });
    // Rows with a distance are not flagged.
    const given = sql<ActivityRow>('SELECT * FROM activities WHERE batch_id = ? AND line = 2 AND companion_of IS NULL', s.batchId)[0]!;
    expect(given.estimated).toBe(0);
    expect(JSON.parse(given.extra_json!)).not.toHaveProperty('derivedFromAmount');

    // Another rate in the profile: £22.50 at 25p is 90 miles.
    const { ledger: l2, req: req2, sql: sql2 } = setup();
    const at25 = builtins.map((p) => (p.shape === 'business-travel' ? { ...p, mileageRatePence: 25 } : p));
    const s2 = await importJourneys(l2, req2(CLAIMS, { profiles: at25 }));
    expect(sql2<ActivityRow>('SELECT * FROM activities WHERE batch_id = ? AND line = 3 AND companion_of IS NULL', s2.batchId)[0]!.quantity).toBe(90);
    ledger.close();
    l2.close();
  });

  it('converts a rail journey exactly: 185.5 miles × 1.609344 km/mile × 0.03546 kg per passenger-km (2024 set)', async () => {
    const { ledger, req, sql } = setup();
    const s = await importJourneys(ledger, req(CLAIMS));
    const rail = sql<ActivityRow>("SELECT * FROM activities WHERE batch_id = ? AND factor_key = 'rail.national'", s.batchId);
    expect(rail).toHaveLength(1);
    // 15 May 2024 is in financial year 2024/25: the 2024 set, rail.national 0.03546 kg CO2e per passenger.km.
    expect(rail[0]).toMatchObject({ factor_year: 2024, factor_unit: 'passenger_km', factor_kg_per_unit: 0.03546, unit: 'passenger_miles' });
    // 185.5 × 1.609344 = 298.533312 passenger-km; × 0.03546 = 10.58599124352 kg.
    expect(rail[0]!.kg_co2e).toBeCloseTo(10.58599124352, 10);
    expect(JSON.parse(rail[0]!.extra_json!)).toMatchObject({ travelClass: 'Standard', costCentre: 'CC210' });
    ledger.close();
  });

  it('chooses flight keys by haul and cabin, using the nearest published cabin; rail class keeps the key', async () => {
    const { ledger, req, file, sql } = setup();
    const p = file('trips.csv', [
      'Travel Date,Traveller,Mode of Travel,Distance (km),Cabin Class,Amount',
      '02/07/2024,A. Patel,Flight,530,Domestic - Business,',
      '03/07/2024,A. Patel,Flight,900,Short haul first,',
      '04/07/2024,A. Patel,Flight,900,Short-haul premium economy,',
      '05/07/2024,A. Patel,Flight - long haul,7000,Premium Economy,',
      '06/07/2024,A. Patel,Flight,5000,International (non-UK) economy,',
      '07/07/2024,A. Patel,Train,320,First,',
      '08/07/2024,A. Patel,Eurostar,490,Standard,',
      '09/07/2024,A. Patel,Black cab,5,,',
      '10/07/2024,A. Patel,Ferry,40,,',
      '11/07/2024,A. Patel,Coach,200,,',
      '12/07/2024,A. Patel,Tram,8,,',
      '13/07/2024,A. Patel,Motorbike,,,12.00',
      '14/07/2024,A. Patel,Flight,1200,Long haul,',
    ].join('\n'));
    const s = await importJourneys(ledger, req(p));
    expect(s.profile).toBe('business-travel');
    expect(s.problems.map((x) => [x.line, x.code])).toEqual([[13, 'missing_distance']]);
    const rows = sql<ActivityRow>('SELECT * FROM activities WHERE batch_id = ? AND companion_of IS NULL ORDER BY line', s.batchId);
    expect(rows.map((a) => [a.line, a.factor_key, a.unit, extraOf(a.extra_json).cabinRequested])).toEqual([
      [2, 'flight.domestic.average', 'passenger_km', 'business'],
      [3, 'flight.short_haul.business', 'passenger_km', 'first'],
      [4, 'flight.short_haul.economy', 'passenger_km', 'premium_economy'],
      [5, 'flight.long_haul.premium_economy', 'passenger_km', undefined],
      [6, 'flight.international.economy', 'passenger_km', undefined],
      [7, 'rail.national', 'passenger_km', undefined],
      [8, 'rail.international', 'passenger_km', undefined],
      [9, 'taxi.black_cab', 'passenger_km', undefined],
      [10, 'ferry.foot', 'passenger_km', undefined],
      [11, 'coach', 'passenger_km', undefined],
      [12, 'rail.light_rail_tram', 'passenger_km', undefined],
      [14, 'flight.long_haul.average', 'passenger_km', undefined],
    ]);
    expect(rows.map((a) => a.meter)).toEqual(Array<string>(12).fill('A. Patel'));
    expect(s.problems[0]!.message).toContain('motorbike');
    ledger.close();
  });

  it('a claims file with only amounts still fits the built-in profile; the same file twice is a no-op', async () => {
    const { ledger, req, file } = setup();
    const p = file('amounts.csv', 'Claim Date,Cost Centre,Claim Type,Amount Claimed\n01/08/2024,CC900,Mileage,£9.00\n');
    const s = await importJourneys(ledger, req(p));
    expect(s.profile).toBe('business-travel');
    expect(s.totals.quantities).toEqual([{ source: 'travel:car', unit: 'miles', direction: 'import', quantity: 20 }]);
    expect(s.meters).toEqual(['CC900']);
    const again = await importJourneys(ledger, req(p));
    expect(again.status).toBe('already-imported');
    expect(again.batchId).toBe(s.batchId);
    expect(ledger.listBatches()).toHaveLength(1);
    ledger.close();
  });
});

describe('tco2e import journeys (CLI)', () => {

  it('imports a survey with --wave and a claims file with --rejects in a new workspace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tco2e-cli-journeys-'));
    expect(runCli(dir, 'init', '--org', 'north-acute', '--name', 'North Acute Hospitals NHS Trust').code).toBe(0);

    const undated = join(dir, 'undated.csv');
    writeFileSync(undated, 'Respondent ID,Main mode,Distance (miles),Days per week\nA,Bus,4,5\n');
    const noWave = runCli(dir, 'import', 'journeys', undated, '--org', 'north-acute');
    expect(noWave.code).toBe(2);
    expect(noWave.stderr).toContain('--wave');

    const survey = runCli(dir, 'import', 'journeys', SURVEY, '--org', 'north-acute', '--wave', '2024 autumn', '--json');
    expect(survey.code).toBe(0);
    const json = JSON.parse(survey.stdout) as { status: string; profile: string; surveyResponses: number; wave: string; rows: { rejected: number } };
    expect(json).toMatchObject({ status: 'stored', profile: 'travel-survey', surveyResponses: 11, wave: '2024 autumn', rows: { rejected: 6 } });

    const again = runCli(dir, 'import', 'journeys', SURVEY, '--org', 'north-acute', '--wave', '2024 autumn');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Already imported');

    const rejects = join(dir, 'rejects.csv');
    const claims = runCli(dir, 'import', 'journeys', CLAIMS, '--org', 'north-acute', '--rejects', rejects);
    expect(claims.code).toBe(0);
    expect(claims.stdout).toContain('Rows: 16 read, 10 accepted, 2 excluded, 4 rejected');
    expect(existsSync(rejects)).toBe(true);
    expect(readFileSync(rejects, 'utf8').split('\r\n').filter((l) => l !== '').map((l) => l.split(',')[0])).toEqual(['line', '11', '12', '13', '17']);

    const list = JSON.parse(runCli(dir, 'imports', 'list', '--json').stdout) as { imports: { kind: string; profile: string }[] };
    expect(list.imports.map((b) => [b.kind, b.profile])).toEqual([['journeys', 'travel-survey'], ['journeys', 'business-travel']]);
  });
});
