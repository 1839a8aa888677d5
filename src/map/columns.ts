/**
 * Finding a profile's columns in a file's header. Names are compared after normalising case,
 * punctuation, spacing, survey numbering and abbreviations ("Consumption (kWh)" = "consumption
 * kwh", "Meter No." = "meter number"); a survey tool that truncates long question texts is
 * matched when the header starts with the spelling or the reverse. A field no spelling finds is
 * looked for by meaning (see `detect/`), so a profile's spellings are examples, not the only names.
 * A header that states its unit beside the name ("Net Amount (£)", "Odometer (miles)", "Net £")
 * is also matched by the name without the unit, since exports add units to a name a profile spells
 * plainly.
 */

import { hasPhrase, headerText, headerWords } from './detect/header-words.js';
import { matchColumns, matchSpelling, type ColumnMatch } from './detect/score.js';
import { unitInHeader, type HeaderUnitKind } from './detect/units-in-header.js';
import { VOCABULARY } from './detect/vocabulary.js';

export function normaliseHeader(name: string): string {
  return headerText(name);
}

/** A bracketed part of a header: `(£)`, `(Ltrs)`, `[L]`, `(miles)`. */
const BRACKETED = /\s*[([]([^)\]]*)[)\]]\s*/g;

/**
 * The header without the unit it states, with the unit's kind; undefined when it states none or
 * nothing would be left ("Litres" is a name as well as a unit).
 */
export function withoutUnit(name: string): { name: string; kind: HeaderUnitKind } | undefined {
  const unit = unitInHeader(name);
  if (unit === undefined) return undefined;
  const unbracketed = name.replace(BRACKETED, (whole, inner: string) => (unitInHeader(`(${inner})`) === undefined ? whole : ' '));
  const words = unbracketed.split(/[\s_]+/).filter((w) => w !== '' && unitInHeader(w) === undefined && w !== '£');
  const bare = words.join(' ').replace(/£/g, '').trim();
  return bare === '' || headerText(bare) === headerText(name) ? undefined : { name: bare, kind: unit.kind };
}

/**
 * Words that name the filling station on a card statement: "Site Name", "Site Town", "SiteCode",
 * "LocationName", "Merchant", "Station". A card provider's "site" is its forecourt, where the fuel
 * was bought, not a site of the organisation; the organisation's own site comes from a cost centre,
 * department or depot column, a plain "Site" column a fleet team keeps, or the vehicle register.
 */
const FORECOURT_PHRASES = [
  'site name', 'site town', 'site code', 'site number', 'site address', 'site postcode', 'site city', 'site county', 'site country', 'site state',
  'location name', 'locn name', 'location town', 'location postcode', 'locn state', 'locn number', 'merchant', 'merchant name', 'station', 'filling station',
  'forecourt', 'retailer', 'retail site', 'outlet', 'supply country',
].map((p) => p.split(' '));

export function isForecourt(header: string): boolean {
  const words = headerWords(header);
  return FORECOURT_PHRASES.some((p) => hasPhrase(words, p));
}

/** The index of the first header cell matching any spelling, exact matches before prefixes. */
export function findColumn(header: readonly string[], spellings: readonly string[]): number | undefined {
  const found = matchSpelling(header.map(headerText), spellings)?.index;
  if (found !== undefined) return found;
  return matchSpelling(header.map((h) => headerText(withoutUnit(h)?.name ?? '')), spellings)?.index;
}

export type ColumnSpec = Readonly<Record<string, readonly string[] | undefined>>;

/**
 * Every field found, as `matchColumns` finds them, then the fields no spelling found looked for
 * again among the headers that state a unit, by their name without it. A unit of a kind the
 * field's concept cannot have ("Registration (kWh)") rules the column out, as it does by meaning.
 */
function matchWithUnits(header: readonly string[], spec: ColumnSpec, sample?: readonly (readonly string[])[]): Map<string, ColumnMatch> {
  // In a file of purchases (it has a product) the forecourt is where each was bought: never the
  // organisation's site, whatever a profile or the words would make of it.
  const purchases = spec.product !== undefined && spec.site !== undefined;
  const out = matchColumns(purchases ? header.map((h) => (isForecourt(h) ? '' : h)) : header, spec, sample);
  const bare = header.map(withoutUnit);
  if (bare.every((b) => b === undefined)) return out;
  for (const [field, spellings] of Object.entries(spec)) {
    if (spellings === undefined || out.get(field)?.found.by === 'spelling') continue;
    const units = VOCABULARY[field]?.units;
    const claimed = new Set([...out].filter(([f]) => f !== field).map(([, m]) => m.index));
    const names = bare.map((b, i) => (b === undefined || claimed.has(i) || (purchases && isForecourt(header[i]!)) || (units !== undefined && !units.includes(b.kind)) ? '' : headerText(b.name)));
    const m = matchSpelling(names, spellings);
    if (m !== undefined) out.set(field, { index: m.index, found: { by: 'spelling', spelling: m.spelling } });
  }
  return out;
}

/**
 * Resolves every named column of a profile, by spelling or else by meaning; absent ones are
 * left out. `sample` (a few data rows) lets the values settle what the header leaves open.
 */
export function resolveColumns<T extends ColumnSpec>(header: readonly string[], spec: T, sample?: readonly (readonly string[])[]): Partial<Record<keyof T, number>> {
  const out: Partial<Record<keyof T, number>> = {};
  for (const [field, m] of matchWithUnits(header, spec, sample)) out[field as keyof T] = m.index;
  return out;
}

/** As `resolveColumns`, with how each column was found (the spelling, or the words and score). */
export function explainColumns(header: readonly string[], spec: ColumnSpec, sample?: readonly (readonly string[])[]): Map<string, ColumnMatch> {
  return matchWithUnits(header, spec, sample);
}
