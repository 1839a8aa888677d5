/**
 * Staff commuting by the default method, for the years an organisation has no staff travel
 * survey (none in the year, none close enough to carry forward): staff WTE × miles a year per WTE
 * (config `travel.defaultCommute`, by default the 961 miles of the NHS Sustainable Development
 * Unit's carbon reporting method, as the national reporting portal applied it) by average car of
 * unknown fuel. It is a tier 3 estimate: the same distance for every member of staff, by car.
 *
 * The config chooses (`travel.commutingWithoutSurvey`): `estimate` or `leave-out`, by default
 * what national reporting did (`commutingWithoutSurvey` below);
 * either way a warning says which was done and for which years, so no output is silent about it.
 *
 * The distance is converted in miles with the factor engine, like the survey's commuting
 * (`commuting.ts`): the published car factor has a miles row in every set, so the figure is
 * exactly WTE × miles × the year's per-mile factor. The conversion is dated 1 April of the
 * financial year, so the factor year follows the policy as it does for a survey.
 */

import { financialYearLabel, type FactorPolicy } from '../convert/policy.js';
import type { FactorLibrary } from '../factors/library.js';
import type { EmissionLine } from '../kernel/emission-line.js';
import { formatNumber } from '../kernel/format.js';
import { CONFIG_FILE, type OrganisationConfig } from '../workspace/config.js';
import { carFactor } from './commute-factors.js';
import { Tally, convertTravel, emissionLine } from './engine.js';
import { financialYearPeriod, financialYearRuns } from './period.js';
import type { TravelWarning } from './types.js';

/** The source of default-method lines: a part of its own, never mixed with a survey's commuting. */
export const DEFAULT_COMMUTING_SOURCE = 'commuting:default';

/** An average car of unknown fuel: the key a survey uses when it did not ask the car's size or fuel. */
const AVERAGE_CAR = carFactor(null, null).keys;

const wte = (n: number): string => formatNumber(n, 2);
const miles = (n: number): string => formatNumber(n, 0);

/** A year with its staff WTE, for the words. */
interface YearWte {
  readonly year: number;
  readonly staffWte: number;
}

/** What the default method says, in one place. */
export const defaultCommutingMsg = {
  estimated: (org: string, years: readonly YearWte[], carryYears: number, milesPerWte: number, source: string): string => {
    const same = years.every((y) => y.staffWte === years[0]!.staffWte);
    // Two or three years by name; more as the first and last, which the config gives year by year.
    const first = years[0]!;
    const last = years.at(-1)!;
    const few = same ? `${wte(first.staffWte)} WTE${years.length === 1 ? '' : ' each year'}`
      : years.length <= 3 ? `staff WTE (${years.map((y) => `${wte(y.staffWte)} in ${financialYearLabel(y.year)}`).join(', ')})`
        : `each year's staff WTE (${wte(first.staffWte)} in ${financialYearLabel(first.year)} … ${wte(last.staffWte)} in ${financialYearLabel(last.year)})`;
    return `${org}: no staff travel survey in ${financialYearRuns(years.map((y) => y.year))} or the ${carryYears} years before; commuting there is estimated by the default method: ${few} × ${miles(milesPerWte)} miles a year by average car (${source}), tier 3.`;
  },
  leftOut: (org: string, years: readonly number[], carryYears: number, chosen: boolean): string =>
    `${org}: no staff travel survey in ${financialYearRuns(years)} or the ${carryYears} years before; commuting is left out there, ${chosen ? 'as the config chooses (travel.commutingWithoutSurvey is "leave-out")' : 'as it is for an organisation that is not an NHS trust unless the config says otherwise'}; travel.commutingWithoutSurvey "estimate" counts it by the default method, staff WTE × miles a year by average car.`,
  noWte: (org: string, years: readonly number[]): string =>
    `${org}: neither a staff travel survey nor a staff WTE figure is held for ${financialYearRuns(years)}, so no commuting is counted there; import a staff travel survey, or add staffWte to the organisation's denominators in ${CONFIG_FILE} for ${years.length === 1 ? 'that year' : 'each of those years'} (e.g. { "year": "${financialYearLabel(years[0]!)}", "staffWte": 1200 }) to estimate it by the default method.`,
  conversionFailed: (org: string, year: number, reason: string): string =>
    `${org}: commuting in ${financialYearLabel(year)} could not be estimated by the default method, so none is counted there: ${reason}`,
  lineNote: (staffWte: number, milesPerWte: number, source: string): string =>
    `default method (no staff travel survey): ${wte(staffWte)} WTE × ${miles(milesPerWte)} miles a year = ${miles(staffWte * milesPerWte)} miles, average car (unknown fuel); ${source}; tier 3 estimate`,
};

/** Estimate or leave out: the config's choice, else what national reporting did for the organisation's kind (see config.ts). */
export function commutingWithoutSurvey(org: Pick<OrganisationConfig, 'kind' | 'travel'>): 'estimate' | 'leave-out' {
  return org.travel.commutingWithoutSurvey ?? (org.kind === 'nhs-trust' ? 'estimate' : 'leave-out');
}

/** The organisation's staff WTE for a financial year, from its denominators. */
export function staffWteOf(org: OrganisationConfig, startYear: number): number | undefined {
  const label = financialYearLabel(startYear);
  return org.denominators.find((d) => d.year === label && d.staffWte !== undefined)?.staffWte;
}

/**
 * Commuting by the default method for the financial years (first years) given, which the caller
 * has found to have no survey to use: whole-year lines and what to say about them.
 */
export function defaultCommuting(
  library: FactorLibrary,
  org: OrganisationConfig,
  years: readonly number[],
  policy: FactorPolicy,
  carryYears: number,
): { lines: EmissionLine[]; warnings: TravelWarning[] } {
  const lines: EmissionLine[] = [];
  const warnings: TravelWarning[] = [];
  if (years.length === 0) return { lines, warnings };
  if (commutingWithoutSurvey(org) === 'leave-out') {
    return { lines, warnings: [{ code: 'commuting_left_out', message: defaultCommutingMsg.leftOut(org.id, years, carryYears, org.travel.commutingWithoutSurvey !== undefined) }] };
  }
  const { milesPerWte, source } = org.travel.defaultCommute;
  const tally = new Tally();
  const estimated: YearWte[] = [];
  const noWte: number[] = [];
  for (const year of years) {
    const staffWte = staffWteOf(org, year);
    if (staffWte === undefined) {
      noWte.push(year);
      continue;
    }
    const period = financialYearPeriod(year);
    const figures = convertTravel(library, { keys: AVERAGE_CAR, quantity: staffWte * milesPerWte, unit: 'miles', date: period.start, use: 'commuting' }, policy, tally);
    if ('error' in figures) {
      warnings.push({ code: 'commuting_default_failed', message: defaultCommutingMsg.conversionFailed(org.id, year, figures.error) });
      continue;
    }
    const trace = { file: CONFIG_FILE, line: 0, batchId: null, note: defaultCommutingMsg.lineNote(staffWte, milesPerWte, source) };
    for (const f of figures) {
      lines.push(emissionLine(f, { org: org.id, site: null, source: DEFAULT_COMMUTING_SOURCE, periodStart: period.start, periodEnd: period.end, estimated: true, trace }));
    }
    estimated.push({ year, staffWte });
  }
  if (estimated.length > 0) warnings.unshift({ code: 'commuting_default_method', message: defaultCommutingMsg.estimated(org.id, estimated, carryYears, milesPerWte, source) });
  // The default method is the NHS reporting portal's: an NHS trust without it is told what to add;
  // another organisation without a survey or a WTE figure simply has no commuting counted.
  if (noWte.length > 0 && org.kind === 'nhs-trust') warnings.push({ code: 'commuting_no_wte', message: defaultCommutingMsg.noWte(org.id, noWte) });
  warnings.push(...tally.warnings());
  return { lines, warnings };
}
