/**
 * Business journeys and grey-fleet mileage claims: one row per journey or claim line → one
 * business-travel activity (Scope 3 category 6) with the factor key for its mode.
 *
 * Mode (first rule that fits, on the mode cell's words):
 *   not travel (hotel, subsistence, parking, tolls, congestion charge…) → excluded, not rejected;
 *   passenger supplement ("Passenger mileage") → excluded: the driver's claim already has the car;
 *   flight/air/plane → flight.<haul>.<class>; ferry → ferry.foot (ferry.car with "car"/"vehicle");
 *   underground/tube → rail.london_underground; tram/light rail/metro/DLR → rail.light_rail_tram;
 *   Eurostar/international rail → rail.international; train/rail → rail.national;
 *   black cab/hackney → taxi.black_cab; taxi/cab/minicab/Uber → taxi.regular;
 *   coach → coach; bus → bus.local (bus.local_london with "London");
 *   motorbike/motorcycle/moped → motorbike.<size>; bicycle/walk → excluded (no emissions);
 *   van → van.average.<fuel>; car/mileage/grey fleet/lease or hire car → car.<size>.<fuel>.
 *
 * Flights: the haul comes from the class and mode cells: "Domestic" → domestic, "Short haul" or
 * "Europe" → short_haul, "Long haul" or "Intercontinental" → long_haul, "non-UK" → international
 * (a flight neither starting nor ending in the UK). With no haul the row is rejected: the factors
 * differ too much (domestic 0.27, short haul 0.15, long haul 0.19 kg/passenger-km in 2024) to
 * guess from a distance. The cabin: economy (also "standard"), premium economy, business, first,
 * else average passenger. Where the publication has no factor for the cabin on that haul the
 * nearest published one is used and the cabin asked for kept in `cabinRequested`: domestic
 * flights are average only; short haul premium economy → economy, first → business. Factors
 * include radiative forcing, as the UK Government recommends for reporting.
 *
 * Rail: the publication has one factor per passenger-km whatever the class, so a first or
 * standard class is kept in `travelClass` and does not change the key.
 *
 * Electric and plug-in hybrid cars (and electric vans): the car key is the tailpipe figure (zero for
 * a battery car), so a second activity carries the grid electricity the car ran on
 * (`electricity.ev.car.<size>.<fuel>`, with its T&D losses), source `travel:car:electricity`.
 *
 * Distance: a car, van or motorbike is a vehicle distance (km or miles); anything else is a
 * person's distance on public transport, which is passenger distance (passenger_km or
 * passenger_miles). A claim with only an amount of money, for a car or van, is turned into miles
 * at the profile's mileage rate (`mileageRatePence`, default 45p: HMRC's approved mileage
 * allowance payment for cars and vans) and flagged `derivedFromAmount` (and estimated). A fare
 * cannot be turned into distance, so other modes need the distance. Negative distances or
 * amounts are reversals of earlier claims and are kept, negative, with `reversal: true`.
 */

import type { z } from 'zod';
import type { UnitId } from '../units/units.js';
import type { ActivityDraft } from './activity-draft.js';
import { answerWords, headerDistanceUnit, parseAnswerNumber, type DistanceUnit } from './answers.js';
import { RowReader, type CellContext } from './cells.js';
import { resolveColumns } from './columns.js';
import { excluded, rejected, yields, type Mapped, type RowMapper } from './mapped.js';
import type { BusinessTravelProfile } from './profile-schema.js';

type Profile = z.infer<typeof BusinessTravelProfile>;

export type VehicleFuel = 'diesel' | 'petrol' | 'hybrid' | 'phev' | 'bev' | 'lpg' | 'cng' | 'unknown';
export type CarSize = 'small' | 'medium' | 'large' | 'average';

const FUEL_WORDS: readonly [VehicleFuel, RegExp][] = [
  ['phev', /\bplug ?in\b|\bphev\b/],
  ['hybrid', /\bhybrid\b|\bhev\b|\bself charging\b/],
  ['bev', /\belectric\b|\bbev\b|\bev\b/],
  ['diesel', /\bdiesel\b|\bdsl\b|\bderv\b/],
  ['petrol', /\bpetrol\b|\bunleaded\b|\bgasoline\b/],
  ['lpg', /\blpg\b|\bautogas\b/],
  ['cng', /\bcng\b/],
  ['unknown', /\b(unknown|not known|don t know|dont know|not sure|n a|other)\b/],
];

/** The fuel a cell names (`Diesel`, `Plug-in hybrid`, `Electric car`), or undefined if none. */
export function parseVehicleFuel(text: string): VehicleFuel | undefined {
  const w = answerWords(text);
  return w === '' ? undefined : FUEL_WORDS.find(([, re]) => re.test(w))?.[0];
}

/** Engine size in cc from `1.6`, `1600cc`, `1.6 litre`, `1401-2000cc`, `up to 1400cc`, `over 2000cc`. */
function engineCc(text: string): number | undefined {
  const a = parseAnswerNumber(text.toLowerCase().replace(/(?<=\d|\s)(cc|c\.c\.|litres?|liters?|ltrs?|l)(?![a-z])/g, ' ').replace(/\bengine\b/g, ' '), '.');
  if (!a || a.unit !== undefined) return undefined;
  const cc = a.value < 10 ? a.value * 1000 : a.value;
  if (cc < 40 || cc > 10_000) return undefined;
  return a.reading === 'at_least' ? cc + 1 : cc;
}

/**
 * A car's size from words (small, mini, supermini, medium, large, average) or its engine size, by
 * the UK Government's bands: small up to 1.4 litres petrol (1.7 diesel), medium to 2.0, large above.
 * An electric car has no engine size: only words. `null` for a blank, undefined when not understood.
 */
export function parseCarSize(text: string, fuel: VehicleFuel | undefined): CarSize | null | undefined {
  const w = answerWords(text);
  if (w === '') return null;
  if (/\b(small|mini|supermini|city car)\b/.test(w)) return 'small';
  if (/\b(medium|lower medium|upper medium|mid size|midsize)\b/.test(w)) return 'medium';
  if (/\b(large|executive|luxury)\b/.test(w)) return 'large';
  if (/\b(average|unknown|not known|don t know|not sure|n a)\b/.test(w)) return 'average';
  if (fuel === 'bev') return undefined;
  const cc = engineCc(text);
  if (cc === undefined) return undefined;
  const smallUpTo = fuel === 'diesel' ? 1700 : 1400;
  return cc <= smallUpTo ? 'small' : cc <= 2000 ? 'medium' : 'large';
}

/** A motorbike's size from words or engine size: small up to 125cc, medium to 500cc, large above. */
export function parseMotorbikeSize(text: string): CarSize | null | undefined {
  const w = answerWords(text);
  if (w === '') return null;
  if (/\bsmall\b/.test(w)) return 'small';
  if (/\bmedium\b/.test(w)) return 'medium';
  if (/\blarge\b/.test(w)) return 'large';
  if (/\b(average|unknown|not known|n a)\b/.test(w)) return 'average';
  const a = parseAnswerNumber(text.toLowerCase().replace(/(?<=\d|\s)(cc|c\.c\.)(?![a-z])/g, ' '), '.');
  if (!a || a.unit !== undefined || a.value < 40 || a.value > 3000) return undefined;
  const cc = a.reading === 'at_least' ? a.value + 1 : a.value;
  return cc <= 125 ? 'small' : cc <= 500 ? 'medium' : 'large';
}

export type TravelMode = 'car' | 'van' | 'motorbike' | 'taxi' | 'bus' | 'coach' | 'rail' | 'underground' | 'tram' | 'ferry' | 'flight';
type ModeRule = readonly [RegExp, { mode: TravelMode } | { exclude: 'not_travel' | 'passenger_supplement' | 'zero_emission_mode' }];

const MODE_RULES: readonly ModeRule[] = [
  [/\b(hotels?|accommodation|subsistence|meals?|breakfast|lunch|dinner|parking|car park|tolls?|congestion|ulez|clean air zone|conference|course fees?|registration|stationery|sundr\w*|telephone|mobile phone|postage)\b/, { exclude: 'not_travel' }],
  [/\bpassenger (supplement|allowance|rate|payment|mileage|miles)\b|\b(mileage|miles) passenger\b|^passengers?$/, { exclude: 'passenger_supplement' }],
  [/\b(flights?|air|airfare|air fare|air travel|plane|aeroplane|airline)\b/, { mode: 'flight' }],
  [/\b(ferry|ferries|sea crossing|boat)\b/, { mode: 'ferry' }],
  [/\b(underground|tube)\b/, { mode: 'underground' }],
  [/\b(trams?|light rail|metro\w*|dlr|supertram)\b/, { mode: 'tram' }],
  [/\b(trains?|rail|railway|eurostar)\b/, { mode: 'rail' }],
  [/\b(taxis?|cabs?|minicab|uber|hackney)\b/, { mode: 'taxi' }],
  [/\bcoach(es)?\b/, { mode: 'coach' }],
  [/\b(bus|buses)\b/, { mode: 'bus' }],
  [/\bmotor ?(bike|cycle)s?\b|\bmotorcycl\w*|\bmopeds?\b/, { mode: 'motorbike' }],
  [/\b(bi)?cycl\w*|\bbikes?\b|\bwalk\w*|\bon foot\b/, { exclude: 'zero_emission_mode' }],
  [/\bvans?\b/, { mode: 'van' }],
  [/\b(cars?|mileage|miles|grey fleet|own vehicle|private vehicle|vehicle|essential user|casual user|motor)\b/, { mode: 'car' }],
];

const EXCLUDED_MESSAGE = {
  not_travel: 'is not travel (accommodation, subsistence, parking and charges have no travel emissions here)',
  passenger_supplement: "is a passenger supplement: the driver's mileage already carries the car's emissions",
  zero_emission_mode: 'is cycling or walking, which has no emissions',
} as const;

export const ACCEPTED_TRAVEL_MODES = 'car (mileage, grey fleet), van, motorbike, taxi, bus, coach, train/rail, underground/tube, tram, ferry or flight';

type Haul = 'domestic' | 'short_haul' | 'long_haul' | 'international';
type Cabin = 'average' | 'economy' | 'premium_economy' | 'business' | 'first';

const PUBLISHED_CABINS: Readonly<Record<Haul, readonly Cabin[]>> = {
  domestic: ['average'],
  short_haul: ['average', 'economy', 'business'],
  long_haul: ['average', 'economy', 'premium_economy', 'business', 'first'],
  international: ['average', 'economy', 'premium_economy', 'business', 'first'],
};
const CABIN_FALLBACK: Readonly<Record<Cabin, Cabin>> = { average: 'average', economy: 'average', premium_economy: 'economy', business: 'economy', first: 'business' };

function flightHaul(words: string): Haul | undefined {
  if (/\bnon uk\b/.test(words)) return 'international';
  if (/\b(domestic|internal|within the uk|uk domestic)\b/.test(words)) return 'domestic';
  if (/\bshort ?haul\b|\b(europe|european)\b/.test(words)) return 'short_haul';
  if (/\blong ?haul\b|\bintercontinental\b/.test(words)) return 'long_haul';
  return undefined;
}

/** The cabin from the class cell, or from words in the mode cell that can only mean a cabin. */
function flightCabin(classWords: string, modeWords: string): Cabin {
  const from = (w: string, strict: boolean): Cabin | undefined => {
    if (/\bpremium( economy)?\b/.test(w)) return 'premium_economy';
    if (strict ? /\bfirst class\b/.test(w) : /\bfirst\b/.test(w)) return 'first';
    if (strict ? /\bbusiness class\b/.test(w) : /\bbusiness\b/.test(w)) return 'business';
    if (/\beconomy\b/.test(w) || (!strict && /\bstandard\b/.test(w))) return 'economy';
    return undefined;
  };
  return from(classWords, false) ?? from(modeWords, true) ?? 'average';
}

/** The car key: `car.<size>.<fuel>`, the average size where the size has no figure for the fuel. */
function carKey(size: CarSize, fuel: VehicleFuel): string {
  if (size === 'small' && (fuel === 'cng' || fuel === 'lpg')) return `car.average.${fuel}`;
  return `car.${size}.${fuel}`;
}
const VAN_FUELS: ReadonlySet<VehicleFuel> = new Set(['diesel', 'petrol', 'bev', 'cng', 'lpg', 'unknown']);

/** Modes with one key whatever the row says. */
const ONE_KEY = { coach: 'coach', underground: 'rail.london_underground', tram: 'rail.light_rail_tram' } as const;

type Columns = Partial<Record<keyof Profile['columns'], number>>;

/** Answers kept as given beside the activity (`extra`), in the order they are read. */
type Extra = Record<string, string | number | boolean>;

/** What is the same for every row of a file: where each answer is, and how distances and amounts are read. */
interface ClaimsLayout {
  readonly ctx: CellContext;
  readonly col: Columns;
  /** The unit of a distance written without one. */
  readonly distanceUnit: DistanceUnit;
  readonly ratePence: number;
}

export function businessTravelMapper(profile: Profile, ctx: CellContext): RowMapper<readonly ActivityDraft[]> {
  const col = resolveColumns(ctx.header, profile.columns);
  const distanceUnit: DistanceUnit = headerDistanceUnit(col.distance === undefined ? undefined : ctx.header[col.distance]) ?? profile.distanceUnit;
  const layout: ClaimsLayout = { ctx, col, distanceUnit, ratePence: profile.mileageRatePence };

  return {
    map(line, cells) {
      const r = new RowReader(ctx, line, cells);
      const modeText = r.text(col.mode);
      const modeWords = answerWords(modeText);
      const mode = readMode(r, layout, modeText, modeWords);
      if (typeof mode !== 'string') return mode;
      const extra: Extra = { modeAnswer: modeText };
      const date = r.date(col.date, 'the journey date');

      // The factor key.
      const classText = r.text(col.travelClass);
      const classWords = answerWords(classText);
      if (classText !== '') extra.travelClass = classText;
      const vehicle = mode === 'car' || mode === 'van' || mode === 'motorbike';
      const key = vehicle ? vehicleKey(r, layout, mode, modeText, extra)
        : mode === 'flight' ? flightKey(r, layout, classWords, modeWords, extra)
          : fareKey(mode, modeWords);

      const distance = claimedDistance(r, layout, mode, extra);
      if (date === undefined || key === undefined || distance === undefined || r.problems.length > 0) return rejected(r.problems);
      const quantity = distance.value;
      if (quantity < 0) extra.reversal = true;

      const person = r.text(col.person);
      const costCentre = r.text(col.costCentre);
      if (person !== '' && costCentre !== '') extra.costCentre = costCentre;
      const unit = distance.unit ?? distanceUnit;
      const draftUnit: UnitId = vehicle ? unit : unit === 'miles' ? 'passenger_miles' : 'passenger_km';
      const main: ActivityDraft = {
        line, site: null, meter: person || costCentre || null, source: `travel:${mode}`, factorKey: key, use: 'business_travel',
        periodStart: date.iso, periodEnd: date.iso, quantity, unit: draftUnit, estimated: distance.derived === true, direction: 'import', apportionedFrom: null, extra,
      };
      // The car keys of electric and plug-in hybrid cars are tailpipe only; the grid electricity
      // they ran on is its own factor, per km, kept apart as `travel:<mode>:electricity`.
      const electric = /^(car\.\w+|van\.average)\.(bev|phev)$/.test(key);
      return yields(electric ? [main, { ...main, source: `travel:${mode}:electricity`, factorKey: `electricity.ev.${key}` }] : [main]);
    },
  };
}

/** The row's mode; or, for a row with no mode or one not known, its rejection, and for one that is not travel, its exclusion. */
function readMode(r: RowReader, layout: ClaimsLayout, modeText: string, modeWords: string): TravelMode | Mapped<readonly ActivityDraft[]> {
  const column = layout.col.mode;
  if (modeText === '') {
    r.problem(column, 'missing_mode', 'the mode of travel is empty');
    return rejected(r.problems);
  }
  const rule = MODE_RULES.find(([re]) => re.test(modeWords))?.[1];
  if (rule === undefined) {
    r.problem(column, 'unknown_mode', `"${modeText}" is not a mode of travel tco2e recognises: use ${ACCEPTED_TRAVEL_MODES}`);
    return rejected(r.problems);
  }
  if ('exclude' in rule) {
    const header = column === undefined ? '' : (layout.ctx.header[column] ?? '');
    return excluded({ file: layout.ctx.file, line: r.line, column: header, value: modeText, code: rule.exclude, message: `"${modeText}" ${EXCLUDED_MESSAGE[rule.exclude]}` });
  }
  return rule.mode;
}

/** A car's, van's or motorbike's key, by its fuel (from the fuel cell, else the mode's words) and size. */
function vehicleKey(r: RowReader, layout: ClaimsLayout, mode: 'car' | 'van' | 'motorbike', modeText: string, extra: Extra): string {
  const { col } = layout;
  if (mode === 'motorbike') {
    const size = parseMotorbikeSize(r.text(col.size));
    if (size === undefined) r.problem(col.size, 'unknown_size', `"${r.text(col.size)}" is not a motorbike size: use small, medium, large or the engine size (e.g. 125cc)`);
    return `motorbike.${size ?? 'average'}`;
  }
  const fuelText = r.text(col.fuel);
  const fuel = parseVehicleFuel(fuelText) ?? (fuelText === '' ? parseVehicleFuel(modeText) : undefined);
  if (fuelText !== '' && fuel === undefined) r.problem(col.fuel, 'unknown_fuel', `"${fuelText}" is not a vehicle fuel tco2e knows: use petrol, diesel, hybrid, plug-in hybrid, electric, LPG, CNG or unknown`);
  if (fuel !== undefined && fuel !== 'unknown') extra.fuel = fuel;
  if (mode === 'van') return `van.average.${fuel !== undefined && VAN_FUELS.has(fuel) ? fuel : 'unknown'}`;
  const size = parseCarSize(r.text(col.size), fuel);
  if (size === undefined) r.problem(col.size, 'unknown_size', `"${r.text(col.size)}" is not a car size: use small, medium, large or the engine size (e.g. 1600cc or 1.6)`);
  return carKey(size ?? 'average', fuel ?? 'unknown');
}

/** A flight's key, by its haul and cabin (see the module comment); undefined, with a problem, when the haul is not said. */
function flightKey(r: RowReader, layout: ClaimsLayout, classWords: string, modeWords: string, extra: Extra): string | undefined {
  const haul = flightHaul(`${classWords} ${modeWords}`);
  if (haul === undefined) {
    r.problem(layout.col.travelClass ?? layout.col.mode, 'flight_haul_unknown', 'the flight is not said to be domestic, short haul or long haul (in the class or mode column); the factors differ too much to guess');
    return undefined;
  }
  const asked = flightCabin(classWords, modeWords);
  let cabin = asked;
  while (!PUBLISHED_CABINS[haul].includes(cabin)) cabin = CABIN_FALLBACK[cabin];
  if (cabin !== asked) extra.cabinRequested = asked;
  return `flight.${haul}.${cabin}`;
}

/** The key of a journey on public transport (a flight aside), from the mode and its words. */
function fareKey(mode: Exclude<TravelMode, 'car' | 'van' | 'motorbike' | 'flight'>, modeWords: string): string {
  switch (mode) {
    case 'rail':
      return /\b(eurostar|international)\b/.test(modeWords) ? 'rail.international' : 'rail.national';
    case 'taxi':
      return /\b(black cab|hackney)\b/.test(modeWords) ? 'taxi.black_cab' : 'taxi.regular';
    case 'bus':
      return /\blondon\b/.test(modeWords) ? 'bus.local_london' : 'bus.local';
    case 'ferry':
      return /\b(car|vehicle|with car)\b/.test(modeWords) ? 'ferry.car' : 'ferry.foot';
    default:
      return ONE_KEY[mode];
  }
}

/** A distance as written (the parsed answer itself: this runs per row), or miles derived from the amount claimed. */
interface Claimed {
  readonly value: number;
  readonly unit?: DistanceUnit | undefined;
  readonly derived?: true;
}

/** The row's distance, or miles derived from the amount claimed; undefined, with a problem, when there is neither. */
function claimedDistance(r: RowReader, layout: ClaimsLayout, mode: TravelMode, extra: Extra): Claimed | undefined {
  const { col, distanceUnit, ratePence } = layout;
  const amount = r.number(col.amount);
  if (typeof amount === 'number') extra.amount = amount;
  const distText = r.text(col.distance);
  const dist = parseAnswerNumber(distText, layout.ctx.decimal);
  if (dist === undefined || (dist !== null && dist.reading !== 'exact' && dist.reading !== 'approximate')) {
    r.problem(col.distance, 'bad_distance', `"${distText}" is not a distance: write a number of ${distanceUnit}, e.g. 42.5`);
    return undefined;
  }
  if (dist !== null && dist.value !== 0) return dist;
  const carOrVan = mode === 'car' || mode === 'van';
  if (typeof amount === 'number' && amount !== 0 && carOrVan) {
    extra.derivedFromAmount = true;
    extra.ratePence = ratePence;
    return { value: (amount * 100) / ratePence, unit: 'miles', derived: true };
  }
  if (amount !== undefined) {
    r.problem(col.distance ?? col.amount, 'missing_distance', carOrVan
      ? 'no distance is given, and no amount to derive the miles from'
      : mode === 'motorbike'
        ? 'no distance is given; a motorbike claim is not paid at the car rate, so its miles cannot be derived from the amount'
        : 'no distance is given; a fare cannot be turned into a distance, so give the distance travelled');
  }
  return undefined;
}
