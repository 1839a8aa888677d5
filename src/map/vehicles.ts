/**
 * The vocabulary of fleet files: registrations, vehicle types, sizes and fuels as registers,
 * telematics and card exports write them, and the distance factor keys they lead to.
 */

import { keyDef } from '../factors/catalogue.js';
import type { VehicleRecord } from '../store/records.js';

export type VehicleType = VehicleRecord['vehicleType'];
export const VEHICLE_FUELS = ['diesel', 'petrol', 'hybrid', 'phev', 'bev', 'unknown', 'cng', 'lpg'] as const;
export type VehicleFuel = (typeof VEHICLE_FUELS)[number];

/** `ab12 cde` → `AB12CDE`: how registrations are compared and stored. */
export function normaliseRegistration(text: string): string {
  return text.toUpperCase().replace(/[\s-]+/g, '');
}

function wordsOf(text: string): string[] {
  return text.toLowerCase().replace(/[^a-z0-9.]+/g, ' ').split(' ').map((w) => w.replace(/^\.+|\.+$/g, '')).filter(Boolean);
}

const has = (words: readonly string[], ...any: string[]): boolean => any.some((w) => words.includes(w));

/** Checked in this order: a "car-derived van" is a van, a "minibus" is not a bus-sized car. */
const TYPE_WORDS: readonly [VehicleType, readonly string[]][] = [
  ['other', ['minibus', 'bus', 'coach', 'hgv', 'heavy', 'lorry', 'truck', 'tipper', 'tractor', 'ambulance', 'trailer', 'plant', 'mower', 'forklift', 'sweeper', 'gritter', 'other', 'refuse', 'rcv', 'bicycle', 'ebike']],
  ['van', ['van', 'vans', 'lcv', 'pickup', 'pick', 'commercial']],
  ['motorbike', ['motorbike', 'motorbikes', 'motorcycle', 'motorcycles', 'moped', 'scooter']],
  ['car', ['car', 'cars', 'saloon', 'hatchback', 'estate', 'suv', 'mpv', '4x4', 'coupe', 'convertible']],
];
export const VEHICLE_TYPE_HELP = 'car, van (LCV, panel van…), motorbike or other (minibus, HGV, ambulance…)';

export function parseVehicleType(text: string): VehicleType | undefined {
  const words = wordsOf(text);
  if (words.length === 0) return undefined;
  if (/\bmotor (bike|cycle)s?\b/.test(words.join(' '))) return 'motorbike';
  return TYPE_WORDS.find(([, list]) => has(words, ...list))?.[0];
}

const ROMAN: Readonly<Record<string, 'class_i' | 'class_ii' | 'class_iii'>> = { i: 'class_i', '1': 'class_i', ii: 'class_ii', '2': 'class_ii', iii: 'class_iii', '3': 'class_iii' };

/** Accepted sizes per type, as the messages list them. */
export const SIZE_HELP: Readonly<Record<VehicleType, string>> = {
  car: 'small (mini, supermini), medium (lower medium), large (upper medium, executive, SUV, MPV) or average',
  van: 'Class I (up to 1.305 t), Class II (1.305–1.74 t), Class III (1.74–3.5 t), small/medium/large, or average',
  motorbike: 'small, medium, large or average',
  other: 'anything (not used)',
};

/**
 * A size in the publication's terms: small/medium/large/average for cars and motorbikes,
 * class_i/class_ii/class_iii/average for vans (small, medium and large vans are read as Classes
 * I, II and III). Blank is average. Undefined when the text is not a size of that type.
 */
export function parseVehicleSize(type: VehicleType, text: string): string | undefined {
  const words = wordsOf(text).filter((w) => w !== 'car' && w !== 'van' && w !== 'motorbike' && w !== 'size');
  if (type === 'other') return words.join(' ');
  if (words.length === 0 || has(words, 'average', 'unknown', 'avg')) return 'average';
  if (type === 'van') {
    const i = words.indexOf('class');
    const numeral = i >= 0 ? words[i + 1] : words.length === 1 ? words[0] : undefined;
    if (numeral !== undefined && ROMAN[numeral] !== undefined) return ROMAN[numeral];
    if (has(words, 'small')) return 'class_i';
    if (has(words, 'medium')) return 'class_ii';
    if (has(words, 'large')) return 'class_iii';
    return undefined;
  }
  if (type === 'car') {
    if (has(words, 'upper', 'executive', 'luxury', 'sports', 'suv', 'mpv', '4x4', 'large')) return 'large';
    if (has(words, 'medium', 'lower')) return 'medium';
    if (has(words, 'small', 'mini', 'supermini', 'city')) return 'small';
    return undefined;
  }
  if (has(words, 'small')) return 'small';
  if (has(words, 'medium')) return 'medium';
  if (has(words, 'large')) return 'large';
  return undefined;
}

export const FUEL_HELP = 'diesel, petrol, hybrid, plug-in hybrid (PHEV), battery electric (BEV, EV), CNG, LPG or unknown';

export function parseVehicleFuel(text: string): VehicleFuel | undefined {
  const words = wordsOf(text);
  if (words.length === 0) return undefined;
  const joined = words.join(' ');
  if (has(words, 'phev') || /\bplug ?in\b/.test(joined)) return 'phev';
  // "Hybrid electric" and the older "petrol/electric" are hybrids; "electric" alone is a BEV.
  if (has(words, 'hybrid', 'hev', 'mhev') || (has(words, 'electric') && has(words, 'petrol', 'diesel'))) return 'hybrid';
  if (has(words, 'bev', 'ev', 'electric', 'electricity')) return 'bev';
  if (has(words, 'diesel', 'derv', 'dsl', 'ulsd')) return 'diesel';
  if (has(words, 'petrol', 'unleaded', 'gasoline', 'ulp')) return 'petrol';
  if (has(words, 'cng')) return 'cng';
  if (has(words, 'lpg', 'autogas')) return 'lpg';
  if (has(words, 'unknown') || joined === 'n a' || joined === 'not known') return 'unknown';
  return undefined;
}

export interface DistanceKeys {
  /** The tailpipe (or whole-vehicle) factor. */
  readonly key: string;
  /** For plug-in vehicles: the grid electricity the vehicle used, per distance. */
  readonly electricityKey?: string;
}

/** The distance factor keys for a vehicle, or why there is none. */
export function distanceKeys(type: VehicleType, size: string, fuel: VehicleFuel): DistanceKeys | { readonly problem: string } {
  if (type === 'other') return { problem: 'the publication has no distance factor for this type of vehicle (minibus, HGV…): report its fuel from the fuel-card file instead' };
  if (type === 'motorbike') {
    if (fuel === 'bev' || fuel === 'phev') return { problem: 'the publication has no factor for electric motorbikes: report their charging (an EV charging file) instead' };
    return { key: `motorbike.${size}` };
  }
  const key = `${type}.${size}.${fuel}`;
  if (keyDef(key) === undefined) {
    const published = VEHICLE_FUELS.filter((f) => keyDef(`${type}.${size}.${f}`) !== undefined);
    return { problem: `the publication has no factor for a ${type} of size ${size} running on ${fuel}: for that size it gives ${published.join(', ')}${size === 'average' ? '' : ' (the average size gives more fuels)'}` };
  }
  if (type === 'car' && (fuel === 'bev' || fuel === 'phev')) return { key, electricityKey: `electricity.ev.car.${size}.${fuel}` };
  if (type === 'van' && fuel === 'bev') return { key, electricityKey: `electricity.ev.van.${size}.bev` };
  return { key };
}
