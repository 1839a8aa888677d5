/**
 * Builds tco2e's factor tables from the publication's flat file (one row per published value).
 * Pure: takes the parsed rows and the editions table, returns the year files and any problems.
 */

import { CATALOGUE, type KeyDef, type Matcher } from '../catalogue.js';
import type { FactorVariant, FactorYearFile, PublishedValue } from '../types.js';
import { FUEL_UNIT_COLUMNS, gasOf, isFootnote, norm, normLevel1, variantUnit } from './normalise.js';

export interface PublishedRow {
  readonly year: number;
  readonly scope: string;
  readonly level1: string;
  readonly level2: string;
  readonly level3: string;
  readonly level4: string;
  readonly column_text: string;
  readonly uom: string;
  readonly ghg_unit: string;
  readonly value: number;
  /** 1-based line in the source file, for error messages. */
  readonly line: number;
}

export interface EditionInfo {
  readonly publisher: string;
  readonly edition: string;
  readonly excludes: readonly string[];
}

export interface EditionsFile {
  readonly title: string;
  readonly licence: string;
  readonly years: Readonly<Record<string, EditionInfo>>;
}

export function expectedIn(def: KeyDef, year: number, edition: EditionInfo): boolean {
  if (def.since !== undefined && year < def.since) return false;
  if (def.absentIn?.includes(year)) return false;
  return !edition.excludes.includes(def.family);
}

function matches(m: Matcher, def: KeyDef, r: PublishedRow): boolean {
  if (normLevel1(r.level1) !== m.level1) return false;
  if (norm(r.level2) !== m.level2 || norm(r.level3) !== m.level3) return false;
  if (m.level4 !== undefined && norm(r.level4) !== m.level4) return false;
  const column = isFootnote(r.column_text) ? '' : norm(r.column_text);
  if (m.column !== undefined) return column === m.column;
  if (def.basis !== undefined) return FUEL_UNIT_COLUMNS.has(column);
  return column === '';
}

/** Groups one year's matching rows into variants (one per unit), or explains why it cannot. */
function variantsFor(def: KeyDef, rows: readonly PublishedRow[], problems: string[], year: number): FactorVariant[] {
  for (const m of def.match) {
    const hits = rows.filter((r) => matches(m, def, r));
    if (hits.length === 0) continue;
    const byUnit = new Map<string, { v: FactorVariant; values: Record<string, PublishedValue> }>();
    for (const r of hits) {
      const vu = variantUnit(isFootnote(r.column_text) ? '' : r.column_text, r.uom);
      if (vu === undefined) continue;
      if (def.basis !== undefined && vu.basis !== undefined && vu.basis !== def.basis) continue;
      if (def.basis === 'net' && vu.basis === undefined) continue; // net-CV keys carry only the kWh (net) figure
      const gas = gasOf(r.ghg_unit);
      if (gas === undefined) {
        problems.push(`${def.key} ${year}: line ${r.line}: unknown ghg_unit "${r.ghg_unit}"`);
        continue;
      }
      const id = `${vu.unit}/${vu.basis ?? ''}`;
      let entry = byUnit.get(id);
      if (entry === undefined) {
        const values: Record<string, PublishedValue> = {};
        const labels = {
          scope: r.scope, level1: r.level1, level2: r.level2, level3: r.level3, level4: r.level4,
          columnText: isFootnote(r.column_text) ? '' : r.column_text, uom: r.uom,
        };
        entry = { v: { unit: vu.unit, ...(vu.basis ? { basis: vu.basis } : {}), labels, values: values }, values };
        byUnit.set(id, entry);
      }
      if (entry.values[gas] !== undefined) {
        problems.push(`${def.key} ${year}: line ${r.line}: two published ${gas} figures for ${vu.unit}; the matcher is ambiguous`);
        continue;
      }
      entry.values[gas] = {
        kg: r.value, ghgUnit: r.ghg_unit,
        ...(r.column_text !== entry.v.labels.columnText ? { columnText: r.column_text } : {}),
      };
    }
    return [...byUnit.values()].map((e) => e.v);
  }
  return [];
}

export interface BuildResult {
  readonly files: FactorYearFile[];
  readonly problems: string[];
  /** Keys shipped per year. */
  readonly counts: Record<number, number>;
}

export function buildTables(rows: readonly PublishedRow[], editions: EditionsFile): BuildResult {
  const problems: string[] = [];
  const files: FactorYearFile[] = [];
  const counts: Record<number, number> = {};
  const byYear = new Map<number, PublishedRow[]>();
  for (const r of rows) {
    let list = byYear.get(r.year);
    if (!list) byYear.set(r.year, (list = []));
    list.push(r);
  }
  for (const [yearText, edition] of Object.entries(editions.years)) {
    const year = Number(yearText);
    const yearRows = byYear.get(year) ?? [];
    if (yearRows.length === 0) problems.push(`${year}: the source has no rows for this year`);
    const factors: Record<string, FactorVariant[]> = {};
    for (const def of CATALOGUE) {
      const variants = variantsFor(def, yearRows, problems, year);
      const expected = expectedIn(def, year, edition);
      if (variants.length > 0 && !expected) {
        problems.push(`${def.key} ${year}: published, but the catalogue says the ${edition.edition} does not have it (check since/family)`);
      } else if (variants.length === 0 && expected) {
        problems.push(`${def.key} ${year}: not found in the ${edition.edition}, which should have it (check the matcher)`);
      }
      if (variants.length > 0) factors[def.key] = variants;
    }
    counts[year] = Object.keys(factors).length;
    files.push({ publisher: edition.publisher, title: editions.title, year, edition: edition.edition, licence: editions.licence, factors });
  }
  return { files, problems, counts };
}
