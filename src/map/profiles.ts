/**
 * The profiles available to an import: the built-in ones shipped in `data/profiles/builtin/`
 * and the user's, from the workspace config. Detection picks the one profile whose columns the
 * file's header has; when none or several fit, the user is told which and asked for --profile.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { UserError } from '../kernel/errors.js';
import { issueLines, parseOptions } from '../kernel/zod-messages.js';
import { findColumn } from './columns.js';
import { Profile, type ProfileInput } from './profile-schema.js';

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

/** The columns a profile cannot do without, and whether a header has them. */
export function requiredColumns(p: Profile): string[][] {
  const c = p.columns as Record<string, readonly string[] | undefined>;
  const req = (field: string): string[] => [...(c[field] ?? [])];
  switch (p.shape) {
    case 'bill':
      return [req('quantity')];
    case 'half-hourly':
      return [req('meter'), req('date')];
    case 'interval':
      return [req('meter'), req('timestamp'), req('quantity')];
    case 'fuel-card':
      return [req('date'), req('registration'), req('product'), req('quantity')];
    case 'mileage':
      // A distance, and when it was driven: a date, a period (start) or a month.
      return [req('distance'), [...req('date'), ...req('periodStart'), ...req('month')]];
    case 'vehicle-register':
      return [req('registration'), req('vehicleType'), req('fuel')];
    case 'ev-charging':
      return [req('date'), req('quantity')];
    case 'survey':
      return [req('mainMode'), req('distance'), req('daysPerWeek')];
    case 'business-travel':
      // A distance or, for mileage claims paid by the mile, the amount: either spelling list fits.
      return [req('date'), req('mode'), [...req('distance'), ...req('amount')]];
  }
}

/** Labels of the half-hour period columns, per labelling, as they appear in headers. */
export const PERIOD_PATTERNS = {
  start: /^(\d{1,2}):(\d{2})$/,
  end: /^\[(\d{1,2}):(\d{2})\]$/,
  numbered: /^(?:kwh|hh|period|p)[ _-]?(\d{1,2})$/i,
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
function fitsFleet(p: Profile, header: readonly string[]): boolean {
  const m = fleetMarkersOf();
  const has = (spellings: readonly string[]): boolean => findColumn(header, spellings) !== undefined;
  switch (p.shape) {
    case 'mileage':
      return !has(m.product) && !has(m.energy);
    case 'ev-charging':
      return !has(m.product) && !has(m.distance);
    case 'vehicle-register':
      return !has(m.product) && !has(m.distance) && !has(m.energy);
    default:
      return true;
  }
}

function fits(p: Profile, header: readonly string[]): boolean {
  if (!requiredColumns(p).every((spellings) => findColumn(header, spellings) !== undefined)) return false;
  if (p.kind === 'fleet') return fitsFleet(p, header);
  if (p.shape === 'half-hourly') return header.filter((h) => PERIOD_PATTERNS[p.periodLabels].test(h.trim())).length >= 46;
  if (p.shape === 'bill') {
    const c = p.columns;
    const hasPeriod = (c.periodStart && c.periodEnd && findColumn(header, c.periodStart) !== undefined && findColumn(header, c.periodEnd) !== undefined) ?? false;
    return hasPeriod || (c.month !== undefined && findColumn(header, c.month) !== undefined);
  }
  return true;
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
    const needs = profiles
      .filter((p) => p.kind === kind)
      .map((p) => ({ id: p.id, missing: requiredColumns(p).filter((spellings) => findColumn(header, spellings) === undefined).map((spellings) => `"${spellings[0] ?? '?'}"`) }))
      .sort((a, b) => a.missing.length - b.missing.length)
      .map((n) => (n.missing.length > 0 ? `${n.id} needs ${n.missing.join(', ')}` : `${n.id} has its columns but not the file's other marks of that layout`));
    throw new UserError(
      'no_profile_fits',
      `${file}: no ${kind} profile fits its header (${shown}).\n  ${needs.join('\n  ')}`,
      'Rename the file\'s columns to what the nearest layout calls them, or add a profile for this layout to the workspace config and name it with --profile (see `tco2e profiles show ID` for every spelling a layout accepts).',
    );
  }
  throw new UserError('ambiguous_profile', `${file}: several profiles fit its header: ${candidates.map((p) => p.id).join(', ')}.`, 'Pass --profile to choose one.');
}

/** The profiles of a kind whose columns (and other marks of their layout) the header has. */
export function profilesFitting(profiles: readonly Profile[], kind: Profile['kind'], header: readonly string[]): Profile[] {
  return profiles.filter((p) => p.kind === kind && fits(p, header));
}

export type { Profile, ProfileInput };
