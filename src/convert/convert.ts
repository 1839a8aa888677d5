/**
 * The conversion engine: an activity (quantity, unit, date, factor key) to kg CO2e with the
 * right year's factor, its per-gas split, its scope, and the trace an auditor needs.
 * No rounding happens here; round only when presenting.
 */

import { UserError } from '../kernel/errors.js';
import type { ScopeRule } from '../factors/catalogue.js';
import type { FactorLibrary, KeyInfo } from '../factors/library.js';
import type { FactorSource, FactorVariant, PublishedLabels } from '../factors/types.js';
import { msg } from '../messages.js';
import { conversionMultiplier, dimensionOf, type UnitId } from '../units/units.js';
import { DEFAULT_POLICY, factorYear, policyName, type FactorPolicy } from './policy.js';
import { nearestKeys } from '../kernel/nearest.js';

/**
 * How a journey was made, which decides the scope of travel keys. Patients' and visitors' journeys
 * to a site are Scope 3 category 9: the GHG Protocol's Scope 3 Standard counts customers' travel
 * to an organisation's premises under downstream transportation (category 9), and NHS England
 * counts them in the NHS Carbon Footprint Plus, not the NHS Carbon Footprint.
 */
export type TravelUse = 'owned' | 'business_travel' | 'commuting' | 'visitors';

export interface Activity {
  readonly key: string;
  readonly quantity: number;
  readonly unit: UnitId;
  /** ISO date `YYYY-MM-DD` the activity is dated to (for a period: its start, or its month). */
  readonly date: string;
  readonly use?: TravelUse;
  /** Where the activity came from, carried into the trace. */
  readonly source?: { readonly file: string; readonly line: number };
}

export interface ConvertOptions {
  readonly policy?: FactorPolicy;
}

export interface Warning {
  readonly code: string;
  readonly message: string;
}

export interface ScopeAssignment {
  /** null for outside-of-scopes (biogenic CO2): reported, never added to the total. */
  readonly scope: 1 | 2 | 3 | null;
  readonly category: number | null;
  readonly label: string;
}

export interface GasSplit {
  readonly co2: number;
  readonly ch4: number;
  readonly n2o: number;
}

export interface Trace {
  readonly quantity: number;
  readonly unit: UnitId;
  /** The quantity in the factor's unit; equals `quantity` when no conversion was needed. */
  readonly factorQuantity: number;
  readonly unitConversion: { readonly from: UnitId; readonly to: UnitId; readonly multiplier: number } | null;
  readonly factorKey: string;
  readonly factorUnit: UnitId;
  /** The year the policy asked for, and the set actually used (they differ only with a warning). */
  readonly requestedYear: number;
  readonly factorYear: number;
  readonly source: FactorSource;
  readonly labels: PublishedLabels;
  readonly kgCo2ePerUnit: number;
  readonly gasesPerUnit: GasSplit | null;
  readonly policy: string;
  readonly custom: boolean;
  readonly activitySource: { readonly file: string; readonly line: number } | null;
}

export interface ConversionResult {
  readonly key: string;
  readonly date: string;
  readonly kgCo2e: number;
  /** Per gas, already CO2-equivalent as published; null where the publication gives no split. */
  readonly gases: GasSplit | null;
  readonly scope: ScopeAssignment;
  readonly trace: Trace;
  readonly warnings: readonly Warning[];
}

const CATEGORY_NAMES: Readonly<Record<number, string>> = {
  1: 'purchased goods and services', 3: 'fuel- and energy-related activities', 5: 'waste generated in operations',
  6: 'business travel', 7: 'employee commuting', 9: 'downstream transportation: patient and visitor travel',
};

function scopeLabel(scope: 1 | 2 | 3 | null, category: number | null): string {
  if (scope === null) return 'Outside of scopes';
  if (category === null) return `Scope ${scope}`;
  const name = CATEGORY_NAMES[category];
  return `Scope 3 category ${category}${name ? ` (${name})` : ''}`;
}

const scopeCache = new Map<string, ScopeAssignment>();
function assignment(scope: 1 | 2 | 3 | null, category: number | null): ScopeAssignment {
  const id = `${String(scope)}/${String(category)}`;
  let a = scopeCache.get(id);
  if (!a) scopeCache.set(id, (a = { scope, category, label: scopeLabel(scope, category) }));
  return a;
}

export function resolveScope(key: string, rule: ScopeRule, use: TravelUse | undefined): ScopeAssignment {
  switch (rule.kind) {
    case 'outside':
      return assignment(null, null);
    case 'fixed':
      return rule.scope === 3 ? assignment(3, rule.category) : assignment(rule.scope, null);
    case 'travel': {
      const isPublic = rule.owned === 3 && rule.ownedCategory === 6;
      const effective = use ?? (isPublic ? 'business_travel' : 'owned');
      if (effective === 'business_travel') return assignment(3, 6);
      if (effective === 'commuting') return assignment(3, 7);
      if (effective === 'visitors') return assignment(3, 9);
      if (isPublic) throw new UserError('owned_public_transport', msg.ownedPublicTransport(key), msg.ownedPublicTransportHint);
      return rule.owned === 3 ? assignment(3, rule.ownedCategory ?? null) : assignment(rule.owned, null);
    }
  }
}

/** Picks the published variant for a unit: the same unit if published, else one of the same kind. */
function chooseVariant(info: KeyInfo, variants: readonly FactorVariant[], unit: UnitId): FactorVariant | undefined {
  let sameKind: FactorVariant | undefined;
  for (const v of variants) {
    if (v.unit === unit) return v;
    if (dimensionOf(v.unit) === dimensionOf(unit) && (sameKind === undefined || v.unit === info.preferredUnit)) sameKind = v;
  }
  return sameKind;
}

function gasesOf(v: FactorVariant): GasSplit | null {
  const { co2, ch4, n2o } = v.values;
  if (co2 === undefined && ch4 === undefined && n2o === undefined) return null;
  return { co2: co2?.kg ?? 0, ch4: ch4?.kg ?? 0, n2o: n2o?.kg ?? 0 };
}

/**
 * Converts with a prepared library. Throws a `UserError` for an unknown key, a unit that does
 * not fit, or a key the year's set does not publish; returns warnings for anything it had to
 * decide (such as using the nearest published set for a year outside the publication).
 */
export function convert(library: FactorLibrary, activity: Activity, options: ConvertOptions = {}): ConversionResult {
  const policy = options.policy ?? DEFAULT_POLICY;
  const info = library.key(activity.key);
  if (info === undefined) {
    throw new UserError('unknown_key', msg.unknownKey(activity.key, nearestKeys(activity.key, library.keys.map((k) => k.key))), msg.unknownKeyHint, { key: activity.key });
  }
  const requestedYear = factorYear(activity.date, policy);
  let year = requestedYear;
  const warnings: Warning[] = [];
  let factors = library.lookup(activity.key, year);
  if (factors === undefined && !library.sets.has(year)) {
    year = nearestYear(library.years, requestedYear);
    warnings.push(nearestSetWarning(requestedYear, year));
    factors = library.lookup(activity.key, year);
  }
  if (factors === undefined) {
    const set = library.sets.get(year);
    throw new UserError('missing_in_year', msg.missingInYear(activity.key, year, set?.edition ?? 'no edition', library.yearsOf(activity.key)), msg.missingInYearHint, { key: activity.key, year });
  }
  const variant = chooseVariant(info, factors.variants, activity.unit);
  if (variant === undefined) {
    const accepted = factors.variants.map((v) => v.unit);
    throw new UserError('incompatible_unit', msg.incompatibleUnit(activity.key, activity.unit, accepted), msg.incompatibleUnitHint(accepted), { key: activity.key, unit: activity.unit, accepted });
  }
  const multiplier = conversionMultiplier(activity.unit, variant.unit) ?? 1;
  const factorQuantity = activity.quantity * multiplier;
  const perUnitGases = gasesOf(variant);
  // The publication gives a total for every factor except outside-of-scopes biogenic CO2, which
  // is published as CO2 alone; there the CO2 figure is the CO2e.
  const kgPerUnit = variant.values.co2e?.kg ?? (perUnitGases ? perUnitGases.co2 + perUnitGases.ch4 + perUnitGases.n2o : 0);
  const scope = resolveScope(activity.key, info.scope, activity.use);
  return {
    key: activity.key,
    date: activity.date,
    kgCo2e: factorQuantity * kgPerUnit,
    gases: perUnitGases ? { co2: factorQuantity * perUnitGases.co2, ch4: factorQuantity * perUnitGases.ch4, n2o: factorQuantity * perUnitGases.n2o } : null,
    scope,
    trace: {
      quantity: activity.quantity,
      unit: activity.unit,
      factorQuantity,
      unitConversion: multiplier === 1 && activity.unit === variant.unit ? null : { from: activity.unit, to: variant.unit, multiplier },
      factorKey: activity.key,
      factorUnit: variant.unit,
      requestedYear,
      factorYear: year,
      source: factors.source,
      labels: variant.labels,
      kgCo2ePerUnit: kgPerUnit,
      gasesPerUnit: perUnitGases,
      policy: policyName(policy),
      custom: factors.source.kind === 'custom',
      activitySource: activity.source ?? null,
    },
    warnings,
  };
}

export function nearestYear(years: readonly number[], year: number): number {
  let best = years[0]!;
  for (const y of years) if (Math.abs(y - year) < Math.abs(best - year)) best = y;
  return best;
}

const warningCache = new Map<string, Warning>();
function nearestSetWarning(requested: number, used: number): Warning {
  const id = `${requested}>${used}`;
  let w = warningCache.get(id);
  if (!w) warningCache.set(id, (w = { code: 'nearest_set', message: msg.nearestSet(requested, used) }));
  return w;
}
