/**
 * What a SECR disclosure says in words: row labels, the methodology statement and the data
 * notes, in one place so wording can change without hunting through the renderers and tests can
 * assert against the entries.
 */

import type { EmissionRow, EnergyRow, Scope3Choice } from './classify.js';

export type ControlApproach = 'operational' | 'financial';
export const CONTROL_APPROACHES: readonly ControlApproach[] = ['operational', 'financial'];

export const ENERGY_LABELS: Readonly<Record<EnergyRow, string>> = {
  electricity: 'Electricity',
  gas: 'Gas',
  transport: 'Transport fuel',
  otherFuels: 'Other fuels (oil, LPG, biomass, heat)',
};

export const EMISSION_LABELS: Readonly<Record<EmissionRow, string>> = {
  'scope1.gas': 'Scope 1: combustion of gas',
  'scope1.otherFuels': 'Scope 1: combustion of other fuels',
  'scope1.transport': 'Scope 1: owned and leased vehicles (fleet)',
  'scope1.other': 'Scope 1: other',
  'scope2.electricity': 'Scope 2: purchased electricity (location-based)',
  'scope2.heat': 'Scope 2: purchased heat and steam',
  'scope3.greyFleet': 'Scope 3: business travel in employee-owned or hired vehicles (grey fleet)',
  'scope3.td': 'Scope 3: electricity transmission and distribution losses',
  'scope3.wtt': 'Scope 3: well-to-tank of fuels and electricity',
};

export const INTENSITY_LABELS = {
  floorAreaM2: { measure: 'Intensity: emissions per m² of floor area', unit: 'kgCO2e/m²' },
  staffWte: { measure: 'Intensity: emissions per whole-time-equivalent member of staff', unit: 'tCO2e/WTE' },
} as const;

export const SCOPE3_WORDS: Readonly<Record<Scope3Choice, string>> = {
  'grey-fleet': 'Scope 3 covers business travel in employee-owned or hired vehicles (grey fleet) only; transmission and distribution losses and well-to-tank emissions are not included.',
  all: 'Scope 3 covers business travel in employee-owned or hired vehicles (grey fleet), the transmission and distribution losses of purchased electricity, and the well-to-tank emissions of the fuels and electricity reported.',
  none: 'No Scope 3 emissions are reported.',
};

export const CONTROL_WORDS: Readonly<Record<ControlApproach, string>> = {
  operational: 'The organisational boundary is operational control: the report covers the emissions and energy use of the operations the organisation has the authority to direct.',
  financial: 'The organisational boundary is financial control: the report covers the emissions and energy use of the operations the organisation directs financially and from which it draws the economic benefit.',
};

export const secrMsg = {
  title: (name: string, period: string) => `Streamlined Energy and Carbon Reporting: ${name}, ${period}`,
  regulations: 'Prepared for The Companies (Directors\' Report) and Limited Liability Partnerships (Energy and Carbon Report) Regulations 2018, following HM Government\'s Environmental Reporting Guidelines (March 2019).',
  ukOnly: 'All energy use and emissions reported are in the United Kingdom.',
  protocol: 'Emissions are calculated following the GHG Protocol Corporate Accounting and Reporting Standard, with Scope 2 reported location-based (grid average factors) as the headline.',
  marketBeside: 'The market-based Scope 2 figure (supplier-specific factors where the organisation declares them, the grid factor elsewhere) is given beside the location-based one.',
  factorSet: (year: number) => `UK Government GHG Conversion Factors for Company Reporting ${year}`,
  factorSetLine: (period: string, year: number, publisher: string, edition: string) =>
    `${period}: UK Government GHG Conversion Factors for Company Reporting ${year} (${publisher}, ${edition})`,
  factorPolicy: 'Each year uses the factor set of the calendar year in which most of its months fall (the government\'s guidance), so a financial year April–March uses the set of the year it starts in.',
  customFactors: (period: string, lines: number) => `${period}: ${lines} figure(s) use custom factors declared by the organisation.`,
  supplierFactor: (supplier: string, source: string) => `Supplier-specific electricity factor: ${supplier} (${source}).`,
  kwhMethod: 'Fuels bought by volume or mass are expressed in kWh on a gross calorific value basis, with the calorific values implied by the same factor set (its per-litre and per-kWh factors for each fuel).',
  notInKwh: 'The following could not be expressed in kWh and are not in the energy totals (their emissions are in the figures):',
  noneNotInKwh: 'All the energy use reported could be expressed in kWh.',
  distanceNotEnergy: 'recorded as distance; the factor sets publish no energy content per mile or km, and tco2e does not assume a fuel economy',
  noKwhFactor: (key: string, year: number) => `the ${year} factor set publishes no kWh factor for ${key} to derive a calorific value from`,
  quality: (period: string, estimatedPct: string, tier: number, tierLabel: string) =>
    `${period}: ${estimatedPct} of the emissions rest on estimated readings or figures (data quality tier ${tier}, ${tierLabel}).`,
  qualityRule: 'Tiers follow the NHS ICS carbon "Recipe Book" idea: tier 1 when at most 10% is estimated, tier 2 up to 90%, tier 3 above.',
  gaps: (count: number) => `${count} metered supply(ies) have months with no data in the year; gaps are shown here, not filled:`,
  noGaps: 'Every metered supply has data for every month of the year.',
  outsideScope3: (tco2e: string) => `Other Scope 3 emissions held in the ledger but outside this disclosure's boundary (e.g. rail, air, taxis, water, and any T&D or well-to-tank not chosen): ${tco2e} tCO2e.`,
  biogenic: 'Biogenic CO2 from biomass and biofuels (outside of scopes; reported, never in the totals)',
  intensityBasis: 'Intensity ratios divide the total gross emissions reported above (Scope 2 location-based) by the organisation\'s own denominators for the year.',
  efficiencyHeading: 'Energy efficiency action taken',
  efficiencyField: 'To be completed by the organisation',
  efficiencyPrompt: 'Describe the principal measures taken in the financial year to increase energy efficiency; the regulations require this narrative, and tco2e cannot supply it.',
  previousNone: 'no data held',
  noThisYear: (org: string, period: string) => `No emissions in the SECR boundary are held for ${org} in ${period}.`,
  noThisYearHint: 'Import the year\'s energy bills and fleet data first (`tco2e import energy`, `tco2e import fleet`), then export again.',
  noDenominator: (org: string, period: string) => `${org} has neither a floor area (floorAreaM2) nor a staff count (staffWte) for ${period} in the config, so no intensity ratio can be given; SECR requires at least one.`,
  noDenominatorHint: (period: string) => `Add { "year": "${period}", "floorAreaM2": …, "staffWte": … } to the organisation's "denominators" in tco2e.config.json.`,
  notFinancialYear: (period: string) => `"${period}" is not a financial year; a SECR disclosure covers one financial year.`,
  notFinancialYearHint: 'Give the financial year as 2024/25.',
} as const;
