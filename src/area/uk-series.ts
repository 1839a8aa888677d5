/**
 * The UK's line beside an area's: the UK's territorial emissions per resident, and indexed to the
 * same base year, from the same edition of the DESNZ local authority statistics.
 *
 * The long CSV has no UK row. Its UK total is the sum of every local authority's rows and the rows
 * no authority holds ("Unallocated consumption", "Large elec users (high voltage lines) unknown
 * location"), which DESNZ publishes so that the authorities and those rows add to the UK's
 * inventory total. So the UK line is drawn only from an edition that holds the whole UK, judged
 * year by year:
 * - every one of Scotland's 32 council areas, Wales's 22 principal areas and Northern Ireland's
 *   11 districts (their numbers since 1996 and 2015; each edition restates its back series on
 *   current boundaries, so the 2015 districts are used for every year);
 * - at least 250 English lower-tier and unitary authorities: England has had between 296 and
 *   326 since 2009, while the largest region, the South East, has under 70, so a file cut to a
 *   region or a handful of neighbours never passes for the whole.
 * A file cut down to some authorities gives no UK line, and the report says so, rather than a
 * "UK" that is only the part of it imported.
 *
 * What is summed: authorities' rows (never a county's, whose districts are already in; never a
 * country or region total row, kept apart with the rows that have no code), and the rows with no
 * code. Population is each authority's mid-year figure, taken once for its year (it repeats on
 * every row) and summed. Units as area-series.ts: kt × 1000 = t; t per resident = kt ÷ thousands.
 */

import type { LaGhgBasis } from '../map/la-ghg/layout.js';
import type { Ledger } from '../store/ledger.js';

/** Authorities a whole-UK edition holds in each nation, at least (see above). */
export const UK_COVERAGE: Readonly<Record<'E' | 'W' | 'S' | 'N', number>> = { E: 250, W: 22, S: 32, N: 11 };

const NATION_NAMES: Readonly<Record<'E' | 'W' | 'S' | 'N', string>> = { E: 'England', W: 'Wales', S: 'Scotland', N: 'Northern Ireland' };

export interface UkYear {
  readonly year: number;
  readonly territorialTCo2e: number;
  /** Of which, rows that no authority holds. */
  readonly unallocatedTCo2e: number;
  readonly populationThousands: number;
  readonly tPerResident: number | null;
  /** 100 × this year's territorial total ÷ the base year's, as an area's index is; null without the base year. */
  readonly index: number | null;
  /** Authorities summed. */
  readonly authorities: number;
  /** Rows summed, authorities' and unallocated. */
  readonly rows: number;
}

export interface UkSeries {
  readonly batchId: number;
  readonly edition: string;
  readonly basis: LaGhgBasis;
  readonly baseYear: number | null;
  /** Years the edition holds the whole UK for; the others are in `partialYears`. */
  readonly years: readonly UkYear[];
  readonly partialYears: readonly number[];
}

/** Why there is no UK line, in words for a reader. */
export interface UkMissing {
  readonly reason: string;
}

interface YearCount {
  readonly year: number;
  readonly nation: string;
  readonly authorities: number;
}

interface YearSum {
  readonly year: number;
  readonly territorialKt: number | null;
  readonly unallocatedKt: number | null;
  readonly rows: number;
}

interface YearPopulation {
  readonly year: number;
  readonly populationThousands: number | null;
}

/**
 * The UK series of one import of the statistics (the one an area's figures come from), or why
 * there is none: the import does not hold the whole UK in any year.
 */
export function ukSeries(ledger: Ledger, batch: { readonly batchId: number; readonly edition: string; readonly basis: LaGhgBasis }, baseYear: number | null): UkSeries | UkMissing {
  const counts = ledger.select<YearCount>(`SELECT calendar_year AS year, substr(la_code, 1, 1) AS nation, COUNT(DISTINCT la_code) AS authorities
    FROM la_ghg_figures WHERE batch_id = ? AND area_kind = 'authority' GROUP BY calendar_year, substr(la_code, 1, 1)`, [batch.batchId]);
  const byYear = new Map<number, Map<string, number>>();
  for (const c of counts) {
    const m = byYear.get(c.year) ?? new Map<string, number>();
    m.set(c.nation, c.authorities);
    byYear.set(c.year, m);
  }
  const whole = (m: Map<string, number>): boolean => (Object.keys(UK_COVERAGE) as (keyof typeof UK_COVERAGE)[]).every((n) => (m.get(n) ?? 0) >= UK_COVERAGE[n]);
  const wholeYears = [...byYear].filter(([, m]) => whole(m)).map(([y]) => y).sort((a, b) => a - b);
  const partialYears = [...byYear.keys()].filter((y) => !wholeYears.includes(y)).sort((a, b) => a - b);
  if (wholeYears.length === 0) {
    const last = [...byYear].sort(([a], [b]) => b - a)[0];
    const held = last === undefined ? 'no authority' : (Object.keys(UK_COVERAGE) as (keyof typeof UK_COVERAGE)[]).map((n) => `${String(last[1].get(n) ?? 0)} in ${NATION_NAMES[n]}`).join(', ');
    return { reason: `the imported edition (${batch.edition}) does not hold the whole UK, so its UK total cannot be formed: it holds ${held}${last === undefined ? '' : ` in ${String(last[0])}`}, where the UK has ${String(UK_COVERAGE.S)} council areas in Scotland, ${String(UK_COVERAGE.W)} in Wales, ${String(UK_COVERAGE.N)} districts in Northern Ireland and about 300 authorities in England. Import the statistics' full file for the UK line` };
  }
  const sums = new Map(ledger.select<YearSum>(`SELECT calendar_year AS year,
      SUM(CASE WHEN area_kind = 'authority' THEN territorial_kt END) AS territorialKt,
      SUM(CASE WHEN area_kind = 'not-an-authority' THEN territorial_kt END) AS unallocatedKt,
      COUNT(*) AS rows
    FROM la_ghg_figures WHERE batch_id = ? AND (area_kind = 'authority' OR (area_kind = 'not-an-authority' AND NOT ${TOTAL_ROW}))
    GROUP BY calendar_year`, [batch.batchId]).map((s) => [s.year, s]));
  const pops = new Map(ledger.select<YearPopulation>(`SELECT year, SUM(p) AS populationThousands FROM
      (SELECT calendar_year AS year, la_code, MAX(population_thousands) AS p FROM la_ghg_figures WHERE batch_id = ? AND area_kind = 'authority' GROUP BY calendar_year, la_code)
    GROUP BY year`, [batch.batchId]).map((p) => [p.year, p.populationThousands]));
  const drafts = wholeYears.map((year) => {
    const s = sums.get(year);
    const kt = (s?.territorialKt ?? 0) + (s?.unallocatedKt ?? 0);
    const pop = pops.get(year) ?? 0;
    const nations = byYear.get(year)!;
    return {
      year, territorialTCo2e: kt * 1000, unallocatedTCo2e: (s?.unallocatedKt ?? 0) * 1000, populationThousands: pop,
      tPerResident: pop > 0 ? kt / pop : null, authorities: [...nations.values()].reduce((a, b) => a + b, 0), rows: s?.rows ?? 0,
    };
  });
  const base = drafts.find((d) => d.year === baseYear);
  return {
    batchId: batch.batchId, edition: batch.edition, basis: batch.basis, baseYear: base === undefined ? null : base.year, partialYears,
    years: drafts.map((d) => ({ ...d, index: base === undefined || base.territorialTCo2e === 0 ? null : (100 * d.territorialTCo2e) / base.territorialTCo2e })),
  };
}

/**
 * A row under a country or region code (E92, E12 …) is a total of authorities: the import keeps it
 * apart with the rows that have no code, and stores no code for either. A total is named for its
 * country or region (the name its Country or Region cell gives, or a nation's or the UK's own), a
 * name no unallocated row has; so a row kept apart whose name is one of those is a total and is
 * never summed, and every other is a row no authority holds, which is.
 */
const TOTAL_ROW = `(la_name = COALESCE(country, '') OR la_name = COALESCE(region, '') OR lower(la_name) IN ('england', 'wales', 'scotland', 'northern ireland', 'united kingdom', 'uk', 'great britain'))`;

export function isUkMissing(u: UkSeries | UkMissing): u is UkMissing {
  return 'reason' in u;
}
