/**
 * Every sentence tco2e says to a person, in one place. Tests assert against these entries, so
 * wording can change without hunting through the code.
 */

import type { UnitId } from './units/units.js';
import { unitLabel } from './units/units.js';

const units = (list: readonly UnitId[]): string => list.map(unitLabel).join(', ');

export const msg = {
  unknownKey: (key: string, nearest: readonly string[]) =>
    `Unknown factor key "${key}".` + (nearest.length > 0 ? ` Did you mean: ${nearest.join(', ')}?` : ''),
  unknownKeyHint: 'Run `tco2e factors list --search TEXT` to find a key.',
  unknownUnit: (unit: string) => `Unknown unit "${unit}".`,
  unknownUnitHint: 'Use one of: Wh, kWh, MWh, GWh, MJ, GJ, therms, litres, m3, million litres, UK gallons, US gallons, kg, tonnes, km, miles, passenger.km, passenger.miles.',
  incompatibleUnit: (key: string, unit: UnitId, accepted: readonly UnitId[]) =>
    `Cannot convert ${unitLabel(unit)} for ${key}: its factors are per ${units(accepted)}.`,
  incompatibleUnitHint: (accepted: readonly UnitId[]) => `Give the quantity in ${units(accepted)} (or a unit of the same kind).`,
  missingInYear: (key: string, year: number, edition: string, available: readonly number[]) =>
    `The ${year} conversion factors (${edition}) do not publish ${key}.` +
    (available.length > 0 ? ` It is published for ${available.join(', ')}.` : ''),
  missingInYearHint: 'Use a key the year publishes, or choose a set with --policy fixed:YYYY; tco2e never fills a gap from another year by itself.',
  nearestSet: (requested: number, used: number) =>
    `No conversion factors are published for ${requested}; used the ${used} set, the nearest published year.`,
  badPolicy: (text: string) => `Unknown factor-year policy "${text}".`,
  badPolicyHint: 'Use financial-year, calendar-year or fixed:YYYY (e.g. fixed:2019).',
  badDate: (text: string) => `"${text}" is not a date in the form YYYY-MM-DD.`,
  badQuantity: (text: string) => `"${text}" is not a number.`,
  ownedPublicTransport: (key: string) => `${key} is public transport; it cannot be an owned vehicle.`,
  ownedPublicTransportHint: 'Use --use business_travel or --use commuting.',
  customFileProblems: (file: string, count: number) => `${file}: ${count} problem(s) in the custom factor file; nothing from it was used.`,
  customFileHint: 'Fix the rows listed and run again. Columns: key, unit, kg_co2e, and optionally year, kg_co2, kg_ch4, kg_n2o, scope, category, source, description.',
  /** A meter (or charger) id a spreadsheet has saved as a rounded number, e.g. an MPAN as 1.2E+12. */
  idMangled: (column: string, id: string, what: string, rows: number, firstLine: number) =>
    `${column} "${id}" has lost digits: a spreadsheet read the ${what} id as a number and saved it rounded, in exponent form, ` +
    `so it no longer names one ${what} (${rows === 1 ? `line ${firstLine}` : `${rows} rows from line ${firstLine}`}). ` +
    `Export the file again as CSV and import it without opening it in Excel, or open it with the ${column} column formatted as Text.`,
} as const;
