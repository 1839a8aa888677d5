/**
 * Small multiples: one small panel per organisation, each with its reported emissions on its own
 * target's boundary and that target's required pathway, dashed, to the target year. Each panel
 * has its own scales (an ICS and a clinic differ a hundredfold), so panels are compared by the
 * gap between the two lines, never by height; the page says so.
 */

import type { TopLevelSpec } from 'vega-lite';
import { formatTco2e, fyLabel } from '../../html/format-uk.js';
import { fyAxis } from '../axes.js';
import type { Chart } from '../chart.js';
import { OKABE_ITO } from '../palette.js';
import { CHART_CONFIG } from '../theme.js';
import { WHOLE_LEGEND, wrapWords } from './legend.js';
import type { YearTco2e } from './trajectory.js';

export interface Panel {
  /** The panel's heading: the organisation. */
  readonly name: string;
  /** Under the heading: the target drawn. */
  readonly subtitle: string;
  readonly actual: readonly YearTco2e[];
  readonly pathway: readonly YearTco2e[];
}

export interface PathwayPanelsInput {
  readonly panels: readonly Panel[];
  /** Legend names of the two lines. */
  readonly actualName?: string;
  readonly pathwayName?: string;
  /** Panels a row; default 2. */
  readonly columns?: number;
  /** Plot area of one panel in CSS pixels. */
  readonly panelWidth?: number;
  readonly panelHeight?: number;
}

export function pathwayPanelsChart(input: PathwayPanelsInput): Chart {
  const actualName = input.actualName ?? 'Reported';
  const pathwayName = input.pathwayName ?? 'Required pathway';
  const width = input.panelWidth ?? 240;
  const height = input.panelHeight ?? 140;
  // About 7 px a character in the 12 px bold heading and 5.5 px in the 10 px subtitle: lines
  // that fit the panel, so no name is cut short.
  const titleChars = Math.floor(width / 7.2);
  const subtitleChars = Math.floor(width / 5.6);
  const byYear = (a: YearTco2e, b: YearTco2e): number => a.fyStart - b.fyStart;
  const panels = input.panels.map((p) => {
    const values = [
      ...[...p.actual].sort(byYear).map((x) => ({ series: actualName, fy: x.fyStart, tco2e: x.tco2e })),
      ...[...p.pathway].sort(byYear).map((x) => ({ series: pathwayName, fy: x.fyStart, tco2e: x.tco2e })),
    ];
    const years = values.map((v) => v.fy);
    return {
      title: { text: wrapWords(p.name, titleChars), subtitle: wrapWords(p.subtitle, subtitleChars), fontSize: 12, subtitleFontSize: 11, subtitleColor: '#444', anchor: 'start' as const },
      width,
      height,
      data: { values },
      encoding: {
        x: { field: 'fy', type: 'quantitative' as const, scale: { zero: false, nice: false, domain: years.length > 0 ? [Math.min(...years), Math.max(...years)] : [0, 1] }, axis: { ...fyAxis(''), tickCount: 4 } },
        y: { field: 'tco2e', type: 'quantitative' as const, title: 'tCO₂e', scale: { zero: true }, axis: { tickCount: 4 } },
        color: { field: 'series', type: 'nominal' as const, title: null, scale: { domain: [actualName, pathwayName], range: [OKABE_ITO.black, OKABE_ITO.vermillion] }, legend: WHOLE_LEGEND },
        strokeDash: { field: 'series', type: 'nominal' as const, title: null, scale: { domain: [actualName, pathwayName], range: [[1, 0], [6, 4]] }, legend: WHOLE_LEGEND },
      },
      mark: { type: 'line' as const },
    };
  });
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: { ...CHART_CONFIG, concat: { spacing: 28 } },
    columns: input.columns ?? 2,
    concat: panels,
    resolve: { scale: { x: 'independent', y: 'independent', color: 'shared', strokeDash: 'shared' }, legend: { color: 'shared', strokeDash: 'shared' } },
  };
  const rows = input.panels.flatMap((p) => {
    const years = [...new Set([...p.actual, ...p.pathway].map((x) => x.fyStart))].sort((a, b) => a - b);
    return years.map((fy) => {
      const a = p.actual.find((x) => x.fyStart === fy);
      const w = p.pathway.find((x) => x.fyStart === fy);
      return [p.name, fyLabel(fy), a === undefined ? '' : formatTco2e(a.tco2e), w === undefined ? '' : formatTco2e(w.tco2e)];
    });
  });
  const table = {
    columns: [{ header: 'Organisation' }, { header: 'Financial year' }, { header: `${actualName} (tCO₂e)`, numeric: true }, { header: `${pathwayName} (tCO₂e)`, numeric: true }],
    rows,
  };
  const description = input.panels.length === 0
    ? 'Small multiples with no panels.'
    : `Small multiples, one line chart per organisation with its own scale, of ${actualName.toLowerCase()} emissions and the ${pathwayName.toLowerCase()} (dashed): ${input.panels.map((p) => {
      const last = [...p.actual].sort(byYear).at(-1);
      const end = [...p.pathway].sort(byYear).at(-1);
      return `${p.name}, ${p.subtitle}: ${last === undefined ? 'no figures' : `${formatTco2e(last.tco2e)} tCO₂e in ${fyLabel(last.fyStart)}`}${end === undefined ? '' : `, pathway to ${formatTco2e(end.tco2e)} tCO₂e by ${fyLabel(end.fyStart)}`}`;
    }).join('; ')}.`;
  return { spec, description, table, notes: [] };
}
