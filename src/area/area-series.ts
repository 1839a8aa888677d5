/**
 * An area's trajectory from the DESNZ local authority statistics: for each authority and
 * calendar year, the territorial total, the total within the scope of influence of local
 * authorities, the sectors (and sub-sectors), per resident, per km² and indexed to a base year.
 *
 * Each authority is read on its own from the import whose edition counts for it (see
 * store/area-store.ts); nothing is ever added across authorities, so a county and its districts,
 * or rows that are not an authority ("Unallocated consumption"), never meet in a total.
 *
 * Units: the statistics give kilotonnes (kt CO2e; kt CO2 in a CO2-only edition) and population
 * in thousands; figures here are tonnes: t = kt × 1000, t per resident = kt ÷ thousands of people.
 */

import { UserError } from '../kernel/errors.js';
import type { LaGhgBasis } from '../map/la-ghg/layout.js';
import { basisLabel } from '../import/import-la-ghg.js';
import { authorityFigures, countingImport, type StoredAreaFigure } from '../store/area-store.js';
import type { Ledger } from '../store/ledger.js';

export type AreaBreakdown = 'sector' | 'subsector';

export interface AreaQuery {
  readonly codes: readonly string[];
  /** The year indexed to 100; default each authority's earliest year. */
  readonly baseYear?: number;
  readonly by?: AreaBreakdown;
  /** Per resident, per km², index and breakdown drawn on the within-influence figures instead of the territorial ones. */
  readonly influence?: boolean;
}

export interface AreaPart {
  readonly sector: string;
  /** With `by: 'subsector'`. */
  readonly subsector?: string;
  readonly tCo2e: number;
}

export interface AreaYear {
  readonly year: number;
  readonly territorialTCo2e: number;
  /** Null when the edition gives no scope-of-influence figures. */
  readonly influenceTCo2e: number | null;
  readonly populationThousands: number | null;
  readonly areaKm2: number | null;
  /** Of the figure the measures are drawn on (territorial, or within influence with `influence`). */
  readonly tPerResident: number | null;
  readonly tPerKm2: number | null;
  /** 100 × this year ÷ the base year; null when the base year is not held. */
  readonly index: number | null;
  readonly parts: readonly AreaPart[];
  /** Rows summed, and the first and last source line: where the figure comes from. */
  readonly trace: { readonly rows: number; readonly firstLine: number; readonly lastLine: number };
}

export interface AreaSeries {
  readonly laCode: string;
  readonly laName: string;
  readonly kind: 'authority' | 'county';
  readonly secondTier: string | null;
  readonly edition: string;
  readonly basis: LaGhgBasis;
  readonly basisLabel: string;
  readonly batchId: number;
  readonly file: string;
  readonly baseYear: number | null;
  readonly measure: 'territorial' | 'influence';
  readonly years: readonly AreaYear[];
}

export interface AreaWarning {
  readonly code: string;
  readonly message: string;
}

export interface AreaReport {
  readonly series: readonly AreaSeries[];
  readonly warnings: readonly AreaWarning[];
}

const GSS = /^[EWSN]\d{8}$/;

export function areaReport(ledger: Ledger, q: AreaQuery): AreaReport {
  const warnings: AreaWarning[] = [];
  const series: AreaSeries[] = [];
  for (const raw of q.codes) {
    const code = raw.trim().toUpperCase();
    if (!GSS.test(code)) throw new UserError('la_code_invalid', `"${raw}" is not a local authority GSS code.`, 'Give the code as the statistics do: a letter E, W, S or N and eight digits, e.g. --la E06000058.');
    // The greenhouse gas editions first; an authority held only in a CO2-only edition is shown on that basis, labelled.
    const held = countingImport(ledger, code, 'ghg') ?? countingImport(ledger, code, 'co2');
    if (held === undefined) {
      warnings.push({ code: 'la_not_held', message: `${code}: no imported edition of the local authority greenhouse gas statistics holds this authority; import one with \`tco2e import la-ghg FILE\`.` });
      continue;
    }
    const figures = authorityFigures(ledger, code, held.batchId);
    const s = seriesOf(code, figures, held, q);
    if (s.basis === 'co2') warnings.push({ code: 'la_co2_only', message: `${code}: the edition held (${s.edition}) is CO2 only; its figures leave out methane and nitrous oxide and are not comparable with a greenhouse gas edition's.` });
    if (q.baseYear !== undefined && !s.years.some((y) => y.year === q.baseYear)) warnings.push({ code: 'la_base_missing', message: `${code}: the edition held has no ${q.baseYear}: no index is given.` });
    series.push(s);
  }
  if (series.length === 0 && q.codes.length > 0) {
    throw new UserError('la_none_held', `None of ${q.codes.join(', ')} is in an imported edition of the local authority greenhouse gas statistics.`, 'Import the statistics with `tco2e import la-ghg FILE`, and check the codes (e.g. E06000058 for Bournemouth, Christchurch and Poole).');
  }
  return { series, warnings };
}

function seriesOf(code: string, figures: readonly StoredAreaFigure[], held: { batchId: number; edition: string; fileName: string }, q: AreaQuery): AreaSeries {
  const byYear = new Map<number, StoredAreaFigure[]>();
  for (const f of figures) {
    const list = byYear.get(f.year);
    if (list) list.push(f);
    else byYear.set(f.year, [f]);
  }
  const influence = q.influence === true;
  const drafts = [...byYear].sort(([a], [b]) => a - b).map(([year, rows]) => yearOf(year, rows, q.by, influence));
  const baseYear = q.baseYear ?? drafts[0]?.year ?? null;
  const base = drafts.find((y) => y.year === baseYear);
  const baseValue = base === undefined ? null : (influence ? base.influenceTCo2e : base.territorialTCo2e);
  const years = drafts.map((y) => {
    const v = influence ? y.influenceTCo2e : y.territorialTCo2e;
    return { ...y, index: baseValue === null || baseValue === 0 || v === null ? null : (100 * v) / baseValue };
  });
  const first = figures[0]!;
  return {
    laCode: code, laName: first.laName, kind: first.areaKind === 'county' ? 'county' : 'authority', secondTier: first.secondTier,
    edition: held.edition, basis: first.basis, basisLabel: basisLabel(first.basis), batchId: held.batchId, file: held.fileName,
    baseYear: base === undefined ? (q.baseYear ?? null) : base.year, measure: influence ? 'influence' : 'territorial', years,
  };
}

function yearOf(year: number, rows: readonly StoredAreaFigure[], by: AreaBreakdown | undefined, influence: boolean): AreaYear {
  let territorialKt = 0;
  let influenceKt: number | null = null;
  let population: number | null = null;
  let area: number | null = null;
  const parts = new Map<string, AreaPart>();
  for (const r of rows) {
    territorialKt += r.territorialKt ?? 0;
    if (r.influenceKt !== null) influenceKt = (influenceKt ?? 0) + r.influenceKt;
    // Population and area repeat on every row of an authority's year: taken once, never summed.
    population ??= r.populationThousands;
    area ??= r.areaKm2;
    if (by !== undefined) {
      const key = by === 'subsector' ? `${r.sector}\u0000${r.subsector}` : r.sector;
      const kt = (influence ? r.influenceKt : r.territorialKt) ?? 0;
      const seen = parts.get(key);
      parts.set(key, { sector: r.sector, ...(by === 'subsector' ? { subsector: r.subsector } : {}), tCo2e: (seen?.tCo2e ?? 0) + kt * 1000 });
    }
  }
  const measured = influence ? influenceKt : territorialKt;
  return {
    year,
    territorialTCo2e: territorialKt * 1000,
    influenceTCo2e: influenceKt === null ? null : influenceKt * 1000,
    populationThousands: population,
    areaKm2: area,
    tPerResident: measured === null || population === null || population === 0 ? null : measured / population,
    tPerKm2: measured === null || area === null || area === 0 ? null : (measured * 1000) / area,
    index: null,
    parts: [...parts.values()].sort((a, b) => a.sector.localeCompare(b.sector) || (a.subsector ?? '').localeCompare(b.subsector ?? '')),
    trace: { rows: rows.length, firstLine: Math.min(...rows.map((r) => r.line)), lastLine: Math.max(...rows.map((r) => r.line)) },
  };
}
