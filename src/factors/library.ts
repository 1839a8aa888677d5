/**
 * The factor library: every shipped year's table, plus any custom factors, indexed by key and
 * year so a lookup is two map reads (a million conversions cost a lookup each, not a scan).
 */

import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CATALOGUE, keyDef, type KeyDef, type ScopeRule } from './catalogue.js';
import { GWP_KEYS, GWP_SOURCE, gwpVariant } from './gwp.js';
import type { FactorSource, FactorVariant, FactorYearFile } from './types.js';

/** A key's factors for one year, with where they came from. */
export interface YearFactors {
  readonly key: string;
  readonly year: number;
  readonly source: FactorSource;
  readonly variants: readonly FactorVariant[];
}

/** What a key is, whether shipped in the catalogue or added by a custom factor file. */
export interface KeyInfo {
  readonly key: string;
  readonly description: string;
  readonly scope: ScopeRule;
  readonly companions: KeyDef['companions'];
  readonly preferredUnit: KeyDef['preferredUnit'];
  readonly custom: boolean;
}

export interface SetInfo {
  readonly year: number;
  readonly publisher: string;
  readonly title: string;
  readonly edition: string;
}

export interface FactorLibrary {
  /** Published years, ascending. */
  readonly years: readonly number[];
  readonly sets: ReadonlyMap<number, SetInfo>;
  /** All keys, catalogue order then custom keys. */
  readonly keys: readonly KeyInfo[];
  key(key: string): KeyInfo | undefined;
  /** The factors for a key in a year, or undefined if that year does not have it. */
  lookup(key: string, year: number): YearFactors | undefined;
  /** Years in which a key has factors. */
  yearsOf(key: string): number[];
}

/** Custom factors that add or override keys (see `custom.ts`). */
export interface CustomFactor {
  readonly key: string;
  /** null: applies to every year. */
  readonly year: number | null;
  readonly variant: FactorVariant;
  readonly description: string;
  readonly scope: ScopeRule | null;
  readonly file: string;
  readonly line: number;
  readonly source: string;
}

export const DEFAULT_FACTOR_DIR = fileURLToPath(new URL('../../data/factors/', import.meta.url));

export interface LoadOptions {
  /** Folder holding `uk-gov-YYYY.json`; defaults to the shipped `data/factors`. */
  readonly dir?: string;
  readonly custom?: readonly CustomFactor[];
}

export function readYearFiles(dir: string = DEFAULT_FACTOR_DIR): FactorYearFile[] {
  return readdirSync(dir)
    .filter((f) => /^uk-gov-\d{4}\.json$/.test(f))
    .sort()
    .map((f) => JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')) as FactorYearFile);
}

export function loadFactors(options: LoadOptions = {}): FactorLibrary {
  return buildLibrary(readYearFiles(options.dir), options.custom ?? []);
}

export function buildLibrary(files: readonly FactorYearFile[], custom: readonly CustomFactor[]): FactorLibrary {
  const index = new Map<string, Map<number, YearFactors>>();
  const sets = new Map<number, SetInfo>();
  const put = (key: string, yf: YearFactors): void => {
    let byYear = index.get(key);
    if (!byYear) index.set(key, (byYear = new Map<number, YearFactors>()));
    byYear.set(yf.year, yf);
  };
  for (const file of files) {
    const source: FactorSource = { kind: 'published', publisher: file.publisher, title: file.title, year: file.year, edition: file.edition };
    sets.set(file.year, { year: file.year, publisher: file.publisher, title: file.title, edition: file.edition });
    // A key read from another edition of the year's publication names that edition in its source,
    // so the trace of every figure says where it was read.
    const otherEditions = new Map<string, FactorSource>();
    for (const [key, variants] of Object.entries(file.factors)) {
      const edition = variants[0]?.edition;
      let keySource: FactorSource = source;
      if (edition !== undefined && edition !== file.edition) {
        keySource = otherEditions.get(edition) ?? { ...source, edition };
        otherEditions.set(edition, keySource);
      }
      put(key, { key, year: file.year, source: keySource, variants });
    }
  }
  const years = [...sets.keys()].sort((a, b) => a - b);
  // Gases priced by their GWP alone (anaesthetic agents, inhaler propellants): the same IPCC
  // figure in every year the library has, its source the IPCC report (see `gwp.ts`), never the
  // year's government set, which publishes none of them.
  for (const def of GWP_KEYS) {
    const variants = [gwpVariant(def)];
    for (const year of years) put(def.key, { key: def.key, year, source: GWP_SOURCE, variants });
  }

  const keys: KeyInfo[] = [
    ...CATALOGUE.map((d) => ({ key: d.key, description: d.description, scope: d.scope, companions: d.companions, preferredUnit: d.preferredUnit, custom: false })),
    ...GWP_KEYS.map((d) => ({ key: d.key, description: d.description, scope: d.scope, companions: undefined, preferredUnit: 'kg' as const, custom: false })),
  ];
  const keyMap = new Map(keys.map((k) => [k.key, k]));
  // Custom factors: a year-specific row beats an every-year row; both beat the published figure.
  const ordered = [...custom].sort((a, b) => (a.year === null ? 0 : 1) - (b.year === null ? 0 : 1));
  const grouped = new Map<string, CustomFactor[]>();
  for (const c of ordered) {
    const id = `${c.key}|${String(c.year)}`;
    const list = grouped.get(id) ?? [];
    list.push(c);
    grouped.set(id, list);
  }
  for (const list of grouped.values()) {
    const first = list[0]!;
    const source: FactorSource = { kind: 'custom', file: first.file, line: first.line, source: first.source, year: first.year };
    const variants = list.map((c) => c.variant);
    const targetYears = first.year === null ? years : [first.year];
    for (const year of targetYears) put(first.key, { key: first.key, year, source, variants });
    const known = keyMap.get(first.key);
    if (known === undefined) {
      const def = keyDef(first.key);
      const info: KeyInfo = {
        key: first.key, description: first.description || first.source,
        scope: first.scope ?? def?.scope ?? { kind: 'fixed', scope: 3, category: 1 },
        companions: undefined, preferredUnit: first.variant.unit, custom: true,
      };
      keys.push(info);
      keyMap.set(first.key, info);
    }
  }

  return {
    years,
    sets,
    keys,
    key: (key) => keyMap.get(key),
    lookup: (key, year) => index.get(key)?.get(year),
    yearsOf: (key) => [...(index.get(key)?.keys() ?? [])].sort((a, b) => a - b),
  };
}
