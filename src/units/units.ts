/**
 * Units of activity and the exact constants that relate them.
 *
 * Every unit belongs to one dimension and has an exact multiplier to that dimension's base
 * unit. Conversions only happen within a dimension; anything else is a user error.
 */

export type Dimension = 'energy' | 'volume' | 'mass' | 'distance' | 'passenger_distance' | 'count';

export const UNIT_IDS = [
  'Wh', 'kWh', 'MWh', 'GWh', 'GJ', 'MJ', 'therm',
  'litres', 'm3', 'million_litres', 'gallon_uk', 'gallon_us',
  'kg', 'tonnes',
  'km', 'miles',
  'passenger_km', 'passenger_miles',
  'items',
] as const;

export type UnitId = (typeof UNIT_IDS)[number];

interface UnitDef {
  readonly dimension: Dimension;
  /** How many base units (kWh, litres, kg, km, passenger-km, items) one of this unit is. */
  readonly toBase: number;
  readonly label: string;
  /** Other spellings people and files use, compared case-insensitively. */
  readonly aliases: readonly string[];
}

// Sources for the constants:
// - 1 kWh = 3.6 MJ exactly (SI: 1 W = 1 J/s, 3600 s). So 1 GJ = 1000/3.6 kWh.
// - 1 therm = 105.505585257348 MJ (the UK statutory therm: 100,000 British thermal units;
//   Units of Measurement Regulations 1995, SI 1995/1804, schedule), = 29.3071070159300 kWh.
// - 1 mile = 1.609344 km exactly (international yard of 1959, adopted in the UK by the
//   Weights and Measures Act 1963).
// - 1 UK gallon = 4.54609 litres exactly (Weights and Measures Act 1985, schedule 1).
// - 1 US gallon = 231 cubic inches = 3.785411784 litres exactly.
// - 1 m³ = 1000 litres; 1 tonne = 1000 kg (SI).
const MJ_PER_KWH = 3.6;
const KM_PER_MILE = 1.609344;

const UNITS: Readonly<Record<UnitId, UnitDef>> = {
  Wh: { dimension: 'energy', toBase: 0.001, label: 'Wh', aliases: ['wh', 'watt hours'] },
  kWh: { dimension: 'energy', toBase: 1, label: 'kWh', aliases: ['kwh', 'kw h', 'kilowatt hours', 'units'] },
  MWh: { dimension: 'energy', toBase: 1000, label: 'MWh', aliases: ['mwh', 'megawatt hours'] },
  GWh: { dimension: 'energy', toBase: 1_000_000, label: 'GWh', aliases: ['gwh'] },
  MJ: { dimension: 'energy', toBase: 1 / MJ_PER_KWH, label: 'MJ', aliases: ['mj', 'megajoules'] },
  GJ: { dimension: 'energy', toBase: 1000 / MJ_PER_KWH, label: 'GJ', aliases: ['gj', 'gigajoules'] },
  therm: { dimension: 'energy', toBase: 105.505585257348 / MJ_PER_KWH, label: 'therms', aliases: ['therms', 'thm'] },
  litres: { dimension: 'volume', toBase: 1, label: 'litres', aliases: ['l', 'litre', 'liter', 'liters', 'ltr', 'ltrs'] },
  m3: { dimension: 'volume', toBase: 1000, label: 'm³', aliases: ['m³', 'cubic metres', 'cubic meters', 'cubic metre', 'cu m', 'scm'] },
  million_litres: { dimension: 'volume', toBase: 1_000_000, label: 'million litres', aliases: ['million litres', 'megalitres'] },
  gallon_uk: { dimension: 'volume', toBase: 4.54609, label: 'UK gallons', aliases: ['gallons', 'gallon', 'uk gallons', 'imperial gallons', 'gal'] },
  gallon_us: { dimension: 'volume', toBase: 3.785411784, label: 'US gallons', aliases: ['us gallons', 'us gallon'] },
  kg: { dimension: 'mass', toBase: 1, label: 'kg', aliases: ['kilograms', 'kgs'] },
  tonnes: { dimension: 'mass', toBase: 1000, label: 'tonnes', aliases: ['t', 'tonne', 'metric tonnes'] },
  km: { dimension: 'distance', toBase: 1, label: 'km', aliases: ['kilometres', 'kilometers', 'kms'] },
  miles: { dimension: 'distance', toBase: KM_PER_MILE, label: 'miles', aliases: ['mile', 'mi'] },
  passenger_km: { dimension: 'passenger_distance', toBase: 1, label: 'passenger-km', aliases: ['passenger.km', 'passenger-km', 'pkm', 'passenger km'] },
  passenger_miles: { dimension: 'passenger_distance', toBase: KM_PER_MILE, label: 'passenger-miles', aliases: ['passenger.miles', 'passenger-miles', 'passenger miles'] },
  // Things counted one by one (a dry-powder inhaler, priced per inhaler by a custom factor). Not
  // "units": that is a kWh on a UK electricity bill.
  items: { dimension: 'count', toBase: 1, label: 'items', aliases: ['item', 'each', 'count'] },
};

const BY_NAME = new Map<string, UnitId>();
for (const id of UNIT_IDS) {
  BY_NAME.set(id.toLowerCase(), id);
  for (const alias of UNITS[id].aliases) BY_NAME.set(alias.toLowerCase(), id);
}

/** The unit a name refers to (`kWh`, `litres`, `cubic metres`, `passenger.km`…), or undefined. */
export function parseUnit(name: string): UnitId | undefined {
  return BY_NAME.get(name.trim().toLowerCase().replace(/\s+/g, ' '));
}

export function dimensionOf(unit: UnitId): Dimension {
  return UNITS[unit].dimension;
}

export function unitLabel(unit: UnitId): string {
  return UNITS[unit].label;
}

/**
 * The multiplier that turns a quantity in `from` into `to`, or undefined when the two units
 * measure different things (litres of electricity, miles to kWh).
 */
export function conversionMultiplier(from: UnitId, to: UnitId): number | undefined {
  if (from === to) return 1;
  const a = UNITS[from];
  const b = UNITS[to];
  if (a.dimension !== b.dimension) return undefined;
  return a.toBase / b.toBase;
}

export function convertQuantity(quantity: number, from: UnitId, to: UnitId): number | undefined {
  const m = conversionMultiplier(from, to);
  return m === undefined ? undefined : quantity * m;
}
