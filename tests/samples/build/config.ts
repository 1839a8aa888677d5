/**
 * The workspace config and the import manifest of the sample dataset, built from the same
 * organisation list as the files so meter ids, site names and organisation ids always agree.
 */

import { FIRST_FY, fyLabel, LAST_FY } from './calendar.js';
import { ACUTE, COMMUNITY, COUNCIL, ICS, MEMBERS, site, type OrgDef } from './orgs.js';
import { prngFor } from './prng.js';
import type { SampleFile } from './types.js';
import { VISITOR_SURVEY_FILE, VISITOR_SURVEY_REJECTED_LINE } from './visitor-survey.js';

/** Says in the config itself that nothing in it is real. */
const ILLUSTRATIVE = 'Illustrative figure for the tco2e sample dataset (a fictional integrated care system); not from any real organisation';

function compound(start: number, rate: number, years: number): number {
  let v = start;
  for (let i = 0; i < years; i++) v *= rate;
  return v;
}

type Denominators = Record<string, string | number>;

function years(f: (fy: number, n: number) => Omit<Denominators, 'year'>): Denominators[] {
  const out: Denominators[] = [];
  for (let fy = FIRST_FY; fy <= LAST_FY; fy++) out.push({ year: fyLabel(fy), ...f(fy, fy - FIRST_FY) });
  return out;
}

const DENOMINATORS: Readonly<Record<string, Denominators[]>> = {
  // A new ward block from 2019/20; beds fall as more care moves to day cases.
  [ACUTE.id]: years((fy, n) => {
    const wte = Math.round(compound(4650, 1.015, n));
    return { floorAreaM2: fy >= 2019 ? 171_500 : 168_000, staffWte: wte, headcount: Math.round(wte * 1.16), beds: 840 - Math.round(n * 4), spendGbpM: Math.round(compound(390, 1.05, n)) };
  }),
  // Two leased floors given up in 2020/21.
  [COMMUNITY.id]: years((fy, n) => {
    const wte = Math.round(compound(1620, 1.01, n));
    return { floorAreaM2: fy >= 2020 ? 25_200 : 27_800, staffWte: wte, headcount: Math.round(wte * 1.2), spendGbpM: Math.round(compound(92, 1.04, n)) };
  }),
  // Market Street Offices closed in September 2020.
  [COUNCIL.id]: years((fy, n) => {
    const wte = Math.round(compound(1480, 0.985, n));
    return { floorAreaM2: fy >= 2020 ? 38_200 : 44_500, staffWte: wte, headcount: Math.round(wte * 1.25), residents: 182_400 + 650 * n, spendGbpM: Math.round(compound(214, 1.025, n)) };
  }),
  [ICS.id]: years((_fy, n) => ({ residents: 561_000 + 2100 * n })),
};

/** Staff headcount by site in the survey years, to scale respondents up to everyone. */
const HEADCOUNT: Readonly<Record<string, readonly (readonly [string, number, number])[]>> = {
  [ACUTE.id]: [['royal-infirmary', 4100, 4350], ['saltmarsh', 1050, 1100], ['ridgeway', 420, 460]],
  [COMMUNITY.id]: [['orchard-house', 420, 440], ['harbour-lane', 380, 400], ['millbrook', 330, 350], ['brackenfield', 150, 160], ['eastgate', 520, 560], ['fellside', 90, 95]],
};

/**
 * The acute trust's patient activity, what patient and visitor travel is scaled to: contacts
 * (outpatient attendances, admissions and A&E attendances) for the whole trust every year, about
 * 470,000 in 2013/14 growing about 1% a year; and for 2025/26, the year of the patient and
 * visitor survey, the same split by site, so each site's share of journeys by private car can
 * weigh its patients and visitors against its staff.
 */
const ACTIVITY_SOURCE = 'Illustrative figures for the sample dataset (outpatient attendances, admissions and A&E attendances), not a real trust\'s';
const SITE_ACTIVITY_SOURCE = 'Illustrative figures for the sample dataset (outpatient attendances, admissions and A&E attendances by site), not a real trust\'s';

/**
 * Each site's share of the trust's contacts in 2025/26 and how they split: the Royal Infirmary is
 * the major hospital with the emergency department; Saltmarsh has a smaller A&E; Ridgeway, a
 * treatment centre, has outpatients and day cases only.
 */
const SITE_ACTIVITY: readonly (readonly [string, number, { op: number; ip: number; ae: number }])[] = [
  ['royal-infirmary', 0.71, { op: 0.6, ip: 0.16, ae: 0.24 }],
  ['saltmarsh', 0.235, { op: 0.7, ip: 0.14, ae: 0.16 }],
  ['ridgeway', 0.055, { op: 0.86, ip: 0.14, ae: 0 }],
];

function patientActivity(): Record<string, unknown>[] {
  const rng = prngFor('activity:acute');
  const byYear = years((_fy, n) => ({ patientContacts: Math.round(compound(470_000, 1.01, n) * rng.noise(0.006)) }));
  const last = byYear[byYear.length - 1]!;
  const contacts = last.patientContacts as number;
  // Rounded to tens, as a report would give them, so the sites add up to the trust's figure only roughly.
  const tens = (x: number): number => Math.round(x / 10) * 10;
  const sites = SITE_ACTIVITY.map(([id, share, split]) => ({
    year: last.year, site: site(ACUTE, id).id,
    outpatientAttendances: tens(contacts * share * split.op), inpatientAdmissions: tens(contacts * share * split.ip),
    ...(split.ae > 0 ? { aeAttendances: tens(contacts * share * split.ae) } : {}),
    source: SITE_ACTIVITY_SOURCE,
  }));
  return [...byYear.map((y) => ({ ...y, source: ACTIVITY_SOURCE })), ...sites];
}

/**
 * Targets for the share of journeys to the Royal Infirmary by private car: staff's, from the
 * 2022 staff survey (about 73% of journeys driving, car sharing or by taxi; 65% in 2025, about on
 * the pathway) to 50% by 2030/31; and everyone's, from the first year patients and visitors were
 * surveyed too (about 69%), to 55%.
 */
const PRIVATE_CAR_SHARE: readonly Record<string, unknown>[] = [
  {
    id: 'royal-infirmary-staff-car', name: `Staff private-car share at ${site(ACUTE, 'royal-infirmary').name}`, sites: ['royal-infirmary'], who: 'staff',
    baselineYear: '2022/23', targetYear: '2030/31', targetSharePct: 50, interim: [{ year: '2027/28', sharePct: 60 }],
  },
  {
    id: 'royal-infirmary-all-car', name: `Private-car share of all journeys to ${site(ACUTE, 'royal-infirmary').name}`, sites: ['royal-infirmary'], who: 'all',
    baselineYear: '2025/26', targetYear: '2030/31', targetSharePct: 55,
  },
];

function organisation(org: OrgDef): Record<string, unknown> {
  const out: Record<string, unknown> = { id: org.id, name: org.name, kind: org.kind };
  if (org === ICS) out.members = MEMBERS.map((m) => m.id);
  if (org.sites.length > 0) {
    out.sites = org.sites.map((s) => ({ id: s.id, name: s.name, meters: s.meters.map((m) => m.id), ...(s.closed === undefined ? {} : { closed: s.closed }) }));
  }
  out.denominators = DENOMINATORS[org.id];
  const headcount = HEADCOUNT[org.id];
  if (headcount !== undefined || org === ACUTE) {
    out.travel = {
      workingWeeks: 46,
      headcount: (headcount ?? []).flatMap(([id, h2022, h2025]) => [{ year: '2022/23', site: id, headcount: h2022 }, { year: '2025/26', site: id, headcount: h2025 }]),
      ...(org === ACUTE ? {
        avoided: [{
          year: '2025/26',
          site: 'royal-infirmary',
          description: 'Outpatient appointments held by video or telephone instead of face to face',
          appointments: 42_000,
          roundTripKm: 26,
          modeMix: { drive_alone: 0.62, car_share: 0.1, bus: 0.16, train: 0.04, walk: 0.05, cycle: 0.03 },
          source: `${ILLUSTRATIVE}: appointment count, round trip and mode mix are made up to show how avoided journeys are reported`,
        }],
        patientActivity: patientActivity(),
        privateCarShare: PRIVATE_CAR_SHARE,
      } : {}),
    };
  }
  if (org === COUNCIL) {
    const live = COUNCIL.sites.filter((s) => s.closed === undefined);
    out.marketFactors = [{
      supplier: 'Brightwater Energy (fictional) REGO-backed renewable tariff',
      from: '2021-04-01',
      to: '2026-03-31',
      meters: live.flatMap((s) => s.meters.filter((m) => m.fuel === 'electricity').map((m) => m.id)),
      kgCo2ePerKwh: 0,
      source: `${ILLUSTRATIVE}: a zero-rated REGO-backed tariff, to show a market-based Scope 2 figure beside the location-based one`,
    }];
  }
  return out;
}

/**
 * Declared 1990 baselines: the ledger starts in 2013/14, so targets against 1990 need one. Each is
 * the organisation's 2013/14 total on the target's own boundary scaled by about 1.45, roughly how
 * much higher UK grid electricity and public-sector use were in 1990: the NHS Carbon Footprint's
 * sources (energy, water, waste, clinical gases, fleet and business travel: 22,099 t for the
 * acute trust, 1,450 t for the community trust), or everything the ledger counts, staff commuting
 * and patients' and visitors' travel by the default methods included (28,506 t for the acute
 * trust, 34,560 t for the ICS).
 */
const BASELINE_1990 = { acute: 32_000, acuteAll: 41_300, community: 2_100, ics: 50_100 } as const;
const baselineSource = `Illustrative 1990 estimate for the sample dataset: its 2013/14 ledger total on the target's boundary scaled up by about 1.45; not a real organisation's figure`;

const TARGETS: readonly Record<string, unknown>[] = [
  { id: 'sds-2014', org: ACUTE.id, preset: 'sds-2014-28pct', baselineYear: 2013 },
  { id: 'cca-2020', org: ACUTE.id, preset: 'cca-2020-34pct', baseline: { tco2e: BASELINE_1990.acuteAll, source: baselineSource } },
  { id: 'cca-2025', org: ACUTE.id, preset: 'cca-2025-50pct', baseline: { tco2e: BASELINE_1990.acuteAll, source: baselineSource } },
  { id: 'nhs-2040', org: ACUTE.id, preset: 'nhs-carbon-footprint-2040', baseline: { tco2e: BASELINE_1990.acute, source: baselineSource } },
  { id: 'nhs-plus-2045', org: ACUTE.id, preset: 'nhs-carbon-footprint-plus-2045', baseline: { tco2e: BASELINE_1990.acuteAll, source: baselineSource } },
  { id: 'nhs-2040', org: COMMUNITY.id, preset: 'nhs-carbon-footprint-2040', baseline: { tco2e: BASELINE_1990.community, source: baselineSource } },
  { id: 'sds-2014', org: COMMUNITY.id, preset: 'sds-2014-28pct', baselineYear: 2013 },
  { id: 'net-zero-2030', org: COUNCIL.id, preset: 'council-net-zero-2030', baselineYear: 2013 },
  { id: 'sds-2014', org: ICS.id, preset: 'sds-2014-28pct', baselineYear: 2013 },
  { id: 'uk-net-zero-2050', org: ICS.id, preset: 'uk-net-zero-2050', baseline: { tco2e: BASELINE_1990.ics, source: baselineSource } },
];

export function configFile(): SampleFile {
  const config = {
    version: 1,
    organisations: [ACUTE, COMMUNITY, COUNCIL, ICS].map(organisation),
    targets: TARGETS,
  };
  return { path: 'tco2e.config.json', bytes: Buffer.from(`${JSON.stringify(config, null, 2)}\n`, 'utf8') };
}

export interface ManifestEntry {
  readonly kind: 'energy' | 'fleet' | 'journeys';
  readonly org: string;
  readonly file: string;
  readonly profile: string;
  readonly wave?: string;
  /** Rows the import is expected to reject, on purpose, to show how problems are reported. */
  readonly expectRejected: number;
  readonly note: string;
}

export const MANIFEST: readonly ManifestEntry[] = [
  { kind: 'energy', org: ACUTE.id, file: 'energy/acute-bills-2013-2026.csv', profile: 'energy-bill', expectRejected: 1, note: `Windows-1252 supplier report with a preamble and £ costs; gas read on the 15th, so bills straddle month ends; ${site(ACUTE, 'royal-infirmary').name} electricity to March 2025 (half-hourly after); one row with 31 June` },
  { kind: 'energy', org: ACUTE.id, file: 'energy/royal-infirmary-hh-2025-26.csv', profile: 'half-hourly-numbered', expectRejected: 0, note: 'Half-hourly electricity for 2025/26, both clock changes, a week estimated' },
  { kind: 'fleet', org: ACUTE.id, file: 'fleet/acute-vehicle-register.csv', profile: 'vehicle-register', expectRejected: 0, note: 'Every vehicle of the sample years, disposed ones included' },
  { kind: 'fleet', org: ACUTE.id, file: 'fleet/acute-fuel-card-2013-2026.csv', profile: 'fuel-card', expectRejected: 0, note: 'Fuel-card transactions with AdBlue and car washes, and one refunded duplicate' },
  { kind: 'fleet', org: ACUTE.id, file: 'fleet/acute-ev-charging-2022-2026.csv', profile: 'ev-charging', expectRejected: 0, note: 'Charging sessions of the two electric vans' },
  { kind: 'journeys', org: ACUTE.id, file: 'travel/acute-staff-travel-survey-2022.csv', profile: 'travel-survey', wave: '2022 autumn', expectRejected: 1, note: 'Microsoft Forms export, cut question headers; one "5 or 6 miles return"' },
  { kind: 'journeys', org: ACUTE.id, file: 'travel/acute-staff-travel-survey-2025.csv', profile: 'travel-survey', wave: '2025 autumn', expectRejected: 1, note: 'SmartSurvey export with a car fuel question; one "Bus and train"' },
  { kind: 'journeys', org: ACUTE.id, file: VISITOR_SURVEY_FILE, profile: 'travel-survey', wave: '2025 autumn patients and visitors', expectRejected: 1, note: `SmartSurvey export of the patient and visitor travel survey: patients, visitors and carers at the three sites, journeys per visit; read as patients and visitors from its respondent-type question; one "Bus and train" (line ${VISITOR_SURVEY_REJECTED_LINE})` },
  { kind: 'journeys', org: ACUTE.id, file: 'travel/acute-expense-claims-2013-2026.csv', profile: 'business-travel', expectRejected: 0, note: 'Expense claims: mileage (some money only), rail, taxi, flights; hotels, parking and passenger supplements left out' },
  { kind: 'energy', org: COMMUNITY.id, file: 'energy/community-energy-2013-2026.csv', profile: 'energy-bill', expectRejected: 1, note: 'Semicolon-delimited with sep=; and months; sites from meter ids; heating oil in litres; Millbrook electricity missing November 2019; one sewerage row' },
  { kind: 'journeys', org: COMMUNITY.id, file: 'travel/community-staff-travel-survey-2022.csv', profile: 'travel-survey', wave: '2022 autumn', expectRejected: 0, note: 'Plain export with short headers' },
  { kind: 'journeys', org: COMMUNITY.id, file: 'travel/community-staff-travel-survey-2025.csv', profile: 'travel-survey', wave: '2025 autumn', expectRejected: 1, note: 'Plain export; one "it varies" for days on site' },
  { kind: 'journeys', org: COMMUNITY.id, file: 'travel/community-mileage-claims-2013-2026.csv', profile: 'business-travel', expectRejected: 0, note: 'Community nurses\' monthly mileage claims, some with only the amount' },
  { kind: 'energy', org: COUNCIL.id, file: 'energy/council-bills-2013-2026.csv', profile: 'energy-bill', expectRejected: 1, note: 'UTF-8 with BOM, ISO dates, quarterly depot bills, wood pellets in tonnes from 2016; one "TBC" line' },
  { kind: 'fleet', org: COUNCIL.id, file: 'fleet/council-vehicle-register.csv', profile: 'vehicle-register', expectRejected: 0, note: 'Refuse trucks, gritters, vans and cars, electric ones from 2020' },
  { kind: 'fleet', org: COUNCIL.id, file: 'fleet/council-fuel-card-2013-2026.csv', profile: 'fuel-card', expectRejected: 0, note: 'Fuel-card transactions with AdBlue and jet washes' },
  { kind: 'fleet', org: COUNCIL.id, file: 'fleet/council-ev-charging-2020-2026.csv', profile: 'ev-charging', expectRejected: 0, note: 'Depot charging: electric vans, car and refuse truck; one session that delivered nothing' },
  { kind: 'journeys', org: COUNCIL.id, file: 'travel/council-travel-claims-2013-2026.csv', profile: 'business-travel', expectRejected: 0, note: 'Travel claims by mode, some car claims with only the amount; cycling left out' },
];

export function manifestFile(): SampleFile {
  const manifest = {
    description: `Sample dataset for a fictional integrated care system, ${ICS.name}. Every figure is invented. Import in this order (vehicle registers before fuel cards); the rows expected to be rejected are there on purpose.`,
    config: 'tco2e.config.json',
    policy: 'financial-year',
    imports: MANIFEST,
  };
  return { path: 'manifest.json', bytes: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8') };
}

