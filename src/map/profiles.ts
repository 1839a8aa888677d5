/**
 * The profiles available to an import: the built-in ones shipped in `data/profiles/builtin/`
 * and the user's, from the workspace config. Detection picks the one profile whose columns the
 * file's header has; when none or several fit, the user is told which and asked for --profile.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { UserError } from '../kernel/errors.js';
import { issueLines, parseOptions } from '../kernel/zod-messages.js';
import { findColumn, resolveColumns } from './columns.js';
import { unitInHeader } from './detect/units-in-header.js';
import { periodColumnsByStructure } from './period-columns.js';
import { Profile, surveyColumnSpec, type ProfileInput } from './profile-schema.js';

export const BUILTIN_PROFILE_DIR = fileURLToPath(new URL('../../data/profiles/builtin/', import.meta.url));

/**
 * The problems with one profile, one line each: `file: path: what is allowed`. `prefix` places a
 * user profile inside its config (`profiles.2`), so its paths read as every other config path.
 */
export function profileProblems(input: unknown, file: string, prefix: readonly PropertyKey[] = []): string[] {
  const r = Profile.safeParse(input, parseOptions);
  return r.success ? [] : issueLines(file, r.error.issues, prefix);
}

function validate(input: unknown, file: string, prefix: readonly PropertyKey[] = []): Profile {
  const r = Profile.safeParse(input, parseOptions);
  if (!r.success) {
    const lines = issueLines(file, r.error.issues, prefix);
    throw new UserError('profile_invalid', `Profile problems:\n  ${lines.join('\n  ')}`, 'Fix the profile entries named above.');
  }
  return r.data;
}

export function loadBuiltinProfiles(dir: string = BUILTIN_PROFILE_DIR): Profile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => validate(JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')), `data/profiles/builtin/${f}`));
}

/** Built-ins plus user profiles (which may replace a built-in by using its id). */
export function allProfiles(userProfiles: readonly unknown[], configFile: string): Profile[] {
  const byId = new Map(loadBuiltinProfiles().map((p) => [p.id, p]));
  userProfiles.forEach((u, i) => {
    const p = validate(u, configFile, ['profiles', i]);
    byId.set(p.id, p);
  });
  return [...byId.values()];
}

/**
 * The fields a profile cannot do without: each entry is met by any one of its alternatives, and
 * an alternative by all of its fields (an interval file's time is one timestamp, or a date and a time).
 */
export function requiredFields(p: Profile): string[][][] {
  switch (p.shape) {
    case 'bill':
      return [[['quantity']]];
    case 'half-hourly':
      return [[['meter']], [['date']]];
    case 'interval':
      return [[['meter']], [['timestamp'], ['date', 'time']], [['quantity']]];
    case 'fuel-card':
      return [[['date']], [['registration']], [['product']], [['quantity']]];
    case 'mileage':
      // A distance, and when it was driven: a date, a period (start) or a month.
      return [[['distance']], [['date'], ['periodStart'], ['month']]];
    case 'vehicle-register':
      return [[['registration']], [['vehicleType']], [['fuel']]];
    case 'ev-charging':
      return [[['date']], [['quantity']]];
    case 'survey':
      // A staff survey's days a week on site, or a patient and visitor survey's respondent type:
      // which of the two a file is, is settled when it is read (src/map/visitor-survey.ts).
      return [[['mainMode']], [['distance']], [['daysPerWeek'], ['respondentType']]];
    case 'business-travel':
      // A distance or, for mileage claims paid by the mile, the amount.
      return [[['date']], [['mode']], [['distance'], ['amount']]];
  }
}

/**
 * A profile's columns as they are looked for: a survey's with the patient and visitor survey's
 * questions it does not name (see `SURVEY_VISITOR_COLUMNS`).
 */
export function columnSpecOf(p: Profile): Readonly<Record<string, readonly string[] | undefined>> {
  return p.shape === 'survey' ? surveyColumnSpec(p.columns) : p.columns;
}

/** The columns a profile cannot do without, as spelling lists (each entry's alternatives together). */
export function requiredColumns(p: Profile): string[][] {
  const c = columnSpecOf(p);
  return requiredFields(p).map((alternatives) => alternatives.flat().flatMap((field) => [...(c[field] ?? [])]));
}

/**
 * The fields of a profile a header has: by spelling only (`byMeaning` false: how a file was
 * recognised before detection by meaning, tried first so every file that loaded loads the same
 * way) or by spelling and else by meaning.
 */
function fieldsFound(p: Profile, header: readonly string[], byMeaning: boolean): Set<string> {
  const spec = columnSpecOf(p);
  if (byMeaning) return new Set(Object.keys(resolveColumns(header, spec)));
  return new Set(Object.entries(spec).filter(([, spellings]) => spellings !== undefined && findColumn(header, spellings) !== undefined).map(([field]) => field));
}

/** The required fields a header lacks, one entry per unmet requirement (its alternatives joined by "or"). */
export function missingFields(p: Profile, found: ReadonlySet<string>): string[][][] {
  return requiredFields(p).filter((alternatives) => !alternatives.some((all) => all.every((f) => found.has(f))));
}

/** Labels of the half-hour period columns, per labelling, as they appear in headers. */
export const PERIOD_PATTERNS = {
  start: /^(\d{1,2}):(\d{2})$/,
  end: /^\[(\d{1,2}):(\d{2})\]$/,
  // "kWh_1", "HH01", "Period 1", "P1", or the bare number "1" … "48".
  numbered: /^(?:(?:kwh|hh|period|p)[ _-]?)?(\d{1,2})$/i,
} as const;

/**
 * The column that marks each kind of fleet file, as the built-in profiles spell it: a fuel
 * product (fuel card), a distance (mileage) or energy charged (EV charging). A vehicle register
 * has none of them, and its columns (registration, type, fuel) are a subset of a mileage file's.
 */
let fleetMarkers: { product: string[]; distance: string[]; energy: string[] } | undefined;
function fleetMarkersOf(): NonNullable<typeof fleetMarkers> {
  if (fleetMarkers === undefined) {
    const m = { product: [] as string[], distance: [] as string[], energy: [] as string[] };
    for (const b of loadBuiltinProfiles()) {
      if (b.shape === 'fuel-card') m.product.push(...b.columns.product);
      else if (b.shape === 'mileage') m.distance.push(...b.columns.distance);
      else if (b.shape === 'ev-charging') m.energy.push(...b.columns.quantity);
    }
    fleetMarkers = m;
  }
  return fleetMarkers;
}

/**
 * Fleet files are told apart by their marker columns, the most specific first: a product makes
 * a fuel-card file (whose odometer may be headed "Mileage"); a distance without a product a
 * mileage file; energy without a product or distance an EV-charging file; none of them a register.
 * A header with both a distance and energy fits neither, and --profile is asked for.
 */
function fitsFleet(p: Profile, header: readonly string[], byMeaning: boolean): boolean {
  const m = fleetMarkersOf();
  const has = (field: string, spellings: readonly string[]): boolean =>
    findColumn(header, spellings) !== undefined || (byMeaning && resolveColumns(header, { [field]: spellings })[field] !== undefined);
  // By meaning, energy is a column stated in kWh (a quantity by words alone may be litres).
  const hasEnergy = (): boolean => findColumn(header, m.energy) !== undefined || (byMeaning && header.some((h) => unitInHeader(h)?.kind === 'energy'));
  switch (p.shape) {
    case 'mileage':
      return !has('product', m.product) && !hasEnergy() && distanceUnitAgrees(p, header);
    case 'ev-charging':
      return !has('product', m.product) && !has('distance', m.distance);
    case 'vehicle-register':
      return !has('product', m.product) && !has('distance', m.distance) && !hasEnergy();
    default:
      return true;
  }
}

/** A mileage profile in miles does not fit a distance column headed in km, nor the reverse. */
function distanceUnitAgrees(p: Profile & { shape: 'mileage' }, header: readonly string[]): boolean {
  const i = resolveColumns(header, { distance: p.columns.distance }).distance;
  const unit = i === undefined ? undefined : unitInHeader(header[i] ?? '');
  return unit?.kind !== 'distance' || unit.unit === p.distanceUnit;
}

function fits(p: Profile, header: readonly string[], byMeaning: boolean): boolean {
  const found = fieldsFound(p, header, byMeaning);
  if (missingFields(p, found).length > 0) return false;
  if (p.kind === 'fleet') return fitsFleet(p, header, byMeaning);
  if (p.shape === 'half-hourly') return periodColumnCount(p, header) >= 46;
  if (p.shape === 'bill') return (found.has('periodStart') && found.has('periodEnd')) || found.has('month');
  return true;
}

/** How many of a half-hourly header's columns are period columns labelled as the profile says. */
export function periodColumnCount(p: Profile & { shape: 'half-hourly' }, header: readonly string[]): number {
  // Whether a day's columns are labelled by the start or the end of each half-hour is read from
  // the order of the labels (a day of 00:30 … 24:00 is by the end, brackets or none), never from
  // how each label is written: `00:30`…`24:00` fits the start pattern label by label, and read as
  // start times it would put every reading half an hour late. Labels no pattern spells (`H0030`,
  // a bare `2400`, a flag after each reading) are found the same way.
  const byStructure = periodColumnsByStructure(header);
  if (byStructure !== undefined) return byStructure.labels === p.periodLabels ? byStructure.columns.length : 0;
  return header.filter((h) => PERIOD_PATTERNS[p.periodLabels].test(h.trim())).length;
}

/** The profile for a file: the one named, or the single one its header fits. */
export function chooseProfile(profiles: readonly Profile[], kind: Profile['kind'], header: readonly string[], named: string | undefined, file: string): Profile {
  if (named !== undefined) {
    const p = profiles.find((x) => x.id === named);
    if (p === undefined) throw new UserError('unknown_profile', `No profile "${named}".`, `Use one of: ${profiles.map((x) => x.id).join(', ')} (see \`tco2e profiles list\`).`);
    if (p.kind !== kind) throw new UserError('wrong_profile_kind', `Profile "${named}" is for ${p.kind} files, not ${kind}.`, `Use \`tco2e import ${p.kind}\`.`);
    return p;
  }
  const candidates = profilesFitting(profiles, kind, header);
  if (candidates.length === 1) return candidates[0]!;
  const shown = header.slice(0, 12).map((h) => `"${h}"`).join(', ') + (header.length > 12 ? ', …' : '');
  if (candidates.length === 0) {
    // Say what each layout would need, so the person can see which is nearly right.
    const needs = nearestProfiles(profiles, kind, header).map((n) => `${n.id} needs ${n.missing.join(', ')}`);
    throw new UserError(
      'no_profile_fits',
      `${file}: no ${kind} profile fits its header (${shown}).\n  ${needs.join('\n  ')}`,
      'Rename the file\'s columns to what the nearest layout calls them, or add a profile for this layout to the workspace config and name it with --profile (see `tco2e profiles show ID` for every spelling a layout accepts).',
    );
  }
  throw new UserError('ambiguous_profile', `${file}: several profiles fit its header: ${candidates.map((p) => p.id).join(', ')}.`, 'Pass --profile to choose one.');
}

/**
 * The layouts of a kind, nearest first, with what each still lacks to fit the header: the
 * columns it found no spelling or meaning for, or else the other marks of its layout (period
 * columns, a bill's dates, a fleet file's marker column), named so a person can see how near it is.
 */
export function nearestProfiles(profiles: readonly Profile[], kind: Profile['kind'], header: readonly string[]): { id: string; missing: string[] }[] {
  return profiles
    .filter((p) => p.kind === kind)
    .map((p) => {
      const found = fieldsFound(p, header, true);
      const missing = missingFields(p, found).map((alternatives) => alternatives.map((all) => all.map((f) => `"${spellingOf(p, f)}"`).join(' and ')).join(' or '));
      return { id: p.id, missing: missing.length > 0 ? missing : otherMarksMissing(p, header, found) };
    })
    .sort((a, b) => a.missing.length - b.missing.length);
}

/** What a layout whose columns the header has still lacks (see `fits`). */
function otherMarksMissing(p: Profile, header: readonly string[], found: ReadonlySet<string>): string[] {
  if (p.shape === 'half-hourly') {
    const n = periodColumnCount(p, header);
    const labels = { start: 'by their start (00:00 … 23:30)', end: 'by their end ([00:30] … [24:00])', numbered: 'by number (1 … 48, kWh_1, HH01, P1)' }[p.periodLabels];
    return [`46 to 50 half-hour columns labelled ${labels}, where it found ${n}`];
  }
  if (p.shape === 'bill' && !found.has('month')) return [`both "${spellingOf(p, 'periodStart')}" and "${spellingOf(p, 'periodEnd')}", or "${spellingOf(p, 'month')}"`];
  if (p.kind === 'fleet') return ['a header that is not also another fleet layout\'s (a fuel product, a distance or energy charged tells them apart)'];
  return ['the marks of its layout'];
}

/** A field's first spelling in a profile, to name it in a message. */
function spellingOf(p: Profile, field: string): string {
  return columnSpecOf(p)[field]?.[0] ?? field;
}

/**
 * The profiles of a kind whose columns (and other marks of their layout) the header has. Their
 * spellings are tried first, so a file that fitted one profile before still fits that one; only
 * a header no profile's spellings fit is read by meaning, and then, of several that fit, the one
 * that finds the most of its columns is taken (a tie is left for the person to settle).
 */
export function profilesFitting(profiles: readonly Profile[], kind: Profile['kind'], header: readonly string[]): Profile[] {
  const ofKind = profiles.filter((p) => p.kind === kind);
  const bySpelling = ofKind.filter((p) => fits(p, header, false));
  if (bySpelling.length > 0) return bySpelling;
  const byMeaning = ofKind.filter((p) => fits(p, header, true)).map((p) => ({ p, found: fieldsFound(p, header, true).size }));
  const most = Math.max(0, ...byMeaning.map((c) => c.found));
  return byMeaning.filter((c) => c.found === most).map((c) => c.p);
}

export type { Profile, ProfileInput };
