/**
 * Every problem in a hand-edited file (workspace config, import profiles, target presets,
 * custom factor CSVs) must name the file, where in it, and what is allowed. A valid config is
 * broken one field at a time, covering each kind of problem the schemas can raise.
 */

import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCustomFactors } from '../../src/factors/custom.js';
import { allProfiles, loadBuiltinProfiles } from '../../src/map/profiles.js';
import { loadPresets, parsePresets } from '../../src/targets/presets.js';
import { parseConfig } from '../../src/workspace/config.js';
import { initWorkspace } from '../../src/workspace/init.js';
import { userError } from '../helpers.js';

const FILE = 'tco2e.config.json';

type Json = Record<string, unknown>;

const userProfile = (): Json => ({
  id: 'acme-bills',
  description: 'Acme Energy monthly bills',
  kind: 'energy',
  shape: 'bill',
  columns: { site: 'Site', periodStart: 'From', periodEnd: 'To', quantity: ['kWh', 'Units'] },
  fuel: 'electricity',
  unit: 'kWh',
});

/** A config using every part of the format. */
function fullConfig(): Json {
  return {
    version: 1,
    ledger: 'tco2e-ledger.sqlite',
    organisations: [
      {
        id: 'north-acute',
        name: 'North Acute NHS Trust',
        kind: 'nhs-trust',
        sites: [
          { id: 'main', name: 'Main Hospital', meters: ['1200012345678'], opened: '2001-04-01' },
          { id: 'annex', name: 'Annex', closed: '2024-03-31' },
        ],
        denominators: [{ year: '2024/25', floorAreaM2: 120000, staffWte: 5400, beds: 800 }],
        travel: {
          workingWeeks: 46,
          headcount: [{ year: '2024/25', site: 'main', staffGroup: 'Nursing', headcount: 2100 }],
          avoided: [{ year: '2024/25', site: 'main', appointments: 12000, roundTripKm: 18, modeMix: { drive_alone: 0.7, bus: 0.3 }, source: 'Outpatients digital report 2024/25' }],
        },
        marketFactors: [{ supplier: 'Acme Energy', from: '2024-04-01', to: '2025-03-31', sites: ['main'], kgCo2ePerKwh: 0, source: 'Acme fuel mix disclosure 2024' }],
      },
      { id: 'riverside', name: 'Riverside Council', kind: 'council' },
      { id: 'north-ics', name: 'North ICS', kind: 'ics', members: ['north-acute', 'riverside'] },
    ],
    profiles: [userProfile()],
    targets: [
      { id: 'nhs-2040', org: 'north-acute', preset: 'nhs-carbon-footprint-2040', baselineYear: 2019 },
      {
        id: 'own', org: 'riverside', name: 'Own target', basis: 'financial', baselineYear: 2019, targetYear: 2030, reductionPct: 100,
        baseline: { tco2e: 5400, source: 'Carbon management plan 2019' }, interim: [{ year: 2025, reductionPct: 50 }],
        scopes: [1, 2], scope2: 'location', pathway: 'linear', trendYears: 3, excludeSites: [],
      },
    ],
  };
}

/** Walks a dotted path to the object holding its last key. */
function parentOf(root: Json, path: string): [Json, string] {
  const keys = path.split('.');
  let at: unknown = root;
  for (const k of keys.slice(0, -1)) at = (at as Json)[k];
  return [at as Json, keys[keys.length - 1]!];
}

const set = (path: string, value: unknown) => (c: Json) => {
  const [o, k] = parentOf(c, path);
  o[k] = value;
};
const remove = (path: string) => (c: Json) => {
  const [o, k] = parentOf(c, path);
  Reflect.deleteProperty(o, k);
};

function configMessage(change: (c: Json) => void): string {
  const c = fullConfig();
  change(c);
  const e = userError(() => parseConfig(JSON.stringify(c), FILE));
  expect(e.code).toBe('config_invalid');
  return e.message;
}

const KINDS = '"nhs-trust" | "council" | "ics" | "other"';

/** [what breaks, the change, the dotted path reported, what the message must say is allowed]. */
const CONFIG_CASES: readonly (readonly [string, (c: Json) => void, string, string])[] = [
  // wrong type
  ['a number given as text', set('organisations.0.denominators.0.floorAreaM2', '120000'), 'organisations.0.denominators.0.floorAreaM2', 'expected a number (got "120000")'],
  ['text given as a number', set('organisations.1.name', 5), 'organisations.1.name', 'expected text (got 5)'],
  ['an object given as a number', set('organisations.0.travel', 46), 'organisations.0.travel', 'expected an object (got 46)'],
  ['a list given as an object', set('organisations.0.sites', { id: 'main' }), 'organisations.0.sites', 'expected a list (got an object)'],
  ['null for a date', set('organisations.0.sites.0.opened', null), 'organisations.0.sites.0.opened', 'expected text (got null)'],
  ['a whole number given a fraction', set('organisations.0.travel.avoided.0.appointments', 1.5), 'organisations.0.travel.avoided.0.appointments', 'must be a whole number (got 1.5)'],
  ['a year given as text', set('targets.1.targetYear', '2030'), 'targets.1.targetYear', 'expected a number (got "2030")'],
  // missing required key
  ['a missing name', remove('organisations.1.name'), 'organisations.1.name', 'is missing; expected text'],
  ['a missing kind', remove('organisations.1.kind'), 'organisations.1.kind', `is missing; expected one of ${KINDS}`],
  ['a missing version', remove('version'), 'version', 'is missing; expected 1'],
  ['a missing source', remove('organisations.0.marketFactors.0.source'), 'organisations.0.marketFactors.0.source', 'is missing; expected text'],
  ['a missing headcount', remove('organisations.0.travel.headcount.0.headcount'), 'organisations.0.travel.headcount.0.headcount', 'is missing; expected a number'],
  // unknown keys: a typo must never be silently ignored
  ['a typo in an organisation key', set('organisations.0.denominater', []), 'organisations.0', 'unknown key "denominater" (did you mean "denominators"?); allowed keys: id, name, kind, ods, laCode, members, sites, denominators, travel, marketFactors'],
  ['a typo in a site key', set('organisations.0.sites.1.close', '2024-03-31'), 'organisations.0.sites.1', 'unknown key "close" (did you mean "closed"?); allowed keys: id, name, meters, opened, closed'],
  ['a typo at the top level', set('target', []), '(top level)', 'unknown key "target" (did you mean "targets"?); allowed keys: version, ledger, organisations, profiles, targets'],
  ['a typo in travel', set('organisations.0.travel.workingWeek', 44), 'organisations.0.travel', 'unknown key "workingWeek" (did you mean "workingWeeks"?); allowed keys: workingWeeks, headcount, avoided'],
  ['an unknown mode in a mode mix', set('organisations.0.travel.avoided.0.modeMix.car', 0), 'organisations.0.travel.avoided.0.modeMix', 'unknown key "car"; allowed keys: drive_alone, car_share, motorbike, bus, train, tram, cycle, e_bike, walk, other'],
  ['a typo in a baseline', set('targets.1.baseline.tCO2e', 1), 'targets.1.baseline', 'unknown key "tCO2e" (did you mean "tco2e"?); allowed keys: tco2e, source'],
  // enum values
  ['an organisation kind not allowed', set('organisations.0.kind', 'trust'), 'organisations.0.kind', `expected one of ${KINDS} (got "trust")`],
  ['a target basis not allowed', set('targets.1.basis', 'fiscal'), 'targets.1.basis', 'expected one of "financial" | "calendar" (got "fiscal")'],
  ['a scope 2 method not allowed', set('targets.1.scope2', 'dual'), 'targets.1.scope2', 'expected one of "location" | "market" (got "dual")'],
  ['a pathway not allowed', set('targets.1.pathway', 'exponential'), 'targets.1.pathway', 'expected one of "linear" | "compound"'],
  ['a scope that does not exist', set('targets.1.scopes', [1, 4]), 'targets.1.scopes.1', 'expected 1, 2 or 3 (got 4)'],
  ['a version not supported', set('version', 2), 'version', 'expected 1 (got 2)'],
  // numbers out of range
  ['a negative floor area', set('organisations.0.denominators.0.floorAreaM2', -5), 'organisations.0.denominators.0.floorAreaM2', 'must be greater than zero (got -5)'],
  ['too many working weeks', set('organisations.0.travel.workingWeeks', 60), 'organisations.0.travel.workingWeeks', 'must be at most 52 (got 60)'],
  ['zero working weeks', set('organisations.0.travel.workingWeeks', 0), 'organisations.0.travel.workingWeeks', 'must be greater than 0 (got 0)'],
  ['a reduction over 100%', set('targets.1.reductionPct', 120), 'targets.1.reductionPct', 'must be at most 100 (100 is net zero) (got 120)'],
  ['a negative reduction', set('targets.1.reductionPct', -1), 'targets.1.reductionPct', 'must be 0 or more (got -1)'],
  ['an interim reduction over 100%', set('targets.1.interim.0.reductionPct', 101), 'targets.1.interim.0.reductionPct', 'must be 100 or less (got 101)'],
  ['a baseline year too early', set('targets.1.baselineYear', 1980), 'targets.1.baselineYear', 'must be 1990 or later (got 1980)'],
  ['a target year too late', set('targets.1.targetYear', 2150), 'targets.1.targetYear', 'must be 2100 or earlier (got 2150)'],
  ['too few trend years', set('targets.1.trendYears', 1), 'targets.1.trendYears', 'must be 2 or more (got 1)'],
  ['a fractional trend', set('targets.1.trendYears', 2.5), 'targets.1.trendYears', 'expected a whole number (got 2.5)'],
  ['a negative market factor', set('organisations.0.marketFactors.0.kgCo2ePerKwh', -0.1), 'organisations.0.marketFactors.0.kgCo2ePerKwh', 'must be zero or more (got -0.1)'],
  ['a mode share over 1', set('organisations.0.travel.avoided.0.modeMix.bus', 1.5), 'organisations.0.travel.avoided.0.modeMix.bus', 'must be 1 or less (got 1.5)'],
  ['a baseline of zero', set('targets.1.baseline.tco2e', 0), 'targets.1.baseline.tco2e', 'must be greater than 0 (got 0)'],
  // dates and years
  ['a date written the UK way', set('organisations.0.sites.1.closed', '31/03/2024'), 'organisations.0.sites.1.closed', 'must be a date written like 2024-03-31 (YYYY-MM-DD) (got "31/03/2024")'],
  ['a date without leading zeros', set('organisations.0.marketFactors.0.from', '2024-4-1'), 'organisations.0.marketFactors.0.from', 'must be a date written like 2024-03-31'],
  ['a financial year written with a dash', set('organisations.0.denominators.0.year', '2024-25'), 'organisations.0.denominators.0.year', 'must be a financial year written like 2024/25 (got "2024-25")'],
  ['a headcount year written as a number', set('organisations.0.travel.headcount.0.year', 2024), 'organisations.0.travel.headcount.0.year', 'expected text (got 2024)'],
  ['a market factor ending before it starts', set('organisations.0.marketFactors.0.to', '2024-01-01'), 'organisations.0.marketFactors.0.to', 'from must not be after to'],
  // ids
  ['an organisation id with capitals and spaces', set('organisations.1.id', 'Riverside Council'), 'organisations.1.id', 'must be lower-case letters, digits and dashes, e.g. "north-acute" (got "Riverside Council")'],
  ['a site id with an underscore', set('organisations.0.sites.0.id', 'main_site'), 'organisations.0.sites.0.id', 'must be lower-case letters, digits and dashes'],
  ['a target id starting with a dash', set('targets.0.id', '-2040'), 'targets.0.id', 'must be lower-case letters, digits and dashes'],
  // duplicates and cross-references
  ['a duplicate organisation id', set('organisations.1.id', 'north-acute'), 'organisations.1.id', '"north-acute" is used by another organisation'],
  ['a duplicate site id', set('organisations.0.sites.1.id', 'main'), 'organisations.0.sites.1.id', '"main" is used by another site of north-acute'],
  ['a duplicate target id', set('targets.1', { id: 'nhs-2040', org: 'north-acute', preset: 'nhs-carbon-footprint-2040', baselineYear: 2019 }), 'targets.1.id', '"nhs-2040" is used by another target of north-acute'],
  ['a member that is not an organisation', set('organisations.2.members', ['north-acute', 'nowhere']), 'organisations.2.members.1', '"nowhere" is not an organisation in this config'],
  ['an organisation as its own member', set('organisations.2.members', ['north-ics']), 'organisations.2.members.0', 'an organisation cannot be its own member'],
  ['a target for an unknown organisation', set('targets.0.org', 'south-acute'), 'targets.0.org', '"south-acute" is not an organisation in this config'],
  ['a headcount for a site the organisation does not have', set('organisations.0.travel.headcount.0.site', 'main-hospital'), 'organisations.0.travel.headcount.0.site', '"main-hospital" is not a site of north-acute (sites are named by their id); its sites are main, annex'],
  ['avoided journeys at an unknown site', set('organisations.0.travel.avoided.0.site', 'outpatients'), 'organisations.0.travel.avoided.0.site', '"outpatients" is not a site of north-acute'],
  ['a market factor for an unknown site', set('organisations.0.marketFactors.0.sites', ['main', 'mian']), 'organisations.0.marketFactors.0.sites.1', '"mian" is not a site of north-acute (sites are named by their id); its sites are main, annex'],
  ['a target excluding a site its organisation lacks', set('targets.0.excludeSites', ['anex']), 'targets.0.excludeSites.0', '"anex" is not a site of north-acute (sites are named by their id); its sites are main, annex'],
  ['an excluded site for an organisation with none', set('targets.1.excludeSites', ['depot']), 'targets.1.excludeSites.0', '"depot" is not a site of riverside (sites are named by their id); riverside lists no sites'],
  // lists too short, empty text, sums
  ['no organisations', set('organisations', []), 'organisations', 'must list at least one organisation'],
  ['no scopes', set('targets.1.scopes', []), 'targets.1.scopes', 'must list at least 1 item'],
  ['an empty name', set('organisations.0.name', ''), 'organisations.0.name', 'must not be empty (got "")'],
  ['an empty meter id', set('organisations.0.sites.0.meters', ['']), 'organisations.0.sites.0.meters.0', 'must not be empty'],
  ['an empty baseline source', set('targets.1.baseline.source', ''), 'targets.1.baseline.source', 'must say where the baseline comes from'],
  ['mode shares not adding up to 1', set('organisations.0.travel.avoided.0.modeMix', { drive_alone: 0.5, bus: 0.3 }), 'organisations.0.travel.avoided.0.modeMix', 'modeMix shares must add up to 1'],
  ['a user profile that is not an object', set('profiles', ['acme-bills']), 'profiles.0', 'expected an object (got "acme-bills")'],
];

describe('config problems name the file, the path and what is allowed', () => {
  it('the config init writes and the full example are both valid', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tco2e-cfg-'));
    const r = initWorkspace({ configPath: join(dir, FILE), org: { id: 'north-acute', name: 'North Acute', kind: 'nhs-trust' } });
    expect(parseConfig(JSON.stringify(r.config), FILE).organisations[0]?.id).toBe('north-acute');
    expect(parseConfig(JSON.stringify(fullConfig()), FILE).targets).toHaveLength(2);
  });

  it.each(CONFIG_CASES)('%s', (_what, change, path, allowed) => {
    const message = configMessage(change);
    expect(message).toContain(`${FILE}: ${path}: ${allowed}`);
  });

  it('an ICS target may leave out a site of one of its members; its own sites and members\' are named when it cannot', () => {
    const c = fullConfig();
    (c.targets as Json[]).push({ id: 'ics-2040', org: 'north-ics', preset: 'nhs-carbon-footprint-2040', baselineYear: 2019, excludeSites: ['annex'] });
    expect(parseConfig(JSON.stringify(c), FILE).targets[2]?.excludeSites).toEqual(['annex']);
    ((c.targets as Json[])[2]!).excludeSites = ['depot'];
    expect(userError(() => parseConfig(JSON.stringify(c), FILE)).message).toContain(`${FILE}: targets.2.excludeSites.0: "depot" is not a site of north-ics (sites are named by their id); its sites are main, annex`);
  });

  it('breaking one field reports exactly one problem', () => {
    expect(configMessage(set('organisations.0.kind', 'trust'))).toContain(`${FILE} has 1 problem(s)`);
  });

  it('never prints zod\'s terse defaults', () => {
    for (const [what, change] of CONFIG_CASES) {
      const message = configMessage(change);
      expect(message, what).not.toMatch(/Invalid input|Invalid option|Too small|Too big|Unrecognized key|Invalid string/);
    }
  });

  it('cuts a long value short when quoting it back', () => {
    const message = configMessage(set('organisations.0.kind', 'x'.repeat(500)));
    expect(message).toContain(`(got "${'x'.repeat(40)}…")`);
    expect(message).not.toContain('x'.repeat(41));
  });
});

function profileMessage(change: (p: Json) => void): string {
  const p = userProfile();
  change(p);
  const e = userError(() => allProfiles([p], FILE));
  expect(e.code).toBe('profile_invalid');
  return e.message;
}

const SHAPES = '"bill" | "half-hourly" | "interval" | "fuel-card" | "mileage" | "vehicle-register" | "ev-charging" | "survey" | "business-travel"';

const PROFILE_CASES: readonly (readonly [string, (p: Json) => void, string, string])[] = [
  ['an unknown shape', set('shape', 'bills'), 'profiles.0.shape', `expected one of ${SHAPES} (got "bills")`],
  ['no shape', remove('shape'), 'profiles.0.shape', `is missing; expected one of ${SHAPES}`],
  ['an unknown kind for the shape', set('kind', 'water'), 'profiles.0.kind', 'expected "energy" (got "water")'],
  ['a missing required column', remove('columns.quantity'), 'profiles.0.columns.quantity', 'is missing; expected text or a list'],
  ['a column named by a number', set('columns.quantity', 5), 'profiles.0.columns.quantity', 'expected text or a list (got 5)'],
  ['a column named by an empty list', set('columns.quantity', []), 'profiles.0.columns.quantity', 'must list at least 1 item'],
  ['an unknown column', set('columns.kwh', 'kWh'), 'profiles.0.columns', 'unknown key "kwh"; allowed keys: site, meter, fuel, periodStart, periodEnd, month, quantity, unit, readType, cost'],
  ['a typo in a profile key', set('dateFormats', 'dd/MM/yyyy'), 'profiles.0', 'unknown key "dateFormats" (did you mean "dateFormat"?)'],
  ['a delimiter not allowed', set('delimiter', ':'), 'profiles.0.delimiter', 'expected one of "," | ";" | "\\t" | "|" (got ":")'],
  ['a header line of zero', set('headerLine', 0), 'profiles.0.headerLine', 'must be greater than 0 (got 0)'],
  ['a yes/no as text', set('excelDates', 'yes'), 'profiles.0.excelDates', 'expected true or false (got "yes")'],
  ['a fuel not known', set('fuel', 'diesel'), 'profiles.0.fuel', 'expected one of "electricity" | "gas"'],
  ['a bad profile id', set('id', 'Acme Bills'), 'profiles.0.id', 'must be lower-case letters, digits and dashes (got "Acme Bills")'],
];

describe('user profile problems name the config, the profile\'s path and what is allowed', () => {
  it.each(PROFILE_CASES)('%s', (_what, change, path, allowed) => {
    // A user profile is named by its place in the config, as every other config path is; the
    // config says so when it is read, and the import stage says the same.
    expect(profileMessage(change)).toContain(`${FILE}: ${path}: ${allowed}`);
    const c = fullConfig();
    const p = userProfile();
    change(p);
    c.profiles = [p];
    const e = userError(() => parseConfig(JSON.stringify(c), FILE));
    expect(e.code).toBe('config_invalid');
    expect(e.message).toContain(`${FILE}: ${path}: ${allowed}`);
  });

  it('a built-in profile file that is wrong is named by its file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tco2e-prof-'));
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ ...userProfile(), decimal: ':' }));
    expect(userError(() => loadBuiltinProfiles(dir)).message).toContain('data/profiles/builtin/bad.json: decimal: expected one of "." | "," (got ":")');
  });
});

function preset(): Json {
  return {
    id: 'test-2030', name: 'Test', basis: 'financial', baselineYear: 2019, targetYear: 2030, reductionPct: 50,
    interim: [{ year: 2025, reductionPct: 25 }, { from: 2026, to: 2027, reductionPct: 35 }],
    scopes: [1, 2], source: { title: 'A strategy', publisher: 'A department', date: '2021-10', url: 'https://www.example.org/strategy' },
    note: 'Read as written.',
  };
}

describe('target preset problems', () => {
  const problems = (change: (p: Json) => void): readonly string[] => {
    const p = preset();
    change(p);
    return parsePresets({ version: 1, presets: [p] }, 'p.json').problems;
  };

  it('accepts the valid preset', () => {
    expect(problems(() => undefined)).toEqual([]);
  });

  it('reports a bad milestone as the alternative it is closest to, in one line', () => {
    expect(problems(set('interim.0.year', '2025'))).toEqual(['p.json: presets.0.interim.0.year: expected a number (got "2025")']);
    expect(problems(set('interim.1.to', 2026.5))).toEqual(['p.json: presets.0.interim.1.to: expected a whole number (got 2026.5)']);
  });

  it('says what a URL, a basis and a date must look like', () => {
    expect(problems(set('source.url', 'www.example.org'))).toEqual(['p.json: presets.0.source.url: expected a web address like https://www.example.org/report (got "www.example.org")']);
    expect(problems(set('basis', 'fy'))).toEqual(['p.json: presets.0.basis: expected one of "financial" | "calendar" (got "fy")']);
    expect(problems(set('source.date', 'Oct 2021'))).toEqual(['p.json: presets.0.source.date: must be YYYY, YYYY-MM or YYYY-MM-DD (got "Oct 2021")']);
  });

  it('loadPresets names the file in its error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tco2e-presets-'));
    mkdirSync(dir, { recursive: true });
    const p = preset();
    p.scope2 = 'both';
    writeFileSync(join(dir, 'presets.json'), JSON.stringify({ version: 1, presets: [p] }));
    const e = userError(() => loadPresets(dir));
    expect(e.code).toBe('presets_invalid');
    expect(e.message).toContain(`${join(dir, 'presets.json')}: presets.0.scope2: expected one of "location" | "market" (got "both")`);
  });
});

describe('custom factor CSV problems', () => {
  const header = 'key,year,unit,kg_co2e,kg_co2,kg_ch4,kg_n2o,scope,category,source,description';

  it('name the file, the line, the column and what is allowed', () => {
    const text = `${header}\nelectricity.supplier.acme,24,kWh,0.1,,,,2,,Acme disclosure,\nElectricity Acme,2024,furlongs,abc,,,,5,,,\n`;
    const r = parseCustomFactors(text, 'factors.csv', () => false);
    expect(r.factors).toEqual([]);
    const at = r.problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`);
    expect(at).toContain('factors.csv:2:year: year must be a four-digit year, or blank for every year');
    expect(at).toContain('factors.csv:3:key: key must be lower-case words joined by dots, e.g. electricity.supplier.acme');
    expect(at).toContain('factors.csv:3:unit: unit is not a unit tco2e knows (kWh, litres, m3, km, miles, passenger.km, tonnes…)');
    expect(at).toContain('factors.csv:3:kg_co2e: kg_co2e must be a number (kg per unit)');
    expect(at).toContain('factors.csv:3:scope: scope must be 1, 2, 3, outside, or blank to keep the published key’s scope');
    expect(at).toContain('factors.csv:3:source: source is required: say where the figure comes from, so an auditor can check it');
  });
});
