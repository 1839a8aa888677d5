/**
 * Which UK Government conversion factor each commuting mode uses (keys of the shipped catalogue;
 * `tco2e factors show KEY` prints every year's figure).
 *
 * | mode | key | unit |
 * |---|---|---|
 * | drive alone, car share | `car.average.unknown` ("average car", unknown fuel), or `car.<size>.<fuel>` when the survey asked the car's size or fuel | vehicle km |
 * | motorbike | `motorbike.average` | vehicle km |
 * | bus (also park and ride) | `bus.local` ("average local bus"); a coach answer `coach` | passenger km |
 * | train | `rail.national` ("national rail"); an underground/tube answer `rail.london_underground` | passenger km |
 * | tram, metro, light rail | `rail.light_rail_tram` ("light rail and tram") | passenger km |
 * | other: taxi | `taxi.regular` | passenger km |
 * | other: ferry | `ferry.foot` ("foot passenger") | passenger km |
 * | walk, cycle | none: zero emissions | |
 * | e-bike, e-scooter | none: zero. The publication has no factor for them; their charging (around 1 kWh per 100 km) is under 1% of an average car's emissions per km | |
 * | work from home | none: no journey (home-working emissions are not part of commuting here) | |
 * | other, anything else | none: left out and counted, since no factor fits | |
 *
 * Cars are per vehicle km, so a car share's km is divided by the people in the car (the
 * respondent included); every occupant who answers takes their share and the car is counted once.
 * An electric or plug-in hybrid car's key is its tailpipe figure; the grid electricity it ran on
 * is a second key, `electricity.ev.car.<size>.<fuel>`, as for business mileage. Park and ride is
 * taken as the bus, the survey's main mode: the car leg to the car park is not counted.
 */

import type { UnitId } from '../units/units.js';
import type { CommuteMode } from '../map/survey.js';

export interface ModeFactor {
  /** Keys to try in order: the first the year's set publishes is used (a fuel-specific car key, then the average car). */
  readonly keys: readonly string[];
  readonly unit: UnitId;
  /** A second figure per km: the grid electricity of an electric or plug-in hybrid car. */
  readonly electricityKey?: string;
}

export type ModeFactorChoice =
  | { readonly kind: 'factor'; readonly factor: ModeFactor }
  | { readonly kind: 'zero' }
  | { readonly kind: 'none'; readonly detail: string };

const CAR_SIZES: ReadonlySet<string> = new Set(['small', 'medium', 'large', 'average']);
const CAR_FUELS: ReadonlySet<string> = new Set(['diesel', 'petrol', 'hybrid', 'phev', 'bev', 'lpg', 'cng', 'unknown']);

/** The car key for a size and fuel the survey may have asked, falling back to the average car. */
export function carFactor(size: string | null, fuel: string | null): ModeFactor {
  const s = size !== null && CAR_SIZES.has(size) ? size : 'average';
  const f = fuel !== null && CAR_FUELS.has(fuel) ? fuel : 'unknown';
  // Small CNG and LPG cars are not published: the average car of that fuel is.
  const sized = s === 'small' && (f === 'cng' || f === 'lpg') ? 'average' : s;
  const keys = [...new Set([`car.${sized}.${f}`, `car.${sized}.unknown`, 'car.average.unknown'])];
  const electric = f === 'bev' || f === 'phev';
  return electric ? { keys, unit: 'km', electricityKey: `electricity.ev.car.${sized}.${f}` } : { keys, unit: 'km' };
}

const ZERO: ModeFactorChoice = { kind: 'zero' };
const one = (key: string, unit: UnitId): ModeFactorChoice => ({ kind: 'factor', factor: { keys: [key], unit } });

/** The factor for a commuting mode (see the table above). `detail` is the survey's `modeDetail`. */
export function commuteFactor(mode: CommuteMode, detail: string | null, car: { size: string | null; fuel: string | null } = { size: null, fuel: null }): ModeFactorChoice {
  switch (mode) {
    case 'drive_alone':
    case 'car_share':
      return { kind: 'factor', factor: carFactor(car.size, car.fuel) };
    case 'motorbike':
      return one('motorbike.average', 'km');
    case 'bus':
      return one(detail === 'coach' ? 'coach' : 'bus.local', 'passenger_km');
    case 'train':
      return one(detail === 'underground' ? 'rail.london_underground' : 'rail.national', 'passenger_km');
    case 'tram':
      return one('rail.light_rail_tram', 'passenger_km');
    case 'walk':
    case 'cycle':
    case 'e_bike':
    case 'work_from_home':
      return ZERO;
    case 'other':
      if (detail === 'taxi') return one('taxi.regular', 'passenger_km');
      if (detail === 'ferry') return one('ferry.foot', 'passenger_km');
      if (detail === 'e_scooter') return ZERO;
      return { kind: 'none', detail: detail ?? 'other' };
  }
}
