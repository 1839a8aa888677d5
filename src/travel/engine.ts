/**
 * The factor engine as the travel stage uses it: a quantity converted with the first key the
 * year's set publishes, plus the companions the engine's catalogue lists for that key (its
 * well-to-tank, and for EV electricity its T&D losses and their WTT), each as an `EmissionLine`.
 * Companions a year's set does not publish (the 2024 condensed set has no WTT) are left out and
 * counted, never filled from another year.
 */

import type { EmissionLine, LineKind, LineTrace } from '../kernel/emission-line.js';
import { convert, type ConversionResult, type TravelUse } from '../convert/convert.js';
import type { FactorPolicy } from '../convert/policy.js';
import { isUserError } from '../kernel/errors.js';
import type { FactorLibrary } from '../factors/library.js';
import type { UnitId } from '../units/units.js';
import { travelMsg } from './travel-text.js';
import type { TravelWarning } from './types.js';

export interface TravelActivity {
  /** Keys to try in order (see `commute-factors.ts`). */
  readonly keys: readonly string[];
  readonly quantity: number;
  readonly unit: UnitId;
  readonly date: string;
  readonly use?: TravelUse;
}

export interface Figure {
  readonly kind: LineKind;
  readonly result: ConversionResult;
}

/**
 * The code of a warning that a year's set lacks a well-to-tank or T&D factor: said only where
 * those figures are in the boundary (a query without them has nothing missing).
 */
export const UPSTREAM_NOT_PUBLISHED = 'wtt_not_published';

/** Counts of things worth saying once per key and year rather than once per respondent. */
export class Tally {
  private readonly companions = new Map<string, { key: string; year: number; n: number; upstream: boolean }>();
  private readonly fallbacks = new Map<string, { wanted: string; used: string; year: number; n: number }>();
  private readonly engine = new Map<string, TravelWarning>();

  /** `upstream`: a well-to-tank or T&D figure (Scope 3 category 3), which a query may leave out anyway. */
  missingCompanion(key: string, year: number, upstream: boolean): void {
    const id = `${key} ${year}`;
    const t = this.companions.get(id) ?? { key, year, n: 0, upstream };
    t.n += 1;
    this.companions.set(id, t);
  }

  fallback(wanted: string, used: string, year: number): void {
    const id = `${wanted} ${used} ${year}`;
    const t = this.fallbacks.get(id) ?? { wanted, used, year, n: 0 };
    t.n += 1;
    this.fallbacks.set(id, t);
  }

  engineWarning(code: string, message: string): void {
    this.engine.set(`${code} ${message}`, { code, message });
  }

  warnings(): TravelWarning[] {
    return [
      ...[...this.engine.values()],
      ...[...this.fallbacks.values()].map((t) => ({ code: 'car_key_fallback', message: travelMsg.fuelKeyFallback(t.wanted, t.used, t.year, t.n), count: t.n })),
      ...[...this.companions.values()].map((t) => ({ code: t.upstream ? UPSTREAM_NOT_PUBLISHED : 'companion_not_published', message: travelMsg.companionNotPublished(t.key, t.year, t.n), count: t.n })),
    ];
  }
}

function tryConvert(library: FactorLibrary, a: TravelActivity, key: string, policy: FactorPolicy): ConversionResult | { error: string; code: string } {
  try {
    return convert(library, { key, quantity: a.quantity, unit: a.unit, date: a.date, ...(a.use ? { use: a.use } : {}) }, { policy });
  } catch (e) {
    if (!isUserError(e)) throw e;
    return { error: e.message, code: e.code };
  }
}

/**
 * The main figure and its companions; `{ error }` when no key converts (the first key's reason).
 * A later key is used only where the year's set does not publish the earlier ones.
 */
export function convertTravel(library: FactorLibrary, a: TravelActivity, policy: FactorPolicy, tally: Tally): Figure[] | { readonly error: string } {
  let main: ConversionResult | undefined;
  let firstError: string | undefined;
  for (const key of a.keys) {
    const r = tryConvert(library, a, key, policy);
    if ('error' in r) {
      firstError ??= r.error;
      if (r.code !== 'missing_in_year') break;
      continue;
    }
    main = r;
    if (key !== a.keys[0]) tally.fallback(a.keys[0]!, key, r.trace.factorYear);
    break;
  }
  if (main === undefined) return { error: firstError ?? 'no factor key' };
  for (const w of main.warnings) tally.engineWarning(w.code, w.message);
  const figures: Figure[] = [{ kind: 'main', result: main }];
  const info = library.key(main.key);
  const companions: [LineKind, string][] = [];
  if (info?.companions?.td !== undefined) {
    companions.push(['td', info.companions.td]);
    const tdWtt = library.key(info.companions.td)?.companions?.wtt;
    if (tdWtt !== undefined) companions.push(['wtt', tdWtt]);
  }
  if (info?.companions?.wtt !== undefined) companions.push(['wtt', info.companions.wtt]);
  if (info?.companions?.outsideScopes !== undefined) companions.push(['outside_scopes', info.companions.outsideScopes]);
  for (const [kind, key] of companions) {
    if (library.lookup(key, main.trace.factorYear) === undefined) {
      tally.missingCompanion(key, main.trace.factorYear, kind !== 'outside_scopes');
      continue;
    }
    const r = tryConvert(library, a, key, policy);
    if ('error' in r) tally.missingCompanion(key, main.trace.factorYear, kind !== 'outside_scopes');
    else figures.push({ kind, result: r });
  }
  return figures;
}

export interface LinePlace {
  readonly org: string;
  readonly site: string | null;
  readonly source: string;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly estimated: boolean;
  readonly trace: LineTrace;
}

/** An engine result as an `EmissionLine`. */
export function emissionLine(f: Figure, place: LinePlace): EmissionLine {
  const r = f.result;
  const t = r.trace;
  return {
    org: place.org, site: place.site, meter: null, source: place.source, periodStart: place.periodStart, periodEnd: place.periodEnd,
    quantity: t.quantity, unit: t.unit, estimated: place.estimated, kind: f.kind, basis: 'location',
    factorKey: t.factorKey, factorYear: t.factorYear,
    factorEdition: t.source.kind === 'published' ? t.source.edition : `custom: ${t.source.source}`,
    factorUnit: t.factorUnit, factorKgPerUnit: t.kgCo2ePerUnit, factorCustom: t.custom, policy: t.policy,
    kgCo2e: r.kgCo2e, kgCo2: r.gases?.co2 ?? null, kgCh4: r.gases?.ch4 ?? null, kgN2o: r.gases?.n2o ?? null,
    scope: r.scope.scope, scopeCategory: r.scope.category, trace: place.trace,
  };
}
