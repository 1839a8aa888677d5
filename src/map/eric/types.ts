/**
 * What tco2e understands of an ERIC file (NHS Estates Returns Information Collection): which
 * columns identify the trust and site, and which hold a figure that becomes activity data.
 */

export type EricLevel = 'trust' | 'site';

export type EricElectricityPart =
  | 'grid'
  | 'local'
  | 'renewable'
  | 'green_tariff'
  | 'third_party_renewable'
  | 'own_solar'
  | 'third_party_solar'
  | 'other_renewables';

export type EricFuel = 'gas' | 'oil' | 'coal' | 'lpg' | 'steam' | 'hot_water' | 'renewable_heat';

export type EricChpFlow = 'fuel_input' | 'electricity_output' | 'heat_output' | 'electricity_exported' | 'heat_exported';

export type EricWasteRoute =
  | 'clinical_high_temperature'
  | 'clinical_high_temperature_energy_recovery'
  | 'clinical_alternative_treatment'
  | 'clinical_on_site'
  | 'clinical_municipal'
  | 'clinical_unspecified'
  | 'special'
  | 'offensive'
  | 'landfill'
  | 'recycling'
  | 'incineration'
  | 'incineration_energy_recovery'
  | 'food'
  | 'weee'
  | 'reuse'
  | 'other_recovery'
  | 'confidential'
  | 'domestic_on_site';

/**
 * The meaning of one ERIC figure. Electricity parts are disjoint and add up to the electricity a
 * site used (an ERIC return splits its supply, it never gives a total beside its parts); CHP
 * flows and `generated` figures describe plant and must never be added to what was consumed.
 */
export type EricQuantity =
  | { readonly kind: 'electricity'; readonly part: EricElectricityPart }
  /** Purchased or used energy in kWh; `renewable_heat` is "Non-fossil fuel … renewable" (biomass and the like). */
  | { readonly kind: 'fuel'; readonly fuel: EricFuel }
  | { readonly kind: 'chp'; readonly flow: EricChpFlow }
  /** Generation figures: the energy is already in a consumed part, so they must never be added to consumption. */
  | { readonly kind: 'generated'; readonly what: 'solar' | 'onsite_renewables' }
  /** Water supplied, borehole water included. */
  | { readonly kind: 'water'; readonly what: 'volume' }
  | { readonly kind: 'sewage'; readonly what: 'volume' }
  | { readonly kind: 'waste'; readonly route: EricWasteRoute }
  | { readonly kind: 'mileage'; readonly what: 'business' | 'patient_transport' }
  | { readonly kind: 'floor_area' };

export type EricUnit = 'kWh' | 'm3' | 'tonnes' | 'miles' | 'm2';

export interface EricColumn {
  /** 0-based position in the header row. */
  readonly index: number;
  /** The header exactly as the file has it. */
  readonly header: string;
  readonly quantity: EricQuantity;
  readonly unit: EricUnit;
}

/**
 * Why a header is not used. `unrecognised` is the only one that may hide a figure tco2e should
 * use: a header in an energy, volume, mass, distance or area unit that no known ERIC meaning
 * fits (a column a later return adds, say), worth a warning rather than silence.
 */
export type EricSkipReason =
  /** No unit stated: names, regions, types, statuses, post codes. */
  | 'no_unit'
  /** `(£)`: money, never an amount of energy, water or waste. */
  | 'cost'
  /** `(%)`: shares of something else, summed by some copies into nonsense. */
  | 'percentage'
  /** `(No.)`: counts of sites, rooms, meters, CHP units, incidents. */
  | 'count'
  /** WTE, Yes/No, Select, Hectares, kW, MW, kVA, Watts, hours, notes: staff, answers, ratings. */
  | 'other_unit'
  /** Areas and volumes of buildings other than the gross internal floor area (parts of it, heated volume). */
  | 'estate_measure'
  /** Food waste by where it arose: the same tonnes as "Domestic waste (food)", so adding them would count food waste twice. */
  | 'food_waste_breakdown'
  /** Tonnes of CO2e a scheme saved: a claimed saving, not an activity. */
  | 'carbon_saving'
  /** A quantity unit (kWh, m³, tonnes, miles, m² or another of their kind) with no known ERIC meaning. */
  | 'unrecognised';

export interface EricSkipped {
  readonly index: number;
  readonly header: string;
  readonly reason: EricSkipReason;
}

export interface EricIds {
  readonly trustCode: number;
  readonly trustName?: number;
  readonly siteCode?: number;
  readonly siteName?: number;
  readonly siteType?: number;
}

export interface EricLayout {
  /** `site` when the header has a site code column, else `trust`. */
  readonly level: EricLevel;
  readonly ids: EricIds;
  /** Every column whose figure tco2e can use, in header order. */
  readonly columns: readonly EricColumn[];
  /** The headers of every other column that is not an id column, in header order (blank header cells are in neither list). */
  readonly ignored: readonly string[];
  /** The same columns as `ignored`, each with its position and the reason it is not used. */
  readonly skipped: readonly EricSkipped[];
}

export type EricLayoutProblemCode = 'eric_no_code_column' | 'eric_no_figures';

export interface EricLayoutProblem {
  readonly code: EricLayoutProblemCode;
  readonly problem: string;
}
