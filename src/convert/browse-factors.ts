/** Read-only views of the factor library, shaped for `factors list` and `factors show`. */

import { UserError } from '../kernel/errors.js';
import { msg } from '../messages.js';
import { nearestKeys } from '../kernel/nearest.js';
import { resolveScope } from './convert.js';
import type { FactorLibrary } from '../factors/library.js';
import type { FactorVariant, PublishedLabels } from '../factors/types.js';
import type { UnitId } from '../units/units.js';

export interface VariantView {
  readonly unit: UnitId;
  readonly basis: 'gross' | 'net' | null;
  readonly kgCo2e: number | null;
  readonly kgCo2: number | null;
  readonly kgCh4: number | null;
  readonly kgN2o: number | null;
  readonly labels: PublishedLabels;
}

function view(v: FactorVariant): VariantView {
  return {
    unit: v.unit, basis: v.basis ?? null,
    kgCo2e: v.values.co2e?.kg ?? null, kgCo2: v.values.co2?.kg ?? null, kgCh4: v.values.ch4?.kg ?? null, kgN2o: v.values.n2o?.kg ?? null,
    labels: v.labels,
  };
}

export interface ListedFactor {
  readonly key: string;
  readonly description: string;
  readonly scope: string;
  readonly custom: boolean;
  readonly variants: readonly VariantView[];
}

export interface FactorList {
  readonly year: number;
  readonly edition: string;
  readonly publisher: string;
  readonly factors: readonly ListedFactor[];
  /** Keys tco2e knows that this year's set does not publish. */
  readonly notPublished: readonly string[];
}

export function listFactors(library: FactorLibrary, options: { year?: number; search?: string } = {}): FactorList {
  const year = options.year ?? library.years[library.years.length - 1]!;
  const set = library.sets.get(year);
  if (set === undefined) {
    throw new UserError('unknown_year', `No conversion factors are shipped for ${year}.`, `Choose a year from ${library.years[0]!} to ${library.years[library.years.length - 1]!}.`);
  }
  const terms = (options.search ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const factors: ListedFactor[] = [];
  const notPublished: string[] = [];
  for (const info of library.keys) {
    const haystack = `${info.key} ${info.description}`.toLowerCase();
    if (!terms.every((t) => haystack.includes(t))) continue;
    const yf = library.lookup(info.key, year);
    if (yf === undefined) {
      notPublished.push(info.key);
      continue;
    }
    factors.push({ key: info.key, description: info.description, scope: scopeText(library, info.key), custom: yf.source.kind === 'custom', variants: yf.variants.map(view) });
  }
  return { year, edition: set.edition, publisher: set.publisher, factors, notPublished };
}

function scopeText(library: FactorLibrary, key: string): string {
  const info = library.key(key)!;
  if (info.scope.kind !== 'travel') return resolveScope(key, info.scope, undefined).label;
  const isPublic = info.scope.owned === 3 && info.scope.ownedCategory === 6;
  const owned = isPublic ? null : resolveScope(key, info.scope, 'owned').label;
  return `${owned ? `${owned} if owned; ` : ''}Scope 3 cat. 6 business travel, cat. 7 commuting`;
}

export interface KeyHistory {
  readonly key: string;
  readonly description: string;
  readonly scope: string;
  readonly companions: Readonly<Record<string, string>>;
  readonly years: readonly {
    readonly year: number;
    readonly publisher: string;
    readonly edition: string;
    readonly published: boolean;
    readonly custom: boolean;
    readonly variants: readonly VariantView[];
  }[];
}

export function showKey(library: FactorLibrary, key: string): KeyHistory {
  const info = library.key(key);
  if (info === undefined) {
    throw new UserError('unknown_key', msg.unknownKey(key, nearestKeys(key, library.keys.map((k) => k.key))), msg.unknownKeyHint, { key });
  }
  return {
    key,
    description: info.description,
    scope: scopeText(library, key),
    companions: { ...(info.companions ?? {}) },
    years: library.years.map((year) => {
      const set = library.sets.get(year)!;
      const yf = library.lookup(key, year);
      return {
        // A key read from another edition of the year (the waste sheets of some years) names it.
        year, publisher: set.publisher, edition: yf?.source.kind === 'published' ? yf.source.edition : set.edition, published: yf !== undefined,
        custom: yf?.source.kind === 'custom', variants: (yf?.variants ?? []).map(view),
      };
    }),
  };
}
