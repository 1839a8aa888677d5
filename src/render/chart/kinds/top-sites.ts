/** The largest sites (or any named items), as horizontal bars with their figures at the end. */

import type { TopLevelSpec } from 'vega-lite';
import { formatTco2e } from '../../html/format-uk.js';
import type { Chart, ChartOptions } from '../chart.js';
import { DEFAULT_WIDTH } from '../chart.js';
import { OKABE_ITO } from '../palette.js';
import { CHART_CONFIG } from '../theme.js';

export interface NamedTco2e {
  readonly name: string;
  readonly tco2e: number;
}

export interface TopSitesInput extends ChartOptions {
  readonly rows: readonly NamedTco2e[];
  /** How many bars; default 10. The rest are summed in the notes, not drawn. */
  readonly limit?: number;
  /** Axis title for the names; default "Site". */
  readonly nameTitle?: string;
}

/** Height of one bar's row in pixels, so a list of three is not stretched like a list of ten. */
const ROW_PX = 24;

export function topSitesChart(input: TopSitesInput): Chart {
  // Largest first; equal figures in name order so the output never depends on input order.
  const sorted = [...input.rows].sort((a, b) => b.tco2e - a.tco2e || a.name.localeCompare(b.name, 'en-GB'));
  const limit = input.limit ?? 10;
  const shown = sorted.slice(0, limit);
  const rest = sorted.slice(limit);
  const values = shown.map((r) => ({ name: r.name, tco2e: r.tco2e, label: formatTco2e(r.tco2e) }));
  const nameTitle = input.nameTitle ?? 'Site';
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CHART_CONFIG,
    ...(input.title === undefined ? {} : { title: input.title }),
    width: input.width ?? DEFAULT_WIDTH,
    height: input.height ?? Math.max(1, shown.length) * ROW_PX,
    data: { values },
    encoding: {
      y: { field: 'name', type: 'nominal', title: null, sort: shown.map((r) => r.name), axis: { labelLimit: 200 } },
      x: { field: 'tco2e', type: 'quantitative', title: 'tCO₂e' },
    },
    layer: [
      { mark: { type: 'bar', color: OKABE_ITO.blue } },
      { mark: { type: 'text', align: 'left', dx: 4, fontSize: 12, color: '#333' }, encoding: { text: { field: 'label', type: 'nominal' } } },
    ],
  };
  const table = {
    columns: [{ header: nameTitle }, { header: 'tCO₂e', numeric: true }],
    rows: shown.map((r) => [r.name, formatTco2e(r.tco2e)]),
  };
  const notes =
    rest.length === 0 ? [] : [`${rest.length} more not shown, together ${formatTco2e(rest.reduce((s, r) => s + r.tco2e, 0))} tCO₂e.`];
  const first = shown[0];
  const description =
    first === undefined
      ? 'Bar chart with no figures.'
      : `Horizontal bar chart of the ${shown.length} largest by tCO₂e; the largest is ${first.name} at ${formatTco2e(first.tco2e)} tCO₂e.`;
  return { spec, description, table, notes };
}
