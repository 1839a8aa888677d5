/**
 * The DESNZ "UK local authority and regional greenhouse gas emissions" statistics, long CSV as
 * published: one row per authority, calendar year, sector, sub-sector and gas. Columns are found
 * by what they mean, since their names change between editions:
 *
 * - the 2005–2019 and earlier editions are CO2 only: `LA CO2 Sector`, `LA CO2 Sub-sector`,
 *   `Territorial emissions (kt CO2)`, `Emissions within the scope of influence of LAs (kt CO2)`,
 *   and no gas column;
 * - from the 2005–2020 edition: `LA GHG Sector`, `LA GHG Sub-sector`, `Greenhouse gas`,
 *   `Territorial emissions (kt CO2e)`, and the scope-of-influence column named
 *   `CO2 emissions within the scope of influence of LAs (kt CO2e)`, later `… (kt CO2)` or
 *   `Emissions within the scope of influence of LAs (kt CO2)`.
 *
 * The layouts seen, and where, are listed in tests/fixtures/la-ghg/README.md.
 */

import type { AreaKind, LaGhgBasis } from '../../store/area-store.js';

export type { AreaKind, LaGhgBasis } from '../../store/area-store.js';

export interface LaGhgLayout {
  readonly basis: LaGhgBasis;
  /** The column each field is read from (an index into the header); absent when the file has none. */
  readonly columns: {
    readonly country?: number;
    readonly region?: number;
    readonly secondTier?: number;
    readonly laName: number;
    readonly laCode: number;
    readonly year: number;
    readonly sector: number;
    readonly subsector: number;
    readonly gas?: number;
    readonly territorial: number;
    readonly influence?: number;
    readonly population?: number;
    readonly areaKm2?: number;
  };
  /** The header names as the file gives them, for messages and the summary. */
  readonly headers: { readonly territorial: string; readonly influence: string | null };
}

/** Lower case, letters and digits only, single spaces: `LA GHG Sub - sector` and `la ghg sub-sector` are one name. */
function norm(h: string): string {
  return h.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

type Field = keyof LaGhgLayout['columns'];

/** What each field's header means, tested against the normalised name; the first column to match is taken. */
const MEANINGS: readonly (readonly [Field, (n: string) => boolean])[] = [
  ['laCode', (n) => n === 'local authority code'],
  ['laName', (n) => n === 'local authority'],
  ['secondTier', (n) => n.startsWith('second tier authority')],
  ['country', (n) => n === 'country'],
  ['region', (n) => n === 'region'],
  ['year', (n) => n === 'calendar year' || n === 'year'],
  ['subsector', (n) => /^la (ghg|co2) sub ?sector$/.test(n) || n === 'sub sector'],
  ['sector', (n) => /^la (ghg|co2) sector$/.test(n) || n === 'sector'],
  ['gas', (n) => n === 'greenhouse gas' || n === 'gas'],
  ['territorial', (n) => n.startsWith('territorial emissions')],
  ['influence', (n) => n.includes('scope of influence')],
  ['population', (n) => n.includes('population')],
  ['areaKm2', (n) => n.startsWith('area') && n.includes('km')],
];

const REQUIRED: readonly Field[] = ['laName', 'laCode', 'year', 'sector', 'subsector', 'territorial'];

/** What the required fields are called in the published file, for a message naming what is missing. */
const PUBLISHED_NAME: Readonly<Record<Field, string>> = {
  country: 'Country', region: 'Region', secondTier: 'Second Tier Authority', laName: 'Local Authority', laCode: 'Local Authority Code',
  year: 'Calendar Year', sector: 'LA GHG Sector', subsector: 'LA GHG Sub-sector', gas: 'Greenhouse gas', territorial: 'Territorial emissions (kt CO2e)',
  influence: 'Emissions within the scope of influence of LAs', population: 'Mid-year Population (thousands)', areaKm2: 'Area (km2)',
};

/** Header names that mark the header row (for finding it below a title row). */
export const LA_GHG_EXPECTED_HEADERS = ['Local Authority', 'Local Authority Code', 'Calendar Year', 'LA GHG Sector', 'LA CO2 Sector', 'Territorial emissions (kt CO2e)', 'Territorial emissions (kt CO2)', 'Greenhouse gas'];

/** The layout of a header, or what is missing for it to be the statistics' long CSV. */
export function laGhgLayout(header: readonly string[]): LaGhgLayout | { readonly problem: string } {
  const found = new Map<Field, number>();
  header.forEach((h, i) => {
    const n = norm(h);
    const hit = MEANINGS.find(([field, test]) => !found.has(field) && test(n));
    if (hit) found.set(hit[0], i);
  });
  const missing = REQUIRED.filter((f) => !found.has(f));
  if (missing.length > 0) return { problem: `no column ${missing.map((f) => `"${PUBLISHED_NAME[f]}"`).join(', ')}` };
  const territorialHeader = header[found.get('territorial')!]!;
  const sectorHeader = norm(header[found.get('sector')!]!);
  // CO2 only when the file says so: a CO2 sector column, or emissions in kt CO2 (not CO2e) with no gas column.
  const co2Only = sectorHeader.startsWith('la co2') || (!found.has('gas') && /\bco2\)?\s*$/i.test(territorialHeader.trim()) && !/co2e/i.test(territorialHeader));
  const col = Object.fromEntries(found) as LaGhgLayout['columns'];
  const influence = found.get('influence');
  return { basis: co2Only ? 'co2' : 'ghg', columns: col, headers: { territorial: territorialHeader, influence: influence === undefined ? null : header[influence]! } };
}

/** A GSS code of an area: a country letter and eight digits (E06000058). */
const GSS = /^[EWSN]\d{8}$/;

/**
 * Whether a row is an authority's, a county's, or not an authority's at all. The statistics
 * carry rows for emissions that no authority holds ("Unallocated consumption", "Large elec users
 * (high voltage lines) unknown location"): their code cell is empty. E10 codes are counties:
 * the upper tier over districts, whose own rows the file may also carry.
 */
export function areaKind(code: string): AreaKind {
  if (!GSS.test(code) || NOT_AUTHORITY.test(code)) return 'not-an-authority';
  return code.startsWith('E10') ? 'county' : 'authority';
}

/**
 * GSS entity codes of areas that are not a local authority: countries (E92, W92, S92, N92) and
 * English regions (E12). A row under one is a total of authorities, never an authority's own, so
 * it is kept apart like the rows that have no code.
 */
const NOT_AUTHORITY = /^(?:[EWSN]92|E12)/;

/** A figure cell: a number, or null when the file gives none (blank, or `[x]` where the publication has no estimate). */
export function laGhgFigure(text: string): number | null | 'invalid' {
  const t = text.trim();
  if (t === '' || t === '[x]' || t === '[z]' || t === '-') return null;
  const n = Number(t.replaceAll(',', ''));
  return Number.isFinite(n) ? n : 'invalid';
}

/** The publication's name for an edition: the years it covers, `2005-2022`. */
export function editionName(firstYear: number, lastYear: number): string {
  return `${firstYear}-${lastYear}`;
}

const NAMED_YEARS = /(?:^|\D)((?:19|20)\d{2})[-_ ]+(?:to[-_ ]+)?((?:19|20)?\d{2})(?=\D|$)/i;

/**
 * The edition a published file's name gives: DESNZ names its files for the years they cover,
 * `2005-22-uk-local-authority-ghg-emissions-CSV-dataset.csv`, `2005-19_Local_Authority_CO2_emissions.csv`.
 */
export function editionFromFileName(fileName: string): { readonly edition: string; readonly lastYear: number } | undefined {
  const m = NAMED_YEARS.exec(fileName);
  if (!m) return undefined;
  const first = Number(m[1]);
  const lastText = m[2]!;
  const last = lastText.length === 2 ? Math.floor(first / 100) * 100 + Number(lastText) : Number(lastText);
  return last > first && last - first < 60 ? { edition: editionName(first, last), lastYear: last } : undefined;
}
