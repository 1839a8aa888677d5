/**
 * Patient and visitor travel to an organisation's sites, a financial year at a time (Scope 3
 * category 9; in the NHS Carbon Footprint Plus, not the NHS Carbon Footprint).
 *
 * Survey-based, where a patient and visitor survey wave is dated to the year (or, like staff
 * surveys, to one of the COMMUTING_CARRY_YEARS before it, carried forward and said): each
 * respondent's one-way distance × the journeys their visit meant, by their mode, scaled to the
 * year's patient contacts. A patient respondent stands for one patient contact, and the visitors
 * and carers who answered beside them for the visitors and carers who come with patients in that
 * proportion, so every respondent is scaled by contacts ÷ patient respondents; a site whose
 * respondents include no patient is scaled by contacts ÷ respondents, and said. Where the year
 * gives contacts per site, each site's respondents are scaled to their own site's; otherwise all
 * respondents to the organisation's contacts.
 *
 * Otherwise the national default method: patient contacts × 3.7 patient and visitor journeys ×
 * 9.4 miles (15 km), average car (config `travel.defaultPatientTravel`, with its source), a tier 3
 * estimate. A year with neither a survey nor contacts has no patient and visitor travel, said.
 *
 * The factor for each mode is the staff commuting one (`commute-factors.ts`: an average car of
 * unknown fuel unless the survey asked; a shared car's km divided by the people in it; taxis by
 * passenger km); walking and cycling are zero.
 */

import { financialYearLabel, type FactorPolicy } from '../convert/policy.js';
import type { EmissionLine } from '../kernel/emission-line.js';
import type { FactorLibrary } from '../factors/library.js';
import type { OrganisationConfig } from '../workspace/config.js';
import { commuteFactor } from './commute-factors.js';
import { convertTravel, emissionLine, type Tally } from './engine.js';
import { siteOf } from './headcount.js';
import { financialYearOf, financialYearPeriod, financialYearRuns, yearShare, type ReportPeriod } from './period.js';
import { contactVolumes, type ContactVolume } from './patient-volumes.js';
import type { TravelWarning } from './types.js';
import type { StoredVisitorResponse, VisitorWave } from './waves.js';

/** How far back a patient and visitor survey is carried forward, as a staff survey is. */
export const PATIENT_SURVEY_CARRY_YEARS = 5;

/** Miles to km, exactly (the international mile). */
const KM_PER_MILE = 1.609344;

export type PatientTravelMethod = 'survey' | 'default' | 'none';

export interface PatientTravelMode {
  readonly mode: string;
  readonly respondents: number;
  /** One-way journeys in the year, scaled. */
  readonly journeys: number;
  /** Person km, scaled. */
  readonly km: number;
  readonly kgCo2e: number;
  readonly wttKgCo2e: number;
}

export interface PatientTravelGroup {
  /** The site the respondents visited; null for the organisation as a whole. */
  readonly site: string | null;
  readonly volume: ContactVolume;
  readonly respondents: number;
  readonly patientRespondents: number;
  /** contacts ÷ patient respondents (or ÷ respondents, when none is a patient). */
  readonly scale: number;
  readonly scaledBy: 'patients' | 'respondents';
}

export interface PatientTravelYear {
  readonly year: string;
  readonly startYear: number;
  readonly method: PatientTravelMethod;
  /** The survey wave used, and the year it was dated to when carried forward. */
  readonly wave: string | null;
  readonly carriedFrom: string | null;
  readonly contacts: number | null;
  readonly contactsSource: string | null;
  /** Patient and visitor one-way journeys in the year. */
  readonly journeys: number;
  readonly km: number;
  readonly kgCo2e: number;
  readonly wttKgCo2e: number;
  readonly groups: readonly PatientTravelGroup[];
  readonly modes: readonly PatientTravelMode[];
  readonly lines: readonly EmissionLine[];
}

interface Run {
  readonly library: FactorLibrary;
  readonly org: OrganisationConfig;
  readonly policy: FactorPolicy;
  readonly tally: Tally;
  readonly startYear: number;
  /** The part of the year counted, and its share of the year's days (a year is counted pro rata, as commuting is). */
  readonly part: ReportPeriod;
  readonly share: number;
}

/** What patient travel says, for one year or (in a footprint) for every year it applies to at once. */
export const PATIENT_MSG = {
  noContacts: (org: string, years: readonly string[], wave: string | null): string =>
    `${org}: no patient contacts for ${financialYearRuns(years.map((y) => Number(y.slice(0, 4))))} in the config, so patient and visitor travel is not counted there${wave === null ? '' : ` (the ${wave} survey needs them to be scaled)`}; add travel.patientActivity (per site or for the organisation, with its source) or denominators.patientContacts.`,
  byDefault: (org: string, years: readonly string[], d: { readonly journeysPerContact: number; readonly milesPerJourney: number; readonly source: string }): string =>
    `${org}: no patient and visitor travel survey for ${financialYearRuns(years.map((y) => Number(y.slice(0, 4))))}; their travel there is estimated by the default method: patient contacts × ${fmt(d.journeysPerContact)} journeys × ${fmt(d.milesPerJourney)} miles by average car (${d.source}), tier 3.`,
} as const;

const fmt = (n: number): string => (Math.round(n * 1000) / 1000).toLocaleString('en-GB', { maximumFractionDigits: 3 });

/** The latest wave dated to the year, else to one of the years before it within the carry window. */
export function visitorWaveFor(waves: readonly VisitorWave[], startYear: number): { wave: VisitorWave; from: number } | undefined {
  for (let y = startYear; y >= startYear - PATIENT_SURVEY_CARRY_YEARS; y--) {
    const of = waves.filter((w) => w.dating?.startYear === y);
    const last = of[of.length - 1];
    if (last !== undefined) return { wave: last, from: y };
  }
  return undefined;
}

/**
 * Patient and visitor travel for one financial year, or the part of it given (`within`: its
 * figures are the year's × the part's share of the year's days, dated to the part's first day).
 */
export function patientTravelYear(library: FactorLibrary, org: OrganisationConfig, waves: readonly VisitorWave[], startYear: number, policy: FactorPolicy, tally: Tally, within?: ReportPeriod): { year: PatientTravelYear; warnings: TravelWarning[] } {
  const inPeriod = within === undefined ? undefined : yearShare(startYear, within);
  const run: Run = { library, org, policy, tally, startYear, part: inPeriod?.part ?? financialYearPeriod(startYear), share: inPeriod?.share ?? 1 };
  const volumes = contactVolumes(org, startYear);
  const label = financialYearLabel(startYear);
  const found = visitorWaveFor(waves, startYear);
  const none = (warnings: TravelWarning[]): { year: PatientTravelYear; warnings: TravelWarning[] } => ({
    year: {
      year: label, startYear, method: 'none', wave: found?.wave.label ?? null, carriedFrom: null, contacts: volumes.org?.contacts ?? null, contactsSource: volumes.org?.source ?? null,
      journeys: 0, km: 0, kgCo2e: 0, wttKgCo2e: 0, groups: [], modes: [], lines: [],
    },
    warnings,
  });
  if (volumes.org === null) {
    // Said only where the organisation counts patient travel in some year (contacts given for
    // another year, or a survey): one that never configured it is not told so by every command;
    // the board report says once that it is not counted.
    const counts = found !== undefined || org.travel.patientActivity.length > 0 || org.denominators.some((d) => d.patientContacts !== undefined);
    if (!counts) return none([]);
    return none([{ code: 'patient_travel_no_contacts', message: PATIENT_MSG.noContacts(org.id, [label], found?.wave.label ?? null) }]);
  }
  if (found === undefined) return defaultYear(run, volumes.org, label);
  return surveyYear(run, found.wave, found.from, volumes, label);
}

function defaultYear(run: Run, volume: ContactVolume, label: string): { year: PatientTravelYear; warnings: TravelWarning[] } {
  const d = run.org.travel.defaultPatientTravel;
  const journeys = volume.contacts * d.journeysPerContact * run.share;
  const miles = journeys * d.milesPerJourney;
  const period = run.part;
  const figures = convertTravel(run.library, { keys: ['car.average.unknown'], quantity: miles, unit: 'miles', date: period.start, use: 'visitors' }, run.policy, run.tally);
  const warnings: TravelWarning[] = [{ code: 'patient_travel_default_method', message: PATIENT_MSG.byDefault(run.org.id, [label], d) }];
  if ('error' in figures) {
    warnings.push({ code: 'conversion_failed', message: `${run.org.id}: patient and visitor travel for ${label} could not be converted: ${figures.error}` });
    return { year: emptyYear(run, label, 'default', volume), warnings };
  }
  const note = `default method (no patient and visitor travel survey): ${fmt(volume.contacts)} ${volume.basis} (${volume.source}) × ${fmt(d.journeysPerContact)} journeys × ${fmt(d.milesPerJourney)} miles${run.share < 1 ? ` × ${fmt(run.share)} of the year` : ''} = ${fmt(miles)} miles, average car (unknown fuel); ${d.source}; tier 3 estimate`;
  const lines = figures.map((f) => emissionLine(f, {
    org: run.org.id, site: null, source: 'patient-travel:default', periodStart: period.start, periodEnd: period.end, estimated: true,
    trace: { file: 'tco2e.config.json', line: 0, batchId: null, note },
  }));
  const kg = lines.filter((l) => l.kind === 'main').reduce((s, l) => s + l.kgCo2e, 0);
  const wtt = lines.filter((l) => l.kind === 'wtt').reduce((s, l) => s + l.kgCo2e, 0);
  return {
    year: {
      year: label, startYear: run.startYear, method: 'default', wave: null, carriedFrom: null, contacts: volume.contacts, contactsSource: volume.source,
      journeys, km: miles * KM_PER_MILE, kgCo2e: kg, wttKgCo2e: wtt, groups: [],
      modes: [{ mode: 'drive_alone', respondents: 0, journeys, km: miles * KM_PER_MILE, kgCo2e: kg, wttKgCo2e: wtt }], lines,
    },
    warnings,
  };
}

function emptyYear(run: Run, label: string, method: PatientTravelMethod, volume: ContactVolume): PatientTravelYear {
  return { year: label, startYear: run.startYear, method, wave: null, carriedFrom: null, contacts: volume.contacts, contactsSource: volume.source, journeys: 0, km: 0, kgCo2e: 0, wttKgCo2e: 0, groups: [], modes: [], lines: [] };
}

interface ModeSums { respondents: number; journeys: number; km: number; kgCo2e: number; wttKgCo2e: number }

function surveyYear(run: Run, wave: VisitorWave, from: number, volumes: ReturnType<typeof contactVolumes>, label: string): { year: PatientTravelYear; warnings: TravelWarning[] } {
  const warnings: TravelWarning[] = [];
  const carried = from !== run.startYear;
  // Per site where the year gives sites' contacts; else the organisation as one group.
  const bySite = volumes.sites.length > 0;
  const groups = new Map<string, { volume: ContactVolume; responses: StoredVisitorResponse[] }>();
  let unplaced = 0;
  for (const r of wave.responses) {
    if (!bySite) {
      const g = groups.get('') ?? { volume: volumes.org!, responses: [] };
      g.responses.push(r);
      groups.set('', g);
      continue;
    }
    const site = siteOf(run.org, r.site);
    const volume = site === undefined ? undefined : volumes.sites.find((v) => v.siteId === site.id);
    if (volume === undefined) {
      unplaced += 1;
      continue;
    }
    const g = groups.get(volume.siteId!) ?? { volume, responses: [] };
    g.responses.push(r);
    groups.set(volume.siteId!, g);
  }
  if (unplaced > 0) {
    warnings.push({ code: 'patient_travel_site_without_contacts', wave: wave.label, count: unplaced, message: `${run.org.id}, ${wave.label}: ${String(unplaced)} respondent(s) visited a site with no patient activity for ${label} in the config (or named no known site), so they are left out of patient and visitor travel; give travel.patientActivity for every surveyed site, or none per site to scale the whole survey to the organisation's contacts.` });
  }
  const period = run.part;
  const modes = new Map<string, ModeSums>();
  const lines: EmissionLine[] = [];
  const groupRows: PatientTravelGroup[] = [];
  let journeys = 0;
  let km = 0;
  let missing = 0;
  for (const { volume, responses } of groups.values()) {
    const patients = responses.filter((r) => r.respondentType === 'patient').length;
    const scaledBy = patients > 0 ? 'patients' : 'respondents';
    const scale = (volume.contacts * run.share) / (patients > 0 ? patients : responses.length);
    if (patients === 0) warnings.push({ code: 'patient_travel_no_patients', wave: wave.label, site: volume.site, message: `${run.org.id}, ${wave.label}${volume.site === null ? '' : `, ${volume.site}`}: no respondent is a patient, so each respondent stands for contacts ÷ respondents (${fmt(scale)}) rather than the visitors and carers coming with each patient.` });
    groupRows.push({ site: volume.site, volume, respondents: responses.length, patientRespondents: patients, scale, scaledBy });
    for (const r of responses) {
      // Taxis apart from the other modes: the share of journeys by private car counts them.
      const modeName = r.mode === 'other' && r.detail === 'taxi' ? 'taxi' : r.mode;
      const m = modes.get(modeName) ?? { respondents: 0, journeys: 0, km: 0, kgCo2e: 0, wttKgCo2e: 0 };
      modes.set(modeName, m);
      m.respondents += 1;
      const j = r.journeysPerVisit * scale;
      m.journeys += j;
      journeys += j;
      if (r.oneWayKm === null) {
        missing += 1;
        continue;
      }
      const personKm = r.oneWayKm * r.journeysPerVisit * scale;
      m.km += personKm;
      km += personKm;
      const choice = commuteFactor(r.mode, r.detail, { size: r.carSize, fuel: r.carFuel });
      if (choice.kind !== 'factor') continue; // walking, cycling: zero; a mode with no factor is counted in the journeys only
      const occupants = r.mode === 'car_share' ? Math.max(r.occupants ?? 2, 1) : 1;
      const quantity = choice.factor.unit === 'km' ? personKm / occupants : personKm;
      const figures = convertTravel(run.library, { keys: choice.factor.keys, quantity, unit: choice.factor.unit, date: period.start, use: 'visitors' }, run.policy, run.tally);
      if ('error' in figures) continue;
      const note = `${fmt(r.oneWayKm)} km one way × ${fmt(r.journeysPerVisit)} journeys${r.journeysAssumed ? ' (assumed: there and back)' : ''} × ${fmt(scale)} (${fmt(volume.contacts)} ${volume.basis}${volume.site === null ? '' : ` at ${volume.site}`}${run.share < 1 ? ` × ${fmt(run.share)} of the year` : ''} ÷ ${String(scaledBy === 'patients' ? patients : responses.length)} ${scaledBy === 'patients' ? 'patient respondents' : 'respondents'}; ${volume.source})${occupants > 1 ? ` ÷ ${String(occupants)} people in the car` : ''}${carried ? `; carried forward from the ${financialYearLabel(from)} survey wave` : ''}`;
      for (const f of figures) {
        lines.push(emissionLine(f, {
          org: run.org.id, site: volume.site ?? r.site, source: `patient-travel:${r.mode}`, periodStart: period.start, periodEnd: period.end, estimated: true,
          trace: { file: r.fileName, line: r.line, batchId: r.batchId, note },
        }));
        if (f.kind === 'main') m.kgCo2e += f.result.kgCo2e;
        else if (f.kind === 'wtt') m.wttKgCo2e += f.result.kgCo2e;
      }
    }
  }
  if (missing > 0) warnings.push({ code: 'patient_travel_missing_distance', wave: wave.label, count: missing, message: `${run.org.id}, ${wave.label}: ${String(missing)} respondent(s) gave no distance; their journeys are counted in the mode shares but add no emissions.` });
  if (carried) warnings.push({ code: 'patient_travel_carried_forward', wave: wave.label, message: `${run.org.id}: no patient and visitor travel survey in ${label}; the ${wave.label} survey (${financialYearLabel(from)}) is carried forward, scaled to ${label}'s patient contacts, and counted as estimated.` });
  const modeRows = [...modes].map(([mode, s]) => ({ mode, ...s })).sort((a, b) => b.journeys - a.journeys || a.mode.localeCompare(b.mode));
  return {
    year: {
      year: label, startYear: run.startYear, method: 'survey', wave: wave.label, carriedFrom: carried ? financialYearLabel(from) : null,
      contacts: volumes.org?.contacts ?? null, contactsSource: volumes.org?.source ?? null, journeys, km,
      kgCo2e: modeRows.reduce((s, m) => s + m.kgCo2e, 0), wttKgCo2e: modeRows.reduce((s, m) => s + m.wttKgCo2e, 0),
      groups: groupRows, modes: modeRows, lines,
    },
    warnings,
  };
}

/**
 * Patient and visitor travel for the given financial years, each clipped to `within`, with the
 * years' warnings said once for all the years they apply to (as a footprint lists them).
 */
export function patientTravelYears(library: FactorLibrary, org: OrganisationConfig, waves: readonly VisitorWave[], years: readonly number[], policy: FactorPolicy, tally: Tally, within: ReportPeriod): { lines: EmissionLine[]; warnings: TravelWarning[] } {
  const lines: EmissionLine[] = [];
  const other: TravelWarning[] = [];
  const byDefault: string[] = [];
  const noContacts: string[] = [];
  for (const y of years) {
    const fy = financialYearPeriod(y);
    if (within.start > fy.end || within.end < fy.start) continue;
    const r = patientTravelYear(library, org, waves, y, policy, tally, within);
    lines.push(...r.year.lines);
    for (const w of r.warnings) {
      if (w.code === 'patient_travel_default_method') byDefault.push(r.year.year);
      else if (w.code === 'patient_travel_no_contacts') noContacts.push(r.year.year);
      else other.push(w);
    }
  }
  const warnings: TravelWarning[] = [];
  if (byDefault.length > 0) warnings.push({ code: 'patient_travel_default_method', message: PATIENT_MSG.byDefault(org.id, byDefault, org.travel.defaultPatientTravel) });
  if (noContacts.length > 0) warnings.push({ code: 'patient_travel_no_contacts', message: PATIENT_MSG.noContacts(org.id, noContacts, null) });
  return { lines, warnings: [...warnings, ...other] };
}

/** Patient and visitor travel for every financial year a period touches, each pro rata. */
export function patientTravelForPeriod(library: FactorLibrary, org: OrganisationConfig, waves: readonly VisitorWave[], period: ReportPeriod, policy: FactorPolicy, tally: Tally): { years: PatientTravelYear[]; warnings: TravelWarning[] } {
  const years: PatientTravelYear[] = [];
  const warnings: TravelWarning[] = [];
  for (let fy = financialYearOf(period.start); fy <= financialYearOf(period.end); fy++) {
    const r = patientTravelYear(library, org, waves, fy, policy, tally, period);
    years.push(r.year);
    warnings.push(...r.warnings);
  }
  return { years, warnings };
}
