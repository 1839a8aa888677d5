/**
 * The travel stage's entry points. Each takes the ledger, the factor library, the organisation's
 * config and a report period, and returns its figures with warnings as data; nothing is printed
 * or written. `travelReport` puts the four together as one `TravelReport` (shape in `types.ts`).
 */

import { DEFAULT_POLICY, policyName, type FactorPolicy } from '../convert/policy.js';
import type { FactorLibrary } from '../factors/library.js';
import type { Ledger } from '../store/ledger.js';
import type { OrganisationConfig } from '../workspace/config.js';
import { avoidedJourneys as avoided } from './avoided.js';
import { businessTravel } from './business-travel.js';
import { commutingForPeriod } from './commuting.js';
import { Tally } from './engine.js';
import { travelMsg } from './travel-text.js';
import { modeShares } from './mode-share.js';
import { checkPeriod, type ReportPeriod } from './period.js';
import type { AvoidedResult, BusinessTravelResult, CommutingResult, ModeShareResult, TravelReport, TravelWarning } from './types.js';
import { patientTravelForPeriod } from './patient-travel.js';
import { siteOf } from './headcount.js';
import { financialYearOf } from './period.js';
import { siteCarShares } from './site-car-share.js';
import { readVisitorWaves, readWaves, type SurveyWave, type VisitorWave } from './waves.js';

export interface TravelOptions {
  /** Factor-year policy for commuting and avoided journeys (default: financial-year). */
  readonly policy?: FactorPolicy;
  /** Survey wave label → its financial year (`2024/25`) or the date it ran, where the label does not say. */
  readonly waveYears?: Readonly<Record<string, string>>;
}

export interface WithWarnings<T> {
  readonly result: T;
  readonly warnings: readonly TravelWarning[];
}

/**
 * Patient and visitor answers naming a site the config does not have: they get no private-car
 * share and no per-site scaling, so the sites are named with what to do (staff answers are
 * warned about by commuting, `survey_site_unknown`).
 */
function visitorSiteWarnings(org: OrganisationConfig, waves: readonly VisitorWave[]): TravelWarning[] {
  return waves.flatMap((w) => {
    const unknown = new Map<string, number>();
    for (const r of w.responses) if (r.site !== null && siteOf(org, r.site) === undefined) unknown.set(r.site, (unknown.get(r.site) ?? 0) + 1);
    if (unknown.size === 0) return [];
    const names = [...unknown].sort((a, b) => b[1] - a[1]).map(([site, n]) => `"${site}" (${String(n)})`);
    return [{
      code: 'visitor_site_unknown', wave: w.label, count: [...unknown.values()].reduce((s, n) => s + n, 0),
      message: `${w.label}: answers name sites that are not in ${org.id}'s config: ${names.slice(0, 5).join(', ')}${names.length > 5 ? ` and ${String(names.length - 5)} more` : ''}; add each to the organisation's sites (its name as answered, or give it an id and that name) to get its private-car share and scale its answers to its own patient contacts.`,
    }];
  });
}

/** The financial years surveys are dated to, up to the period's end. */
function shareYears(staff: readonly SurveyWave[], visitors: readonly VisitorWave[], period: ReportPeriod): number[] {
  const last = financialYearOf(period.end);
  return [...new Set([...staff, ...visitors].flatMap((w) => (w.dating === undefined || w.dating.startYear > last ? [] : [w.dating.startYear])))].sort((a, b) => a - b);
}

/** What is worth saying about the waves themselves: undated ones, and winter read as January. */
function waveWarnings(waves: readonly (SurveyWave | VisitorWave)[]): TravelWarning[] {
  return waves.flatMap((w): TravelWarning[] => {
    if (w.dating === undefined) return [{ code: 'wave_undated', message: travelMsg.waveUndated(w.label), wave: w.label }];
    if (w.dating.winter) return [{ code: 'wave_winter', message: travelMsg.waveWinter(w.label, w.dating.financialYear), wave: w.label }];
    return [];
  });
}

/** 1. Commuting emissions from the survey waves, scaled to headcount, as totals and `EmissionLine`s. */
export function commutingEmissions(ledger: Ledger, library: FactorLibrary, org: OrganisationConfig, period: ReportPeriod, options: TravelOptions = {}): WithWarnings<CommutingResult> {
  const waves = readWaves(ledger, org.id, options.waveYears);
  const tally = new Tally();
  const r = commutingForPeriod(library, org, waves, checkPeriod(period), options.policy ?? DEFAULT_POLICY, tally);
  return { result: r.result, warnings: [...waveWarnings(waves), ...r.warnings, ...tally.warnings()] };
}

/** 2. Mode shares of every wave up to the period's end (and undated ones), with the changes between waves. */
export function surveyModeShares(ledger: Ledger, org: OrganisationConfig, period: ReportPeriod, options: Pick<TravelOptions, 'waveYears'> = {}): WithWarnings<ModeShareResult> {
  const waves = readWaves(ledger, org.id, options.waveYears).filter((w) => w.dating === undefined || w.dating.date <= checkPeriod(period).end);
  const r = modeShares(waves);
  return { result: r.result, warnings: [...waveWarnings(waves), ...r.warnings] };
}

/** 3. Business travel and grey fleet by mode, from the imported claims. */
export function businessTravelByMode(ledger: Ledger, org: OrganisationConfig, period: ReportPeriod): WithWarnings<BusinessTravelResult> {
  return businessTravel(ledger, org.id, checkPeriod(period));
}

/** 4. Journeys avoided by digital appointments: beside the footprint, never subtracted from it. */
export function avoidedJourneys(library: FactorLibrary, org: OrganisationConfig, period: ReportPeriod, options: Pick<TravelOptions, 'policy'> = {}): WithWarnings<AvoidedResult> {
  const tally = new Tally();
  const r = avoided(library, org, checkPeriod(period), options.policy ?? DEFAULT_POLICY, tally);
  return { result: r.result, warnings: [...r.warnings, ...tally.warnings()] };
}

/** The whole travel report for an organisation and period. */
export function travelReport(ledger: Ledger, library: FactorLibrary, org: OrganisationConfig, period: ReportPeriod, options: TravelOptions = {}): TravelReport {
  checkPeriod(period);
  const policy = options.policy ?? DEFAULT_POLICY;
  const waves = readWaves(ledger, org.id, options.waveYears);
  const tally = new Tally();
  const commuting = commutingForPeriod(library, org, waves, period, policy, tally);
  const modeShareResult = modeShares(waves.filter((w) => w.dating === undefined || w.dating.date <= period.end));
  const business = businessTravel(ledger, org.id, period);
  const avoidedResult = avoided(library, org, period, policy, tally);
  const visitorWaves = readVisitorWaves(ledger, org.id, options.waveYears);
  const patient = patientTravelForPeriod(library, org, visitorWaves, period, policy, tally);
  // Shares for every year a survey is dated to, up to the period's end: a target needs its history.
  const shares = siteCarShares(org, waves, visitorWaves, shareYears(waves, visitorWaves, period));
  return {
    org: org.id,
    period: { start: period.start, end: period.end },
    policy: policyName(policy),
    workingWeeks: org.travel.workingWeeks,
    commuting: commuting.result,
    modeShare: modeShareResult.result,
    businessTravel: business.result,
    avoided: avoidedResult.result,
    patientTravel: { kgCo2e: patient.years.reduce((s, y) => s + y.kgCo2e, 0), wttKgCo2e: patient.years.reduce((s, y) => s + y.wttKgCo2e, 0), years: patient.years },
    siteShares: shares,
    warnings: [...waveWarnings(waves), ...waveWarnings(visitorWaves), ...visitorSiteWarnings(org, visitorWaves), ...commuting.warnings, ...modeShareResult.warnings, ...business.warnings, ...avoidedResult.warnings, ...patient.warnings, ...tally.warnings()],
  };
}
