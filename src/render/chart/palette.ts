/**
 * Colours for charts. One fixed mapping, so a source has the same colour in every chart of every
 * report, chosen from palettes designed to stay distinguishable with common colour-vision
 * deficiencies.
 *
 * - Okabe, M. & Ito, K. (2002, rev. 2008) "Color Universal Design (CUD): how to make figures and
 *   presentations that are friendly to colorblind people". Its eight colours, as sRGB hex.
 * - Tol, P. (2021) "Colour schemes", SRON technical note SRON/EPS/TN/09-002, the "muted"
 *   qualitative scheme: used for categories beyond the first eight.
 */

export const OKABE_ITO = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
} as const;

export const TOL_MUTED = {
  indigo: '#332288',
  cyan: '#88CCEE',
  teal: '#44AA99',
  green: '#117733',
  olive: '#999933',
  sand: '#DDCC77',
  rose: '#CC6677',
  wine: '#882255',
  purple: '#AA4499',
} as const;

/** Neutral grey for add-ons and "other": reads as secondary beside the palette's colours. */
export const NEUTRAL_GREY = '#999999';

/** Emission sources, in the order they stack (largest usual contributors at the bottom). */
export const SOURCE_COLOURS: ReadonlyMap<string, string> = new Map([
  ['electricity', OKABE_ITO.blue],
  ['gas', OKABE_ITO.orange],
  ['oil', OKABE_ITO.vermillion],
  ['fleet', OKABE_ITO.reddishPurple],
  ['business travel', OKABE_ITO.skyBlue],
  ['commuting', OKABE_ITO.bluishGreen],
  ['patient and visitor travel', TOL_MUTED.teal],
  ['water', OKABE_ITO.yellow],
  ['waste', TOL_MUTED.olive],
  ['anaesthetic gases', TOL_MUTED.wine],
  ['inhalers', TOL_MUTED.rose],
  ['refrigerants', TOL_MUTED.indigo],
  ['wtt/t&d', NEUTRAL_GREY],
]);

/** Travel modes, car first (the headline indicator is the single-occupancy car share). */
export const MODE_COLOURS: ReadonlyMap<string, string> = new Map([
  ['car alone', OKABE_ITO.vermillion],
  ['car share', OKABE_ITO.orange],
  ['motorcycle', OKABE_ITO.reddishPurple],
  ['taxi', TOL_MUTED.wine],
  ['bus', OKABE_ITO.skyBlue],
  ['train', OKABE_ITO.blue],
  ['cycle', OKABE_ITO.bluishGreen],
  ['walk', OKABE_ITO.yellow],
  ['work from home', NEUTRAL_GREY],
  ['other', '#BBBBBB'],
]);

const SOURCE_ALIASES: ReadonlyMap<string, string> = new Map([
  ['grid electricity', 'electricity'],
  ['natural gas', 'gas'],
  ['heating oil', 'oil'],
  ['gas oil', 'oil'],
  ['burning oil', 'oil'],
  ['fuel oil', 'oil'],
  ['owned vehicles', 'fleet'],
  ['fleet vehicles', 'fleet'],
  ['grey fleet', 'business travel'],
  ['staff commuting', 'commuting'],
  ['patient travel', 'patient and visitor travel'],
  ['visitor travel', 'patient and visitor travel'],
  ['water supply', 'water'],
  ['water treatment', 'water'],
  ['wtt', 'wtt/t&d'],
  ['t&d', 'wtt/t&d'],
  ['well to tank', 'wtt/t&d'],
  ['transmission and distribution', 'wtt/t&d'],
  ['wtt and t&d', 'wtt/t&d'],
  ['anaesthetics', 'anaesthetic gases'],
]);

const MODE_ALIASES: ReadonlyMap<string, string> = new Map([
  ['car (alone)', 'car alone'],
  ['drive alone', 'car alone'],
  ['single occupancy car', 'car alone'],
  ['car driver', 'car alone'],
  ['car sharing', 'car share'],
  ['car passenger', 'car share'],
  ['motorbike', 'motorcycle'],
  ['rail', 'train'],
  ['bicycle', 'cycle'],
  ['cycling', 'cycle'],
  ['walking', 'walk'],
  ['on foot', 'walk'],
  ['home working', 'work from home'],
  ['wfh', 'work from home'],
]);

/** For names outside the tables: Tol colours the tables leave unused. */
const FALLBACK = [TOL_MUTED.cyan, TOL_MUTED.green, TOL_MUTED.sand, TOL_MUTED.purple] as const;

/** Case, underscores, hyphens and runs of spaces do not change which colour a name gets. */
export function normaliseName(name: string): string {
  return name.trim().toLowerCase().replace(/[_-]+/g, ' ').replace(/\s+/g, ' ');
}

/** FNV-1a, 32 bit: a tiny stable hash, the same on every machine and every run. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

function lookup(name: string, colours: ReadonlyMap<string, string>, aliases: ReadonlyMap<string, string>): string {
  const key = normaliseName(name);
  const known = colours.get(aliases.get(key) ?? key);
  return known ?? FALLBACK[fnv1a(key) % FALLBACK.length]!;
}

/** The colour of an emission source (`electricity`, `Business travel`, `WTT/T&D`, …). */
export function sourceColour(name: string): string {
  return lookup(name, SOURCE_COLOURS, SOURCE_ALIASES);
}

/** The colour of a travel mode (`car alone`, `bus`, `cycle`, …). */
export function modeColour(name: string): string {
  return lookup(name, MODE_COLOURS, MODE_ALIASES);
}

function rank(name: string, colours: ReadonlyMap<string, string>, aliases: ReadonlyMap<string, string>): number {
  const key = normaliseName(name);
  const i = [...colours.keys()].indexOf(aliases.get(key) ?? key);
  return i < 0 ? colours.size : i;
}

/** Names in their fixed stacking order: known ones as in the table, then the rest A–Z. */
export function orderSources(names: Iterable<string>): string[] {
  return [...new Set(names)].sort((a, b) => rank(a, SOURCE_COLOURS, SOURCE_ALIASES) - rank(b, SOURCE_COLOURS, SOURCE_ALIASES) || a.localeCompare(b, 'en-GB'));
}

export function orderModes(names: Iterable<string>): string[] {
  return [...new Set(names)].sort((a, b) => rank(a, MODE_COLOURS, MODE_ALIASES) - rank(b, MODE_COLOURS, MODE_ALIASES) || a.localeCompare(b, 'en-GB'));
}

/**
 * Colours for series that have no fixed meaning (organisations, pathways), by position in the
 * order given. Black is kept for the reported figures; yellow is left out, too pale for lines.
 */
export const SERIES_COLOURS = [OKABE_ITO.blue, OKABE_ITO.vermillion, OKABE_ITO.bluishGreen, OKABE_ITO.reddishPurple, OKABE_ITO.orange, OKABE_ITO.skyBlue, TOL_MUTED.indigo, TOL_MUTED.olive] as const;

export function seriesColour(index: number): string {
  return SERIES_COLOURS[index % SERIES_COLOURS.length]!;
}
