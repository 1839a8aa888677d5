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

/** A year in which what is counted changes (a first survey, a new site): marked with a rule. */
export interface CoverageStep {
  readonly fyStart: number;
  /** Short text at the top of the rule, e.g. "+ staff commuting". */
  readonly label: string;
}

export interface TrajectoryInput extends ChartOptions {
  /** Legend name of the solid line; default "Reported". */
  readonly actualName?: string;
  readonly actual: readonly YearTco2e[];
  readonly pathways?: readonly Pathway[];
  readonly milestones?: readonly Milestone[];
  readonly steps?: readonly CoverageStep[];
  /**
   * How the years are counted: `financial` (2024 is 2024/25, the default) or `calendar` (2024 is
   * 2024). A calendar-year target's figures are labelled as the years they are, never as the
   * financial years they are drawn at.
   */
  readonly years?: 'financial' | 'calendar';
}

export function trajectoryChart(input: TrajectoryInput): Chart {
  const actualName = input.actualName ?? 'Reported';
  const calendar = input.years === 'calendar';
  const yearText = (y: number): string => (calendar ? String(y) : fyLabel(y));
  // A line needs two points: a pathway with fewer draws nothing, so it has no place in the legend either.
  const pathways = (input.pathways ?? []).filter((p) => p.points.length >= 2);
  const steps = input.steps ?? [];
  const milestones = [...(input.milestones ?? [])].sort((a, b) => a.fyStart - b.fyStart);
  const byYear = (a: YearTco2e, b: YearTco2e): number => a.fyStart - b.fyStart;
  const actual = [...input.actual].sort(byYear);
  const lines = [
    ...actual.map((p) => ({ series: actualName, dashed: false, fy: p.fyStart, tco2e: p.tco2e })),
    ...pathways.flatMap((pw) => [...pw.points].sort(byYear).map((p) => ({ series: pw.name, dashed: true, fy: p.fyStart, tco2e: p.tco2e }))),
  ];
  const names = [actualName, ...pathways.map((p) => p.name)];
  const years = [...lines.map((l) => l.fy), ...milestones.map((m) => m.fyStart)];
  const lastYear = years.length > 0 ? Math.max(...years) : 0;
  const top = Math.max(0, ...lines.map((l) => l.tco2e), ...milestones.map((m) => m.tco2e));

  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CHART_CONFIG,
    ...(input.title === undefined ? {} : { title: input.title }),
    width: input.width ?? DEFAULT_WIDTH,
    height: input.height ?? DEFAULT_HEIGHT,
    encoding: {
      x: { field: 'fy', type: 'quantitative', scale: { zero: false, nice: false, domain: years.length > 0 ? [Math.min(...years), Math.max(...years)] : [0, 1] }, axis: calendar ? { title: 'Calendar year', tickMinStep: 1, format: 'd', grid: false, labelAngle: 0, labelOverlap: true } : fyAxis() },
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
        mark: { type: 'point', shape: 'diamond', filled: true, size: 70, color: OKABE_ITO.vermillion },
      },
      // Labels above the point, clear of the lines through it; near the right edge one reads
      // leftwards, to stay in the chart. (Split here, not by a filter: vega fails on a text layer
      // that a filter leaves empty.)
      ...[false, true].flatMap((end) => {
        const values = milestones.filter((m) => (m.fyStart >= lastYear - 2) === end).map((m) => ({ fy: m.fyStart, tco2e: m.tco2e, label: m.label }));
        return values.length === 0 ? [] : [{
          data: { values },
          mark: { type: 'text' as const, align: end ? ('right' as const) : ('left' as const), baseline: 'bottom' as const, dx: end ? -4 : 4, dy: -9, fontSize: 12, color: '#333' },
          encoding: { text: { field: 'label', type: 'nominal' as const } },
        }];
      }),
      // A rule half a year before the first year that counts the new part, from the axis to the top of the data.
      ...(steps.length === 0 ? [] : [{
        data: { values: steps.map((s) => ({ fy: s.fyStart - 0.5, tco2e: top, floor: 0 })) },
        mark: { type: 'rule' as const, strokeDash: [2, 3], color: '#666' },
        encoding: { y: { field: 'floor', type: 'quantitative' as const }, y2: { field: 'tco2e' } },
      }]),
      // Each label on a line of its own, one under another, so neighbouring steps' labels never overlap.
      ...steps.map((s, i) => ({
        data: { values: [{ fy: s.fyStart - 0.5, tco2e: top, label: s.label }] },
        mark: { type: 'text' as const, align: 'left' as const, baseline: 'top' as const, dx: 3, dy: 15 * i, fontSize: 12, color: '#444' },
        encoding: { text: { field: 'label', type: 'nominal' as const } },
      })),
    ],
  };

  const allYears = [...new Set(years)].sort((a, b) => a - b);
  const valueAt = (points: readonly YearTco2e[], fy: number): string => {
    const p = points.find((q) => q.fyStart === fy);
    return p === undefined ? '' : formatTco2e(p.tco2e);
  };
  const table = {
    columns: [{ header: calendar ? 'Calendar year' : 'Financial year' }, { header: `${actualName} (tCO₂e)`, numeric: true }, ...pathways.map((p) => ({ header: `${p.name} (tCO₂e)`, numeric: true })), ...(milestones.length > 0 ? [{ header: 'Milestone' }] : [])],
    rows: allYears.map((fy) => [
      yearText(fy),
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
      : `Line chart of ${actualName.toLowerCase()} emissions by ${calendar ? 'calendar' : 'financial'} year, from ${formatTco2e(first.tco2e)} tCO₂e in ${yearText(first.fyStart)} to ${formatTco2e(last.tco2e)} tCO₂e in ${yearText(last.fyStart)}` +
        (pathways.length > 0 ? `; dashed lines show ${pathways.map((p) => p.name).join(', ')}` : '') +
        (milestones.length > 0 ? `; marked milestones: ${milestones.map((m) => `${m.label} in ${yearText(m.fyStart)}`).join(', ')}` : '') +
        (steps.length > 0 ? `; dotted rules mark where what is counted changes: ${steps.map((s) => `${s.label} from ${yearText(s.fyStart)}`).join(', ')}` : '') +
        '.';
  return { spec, description, table, notes: [] };
}
