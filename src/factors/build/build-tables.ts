/**
 * Builds tco2e's factor tables from the publication's figures in its flat-file layout (one row per
 * published value, from one or more files). Pure: takes the parsed rows and the editions table,
 * returns the year files and any problems.
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
  /** null where the publication prints text instead of a figure (`< 1` for some refrigerants). */
  readonly value: number | null;
  /** The source file, for error messages; '' when not named. */
  readonly file: string;
  /** 1-based line in the source file. */
  readonly line: number;
}

/** Where a row is, for error messages. */
function at(r: PublishedRow): string {
  return r.file === '' ? `line ${r.line}` : `${r.file}:${r.line}`;
}

export interface EditionInfo {
  readonly publisher: string;
  readonly edition: string;
  readonly excludes: readonly string[];
  /** Families read from another edition of the same year's publication, and that edition. */
  readonly readFrom?: Readonly<Record<string, string>>;
}

export interface EditionsFile {
  readonly title: string;
  readonly licence: string;
  readonly years: Readonly<Record<string, EditionInfo>>;
}

export function expectedIn(def: KeyDef, year: number, edition: EditionInfo): boolean {
  if (def.since !== undefined && year < def.since) return false;
  if (def.until !== undefined && year > def.until) return false;
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
function variantsFor(def: KeyDef, rows: readonly PublishedRow[], problems: string[], year: number, edition: string | undefined): FactorVariant[] {
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
        problems.push(`${def.key} ${year}: ${at(r)}: unknown ghg_unit "${r.ghg_unit}"`);
        continue;
      }
      if (r.value === null) {
        problems.push(`${def.key} ${year}: ${at(r)}: published as text, not a figure`);
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
        const v: FactorVariant = { unit: vu.unit, ...(vu.basis ? { basis: vu.basis } : {}), ...(edition === undefined ? {} : { edition }), labels, values };
        entry = { v, values };
        byUnit.set(id, entry);
      }
      if (entry.values[gas] !== undefined) {
        problems.push(`${def.key} ${year}: ${at(r)}: two published ${gas} figures for ${vu.unit}; the matcher is ambiguous`);
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

const FAMILIES: ReadonlySet<string> = new Set(CATALOGUE.map((d) => d.family));

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
    for (const family of Object.keys(edition.readFrom ?? {})) {
      if (!FAMILIES.has(family)) problems.push(`${year}: readFrom names "${family}", which is not a family of any key`);
    }
    const factors: Record<string, FactorVariant[]> = {};
    for (const def of CATALOGUE) {
      const variants = variantsFor(def, yearRows, problems, year, edition.readFrom?.[def.family]);
      const expected = expectedIn(def, year, edition);
      if (variants.length > 0 && !expected) {
        problems.push(`${def.key} ${year}: published, but the catalogue says the ${edition.edition} does not have it (check since/until/absentIn/family)`);
      } else if (variants.length === 0 && expected) {
        problems.push(`${def.key} ${year}: not found in the ${edition.edition}, which should have it (check the matcher and since/until/absentIn)`);
      }
      if (variants.length > 0) factors[def.key] = variants;
    }
    counts[year] = Object.keys(factors).length;
    files.push({ publisher: edition.publisher, title: editions.title, year, edition: edition.edition, licence: editions.licence, factors });
  }
  return { files, problems, counts };
}
