/**
 * Every sentence the travel stage says to a person, in one place (the travel part of the
 * catalogue in `src/messages.ts`); tests assert against these entries.
 */

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

export const travelMsg = {
  /** What every tCO2e of the travel report includes: the boundary of `tco2e emissions` by default. */
  boundary: 'Every tCO2e below is location-based, without well-to-tank and T&D losses (given beside it), biogenic CO2 apart: as `tco2e emissions` totals it.',
  /** A mode's claims that ran on grid electricity: inside its lines, km and tCO2e, not added to them. */
  electricPart: (mode: string, lines: number, electricLines: number, km: string, tonnes: string) =>
    `${mode}: ${plural(electricLines, 'line', 'lines')} of the ${lines} ${electricLines === 1 ? 'is an electric or plug-in hybrid vehicle' : 'are electric or plug-in hybrid vehicles'} (${km} km); the grid electricity ${electricLines === 1 ? 'it' : 'they'} ran on, ${tonnes} tCO2e, is in the ${mode} figures.`,
  waveUndated: (wave: string) =>
    `Survey wave "${wave}" names no year (such as "2024 autumn" or "2024/25") and its import has no dates: it is left out of commuting emissions and of comparisons between waves. Name the year with the waveYears option.`,
  waveWinter: (wave: string, fy: string) =>
    `Survey wave "${wave}" says winter, which could be either end of a year: it was taken as January, in ${fy}. Name the year with the waveYears option if that is wrong.`,
  waveNotUsed: (wave: string, fy: string, used: string) =>
    `Survey waves "${wave}" and "${used}" both fall in ${fy}: commuting emissions for ${fy} use the later one, "${used}"; "${wave}" counts for mode shares only.`,
  noSurveyForYear: (fy: string) =>
    `No survey wave falls in ${fy}: this travel report estimates no commuting for it; the footprint (tco2e emissions, progress and reports) carries the latest earlier wave forward, up to five years, and says so.`,
  noHeadcount: (wave: string, fy: string) =>
    `No staff headcount for ${fy} in the config (travel.headcount): wave "${wave}" reports its respondents only, not scaled to the workforce, so its commuting emissions are an undercount.`,
  unmatchedRespondents: (wave: string, n: number, site: string | null) =>
    `Wave "${wave}": ${plural(n, 'respondent', 'respondents')} at ${site ?? 'no site given'} match no headcount entry and are counted as themselves, not scaled up. Add a headcount for that site or staff group.`,
  headcountWithoutRespondents: (wave: string, what: string, headcount: number) =>
    `Wave "${wave}": ${what} has ${headcount} staff in the headcount but no respondents; their commuting is not represented in the scaled total.`,
  headcountInconsistent: (wave: string, what: string, remainder: number) =>
    `Wave "${wave}": the headcount for ${what} is ${remainder} after taking away its more specific entries, so it cannot scale its respondents; they are counted as themselves. Check the headcounts add up.`,
  surveySiteUnknown: (wave: string, site: string, n: number) =>
    `Wave "${wave}": site "${site}" (${plural(n, 'respondent', 'respondents')}) is not one of the organisation's sites in the config.`,
  missingAnswers: (wave: string, n: number) =>
    `Wave "${wave}": ${plural(n, 'respondent', 'respondents')} give no one-way distance or days on site and are left out of commuting emissions (the other respondents are scaled up to cover them).`,
  modeWithoutFactor: (wave: string, n: number, detail: string) =>
    `Wave "${wave}": ${plural(n, 'respondent', 'respondents')} travel by a mode with no published factor (${detail}) and are left out of commuting emissions.`,
  conversionFailed: (wave: string, n: number, reason: string) =>
    `Wave "${wave}": ${plural(n, 'respondent', 'respondents')} could not be converted and are left out of commuting emissions: ${reason}`,
  companionNotPublished: (key: string, year: number, n: number) =>
    `The ${year} factor set does not publish ${key}; it was left out of ${plural(n, 'figure', 'figures')} (not filled from another year).`,
  fuelKeyFallback: (wanted: string, used: string, year: number, n: number) =>
    `The ${year} factor set has no ${wanted}; ${plural(n, 'respondent', 'respondents')} used ${used} instead.`,
  carShareRoleUnknown: (wave: string, n: number) =>
    `Wave "${wave}": ${plural(n, 'car-share respondent does', 'car-share respondents do')} not say whether they drive; each of their journeys counts as 1/occupants of a private-car (driver) journey.`,
  moneyDerived: (n: number, pct: number) =>
    `${plural(n, 'business mileage claim line has', 'business mileage claim lines have')} miles worked out from the amount claimed at the approved mileage rate (${pct.toFixed(1)}% of claim lines), not a recorded distance.`,
  avoidedNoFactor: (description: string, year: string, mode: string) =>
    `Avoided journeys "${description}" (${year}): the ${mode} share of the mode mix has no published factor, so its avoided emissions are counted as zero.`,
  avoidedConversionFailed: (description: string, year: string, mode: string, reason: string) =>
    `Avoided journeys "${description}" (${year}): the ${mode} share could not be converted and is counted as zero: ${reason}`,
  lineNote: (km: string, group: string | null, factor: number | null, basis: 'headcount' | 'respondents_only', yearShare: number) =>
    km +
    (factor === null
      ? basis === 'respondents_only' ? '; not scaled: no headcount for the year' : '; not scaled: no headcount entry can scale this respondent'
      : `; scaled ×${factor.toPrecision(6)} to the headcount of ${group ?? 'the group'}`) +
    (yearShare < 1 ? `; ×${yearShare.toPrecision(4)} of the year in the period` : ''),
} as const;
