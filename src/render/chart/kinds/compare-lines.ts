/**
 * One measure per organisation over financial years, one line each: intensities (kg CO2e per m²,
 * per WTE, per resident), a share, or tonnes. Lines are told apart by colour and by the shape of
 * their points, so they stay distinct in greyscale and for colour-blind readers; the legend
 * gives every name whole.
 */

import type { TopLevelSpec } from 'vega-lite';
import { formatQuantity, fyLabel } from '../../html/format-uk.js';
import { fyAxis } from '../axes.js';
import type { Chart, ChartOptions } from '../chart.js';
import { DEFAULT_HEIGHT, DEFAULT_WIDTH } from '../chart.js';
import { seriesColour } from '../palette.js';
import { CHART_CONFIG } from '../theme.js';
import { WHOLE_LEGEND } from './legend.js';

export interface YearValue {
  readonly fyStart: number;
  readonly value: number;
}

export interface CompareLine {
  readonly name: string;
  readonly points: readonly YearValue[];
  /** Drawn dashed (e.g. a market-based figure beside the location-based one). */
  readonly dashed?: boolean;
  /** Colour index in the series palette; default the line's position. Keeps an organisation's colour the same across charts. */
  readonly colour?: number;
}

export interface CompareLinesInput extends ChartOptions {
  readonly lines: readonly CompareLine[];
  /** The y axis title, with its unit: "kg CO₂e per m²". */
  readonly yTitle: string;
  /** What a value is, for the table headings and the description: "kg CO₂e per m²". */
  readonly unit: string;
  /** Decimals shown in the table and description; default 1. */
  readonly digits?: number;
}

/** Point shapes, in the order of the series palette. */
const SHAPES = ['circle', 'square', 'triangle-up', 'diamond', 'cross', 'triangle-down', 'circle', 'square'] as const;

export function compareLinesChart(input: CompareLinesInput): Chart {
  const digits = input.digits ?? 1;
  const lines = input.lines.filter((l) => l.points.length > 0);
  const names = lines.map((l) => l.name);
  const colourOf = (l: CompareLine, i: number): number => l.colour ?? i;
  const values = lines.flatMap((l) => [...l.points].sort((a, b) => a.fyStart - b.fyStart).map((p) => ({ series: l.name, fy: p.fyStart, value: p.value })));
  const years = values.map((v) => v.fy);
  // With a dashed line among them, the legend draws each line's stroke, so solid and dashed read
  // apart there too; otherwise it shows each line's colour and point shape.
  const dashes = lines.some((l) => l.dashed === true);
  const legend = dashes ? { ...WHOLE_LEGEND, symbolType: 'stroke', symbolStrokeWidth: 2, symbolSize: 300 } as const : WHOLE_LEGEND;
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CHART_CONFIG,
    ...(input.title === undefined ? {} : { title: input.title }),
    width: input.width ?? DEFAULT_WIDTH,
    height: input.height ?? DEFAULT_HEIGHT,
    data: { values },
    mark: { type: 'line', point: { filled: true, size: 30 } },
    encoding: {
      x: { field: 'fy', type: 'quantitative', scale: { zero: false, nice: false, domain: years.length > 0 ? [Math.min(...years), Math.max(...years)] : [0, 1] }, axis: fyAxis() },
      y: { field: 'value', type: 'quantitative', title: input.yTitle, scale: { zero: true } },
      color: { field: 'series', type: 'nominal', title: null, scale: { domain: names, range: lines.map((l, i) => seriesColour(colourOf(l, i))) }, legend },
      // With dashes, point shapes would take over the legend's symbols; the dash tells lines apart.
      ...(dashes ? {} : { shape: { field: 'series', type: 'nominal', title: null, scale: { domain: names, range: lines.map((l, i) => SHAPES[colourOf(l, i) % SHAPES.length]!) }, legend } }),
      strokeDash: { field: 'series', type: 'nominal', title: null, scale: { domain: names, range: lines.map((l) => (l.dashed === true ? [6, 4] : [1, 0])) }, legend: dashes ? legend : null },
    },
  };
  const allYears = [...new Set(years)].sort((a, b) => a - b);
  const table = {
    columns: [{ header: 'Financial year' }, ...lines.map((l) => ({ header: `${l.name} (${input.unit})`, numeric: true }))],
    rows: allYears.map((fy) => [fyLabel(fy), ...lines.map((l) => {
      const p = l.points.find((q) => q.fyStart === fy);
      return p === undefined ? '' : formatQuantity(p.value, digits);
    })]),
  };
  const description = lines.length === 0
    ? `Line chart with no ${input.unit} figures.`
    : `Line chart of ${input.unit} by financial year: ${lines.map((l) => {
      const sorted = [...l.points].sort((a, b) => a.fyStart - b.fyStart);
      const first = sorted[0]!;
      const last = sorted.at(-1)!;
      return first === last ? `${l.name} ${formatQuantity(first.value, digits)} in ${fyLabel(first.fyStart)}` : `${l.name} from ${formatQuantity(first.value, digits)} in ${fyLabel(first.fyStart)} to ${formatQuantity(last.value, digits)} in ${fyLabel(last.fyStart)}`;
    }).join('; ')}.`;
  return { spec, description, table, notes: [] };
}
