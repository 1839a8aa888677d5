/**
 * The figures the analysis fixture should give, worked out by hand from the published factors
 * (data/factors/uk-gov-YYYY.json, DESNZ/BEIS GHG conversion factors, the year's `co2e` value).
 * Under the financial-year policy, financial year Y/Y+1 uses the Y set.
 *
 * The fixture (tests/fixtures/analysis):
 * - north-acute: Main Hospital, electricity only, a FLAT 100,000 kWh every month April 2016 to
 *   March 2020 (1,200,000 kWh a year). Any change in its emissions is the grid factor's.
 * - east-community: Eastgate Clinic electricity 50,000 kWh a month with July 2018 missing; staff
 *   travel surveys "2017 autumn" and "2019 autumn" (headcount 100 at Eastgate, 20 in the @Home
 *   Team); three business travel claim lines in 2019/20, one given only as money; 1,000 video
 *   appointments avoided in 2019/20.
 * - riverside-council: Civic Centre, 80,000 kWh of electricity and 100,000 kWh of gas a month;
 *   a supplier factor of 0.05 kgCO2e/kWh for its electricity meter in 2019/20 (market-based).
 * - north-ics: the three together.
 */

/** electricity.grid, kgCO2e/kWh (Scope 2). */
export const GRID: Readonly<Record<number, number>> = { 2016: 0.41205, 2017: 0.35156, 2018: 0.28307, 2019: 0.2556 };
/** electricity.grid.td_losses, kgCO2e/kWh (Scope 3 cat. 3). */
export const TD: Readonly<Record<number, number>> = { 2016: 0.03727, 2017: 0.03287, 2018: 0.02413, 2019: 0.0217 };
/** electricity.grid.wtt, kgCO2e/kWh (Scope 3 cat. 3). */
export const GRID_WTT: Readonly<Record<number, number>> = { 2016: 0.06188, 2017: 0.05605, 2018: 0.04198, 2019: 0.03565 };
/** electricity.grid.td_losses.wtt, kgCO2e/kWh (Scope 3 cat. 3). */
export const TD_WTT: Readonly<Record<number, number>> = { 2016: 0.0056, 2017: 0.00524, 2018: 0.00358, 2019: 0.00303 };
/** natural_gas per kWh (gross CV), kgCO2e/kWh (Scope 1). */
export const GAS: Readonly<Record<number, number>> = { 2016: 0.184, 2017: 0.18416, 2018: 0.18396, 2019: 0.18385 };
/** car.average.unknown per km; bus.local per passenger km; rail.national per passenger km. */
export const CAR_KM: Readonly<Record<number, number>> = { 2017: 0.18242, 2019: 0.1771 };
export const CAR_MILE_2019 = 0.28502;
export const BUS_PKM: Readonly<Record<number, number>> = { 2017: 0.10259, 2019: 0.10471 };
export const RAIL_PKM_2019 = 0.04115;

export const YEARS = [2016, 2017, 2018, 2019] as const;
export const fy = (y: number): string => `${y}/${String((y + 1) % 100).padStart(2, '0')}`;

// ---- north-acute: 1,200,000 kWh a year ----
export const ACUTE_KWH = 1_200_000;
/**
 * 2016/17: 1,200,000 × 0.41205 = 494,460 kg; 2017/18: × 0.35156 = 421,872; 2018/19: × 0.28307 =
 * 339,684; 2019/20: × 0.2556 = 306,720. Total 1,562,736 kg.
 */
export const acuteKg = (y: number): number => ACUTE_KWH * GRID[y]!;
/** `--wtt` adds T&D, WTT and the WTT of T&D: 2016/17 1,200,000 × (0.03727 + 0.06188 + 0.0056) = 125,700 kg. */
export const acuteWttTdKg = (y: number): number => ACUTE_KWH * (TD[y]! + GRID_WTT[y]! + TD_WTT[y]!);
/**
 * Calendar years: January–March of year C are in financial year C−1 (set C−1), April–December in
 * C (set C). 2016: 9 × 100,000 × 0.41205 = 370,845; 2017: 100,000 × (3 × 0.41205 + 9 × 0.35156)
 * = 440,019; 2018: 100,000 × (3 × 0.35156 + 9 × 0.28307) = 360,231; 2019: 100,000 × (3 × 0.28307
 * + 9 × 0.2556) = 314,961; 2020: 3 × 100,000 × 0.2556 = 76,680.
 */
export const ACUTE_CALENDAR_KG: Readonly<Record<string, number>> = {
  2016: 9 * 100_000 * GRID[2016]!,
  2017: 100_000 * (3 * GRID[2016]! + 9 * GRID[2017]!),
  2018: 100_000 * (3 * GRID[2017]! + 9 * GRID[2018]!),
  2019: 100_000 * (3 * GRID[2018]! + 9 * GRID[2019]!),
  2020: 3 * 100_000 * GRID[2019]!,
};
export const ACUTE_FLOOR_M2 = 20_000;

// ---- east-community ----
export const COMMUNITY_MONTH_KWH = 50_000;
/** Electricity: 12 months a year but 11 in 2018/19 (July 2018 missing). */
export const communityElectricityKg = (y: number): number => (y === 2018 ? 11 : 12) * COMMUNITY_MONTH_KWH * GRID[y]!;
/** July 2018 filled from July 2017's 50,000 kWh, priced at 2018/19's 0.28307: 14,153.5 kg. */
export const FILLED_JULY_2018_KG = COMMUNITY_MONTH_KWH * GRID[2018]!;

/**
 * Commuting: a respondent's year is miles × 1.609344 × 2 × 5 days × 46 weeks = miles × 740.29824
 * km; Eastgate scales ×25 (100 staff ÷ 4 usable respondents), the @Home Team ×10 (20 ÷ 2).
 * 2019 wave: drive alone 10 mi at Eastgate and 20 mi in the @Home Team:
 *   (10 × 25 + 20 × 10) × 740.29824 = 333,134.208 km × 0.1771 = 58,998.0682368 kg;
 * bus 5 mi twice at Eastgate: 2 × 5 × 25 × 740.29824 = 185,074.56 pkm × 0.10471 = 19,379.1571776 kg.
 * 2017 wave: drive alone 10 and 5 mi at Eastgate, 20 mi in the @Home Team:
 *   (15 × 25 + 20 × 10) × 740.29824 = 425,671.488 km × 0.18242; bus 5 mi at Eastgate:
 *   5 × 25 × 740.29824 = 92,537.28 pkm × 0.10259.
 */
export const KM_PER_MILE_YEAR = 1.609344 * 2 * 5 * 46;
export const COMMUTING_2019_DRIVE_KM = (10 * 25 + 20 * 10) * KM_PER_MILE_YEAR;
export const COMMUTING_2019_BUS_PKM = 2 * 5 * 25 * KM_PER_MILE_YEAR;
export const COMMUTING_2019_KG = COMMUTING_2019_DRIVE_KM * CAR_KM[2019]! + COMMUTING_2019_BUS_PKM * BUS_PKM[2019]!;
export const COMMUTING_2017_KG = (15 * 25 + 20 * 10) * KM_PER_MILE_YEAR * CAR_KM[2017]! + 5 * 25 * KM_PER_MILE_YEAR * BUS_PKM[2017]!;
/**
 * Business travel 2019/20: grey-fleet car 100 miles recorded plus 100 miles worked out from £45 at
 * 45p a mile, at 0.28502 kg a mile = 57.004 kg; rail 200 miles = 321.8688 pkm × 0.04115 =
 * 13.24490112 kg.
 */
export const BUSINESS_2019_KG = 200 * CAR_MILE_2019 + 200 * 1.609344 * RAIL_PKM_2019;
/** 1,000 appointments × 20 km round trip, all by car: 20,000 km × 0.1771 = 3,542 kg. */
export const AVOIDED_2019_KG = 1000 * 20 * CAR_KM[2019]!;

// ---- riverside-council: 960,000 kWh electricity and 1,200,000 kWh gas a year ----
export const COUNCIL_ELEC_KWH = 960_000;
export const COUNCIL_GAS_KWH = 1_200_000;
export const councilGasKg = (y: number): number => COUNCIL_GAS_KWH * GAS[y]!;
/** Location-based: 2016/17 960,000 × 0.41205 + 1,200,000 × 0.184 = 395,568 + 220,800 = 616,368 kg. */
export const councilKg = (y: number): number => COUNCIL_ELEC_KWH * GRID[y]! + councilGasKg(y);
/** Market-based 2019/20: 960,000 × 0.05 = 48,000 kg of Scope 2 instead of 245,376. */
export const COUNCIL_MARKET_2019_KG = COUNCIL_ELEC_KWH * 0.05 + councilGasKg(2019);
