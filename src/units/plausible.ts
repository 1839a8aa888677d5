/**
 * What a row may carry and still be a reading of something that happened.
 *
 * The largest quantity one row may carry. The number reader takes anything a double can hold, so
 * `1e308` kWh would be stored, and two such rows add up to Infinity, which the summary's JSON
 * turns into null: a total silently lost. No single line of a public body's export comes near a
 * trillion kWh (1,000 TWh, over three times the UK's yearly electricity demand of roughly 300 TWh;
 * DESNZ, Digest of UK Energy Statistics), nor a trillion litres, kg, km or passenger-km, so a
 * larger figure is a mistyped or corrupt cell and the row is rejected, naming it.
 */

import type { Problem } from '../kernel/problem.js';
import { convertQuantity, dimensionOf, unitLabel, type Dimension, type UnitId } from './units.js';

/** In each dimension's base unit (kWh, litres, kg, km, passenger-km, items). */
export const MAX_QUANTITY_IN_BASE_UNITS = 1e12;

const BASE: Readonly<Record<Dimension, UnitId>> = { energy: 'kWh', volume: 'litres', mass: 'kg', distance: 'km', passenger_distance: 'passenger_km', count: 'items' };

/** Whether `quantity` of `unit` is finite and within the cap, whichever its sign. */
export function plausibleQuantity(quantity: number, unit: UnitId): boolean {
  const base = BASE[dimensionOf(unit)];
  const inBase = convertQuantity(quantity, unit, base);
  return inBase !== undefined && Number.isFinite(inBase) && Math.abs(inBase) <= MAX_QUANTITY_IN_BASE_UNITS;
}

/** The problem for a quantity `plausibleQuantity` refuses. */
export function implausibleQuantity(line: number, quantity: number, unit: UnitId, column = ''): Omit<Problem, 'file'> {
  const base = BASE[dimensionOf(unit)];
  return {
    line, column, value: `${quantity} ${unit}`, code: 'implausible_quantity',
    message: `${quantity} ${unitLabel(unit)} is not a plausible reading: no row comes near ${MAX_QUANTITY_IN_BASE_UNITS.toExponential()} ${unitLabel(base)}; check the cell in the source`,
  };
}
