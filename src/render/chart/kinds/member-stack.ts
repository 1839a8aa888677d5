/**
 * A system's total in tonnes, year by year, as bars stacked by member: how big the whole is and
 * who makes it up. (Indexed to its baseline, a system's line sits on its largest member's, and a
 * board cannot see the tonnes it is accountable for.) The first and last totals are written
 * above their bars.
 */

import type { TopLevelSpec } from 'vega-lite';
import { formatTco2e, fyLabel } from '../../html/format-uk.js';
import type { Chart, ChartOptions } from '../chart.js';
import { DEFAULT_HEIGHT, DEFAULT_WIDTH } from '../chart.js';
import { seriesColour } from '../palette.js';
import { CHART_CONFIG } from '../theme.js';
import { WHOLE_LEGEND } from './legend.js';

export interface MemberYearTco2e {
  readonly fyStart: number;
  readonly member: string;
  readonly tco2e: number;
}

export interface MemberStackInput extends ChartOptions {
  /** Members in stacking order (bottom first) and legend order. */
  readonly members: readonly string[];
  /** Colour index of each member in the series palette, as in the report's other charts. */
  readonly colours?: readonly number[];
  /** Only years in which every member has a figure: a partial sum would read as a fall. */
  readonly rows: readonly MemberYearTco2e[];
}

export function memberStackChart(input: MemberStackInput): Chart {
  const members = [...input.members];
  const fys = [...new Set(input.rows.map((r) => r.fyStart))].sort((a, b) => a - b);
  const totalOf = (fy: number): number => input.rows.filter((r) => r.fyStart === fy).reduce((s, r) => s + r.tco2e, 0);
  const ends = fys.length === 0 ? [] : [...new Set([fys[0]!, fys.at(-1)!])];
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CHART_CONFIG,
    ...(input.title === undefined ? {} : { title: input.title }),
    width: input.width ?? DEFAULT_WIDTH,
    height: input.height ?? DEFAULT_HEIGHT,
    // Every other year labelled past eight bars: thirteen "2013/14" labels do not fit side by side.
    encoding: { x: { field: 'fy', type: 'ordinal', title: 'Financial year', sort: fys.map(fyLabel), axis: { labelAngle: 0, values: fys.filter((_, i) => fys.length <= 8 || (fys.length - 1 - i) % 2 === 0).map(fyLabel) } } },
    layer: [
      {
        data: { values: input.rows.map((r) => ({ fy: fyLabel(r.fyStart), member: r.member, tco2e: r.tco2e, order: members.indexOf(r.member) })) },
        mark: { type: 'bar' },
        encoding: {
          y: { aggregate: 'sum', field: 'tco2e', type: 'quantitative', title: 'tCO₂e' },
          color: { field: 'member', type: 'nominal', title: null, scale: { domain: members, range: members.map((_, i) => seriesColour(input.colours?.[i] ?? i)) }, legend: WHOLE_LEGEND },
          order: { field: 'order', type: 'quantitative', sort: 'ascending' },
        },
      },
      {
        data: { values: ends.map((fy) => ({ fy: fyLabel(fy), tco2e: totalOf(fy), label: `${formatTco2e(totalOf(fy))} t` })) },
        mark: { type: 'text', dy: -6, fontSize: 12, color: '#333', baseline: 'bottom' },
        encoding: { y: { field: 'tco2e', type: 'quantitative' }, text: { field: 'label', type: 'nominal' } },
      },
    ],
  };
  const cell = (fy: number, m: string): string => {
    const r = input.rows.find((x) => x.fyStart === fy && x.member === m);
    return r === undefined ? '' : formatTco2e(r.tco2e);
  };
  const table = {
    columns: [{ header: 'Financial year' }, ...members.map((m) => ({ header: `${m} (tCO₂e)`, numeric: true })), { header: 'Total (tCO₂e)', numeric: true }],
    rows: fys.map((fy) => [fyLabel(fy), ...members.map((m) => cell(fy, m)), formatTco2e(totalOf(fy))]),
  };
  const description = fys.length === 0
    ? 'Stacked bar chart with no years in which every member has figures.'
    : `Stacked bar chart of the total in tonnes by financial year, split by member (${members.join(', ')}), from ${formatTco2e(totalOf(fys[0]!))} tCO₂e in ${fyLabel(fys[0]!)} to ${formatTco2e(totalOf(fys.at(-1)!))} tCO₂e in ${fyLabel(fys.at(-1)!)}.`;
  return { spec, description, table, notes: [] };
}
