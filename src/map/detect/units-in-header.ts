/**
 * The unit a header states for its column: `Consumption (kWh)`, `Usage Wh`, `Quantity (Ltrs)`,
 * `Volume (L)`, `Net £`, `Distance (miles)`, `km`. What it measures and the factor to the unit
 * tco2e stores (kWh for energy, litres for fuel, miles or km as stated, pounds for money).
 */

import { headerWords } from './header-words.js';

export type HeaderUnitKind = 'energy' | 'power' | 'volume' | 'money' | 'distance';

export interface HeaderUnit {
  readonly kind: HeaderUnitKind;
  /** The unit's name as tco2e writes it. */
  readonly unit: 'Wh' | 'kWh' | 'MWh' | 'kW' | 'litres' | 'gallon_uk' | 'gallon_us' | 'GBP' | 'miles' | 'km';
  /**
   * Multiply a value by this to get the base unit of its kind: kWh for energy (and for a
   * half-hour's kW demand, see `HALF_HOUR_KW_TO_KWH`), litres, pounds, or the distance as stated.
   */
  readonly toBase: number;
  /** The word of the header that said so, for the trace. */
  readonly word: string;
}

/**
 * A half-hour's average demand in kW is the energy of that half-hour in kWh times two: 1 kW for
 * 0.5 h is 0.5 kWh. Used only when the header says kW, never guessed.
 */
export const HALF_HOUR_KW_TO_KWH = 0.5;

const UNIT_WORDS: Readonly<Record<string, Omit<HeaderUnit, 'word'>>> = {
  wh: { kind: 'energy', unit: 'Wh', toBase: 0.001 },
  kwh: { kind: 'energy', unit: 'kWh', toBase: 1 },
  kwhs: { kind: 'energy', unit: 'kWh', toBase: 1 },
  mwh: { kind: 'energy', unit: 'MWh', toBase: 1000 },
  kw: { kind: 'power', unit: 'kW', toBase: HALF_HOUR_KW_TO_KWH },
  litres: { kind: 'volume', unit: 'litres', toBase: 1 },
  litre: { kind: 'volume', unit: 'litres', toBase: 1 },
  liters: { kind: 'volume', unit: 'litres', toBase: 1 },
  liter: { kind: 'volume', unit: 'litres', toBase: 1 },
  ltrs: { kind: 'volume', unit: 'litres', toBase: 1 },
  ltr: { kind: 'volume', unit: 'litres', toBase: 1 },
  lts: { kind: 'volume', unit: 'litres', toBase: 1 },
  // A gallon in a UK export is the imperial gallon, 4.54609 litres exactly (Weights and Measures
  // Act 1985, schedule 1); "US gallons" (3.785411784 litres) is told apart by its "US" (see below).
  gallons: { kind: 'volume', unit: 'gallon_uk', toBase: 4.54609 },
  gallon: { kind: 'volume', unit: 'gallon_uk', toBase: 4.54609 },
  gals: { kind: 'volume', unit: 'gallon_uk', toBase: 4.54609 },
  gal: { kind: 'volume', unit: 'gallon_uk', toBase: 4.54609 },
  usg: { kind: 'volume', unit: 'gallon_us', toBase: 3.785411784 },
  '£': { kind: 'money', unit: 'GBP', toBase: 1 },
  gbp: { kind: 'money', unit: 'GBP', toBase: 1 },
  miles: { kind: 'distance', unit: 'miles', toBase: 1 },
  mileage: { kind: 'distance', unit: 'miles', toBase: 1 },
  km: { kind: 'distance', unit: 'km', toBase: 1 },
  kms: { kind: 'distance', unit: 'km', toBase: 1 },
  kilometres: { kind: 'distance', unit: 'km', toBase: 1 },
  kilometers: { kind: 'distance', unit: 'km', toBase: 1 },
};

const US_GALLON: Omit<HeaderUnit, 'word'> = { kind: 'volume', unit: 'gallon_us', toBase: 3.785411784 };

/** `(L)` or `[L]`: a bare L is litres only in brackets, never as a word of its own. */
const BRACKETED_L = /[([]\s*l\s*[)\]]/i;

/** Each header's unit, worked out once (see `headerText` on why headers are memoised); null: none. */
const unitMemo = new Map<string, HeaderUnit | null>();
const UNIT_MEMO_LIMIT = 20_000;

/** The unit the header states, or undefined when it states none (or two that disagree). */
export function unitInHeader(name: string): HeaderUnit | undefined {
  let u = unitMemo.get(name);
  if (u === undefined) {
    if (unitMemo.size >= UNIT_MEMO_LIMIT) unitMemo.clear();
    unitMemo.set(name, (u = statedUnit(name) ?? null));
  }
  return u ?? undefined;
}

function statedUnit(name: string): HeaderUnit | undefined {
  const found: HeaderUnit[] = [];
  const words = headerWords(name);
  for (const [i, w] of words.entries()) {
    const u = UNIT_WORDS[w];
    if (u === undefined) continue;
    // "US gallons", "US gal": the smaller US gallon, never the imperial one.
    if (u.unit === 'gallon_uk' && words[i - 1] === 'us') found.push({ ...US_GALLON, word: `us ${w}` });
    else found.push({ ...u, word: w });
  }
  // "£" stuck to a number or word ("Net£") is split off by the normaliser only when apart.
  if (found.length === 0 && name.includes('£')) found.push({ ...UNIT_WORDS['£']!, word: '£' });
  if (found.length === 0 && BRACKETED_L.test(name)) found.push({ ...UNIT_WORDS.litres!, word: '(L)' });
  if (found.length === 0) return undefined;
  const first = found[0]!;
  return found.every((u) => u.unit === first.unit) ? first : undefined;
}
