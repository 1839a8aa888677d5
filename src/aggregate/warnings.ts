/**
 * What the aggregation stage says to a person, in one place, and the shape of its warnings.
 * Warnings are data: each has a stable code, a sentence, and the values it is about, so a
 * report can list them and a test can assert on the code and the values.
 */

export interface AggregateWarning {
  readonly code:
    | 'factor_not_in_year'
    | 'nearest_set'
    | 'unit_not_convertible'
    | 'market_factor_overlap'
    | 'fill_no_donor'
    | 'denominator_missing'
    | 'member_missing'
    | 'baseline_missing'
    | 'baseline_moved';
  readonly message: string;
  /** What the warning is about: key, year, org, site, source, month… */
  readonly about: Readonly<Record<string, string | number>>;
}

export const aggMsg = {
  factorNotInYear: (key: string, year: number, policy: string, count: number) =>
    `${key} is not published in the ${year} factor set asked for by ${policy}; ${count} line(s) keep the factor they were stored with and are flagged.`,
  nearestSet: (text: string) => `While recomputing: ${text}`,
  unitNotConvertible: (unit: string, key: string) =>
    `A line in "${unit}" cannot be recomputed with ${key}; it keeps the factor it was stored with and is flagged.`,
  marketOverlap: (meter: string, first: string, second: string) =>
    `Two supplier factors of the same reach (${first}, ${second}) cover meter ${meter}; the first listed was used.`,
  fillNoDonor: (site: string, source: string, month: string) =>
    `No month to fill ${month} from for ${site} ${source}; the gap is left as a gap.`,
  denominatorMissing: (org: string, year: string, metric: string) =>
    `${org} has no ${metric} for ${year} in the config; that intensity is not given.`,
  memberMissing: (ics: string, year: string, members: readonly string[]) =>
    `${ics} ${year}: no data for ${members.join(', ')}; the roll-up for that year is not given.`,
  baselineMissing: (org: string, year: string) =>
    `${org} has no data for the baseline year ${year}; its series is not indexed.`,
  baselineMoved: (ics: string, asked: string, used: string) =>
    `${ics}: not every member has data for ${asked}; the roll-up's baseline is ${used}, the first year all members have data.`,
  gridFallbackNote: 'grid factor: no supplier-specific factor covers this meter and period',
  supplierNote: (supplier: string, source: string) => `supplier-specific factor: ${supplier} (${source})`,
  recomputedNote: (policy: string) => `recomputed under ${policy}`,
  keptNote: (policy: string, year: number) => `kept at its stored factor: could not be recomputed with the ${year} set (${policy})`,
  companionAddedNote: (policy: string) => `companion added on recomputation under ${policy}`,
  filledPreviousYearNote: (month: string, donor: string) => `filled ${month}: same month of the previous year (${donor})`,
  filledAverageNote: (month: string, months: number, year: string) => `filled ${month}: mean of the ${months} covered month(s) of ${year}`,
  icsBaselineNote: (year: string) => `the roll-up's baseline is the sum of all members in ${year}, a year every member has data for`,
} as const;
