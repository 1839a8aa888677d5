/**
 * An ERIC header cell as a name and a unit, whatever year and whichever copy it came from. The
 * same column is spelt `(KWh)` or `(kWh)`, `(m²)` or `(m2)`, `(No.)` or `(No)`, with double
 * spaces, with a pound sign lost to a one-byte encoding (`(�)`) or read twice (`(Â£)`), and with
 * typos the publisher kept for a year (`Waste reycling volume`). The fixtures in tests/fixtures/eric/
 * (sources in their README) show each as found.
 */

import type { EricSkipReason, EricUnit } from './types.js';

export interface EricHeaderText {
  /** The name without its unit: lower-case words and digits, single spaces, known typos mended. */
  readonly words: string;
  /** What the stated unit says about the column; undefined when the header states no unit. */
  readonly unit: EricUnitClass | undefined;
}

export type EricUnitClass = { readonly kind: 'quantity'; readonly unit: EricUnit } | { readonly kind: 'skip'; readonly reason: EricSkipReason };

/**
 * Units by their spelling once spaces, dots and carets are gone (`No.` → `no`, `m^2` → `m2`).
 * Energy, mass and volume units tco2e does not expect from ERIC (MWh, litres…) are `unrecognised`,
 * not `other_unit`: a return that changed its unit must be noticed, not silently dropped.
 */
const UNITS: ReadonlyMap<string, EricUnitClass> = new Map<string, EricUnitClass>([
  ...quantity('kWh', ['kwh']),
  ...quantity('m2', ['m2', 'sqm', 'squaremetres']),
  ...quantity('m3', ['m3', 'cubicmetres']),
  ...quantity('tonnes', ['tonnes', 'tonne', 't']),
  ...quantity('miles', ['miles', 'mile']),
  ...skip('cost', ['£', 'gbp']),
  ...skip('percentage', ['%']),
  ...skip('count', ['no', 'number']),
  // "Carbon savings … (CO2e (tonnes))" (2023/24 trust): tonnes of a saving, not of waste.
  ...skip('carbon_saving', ['co2e(tonnes)', 'tco2e', 'co2e', 'tonnesco2e']),
  // `()` is "Carbon reduction target ()" in 2014/15, a question whose unit was left empty.
  ...skip('other_unit', ['', 'wte', 'yes/no', 'yes/no/none', 'select', 'hectare', 'hectares', 'watts', 'w', 'kw', 'mw', 'kva', 'hrs', 'hours', 'notes']),
  ...skip('unrecognised', ['wh', 'mwh', 'gwh', 'mj', 'gj', 'therms', 'litres', 'l', 'kg', 'km', 'ml', 'megalitres']),
]);

function quantity(unit: EricUnit, spellings: readonly string[]): [string, EricUnitClass][] {
  return spellings.map((s) => [s, { kind: 'quantity', unit }]);
}

function skip(reason: EricSkipReason, spellings: readonly string[]): [string, EricUnitClass][] {
  return spellings.map((s) => [s, { kind: 'skip', reason }]);
}

/** Typos that are part of a published header (2016/17, 2014/15, 2023/24), mended so the meaning is found. */
const TYPOS: ReadonlyMap<string, string> = new Map([
  ['reycling', 'recycling'],
  ['sevices', 'services'],
  ['finacial', 'financial'],
]);

/** Words glued or hyphenated in some years and apart in others, read one way. */
const COMPOUNDS: ReadonlyMap<string, string> = new Map([
  ['onsite', 'on site'],
  ['reuse', 're use'],
  ['nonfossil', 'non fossil'],
  ['wastewater', 'waste water'],
  ['thirdparty', 'third party'],
  ['organization', 'organisation'],
]);

/**
 * The characters a wrong decoding leaves in place of a one-byte sign. A UTF-8 `£`, `²` or `³` read
 * as Windows-1252 becomes `Â` plus the sign; a Windows-1252 `£` read as UTF-8 becomes U+FFFD
 * (every `£` of the 2015/16 trust part 1 download).
 */
function repair(text: string): string {
  return text
    .replace(/\uFEFF/g, '')
    .replace(/Â(?=[\u00A0-\u00BF])/g, '')
    .replace(/â€[“”]/g, '-')
    .replace(/\((?:\s*\uFFFD\s*)\)/g, '(£)');
}

/**
 * A header's text: repaired, compatibility-normalised (so `²` is `2` and a no-break space a
 * space), lower case, dashes as hyphens, quotes dropped (2013/14 quotes one header inside the
 * field), spaces single.
 */
export function ericText(text: string): string {
  return repair(text)
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/["“”]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Lower-case words, punctuation read as a space, typos mended and compounds written apart. */
export function ericWords(text: string): string {
  return text
    .replace(/&/g, ' and ')
    .split(/[^a-z0-9£%]+/)
    .filter((w) => w !== '')
    .map((w) => COMPOUNDS.get(w) ?? TYPOS.get(w) ?? w)
    .join(' ');
}

/** The trailing bracketed part of `text` (nested brackets allowed) and what comes before it. */
function trailingBracket(text: string): { before: string; inner: string } | undefined {
  const last = text.at(-1);
  if (last !== ')' && last !== ']') return undefined;
  let depth = 0;
  for (let i = text.length - 1; i >= 0; i--) {
    const c = text[i];
    if (c === ')' || c === ']') depth++;
    else if (c === '(' || c === '[') {
      depth--;
      if (depth === 0) return { before: text.slice(0, i).trim(), inner: text.slice(i + 1, -1) };
    }
  }
  return undefined;
}

/**
 * `m�`: a `²` or `³` lost to a wrong decoding. The name tells which: a volume is cubic, anything
 * else ERIC measures in metres (floor area, space, footprint) is square.
 */
function lostSuperscript(inner: string, before: string): EricUnitClass | undefined {
  if (!/^m\s*\uFFFD$/.test(inner)) return undefined;
  return { kind: 'quantity', unit: /\bvolume\b/.test(before) ? 'm3' : 'm2' };
}

function unitOf(inner: string, before: string): EricUnitClass | undefined {
  return UNITS.get(inner.replace(/[\s.^]/g, '')) ?? lostSuperscript(inner, before);
}

/** A header cell as its name's words and the unit it states. */
export function ericHeaderText(header: string): EricHeaderText {
  const text = ericText(header);
  const bracket = trailingBracket(text);
  if (bracket !== undefined) {
    const unit = unitOf(bracket.inner, bracket.before);
    if (unit !== undefined) return { words: ericWords(bracket.before), unit };
  }
  // A unit written as the last word, without brackets: "Gas consumed kWh".
  const bare = /^(.*\S)\s+(kwh|m2|m3|tonnes|miles)$/.exec(text);
  if (bare !== null) return { words: ericWords(bare[1]!), unit: UNITS.get(bare[2]!) };
  return { words: ericWords(text), unit: undefined };
}
