/**
 * A line's activity as energy in kWh, for the SECR energy figures.
 *
 * - Energy units (kWh, MWh, GJ, therms…) convert exactly.
 * - Fuels bought by volume or mass (litres of diesel, m³ of gas, tonnes of pellets) are turned
 *   into kWh on a gross calorific value basis with the factor set the line was priced with: each
 *   year's UK Government conversion factors publish a fuel per litre (or m³, or tonne) and per kWh
 *   (gross CV) from the same fuel properties, so kWh per litre is (kg CO2e per litre) ÷ (kg CO2e
 *   per kWh, gross). The published figures are rounded to five significant figures, so the
 *   calorific value this gives is as exact as that rounding (a few parts in 100,000).
 * - Distances (fleet and grey-fleet miles, km) and anything whose key publishes no kWh factor
 *   cannot be expressed in kWh without assuming a fuel economy: they are returned as such, with
 *   the reason, and the disclosure lists them rather than guessing.
 */

import type { EmissionLine } from '../../kernel/emission-line.js';
import { kwhOf } from '../../aggregate/market.js';
import type { FactorLibrary } from '../../factors/library.js';
import { convertQuantity, dimensionOf, UNIT_IDS, type UnitId } from '../../units/units.js';
import { secrMsg } from './secr-text.js';

export type KwhResult =
  | { readonly kind: 'kwh'; readonly kwh: number; /** Set when a calorific value from the factor set was used. */ readonly kwhPerUnit?: number }
  | { readonly kind: 'none'; readonly reason: string };

function isUnitId(unit: string): unit is UnitId {
  return (UNIT_IDS as readonly string[]).includes(unit);
}

/** Energy of a line's activity; `cache` holds the calorific values already worked out. */
export function lineKwh(line: EmissionLine, library: FactorLibrary, cache: Map<string, KwhResult> = new Map()): KwhResult {
  const direct = kwhOf(line.quantity, line.unit);
  if (direct !== undefined) return { kind: 'kwh', kwh: direct };
  if (!isUnitId(line.unit) || !isUnitId(line.factorUnit)) return { kind: 'none', reason: secrMsg.noKwhFactor(line.factorKey, line.factorYear) };
  const dimension = dimensionOf(line.unit);
  if (dimension === 'distance' || dimension === 'passenger_distance') return { kind: 'none', reason: secrMsg.distanceNotEnergy };
  // The factor was applied in its own unit (litres for a quantity in gallons): so is the calorific value.
  const quantity = convertQuantity(line.quantity, line.unit, line.factorUnit);
  if (quantity === undefined) return { kind: 'none', reason: secrMsg.noKwhFactor(line.factorKey, line.factorYear) };
  const id = `${line.factorKey}|${line.factorYear}|${line.factorUnit}`;
  let perUnit = cache.get(id);
  if (perUnit === undefined) {
    perUnit = calorificValue(line.factorKey, line.factorYear, line.factorUnit, library);
    cache.set(id, perUnit);
  }
  return perUnit.kind === 'kwh' ? { kind: 'kwh', kwh: quantity * perUnit.kwh, kwhPerUnit: perUnit.kwh } : perUnit;
}

/** kWh (gross) per unit of a key's activity in a year's set; `kwh` here is per unit. */
function calorificValue(key: string, year: number, unit: UnitId, library: FactorLibrary): KwhResult {
  const set = library.lookup(key, year);
  const perUnit = set?.variants.find((v) => v.unit === unit)?.values.co2e?.kg;
  const perKwh = set?.variants.find((v) => v.unit === 'kWh' && v.basis !== 'net')?.values.co2e?.kg;
  if (perUnit === undefined || perKwh === undefined || perKwh <= 0 || perUnit <= 0) return { kind: 'none', reason: secrMsg.noKwhFactor(key, year) };
  return { kind: 'kwh', kwh: perUnit / perKwh };
}
