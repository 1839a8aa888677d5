/** Emissions per financial year, stacked by category (scope, source), in the fixed source colours. */

import type { TopLevelSpec } from 'vega-lite';
import { formatTco2e, fyLabel } from '../../html/format-uk.js';
import type { Chart, ChartOptions } from '../chart.js';
import { DEFAULT_HEIGHT, DEFAULT_WIDTH } from '../chart.js';
import { orderSources, sourceColour } from '../palette.js';
import { CHART_CONFIG } from '../theme.js';

export interface CategoryYearTco2e {
  readonly fyStart: number;
  /** A source (`electricity`, `gas`, …) or a scope (`Scope 1`); colours follow `sourceColour`. */
  readonly category: string;
  readonly tco2e: number;
}

export interface StackedByYearInput extends ChartOptions {
  readonly rows: readonly CategoryYearTco2e[];
  /** Legend title; default none. */
  readonly categoryTitle?: string;
  /** Stacking and legend order; default the fixed source order (`orderSources`). */
  readonly categoryOrder?: readonly string[];
}

/**
 * A category below this share of every year's total is a sliver no reader can see or pick out by
 * colour: it is left out of the bars and the legend, named in a note, and kept in the table.
 */
export const MIN_VISIBLE_SHARE = 0.015;

export function stackedByYearChart(input: StackedByYearInput): Chart {
  const categories = input.categoryOrder ? [...input.categoryOrder] : orderSources(input.rows.map((r) => r.category));
  const fys = [...new Set(input.rows.map((r) => r.fyStart))].sort((a, b) => a - b);
  const yearTotal = new Map<number, number>();
  for (const r of input.rows) yearTotal.set(r.fyStart, (yearTotal.get(r.fyStart) ?? 0) + Math.max(0, r.tco2e));
  const shareIn = (r: CategoryYearTco2e): number => { const t = yearTotal.get(r.fyStart) ?? 0; return t > 0 ? r.tco2e / t : 0; };
  const tooSmall = categories.filter((c) => input.rows.filter((r) => r.category === c).every((r) => shareIn(r) < MIN_VISIBLE_SHARE));
  const drawn = categories.filter((c) => !tooSmall.includes(c));
  const values = input.rows.filter((r) => drawn.includes(r.category)).map((r) => ({ fy: fyLabel(r.fyStart), category: r.category, tco2e: r.tco2e, order: drawn.indexOf(r.category) }));
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CHART_CONFIG,
    ...(input.title === undefined ? {} : { title: input.title }),
    width: input.width ?? DEFAULT_WIDTH,
    height: input.height ?? DEFAULT_HEIGHT,
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'fy', type: 'ordinal', title: 'Financial year', sort: fys.map(fyLabel), axis: { labelAngle: 0 } },
      y: { aggregate: 'sum', field: 'tco2e', type: 'quantitative', title: 'tCO₂e' },
      color: { field: 'category', type: 'nominal', title: input.categoryTitle ?? null, scale: { domain: drawn, range: drawn.map(sourceColour) } },
      // Lowest order at the bottom of the stack, matching the legend read left to right.
      order: { field: 'order', type: 'quantitative', sort: 'ascending' },
    },
  };
  const cell = (fy: number, category: string): number | undefined => {
    const matching = input.rows.filter((r) => r.fyStart === fy && r.category === category);
    return matching.length === 0 ? undefined : matching.reduce((s, r) => s + r.tco2e, 0);
  };
  const table = {
    columns: [{ header: 'Financial year' }, ...categories.map((c) => ({ header: `${c} (tCO₂e)`, numeric: true })), { header: 'Total (tCO₂e)', numeric: true }],
    rows: fys.map((fy) => {
      const cells = categories.map((c) => cell(fy, c));
      const total = cells.reduce<number>((s, v) => s + (v ?? 0), 0);
      return [fyLabel(fy), ...cells.map((v) => (v === undefined ? '' : formatTco2e(v))), formatTco2e(total)];
    }),
  };
  const description =
    fys.length === 0
      ? 'Stacked bar chart with no figures.'
      : `Stacked bar chart of emissions by financial year from ${fyLabel(fys[0]!)} to ${fyLabel(fys.at(-1)!)}, split into ${categories.join(', ')}.`;
  const notes = tooSmall.length === 0 ? [] : [`${tooSmall.join(', ')} ${tooSmall.length === 1 ? 'is' : 'are'} under ${String(MIN_VISIBLE_SHARE * 100)}% of every year's total, too small to see in the bars: ${tooSmall.length === 1 ? 'its figures are' : 'their figures are'} in the table.`];
  return { spec, description, table, notes };
}
