/**
 * Organisations of very different size on one chart: each series divided by its own baseline
 * year, so the baseline reads 100 and a fall to 72 is a 28% reduction whatever the size. Lines
 * differ in colour and point shape; the legend gives every name whole.
 */

import type { TopLevelSpec } from 'vega-lite';
import { formatQuantity, fyLabel } from '../../html/format-uk.js';
import { fyAxis } from '../axes.js';
import type { Chart, ChartOptions } from '../chart.js';
import { DEFAULT_HEIGHT, DEFAULT_WIDTH } from '../chart.js';
import { NEUTRAL_GREY, seriesColour } from '../palette.js';
import { CHART_CONFIG } from '../theme.js';
import type { YearTco2e } from './trajectory.js';
import { WHOLE_LEGEND } from './legend.js';

/** Point shapes, in the order of the series palette. */
const SHAPES = ['circle', 'square', 'triangle-up', 'diamond', 'cross', 'triangle-down', 'circle', 'square'] as const;

export interface IndexedSeries {
  readonly name: string;
  /** The year that reads 100. */
  readonly baselineFyStart: number;
  readonly points: readonly YearTco2e[];
  /** Colour index in the series palette; default the series' position. Keeps an organisation's colour the same across charts. */
  readonly colour?: number;
}

export interface IndexedLinesInput extends ChartOptions {
  readonly series: readonly IndexedSeries[];
}

export function indexedLinesChart(input: IndexedLinesInput): Chart {
  const notes: string[] = [];
  const usable = input.series.flatMap((s) => {
    const base = s.points.find((p) => p.fyStart === s.baselineFyStart);
    if (base === undefined || base.tco2e <= 0) {
      notes.push(`${s.name}: no figure above zero for its baseline year ${fyLabel(s.baselineFyStart)}, so it is not shown.`);
      return [];
    }
    const points = [...s.points].sort((a, b) => a.fyStart - b.fyStart).map((p) => ({ fy: p.fyStart, index: (p.tco2e / base.tco2e) * 100 }));
    return [{ name: s.name, baselineFyStart: s.baselineFyStart, points, colour: s.colour }];
  });
  const names = usable.map((s) => s.name);
  const values = usable.flatMap((s) => s.points.map((p) => ({ series: s.name, fy: p.fy, index: p.index })));
  const years = values.map((v) => v.fy);
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CHART_CONFIG,
    ...(input.title === undefined ? {} : { title: input.title }),
    width: input.width ?? DEFAULT_WIDTH,
    height: input.height ?? DEFAULT_HEIGHT,
    layer: [
      {
        data: { values: [{ index: 100 }] },
        mark: { type: 'rule', color: NEUTRAL_GREY, strokeDash: [4, 3] },
        encoding: { y: { field: 'index', type: 'quantitative' } },
      },
      {
        data: { values },
        mark: { type: 'line', point: { filled: true, size: 25 } },
        encoding: {
          x: { field: 'fy', type: 'quantitative', scale: { zero: false, nice: false, domain: years.length > 0 ? [Math.min(...years), Math.max(...years)] : [0, 1] }, axis: fyAxis() },
          y: { field: 'index', type: 'quantitative', title: 'Index (baseline = 100)', scale: { zero: true } },
          color: { field: 'series', type: 'nominal', title: null, scale: { domain: names, range: usable.map((s, i) => seriesColour(s.colour ?? i)) }, legend: WHOLE_LEGEND },
          shape: { field: 'series', type: 'nominal', title: null, scale: { domain: names, range: usable.map((s, i) => SHAPES[(s.colour ?? i) % SHAPES.length]!) }, legend: WHOLE_LEGEND },
        },
      },
    ],
  };
  const allYears = [...new Set(years)].sort((a, b) => a - b);
  const table = {
    columns: [{ header: 'Financial year' }, ...usable.map((s) => ({ header: `${s.name} (${fyLabel(s.baselineFyStart)} = 100)`, numeric: true }))],
    rows: allYears.map((fy) => [
      fyLabel(fy),
      ...usable.map((s) => {
        const p = s.points.find((q) => q.fy === fy);
        return p === undefined ? '' : formatQuantity(p.index, 1);
      }),
    ]),
  };
  const description =
    usable.length === 0
      ? 'Line chart with no series that have a baseline.'
      : `Line chart of emissions indexed to each organisation's baseline (= 100): ${usable
          .map((s) => {
            const last = s.points.at(-1)!;
            return `${s.name} ${formatQuantity(last.index, 1)} in ${fyLabel(last.fy)} against ${fyLabel(s.baselineFyStart)}`;
          })
          .join('; ')}.`;
  return { spec, description, table, notes };
}
