/** Emissions by financial year against the pathways to a target, with milestones marked. */

import type { TopLevelSpec } from 'vega-lite';
import { formatTco2e, fyLabel } from '../../html/format-uk.js';
import { fyAxis } from '../axes.js';
import type { Chart, ChartOptions } from '../chart.js';
import { DEFAULT_HEIGHT, DEFAULT_WIDTH } from '../chart.js';
import { OKABE_ITO, seriesColour } from '../palette.js';
import { CHART_CONFIG } from '../theme.js';

export interface YearTco2e {
  /** The calendar year the financial year starts in: 2024 for 2024/25. */
  readonly fyStart: number;
  readonly tco2e: number;
}

/** A dashed line: a target pathway or a projection. */
export interface Pathway {
  readonly name: string;
  readonly points: readonly YearTco2e[];
}

export interface Milestone extends YearTco2e {
  /** Short text beside the point, e.g. "−80% by 2032/33". */
  readonly label: string;
}

export interface TrajectoryInput extends ChartOptions {
  /** Legend name of the solid line; default "Reported". */
  readonly actualName?: string;
  readonly actual: readonly YearTco2e[];
  readonly pathways?: readonly Pathway[];
  readonly milestones?: readonly Milestone[];
}

export function trajectoryChart(input: TrajectoryInput): Chart {
  const actualName = input.actualName ?? 'Reported';
  const pathways = input.pathways ?? [];
  const milestones = [...(input.milestones ?? [])].sort((a, b) => a.fyStart - b.fyStart);
  const byYear = (a: YearTco2e, b: YearTco2e): number => a.fyStart - b.fyStart;
  const actual = [...input.actual].sort(byYear);
  const lines = [
    ...actual.map((p) => ({ series: actualName, dashed: false, fy: p.fyStart, tco2e: p.tco2e })),
    ...pathways.flatMap((pw) => [...pw.points].sort(byYear).map((p) => ({ series: pw.name, dashed: true, fy: p.fyStart, tco2e: p.tco2e }))),
  ];
  const names = [actualName, ...pathways.map((p) => p.name)];
  const years = [...lines.map((l) => l.fy), ...milestones.map((m) => m.fyStart)];

  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CHART_CONFIG,
    ...(input.title === undefined ? {} : { title: input.title }),
    width: input.width ?? DEFAULT_WIDTH,
    height: input.height ?? DEFAULT_HEIGHT,
    encoding: {
      x: { field: 'fy', type: 'quantitative', scale: { zero: false, nice: false, domain: years.length > 0 ? [Math.min(...years), Math.max(...years)] : [0, 1] }, axis: fyAxis() },
      y: { field: 'tco2e', type: 'quantitative', title: 'tCO₂e', scale: { zero: true } },
    },
    layer: [
      {
        data: { values: lines },
        mark: { type: 'line' },
        encoding: {
          color: { field: 'series', type: 'nominal', title: null, scale: { domain: names, range: [OKABE_ITO.black, ...pathways.map((_, i) => seriesColour(i))] } },
          strokeDash: { field: 'dashed', type: 'nominal', legend: null, scale: { domain: [false, true], range: [[1, 0], [6, 4]] } },
        },
      },
      {
        data: { values: lines.filter((l) => !l.dashed) },
        mark: { type: 'point', filled: true, size: 30, color: OKABE_ITO.black },
      },
      {
        data: { values: milestones.map((m) => ({ fy: m.fyStart, tco2e: m.tco2e, label: m.label })) },
        layer: [
          { mark: { type: 'point', shape: 'diamond', filled: true, size: 70, color: OKABE_ITO.vermillion } },
          { mark: { type: 'text', align: 'left', dx: 6, dy: -8, fontSize: 10, color: '#333' }, encoding: { text: { field: 'label', type: 'nominal' } } },
        ],
      },
    ],
  };

  const allYears = [...new Set(years)].sort((a, b) => a - b);
  const valueAt = (points: readonly YearTco2e[], fy: number): string => {
    const p = points.find((q) => q.fyStart === fy);
    return p === undefined ? '' : formatTco2e(p.tco2e);
  };
  const table = {
    columns: [{ header: 'Financial year' }, { header: `${actualName} (tCO₂e)`, numeric: true }, ...pathways.map((p) => ({ header: `${p.name} (tCO₂e)`, numeric: true })), ...(milestones.length > 0 ? [{ header: 'Milestone' }] : [])],
    rows: allYears.map((fy) => [
      fyLabel(fy),
      valueAt(actual, fy),
      ...pathways.map((p) => valueAt(p.points, fy)),
      ...(milestones.length > 0 ? [milestones.filter((m) => m.fyStart === fy).map((m) => `${m.label} (${formatTco2e(m.tco2e)})`).join('; ')] : []),
    ]),
  };

  const first = actual[0];
  const last = actual.at(-1);
  const description =
    first === undefined || last === undefined
      ? `Line chart with no ${actualName.toLowerCase()} figures.`
      : `Line chart of ${actualName.toLowerCase()} emissions by financial year, from ${formatTco2e(first.tco2e)} tCO₂e in ${fyLabel(first.fyStart)} to ${formatTco2e(last.tco2e)} tCO₂e in ${fyLabel(last.fyStart)}` +
        (pathways.length > 0 ? `; dashed lines show ${pathways.map((p) => p.name).join(', ')}` : '') +
        (milestones.length > 0 ? `; marked milestones: ${milestones.map((m) => `${m.label} in ${fyLabel(m.fyStart)}`).join(', ')}` : '') +
        '.';
  return { spec, description, table, notes: [] };
}
