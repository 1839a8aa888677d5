/**
 * The canonical factor keys tco2e understands, and how each maps to the labels of the UK
 * Government's "Greenhouse gas reporting: conversion factors" publication, year by year.
 *
 * Labels drift between editions (`UK electricity for Evs` / `UK electricity for EVs`,
 * `WTT- UK & overseas elec` / `WTT- UK electricity`, `kWh` / `kWh (Gross CV)`): matching is done on
 * normalised labels (see `normalise.ts`), so one matcher covers every year. Which years a key is
 * expected in is declared here too (`since`, `until`, `absentIn`, and the `family` an edition may
 * leave out), and the factor-table build fails if the publication disagrees, so the declarations
 * stay honest.
 *
 * This module holds no figures: the figures live in `data/factors/`.
 */

import type { UnitId } from '../units/units.js';

/** Groups of keys that a whole edition publishes or leaves out (see `data/factors/editions.json`). */
export type Family =
  | 'electricity' | 'electricity_td' | 'electricity_wtt'
  | 'fuel' | 'fuel_wtt' | 'bioenergy' | 'bioenergy_wtt' | 'outside_scopes'
  | 'heat_steam' | 'heat_steam_wtt' | 'water'
  | 'car' | 'car_wtt' | 'van' | 'van_wtt' | 'motorbike' | 'motorbike_wtt'
  | 'ev_electricity' | 'ev_td'
  | 'taxi' | 'bus' | 'rail' | 'ferry' | 'land_travel_wtt' | 'ferry_wtt'
  | 'flight' | 'flight_wtt'
  | 'waste';

/**
 * How a key's emissions are scoped (GHG Protocol). `travel` keys are scoped by how the journey
 * was made: in an owned or leased vehicle (Scope 1, or 2 for the electricity of an EV), as
 * business travel (Scope 3 category 6) or commuting (Scope 3 category 7).
 */
export type ScopeRule =
  | { kind: 'fixed'; scope: 1 | 2 }
  | { kind: 'fixed'; scope: 3; category: number }
  | { kind: 'outside' }
  | { kind: 'travel'; owned: 1 | 2 | 3; ownedCategory?: number };

export type EnergyBasis = 'gross' | 'net';

export interface Matcher {
  /** Normalised `level1` (the publication's sheet), after synonyms are applied. */
  readonly level1: string;
  readonly level2: string;
  readonly level3: string;
  /** Normalised `level4`; undefined accepts any (electricity puts the data year there). */
  readonly level4?: string;
  /** Normalised `column_text` (vehicle fuel, `with rf`); undefined for fuels, whose column says the unit. */
  readonly column?: string;
}

export interface KeyDef {
  readonly key: string;
  readonly description: string;
  readonly family: Family;
  readonly scope: ScopeRule;
  /** Tried in order for each year: the first that matches supplies that year's figures. */
  readonly match: readonly Matcher[];
  /** For fuels: which calorific-value basis a kWh figure is on. UK gas bills are in kWh gross CV. */
  readonly basis?: EnergyBasis;
  /** First year the publication has this key (editions' own gaps come from the family). */
  readonly since?: number;
  /** Last year the publication has this key, for a factor it has stopped publishing. */
  readonly until?: number;
  /** Years in which the publication, against its usual coverage, does not give this key. */
  readonly absentIn?: readonly number[];
  /** Keys whose emissions accompany this one: its well-to-tank, T&D losses, outside-of-scopes CO2. */
  readonly companions?: { readonly wtt?: string; readonly td?: string; readonly outsideScopes?: string };
  /** The unit a quantity is converted to when no published unit matches it exactly. */
  readonly preferredUnit?: UnitId;
}

const defs: KeyDef[] = [];
const add = (d: KeyDef): void => {
  defs.push(d);
};

const SCOPE1 = { kind: 'fixed', scope: 1 } as const;
const SCOPE2 = { kind: 'fixed', scope: 2 } as const;
const CAT3 = { kind: 'fixed', scope: 3, category: 3 } as const;
const TRAVEL_OWNED1 = { kind: 'travel', owned: 1 } as const;
const TRAVEL_OWNED2 = { kind: 'travel', owned: 2 } as const;
const TRAVEL_OWNED_WTT = { kind: 'travel', owned: 3, ownedCategory: 3 } as const;
const TRAVEL_OWNED_TD = { kind: 'travel', owned: 3, ownedCategory: 3 } as const;
/** Public transport is never owned: it is business travel unless used for commuting. */
const TRAVEL_PUBLIC = { kind: 'travel', owned: 3, ownedCategory: 6 } as const;

// --- Grid electricity -------------------------------------------------------------------
add({
  key: 'electricity.grid', family: 'electricity', scope: SCOPE2,
  description: 'UK grid electricity, generation (location-based Scope 2)',
  match: [{ level1: 'uk electricity', level2: 'electricity generated', level3: 'electricity: uk' }],
  companions: { wtt: 'electricity.grid.wtt', td: 'electricity.grid.td_losses' },
});
add({
  key: 'electricity.grid.td_losses', family: 'electricity_td', scope: CAT3,
  description: 'UK grid electricity, transmission and distribution losses',
  match: [{ level1: 'transmission and distribution', level2: 't&d- uk electricity', level3: 'electricity: uk' }],
  companions: { wtt: 'electricity.grid.td_losses.wtt' },
});
add({
  key: 'electricity.grid.wtt', family: 'electricity_wtt', scope: CAT3,
  description: 'UK grid electricity, well-to-tank of generation',
  match: [{ level1: 'wtt- uk electricity', level2: 'wtt- uk electricity (generation)', level3: 'electricity: uk' }],
});
add({
  key: 'electricity.grid.td_losses.wtt', family: 'electricity_wtt', scope: CAT3,
  description: 'UK grid electricity, well-to-tank of T&D losses',
  match: [{ level1: 'wtt- uk electricity', level2: 'wtt- uk electricity (t&d)', level3: 'electricity: uk' }],
});

// --- Fuels ------------------------------------------------------------------------------
interface FuelDef {
  readonly id: string;
  readonly label: string;
  readonly level2: 'gaseous fuels' | 'liquid fuels' | 'solid fuels';
  readonly description: string;
  readonly since?: number;
  readonly wttSince?: number;
  readonly preferredUnit: UnitId;
}
const FUELS: readonly FuelDef[] = [
  { id: 'natural_gas', label: 'natural gas', level2: 'gaseous fuels', description: 'Natural gas', preferredUnit: 'kWh' },
  { id: 'lpg', label: 'lpg', level2: 'gaseous fuels', description: 'LPG', preferredUnit: 'litres' },
  { id: 'cng', label: 'cng', level2: 'gaseous fuels', description: 'CNG (compressed natural gas)', preferredUnit: 'kWh' },
  { id: 'burning_oil', label: 'burning oil', level2: 'liquid fuels', description: 'Burning oil (kerosene, heating oil)', preferredUnit: 'litres' },
  { id: 'gas_oil', label: 'gas oil', level2: 'liquid fuels', description: 'Gas oil (red diesel)', preferredUnit: 'litres' },
  { id: 'fuel_oil', label: 'fuel oil', level2: 'liquid fuels', description: 'Fuel oil', preferredUnit: 'litres' },
  { id: 'diesel.average_biofuel_blend', label: 'diesel (average biofuel blend)', level2: 'liquid fuels', description: 'Diesel, forecourt (average biofuel blend)', preferredUnit: 'litres' },
  { id: 'diesel.mineral', label: 'diesel (100% mineral diesel)', level2: 'liquid fuels', description: 'Diesel, 100% mineral', since: 2016, preferredUnit: 'litres' },
  { id: 'petrol.average_biofuel_blend', label: 'petrol (average biofuel blend)', level2: 'liquid fuels', description: 'Petrol, forecourt (average biofuel blend)', preferredUnit: 'litres' },
  { id: 'petrol.mineral', label: 'petrol (100% mineral petrol)', level2: 'liquid fuels', description: 'Petrol, 100% mineral', preferredUnit: 'litres' },
  // Published under this name from 2016; the 2013–2015 sets have no industrial coal row.
  { id: 'coal_industrial', label: 'coal (industrial)', level2: 'solid fuels', description: 'Coal (industrial)', since: 2016, preferredUnit: 'tonnes' },
];
for (const f of FUELS) {
  const base = { level2: f.level2, level3: f.label };
  const since = f.since === undefined ? {} : { since: f.since };
  // 2016–2021 name the WTT level 2 "WTT- gaseous fuels"; 2022 onwards reuse "Gaseous fuels".
  const wttFuelMatch = [{ level1: 'wtt- fuels', ...base }, { level1: 'wtt- fuels', level2: `wtt- ${f.level2}`, level3: f.label }];
  const wttSince = { since: Math.max(f.since ?? 0, f.wttSince ?? 0) || 2016 };
  add({
    key: f.id, family: 'fuel', scope: SCOPE1, basis: 'gross', preferredUnit: f.preferredUnit, ...since,
    description: `${f.description} (energy on gross CV)`,
    match: [{ level1: 'fuels', ...base }],
    // Forecourt fuels are blended with biofuel: the publication gives the biogenic CO2 of the
    // blend per litre under "Outside of scopes", to be reported beside the total.
    companions: f.id.endsWith('.average_biofuel_blend') ? { wtt: `${f.id}.wtt`, outsideScopes: `${f.id}.outside_scopes` } : { wtt: `${f.id}.wtt` },
  });
  add({
    key: `${f.id}.net_cv`, family: 'fuel', scope: SCOPE1, basis: 'net', preferredUnit: 'kWh', ...since,
    description: `${f.description}, energy on net CV`,
    match: [{ level1: 'fuels', ...base }],
    companions: { wtt: `${f.id}.net_cv.wtt` },
  });
  add({
    key: `${f.id}.wtt`, family: 'fuel_wtt', scope: CAT3, basis: 'gross', preferredUnit: f.preferredUnit, ...wttSince,
    description: `${f.description}, well-to-tank`,
    match: wttFuelMatch,
  });
  add({
    key: `${f.id}.net_cv.wtt`, family: 'fuel_wtt', scope: CAT3, basis: 'net', preferredUnit: 'kWh', ...wttSince,
    description: `${f.description}, well-to-tank, energy on net CV`,
    match: wttFuelMatch,
  });
}

// --- Biomass: Scope 1 CH4 and N2O; the CO2 is biogenic and reported outside the scopes ---
for (const [id, label] of [['wood_pellets', 'wood pellets'], ['wood_chips', 'wood chips'], ['wood_logs', 'wood logs'], ['grass_straw', 'grass/straw']] as const) {
  const text = label === 'grass/straw' ? 'Grass/straw' : label[0]!.toUpperCase() + label.slice(1);
  add({
    key: id, family: 'bioenergy', scope: SCOPE1, since: 2016, preferredUnit: 'kWh',
    description: `${text} (Scope 1 CH4 and N2O; biogenic CO2 is outside the scopes)`,
    match: [{ level1: 'bioenergy', level2: 'biomass', level3: label }],
    companions: { wtt: `${id}.wtt`, outsideScopes: `${id}.outside_scopes` },
  });
  add({
    key: `${id}.wtt`, family: 'bioenergy_wtt', scope: CAT3, since: 2016, preferredUnit: 'kWh',
    description: `${text}, well-to-tank`,
    match: [{ level1: 'wtt- bioenergy', level2: 'wtt- biomass', level3: label }],
  });
  add({
    key: `${id}.outside_scopes`, family: 'outside_scopes', scope: { kind: 'outside' }, since: 2016, preferredUnit: 'kWh',
    description: `${text}, biogenic CO2 (outside of scopes; reported, never added to the total)`,
    match: [{ level1: 'outside of scopes', level2: 'biomass', level3: label }],
  });
}
for (const [id, label, text] of [
  ['diesel.average_biofuel_blend', 'diesel (average biofuel blend)', 'Diesel (average biofuel blend)'],
  ['petrol.average_biofuel_blend', 'petrol (average biofuel blend)', 'Petrol (average biofuel blend)'],
] as const) {
  add({
    key: `${id}.outside_scopes`, family: 'outside_scopes', scope: { kind: 'outside' }, preferredUnit: 'litres',
    description: `${text}, biogenic CO2 of the biofuel content (outside of scopes)`,
    match: [{ level1: 'outside of scopes', level2: 'forecourt fuels containing biofuel', level3: label }],
  });
}

// --- Heat and steam, water ----------------------------------------------------------------
for (const [id, label] of [['district', 'district heat and steam'], ['onsite', 'onsite heat and steam']] as const) {
  add({
    key: `heat_steam.${id}`, family: 'heat_steam', scope: SCOPE2, since: 2016, preferredUnit: 'kWh',
    description: `Heat and steam, ${id === 'district' ? 'district' : 'on-site'}`,
    match: [{ level1: 'heat and steam', level2: 'heat and steam', level3: label }],
    companions: { wtt: `heat_steam.${id}.wtt` },
  });
  add({
    key: `heat_steam.${id}.wtt`, family: 'heat_steam_wtt', scope: CAT3, since: 2016, preferredUnit: 'kWh',
    description: `Heat and steam, ${id === 'district' ? 'district' : 'on-site'}, well-to-tank`,
    match: [{ level1: 'wtt- heat and steam', level2: 'wtt- heat and steam', level3: label }],
  });
}
add({
  key: 'heat_steam.district.distribution_loss.wtt', family: 'heat_steam_wtt', scope: CAT3, since: 2016, preferredUnit: 'kWh',
  description: 'District heat and steam, distribution losses (5%), well-to-tank',
  match: [{ level1: 'wtt- heat and steam', level2: 'wtt- district heat & steam distribution', level3: '5% loss' }],
});
add({
  key: 'water.supply', family: 'water', scope: { kind: 'fixed', scope: 3, category: 1 }, preferredUnit: 'm3',
  description: 'Water supply (purchased goods, Scope 3 category 1)',
  match: [{ level1: 'water supply', level2: 'water supply', level3: 'water supply' }],
});
add({
  key: 'water.treatment', family: 'water', scope: { kind: 'fixed', scope: 3, category: 5 }, preferredUnit: 'm3',
  description: 'Water treatment (waste water, Scope 3 category 5)',
  match: [{ level1: 'water treatment', level2: 'water treatment', level3: 'water treatment' }],
});

// --- Cars ---------------------------------------------------------------------------------
const VEHICLE_FUELS = {
  diesel: 'diesel', petrol: 'petrol', hybrid: 'hybrid', phev: 'plug-in hybrid electric vehicle',
  bev: 'battery electric vehicle', unknown: 'unknown', cng: 'cng', lpg: 'lpg',
} as const;
type VehicleFuel = keyof typeof VEHICLE_FUELS;
const FUEL_TEXT: Record<VehicleFuel, string> = {
  diesel: 'diesel', petrol: 'petrol', hybrid: 'hybrid', phev: 'plug-in hybrid', bev: 'battery electric',
  unknown: 'unknown fuel', cng: 'CNG', lpg: 'LPG',
};
/** First year each fuel is published for cars (the 2013–2015 standard sets have diesel, petrol and unknown). */
const CAR_FUEL_SINCE: Record<VehicleFuel, number> = {
  diesel: 2013, petrol: 2013, unknown: 2013, hybrid: 2016, cng: 2016, lpg: 2016, phev: 2017, bev: 2017,
};
for (const size of ['small', 'medium', 'large', 'average'] as const) {
  const level3 = size === 'average' ? 'average car' : `${size} car`;
  for (const fuel of Object.keys(VEHICLE_FUELS) as VehicleFuel[]) {
    if (size === 'small' && (fuel === 'cng' || fuel === 'lpg')) continue; // not published for small cars
    const key = `car.${size}.${fuel}`;
    const column = VEHICLE_FUELS[fuel];
    const electric = fuel === 'bev' || fuel === 'phev';
    add({
      key, family: 'car', scope: TRAVEL_OWNED1, since: CAR_FUEL_SINCE[fuel], preferredUnit: 'km',
      description: `Car, ${size}, ${FUEL_TEXT[fuel]}${electric ? ' (tailpipe; electricity under electricity.ev.*)' : ''}`,
      match: [
        { level1: 'passenger vehicles', level2: 'cars (by size)', level3, column },
        { level1: 'business travel- land', level2: 'cars (by size)', level3, column },
      ],
      companions: electric
        ? { wtt: `${key}.wtt` }
        : { wtt: `${key}.wtt` },
    });
    add({
      key: `${key}.wtt`, family: 'car_wtt', scope: TRAVEL_OWNED_WTT, since: Math.max(2016, CAR_FUEL_SINCE[fuel]), preferredUnit: 'km',
      description: `Car, ${size}, ${FUEL_TEXT[fuel]}, well-to-tank`,
      match: [{ level1: 'wtt- pass vehs & travel- land', level2: 'wtt- cars (by size)', level3, column }],
    });
    if (electric) {
      add({
        key: `electricity.ev.car.${size}.${fuel}`, family: 'ev_electricity', scope: TRAVEL_OWNED2, since: 2017, preferredUnit: 'km',
        description: `Grid electricity used by a ${size} ${FUEL_TEXT[fuel]} car`,
        match: [{ level1: 'uk electricity for evs', level2: 'cars (by size)', level3, column }],
        companions: { td: `electricity.ev.car.${size}.${fuel}.td_losses` },
      });
      add({
        key: `electricity.ev.car.${size}.${fuel}.td_losses`, family: 'ev_td', scope: TRAVEL_OWNED_TD, since: 2017, preferredUnit: 'km',
        description: `T&D losses of the grid electricity used by a ${size} ${FUEL_TEXT[fuel]} car`,
        match: [{ level1: 'uk electricity t&d for evs', level2: 'cars (by size)', level3, column }],
      });
    }
  }
}

// --- Vans ---------------------------------------------------------------------------------
const VAN_CLASSES = {
  class_i: ['class i (up to 1.305 tonnes)', 'Class I (up to 1.305 t)'],
  class_ii: ['class ii (1.305 to 1.74 tonnes)', 'Class II (1.305 to 1.74 t)'],
  class_iii: ['class iii (1.74 to 3.5 tonnes)', 'Class III (1.74 to 3.5 t)'],
  average: ['average (up to 3.5 tonnes)', 'average (up to 3.5 t)'],
} as const;
const VAN_FUELS: Record<keyof typeof VAN_CLASSES, readonly VehicleFuel[]> = {
  class_i: ['diesel', 'petrol', 'bev'],
  class_ii: ['diesel', 'petrol', 'bev'],
  class_iii: ['diesel', 'petrol', 'bev'],
  average: ['diesel', 'petrol', 'bev', 'cng', 'lpg', 'unknown'],
};
for (const cls of Object.keys(VAN_CLASSES) as (keyof typeof VAN_CLASSES)[]) {
  const [level3, text] = VAN_CLASSES[cls];
  for (const fuel of VAN_FUELS[cls]) {
    const key = `van.${cls}.${fuel}`;
    const column = VEHICLE_FUELS[fuel];
    const since = fuel === 'bev' ? 2017 : fuel === 'cng' || fuel === 'lpg' ? 2016 : 2013;
    add({
      key, family: 'van', scope: TRAVEL_OWNED1, since, preferredUnit: 'km',
      description: `Van, ${text}, ${FUEL_TEXT[fuel]}`,
      // The Scope 1 "Delivery vehicles" sheet is missing from the 2013–2015 standard sets and the
      // 2024 condensed set; those editions publish the same van-km figures under "Freighting goods".
      // Not for battery-electric vans: there the freight figure is the van's grid electricity with
      // its T&D losses (2024: 0.10553 per mile = 0.09695 + 0.00857), not a tailpipe figure, and
      // using it would count the electricity twice and in the wrong scope.
      match: fuel === 'bev'
        ? [{ level1: 'delivery vehicles', level2: 'vans', level3, column }]
        : [
            { level1: 'delivery vehicles', level2: 'vans', level3, column },
            { level1: 'freighting goods', level2: 'vans', level3, column },
          ],
      ...(fuel === 'bev' ? { absentIn: [2024] } : {}),
      companions: { wtt: `${key}.wtt` },
    });
    add({
      key: `${key}.wtt`, family: 'van_wtt', scope: TRAVEL_OWNED_WTT, since: Math.max(2016, since), preferredUnit: 'km',
      description: `Van, ${text}, ${FUEL_TEXT[fuel]}, well-to-tank`,
      match: [{ level1: 'wtt- delivery vehs & freight', level2: 'wtt- vans', level3, column }],
    });
    if (fuel === 'bev') {
      add({
        key: `electricity.ev.van.${cls}.bev`, family: 'ev_electricity', scope: TRAVEL_OWNED2, since: 2017, preferredUnit: 'km',
        description: `Grid electricity used by a battery electric van, ${text}`,
        match: [{ level1: 'uk electricity for evs', level2: 'vans', level3, column }],
        companions: { td: `electricity.ev.van.${cls}.bev.td_losses` },
      });
      add({
        key: `electricity.ev.van.${cls}.bev.td_losses`, family: 'ev_td', scope: TRAVEL_OWNED_TD, since: 2017, preferredUnit: 'km',
        description: `T&D losses of the grid electricity used by a battery electric van, ${text}`,
        match: [{ level1: 'uk electricity t&d for evs', level2: 'vans', level3, column }],
      });
    }
  }
}

// --- Motorbikes, taxis, buses, rail, ferries ------------------------------------------------
for (const size of ['small', 'medium', 'large', 'average'] as const) {
  add({
    key: `motorbike.${size}`, family: 'motorbike', scope: TRAVEL_OWNED1, since: 2016, preferredUnit: 'km',
    description: `Motorbike, ${size}`,
    match: [
      { level1: 'passenger vehicles', level2: 'motorbike', level3: size },
      { level1: 'business travel- land', level2: 'motorbike', level3: size },
    ],
    companions: { wtt: `motorbike.${size}.wtt` },
  });
  add({
    key: `motorbike.${size}.wtt`, family: 'motorbike_wtt', scope: TRAVEL_OWNED_WTT, since: 2016, preferredUnit: 'km',
    description: `Motorbike, ${size}, well-to-tank`,
    match: [{ level1: 'wtt- pass vehs & travel- land', level2: 'wtt- motorbike', level3: size }],
  });
}
const PUBLIC_LAND: readonly (readonly [string, Family, string, string, string, string, UnitId])[] = [
  ['taxi.regular', 'taxi', 'taxis', 'regular taxi', 'wtt- taxis', 'Taxi, regular', 'passenger_km'],
  ['taxi.black_cab', 'taxi', 'taxis', 'black cab', 'wtt- taxis', 'Taxi, black cab', 'passenger_km'],
  ['bus.local', 'bus', 'bus', 'average local bus', 'wtt- bus', 'Bus, average local', 'passenger_km'],
  ['bus.local_london', 'bus', 'bus', 'local london bus', 'wtt- bus', 'Bus, local London', 'passenger_km'],
  ['bus.local_not_london', 'bus', 'bus', 'local bus (not london)', 'wtt- bus', 'Bus, local outside London', 'passenger_km'],
  ['coach', 'bus', 'bus', 'coach', 'wtt- bus', 'Coach', 'passenger_km'],
  ['rail.national', 'rail', 'rail', 'national rail', 'wtt- rail', 'Rail, national', 'passenger_km'],
  ['rail.international', 'rail', 'rail', 'international rail', 'wtt- rail', 'Rail, international', 'passenger_km'],
  ['rail.light_rail_tram', 'rail', 'rail', 'light rail and tram', 'wtt- rail', 'Light rail and tram', 'passenger_km'],
  ['rail.london_underground', 'rail', 'rail', 'london underground', 'wtt- rail', 'London Underground', 'passenger_km'],
];
for (const [key, family, level2, level3, wttLevel2, description, unit] of PUBLIC_LAND) {
  add({
    key, family, scope: TRAVEL_PUBLIC, since: 2016, preferredUnit: unit, description,
    match: [{ level1: 'business travel- land', level2, level3 }],
    companions: { wtt: `${key}.wtt` },
  });
  add({
    key: `${key}.wtt`, family: 'land_travel_wtt', scope: TRAVEL_PUBLIC, since: 2016, preferredUnit: unit,
    description: `${description}, well-to-tank`,
    match: [{ level1: 'wtt- pass vehs & travel- land', level2: wttLevel2, level3 }],
  });
}
for (const [id, level3, text] of [['foot', 'foot passenger', 'foot passenger'], ['car', 'car passenger', 'car passenger'], ['average', 'average (all passenger)', 'average passenger']] as const) {
  add({
    key: `ferry.${id}`, family: 'ferry', scope: TRAVEL_PUBLIC, since: 2016, preferredUnit: 'passenger_km',
    description: `Ferry, ${text}`,
    match: [{ level1: 'business travel- sea', level2: 'ferry', level3 }],
    companions: { wtt: `ferry.${id}.wtt` },
  });
  add({
    key: `ferry.${id}.wtt`, family: 'ferry_wtt', scope: TRAVEL_PUBLIC, since: 2016, preferredUnit: 'passenger_km',
    description: `Ferry, ${text}, well-to-tank`,
    match: [{ level1: 'wtt- business travel- sea', level2: 'wtt- ferry', level3 }],
  });
}

// --- Flights ---------------------------------------------------------------------------------
const HAULS = {
  domestic: ['domestic, to/from uk', 'domestic (to/from UK)'],
  short_haul: ['short-haul, to/from uk', 'short-haul (to/from UK)'],
  long_haul: ['long-haul, to/from uk', 'long-haul (to/from UK)'],
  international: ['international, to/from non-uk', 'international (to/from non-UK)'],
} as const;
const CLASSES = {
  average: 'average passenger', economy: 'economy class', premium_economy: 'premium economy class',
  business: 'business class', first: 'first class',
} as const;
/** Which classes each haul publishes, and from when (2013–2015 publish only the with-RF figures). */
const FLIGHT_CLASSES: Record<keyof typeof HAULS, Partial<Record<keyof typeof CLASSES, number>>> = {
  domestic: { average: 2013 },
  short_haul: { average: 2013, economy: 2013, business: 2013 },
  long_haul: { average: 2013, economy: 2013, premium_economy: 2013, business: 2013, first: 2013 },
  international: { average: 2016, economy: 2016, premium_economy: 2016, business: 2016, first: 2016 },
};
for (const haul of Object.keys(HAULS) as (keyof typeof HAULS)[]) {
  const [level3, haulText] = HAULS[haul];
  for (const [cls, since] of Object.entries(FLIGHT_CLASSES[haul]) as [keyof typeof CLASSES, number][]) {
    const level4 = CLASSES[cls];
    for (const rf of [true, false]) {
      const key = `flight.${haul}.${cls}${rf ? '' : '.without_rf'}`;
      const rfText = rf ? 'with radiative forcing' : 'without radiative forcing';
      add({
        key, family: 'flight', scope: TRAVEL_PUBLIC, since: rf ? since : Math.max(since, 2016), preferredUnit: 'passenger_km',
        description: `Flight, ${haulText}, ${level4}, ${rfText}`,
        match: [{ level1: 'business travel- air', level2: 'flights', level3, level4, column: rf ? 'with rf' : 'without rf' }],
        companions: { wtt: `${key}.wtt` },
      });
      add({
        key: `${key}.wtt`, family: 'flight_wtt', scope: TRAVEL_PUBLIC, since: 2016, preferredUnit: 'passenger_km',
        description: `Flight, ${haulText}, ${level4}, ${rfText}, well-to-tank`,
        match: [{ level1: 'wtt- business travel- air', level2: 'wtt- flights', level3, level4, column: rf ? 'with rf' : 'without rf' }],
      });
    }
  }
}

// --- Waste disposal ------------------------------------------------------------------------
// Per tonne of waste by material and route; Scope 3 category 5 (waste generated in operations).
// The sheet publishes the kg CO2e total only, with no per-gas split.
type WasteRoute =
  | 'landfill' | 'combustion' | 'recycling_open_loop' | 'recycling_closed_loop'
  | 'composting' | 'anaerobic_digestion' | 'reuse';

/** Each route's column text, in every spelling the 2013–2025 editions use, and how a description names it. */
const WASTE_ROUTES: Record<WasteRoute, { readonly columns: readonly string[]; readonly text: string }> = {
  landfill: { columns: ['landfill'], text: 'landfill' },
  // The 2025 set calls the route "Incineration with Energy Recovery"; 2013–2024 call it
  // "Combustion". The reference README lists the change among the labels that drift between
  // years, and no edition publishes both for one material.
  combustion: { columns: ['combustion', 'incineration with energy recovery'], text: 'combustion (incineration with energy recovery)' },
  // "Open loop"/"Closed loop" to 2016 (both spellings of open loop within the 2017 sheet), hyphenated after.
  recycling_open_loop: { columns: ['open-loop', 'open loop'], text: 'open-loop recycling' },
  recycling_closed_loop: { columns: ['closed-loop', 'closed loop'], text: 'closed-loop recycling' },
  composting: { columns: ['composting'], text: 'composting' },
  anaerobic_digestion: { columns: ['anaerobic digestion'], text: 'anaerobic digestion' },
  // "Reuse" in 2013–2015, "Re-use" in 2016–2019; not published from 2020.
  reuse: { columns: ['re-use', 'reuse'], text: 're-use' },
};

interface WasteMaterial {
  readonly id: string;
  readonly level2: string;
  /** Normalised level 3; more than one where the publication renamed the material. */
  readonly level3: readonly string[];
  readonly text: string;
  /**
   * The years each route is published, as spans: `2013-2019, 2021-` (an open end: still published
   * in the latest set). The build fails if the publication disagrees.
   */
  readonly routes: Partial<Record<WasteRoute, string>>;
}

const ALL_YEARS = '2013-';
/** Several routes published in the same years. */
const routesIn = (years: string, ...routes: WasteRoute[]): Partial<Record<WasteRoute, string>> =>
  Object.fromEntries(routes.map((r) => [r, years]));

const WASTE: readonly WasteMaterial[] = [
  // The 2020 sheet replaces "Municipal waste" with "Household residual waste": the reference
  // README lists it among the labels that drift between years ("Municipal waste becomes Household
  // residual waste from 2020"), and no edition publishes both, so one key carries the series. Its
  // figures step at the change (landfill 586.5 in 2019, 437.4 in 2020, kg CO2e per tonne), as
  // commercial and industrial landfill does that year (99.8 to 458.2).
  {
    id: 'household_residual', level2: 'refuse', level3: ['household residual waste', 'municipal waste'],
    text: 'household residual waste (published as municipal waste to 2019)',
    routes: {
      ...routesIn(ALL_YEARS, 'landfill', 'combustion'),
      ...routesIn('2013-2021', 'anaerobic_digestion', 'recycling_closed_loop', 'recycling_open_loop'),
      composting: '2021',
    },
  },
  {
    id: 'commercial_industrial', level2: 'refuse', level3: ['commercial and industrial waste'], text: 'commercial and industrial waste',
    routes: { ...routesIn(ALL_YEARS, 'landfill', 'combustion'), ...routesIn('2013-2021', 'anaerobic_digestion', 'recycling_closed_loop'), composting: '2021' },
  },
  ...([
    ['organic_food_drink', 'organic: food and drink waste', 'food and drink waste'],
    ['organic_garden', 'organic: garden waste', 'garden waste'],
    ['organic_food_garden_mixed', 'organic: mixed food and garden waste', 'mixed food and garden waste'],
  ] as const).map(([id, level3, text]) => ({
    id, level2: 'refuse', level3: [level3], text,
    routes: routesIn(ALL_YEARS, 'landfill', 'combustion', 'composting', 'anaerobic_digestion'),
  })),
  ...([
    ['paper_board_mixed', 'mixed'],
    ['paper_board_board', 'board'],
    ['paper_board_paper', 'paper'],
  ] as const).map(([id, kind]) => ({
    id, level2: 'paper', level3: [`paper and board: ${kind}`], text: `paper and board (${kind})`,
    routes: routesIn(ALL_YEARS, 'landfill', 'combustion', 'composting', 'recycling_closed_loop'),
  })),
  ...([
    ['plastics_average', 'plastics: average plastics', 'plastics (average)'],
    ['plastics_average_film', 'plastics: average plastic film', 'plastic film (average)'],
    ['plastics_average_rigid', 'plastics: average plastic rigid', 'rigid plastic (average)'],
    ['plastics_hdpe', 'plastics: hdpe (incl. forming)', 'HDPE plastic'],
    ['plastics_ldpe_lldpe', 'plastics: ldpe and lldpe (incl. forming)', 'LDPE and LLDPE plastic'],
    ['plastics_pet', 'plastics: pet (incl. forming)', 'PET plastic'],
    ['plastics_pp', 'plastics: pp (incl. forming)', 'PP plastic'],
    ['plastics_ps', 'plastics: ps (incl. forming)', 'PS plastic'],
    ['plastics_pvc', 'plastics: pvc (incl. forming)', 'PVC plastic'],
  ] as const).map(([id, level3, text]) => ({
    id, level2: 'plastic', level3: [level3], text,
    routes: routesIn(ALL_YEARS, 'landfill', 'combustion', 'recycling_open_loop', 'recycling_closed_loop'),
  })),
  ...([
    ['metal_aluminium_cans_foil', 'metal: aluminium cans and foil (excl. forming)', 'aluminium cans and foil'],
    ['metal_cans_mixed', 'metal: mixed cans', 'mixed cans'],
    ['metal_cans_steel', 'metal: steel cans', 'steel cans'],
    ['metal_scrap', 'metal: scrap metal', 'scrap metal'],
  ] as const).map(([id, level3, text]) => ({
    id, level2: 'metal', level3: [level3], text,
    routes: { ...routesIn(ALL_YEARS, 'landfill', 'combustion', 'recycling_closed_loop'), recycling_open_loop: '2021-' },
  })),
  {
    // No "Books" rows at all in the 2020 sheet, and no composting figure in 2020–2022.
    id: 'books', level2: 'other', level3: ['books'], text: 'books',
    routes: { ...routesIn('2013-2019, 2021-', 'landfill', 'combustion', 'recycling_closed_loop'), composting: '2013-2019, 2023-' },
  },
  { id: 'clothing', level2: 'other', level3: ['clothing'], text: 'clothing', routes: { ...routesIn(ALL_YEARS, 'landfill', 'combustion', 'recycling_closed_loop'), reuse: '2013-2019' } },
  { id: 'glass', level2: 'other', level3: ['glass'], text: 'glass', routes: routesIn(ALL_YEARS, 'landfill', 'combustion', 'recycling_open_loop', 'recycling_closed_loop') },
  // Electrical items: landfill is published from 2016.
  { id: 'batteries', level2: 'electrical items', level3: ['batteries'], text: 'batteries', routes: { recycling_open_loop: ALL_YEARS, landfill: '2016-' } },
  {
    id: 'weee_fridges_freezers', level2: 'electrical items', level3: ['weee - fridges and freezers'], text: 'WEEE, fridges and freezers',
    routes: { recycling_open_loop: ALL_YEARS, landfill: '2016-' },
  },
  ...([['weee_large', 'large'], ['weee_mixed', 'mixed'], ['weee_small', 'small']] as const).map(([id, size]) => ({
    id, level2: 'electrical items', level3: [`weee - ${size}`], text: `WEEE, ${size}`,
    routes: { ...routesIn(ALL_YEARS, 'combustion', 'recycling_open_loop'), landfill: '2016-' },
  })),
  // Construction: the 2013–2015 sets have no construction waste.
  ...([
    ['construction_aggregates', 'aggregates', 'aggregates', { ...routesIn('2016-', 'landfill', 'recycling_open_loop', 'recycling_closed_loop'), reuse: '2016-2019' }],
    ['construction_asbestos', 'asbestos', 'asbestos', { landfill: '2016-' }],
    ['construction_asphalt', 'asphalt', 'asphalt', { ...routesIn('2016-', 'landfill', 'recycling_open_loop', 'recycling_closed_loop'), reuse: '2016-2019' }],
    [
      'construction_average', 'average construction', 'average',
      { ...routesIn('2016-', 'recycling_open_loop', 'recycling_closed_loop'), reuse: '2016-2019', combustion: '2022-' },
    ],
    ['construction_bricks', 'bricks', 'bricks', routesIn('2016-', 'landfill', 'recycling_open_loop')],
    ['construction_concrete', 'concrete', 'concrete', routesIn('2016-', 'landfill', 'recycling_open_loop', 'recycling_closed_loop')],
    ['construction_insulation', 'insulation', 'insulation', routesIn('2016-', 'landfill', 'recycling_closed_loop')],
    ['construction_metals', 'metals', 'metals', routesIn('2016-', 'landfill', 'recycling_closed_loop')],
    ['construction_mineral_oil', 'mineral oil', 'mineral oil', routesIn('2016-', 'combustion', 'recycling_closed_loop')],
    ['construction_plasterboard', 'plasterboard', 'plasterboard', routesIn('2016-', 'landfill', 'recycling_closed_loop')],
    ['construction_soils', 'soils', 'soils', routesIn('2016-', 'landfill', 'recycling_closed_loop')],
    ['construction_tyres', 'tyres', 'tyres', { recycling_closed_loop: '2016-', ...routesIn('2016-2019', 'reuse', 'recycling_open_loop') }],
    [
      'construction_wood', 'wood', 'wood',
      { ...routesIn('2016-', 'landfill', 'combustion', 'composting', 'recycling_closed_loop'), ...routesIn('2016-2019', 'reuse', 'recycling_open_loop') },
    ],
  ] as const).map(([id, level3, text, routes]) => ({ id, level2: 'construction', level3: [level3], text: `construction waste, ${text}`, routes })),
];

/** `since`, `until` and `absentIn` for a span list such as `2013-2019, 2021-`. */
function wasteYears(spans: string): Pick<KeyDef, 'since' | 'until' | 'absentIn'> {
  const parsed = spans.split(',').map((span) => {
    const m = /^\s*(\d{4})(-(\d{4})?)?\s*$/.exec(span);
    if (m === null) throw new Error(`waste catalogue: bad year span "${span}"`);
    const from = Number(m[1]);
    return { from, to: m[2] === undefined ? from : m[3] === undefined ? undefined : Number(m[3]) };
  });
  const since = parsed[0]!.from;
  const last = parsed[parsed.length - 1]!;
  const until = last.to;
  const absentIn: number[] = [];
  for (let i = 1; i < parsed.length; i++) {
    const before = parsed[i - 1]!.to;
    if (before === undefined) throw new Error(`waste catalogue: only the last span of "${spans}" may be open`);
    for (let y = before + 1; y < parsed[i]!.from; y++) absentIn.push(y);
  }
  return { since, ...(until === undefined ? {} : { until }), ...(absentIn.length > 0 ? { absentIn } : {}) };
}

const CAT5 = { kind: 'fixed', scope: 3, category: 5 } as const;
for (const m of WASTE) {
  for (const route of Object.keys(WASTE_ROUTES) as WasteRoute[]) {
    const spans = m.routes[route];
    if (spans === undefined) continue;
    const r = WASTE_ROUTES[route];
    add({
      key: `waste.${m.id}.${route}`, family: 'waste', scope: CAT5, preferredUnit: 'tonnes', ...wasteYears(spans),
      description: `Waste: ${m.text}, ${r.text}`,
      match: m.level3.flatMap((level3) => r.columns.map((column) => ({ level1: 'waste disposal', level2: m.level2, level3, column }))),
    });
  }
}

/** Every key, in a stable order. */
export const CATALOGUE: readonly KeyDef[] = defs;

const BY_KEY = new Map(defs.map((d) => [d.key, d]));

export function keyDef(key: string): KeyDef | undefined {
  return BY_KEY.get(key);
}
