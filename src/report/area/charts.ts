/**
 * The area report's charts: the statistics run by calendar year, where the other reports' chart
 * kinds draw financial years, so these builders live beside the report that draws them. They
 * follow the kinds in render/chart/kinds: pure data builders with inline values, the house theme
 * and series palette, point shapes as well as colours, legends that give names whole, and every
 * number drawn also in the chart's table.
 */

import type { TopLevelSpec } from 'vega-lite';
import type { Chart } from '../../render/chart/chart.js';
import { DEFAULT_HEIGHT, DEFAULT_WIDTH } from '../../render/chart/chart.js';
import { WHOLE_LEGEND, wrapWords } from '../../render/chart/kinds/legend.js';
import { NEUTRAL_GREY, OKABE_ITO, seriesColour, sourceColour, TOL_MUTED } from '../../render/chart/palette.js';
import { CHART_CONFIG } from '../../render/chart/theme.js';
import { formatQuantity, formatTco2e } from '../../render/html/format-uk.js';

export interface YearPoint {
  readonly year: number;
  readonly value: number;
}

/** A calendar-year x axis: one tick per year at most, no "2,019". */
function yearAxis(title: string) {
  return { title, tickMinStep: 1, format: 'd', grid: false, labelAngle: 0, labelOverlap: true } as const;
}

const yearDomain = (years: readonly number[]): [number, number] => (years.length > 0 ? [Math.min(...years), Math.max(...years)] : [0, 1]);

/** Point shapes, in the order of the series palette (as compare-lines and indexed-lines). */
const SHAPES = ['circle', 'square', 'triangle-up', 'diamond', 'cross', 'triangle-down', 'circle', 'square'] as const;

export interface AreaLine {
  readonly name: string;
  /** Colour index in the series palette: an authority keeps its colour across the charts. */
  readonly colour: number;
  readonly points: readonly YearPoint[];
}

export interface AreaLinesInput {
  readonly lines: readonly AreaLine[];
  readonly yTitle: string;
  /** What a value is, for the table headings and the description. */
  readonly unit: string;
  readonly digits: number;
  /** A dashed reference line (100 on an index). */
  readonly rule?: number;
}

/** One line per authority over calendar years. */
export function areaLinesChart(input: AreaLinesInput): Chart {
  const lines = input.lines.filter((l) => l.points.length > 0);
  const names = lines.map((l) => l.name);
  const values = lines.flatMap((l) => [...l.points].sort((a, b) => a.year - b.year).map((p) => ({ series: l.name, year: p.year, value: p.value })));
  const years = values.map((v) => v.year);
  const line = {
    data: { values },
    mark: { type: 'line' as const, point: { filled: true, size: 30 } },
    encoding: {
      x: { field: 'year', type: 'quantitative' as const, scale: { zero: false, nice: false, domain: yearDomain(years) }, axis: yearAxis('Calendar year') },
      y: { field: 'value', type: 'quantitative' as const, title: input.yTitle, scale: { zero: true } },
      color: { field: 'series', type: 'nominal' as const, title: null, scale: { domain: names, range: lines.map((l) => seriesColour(l.colour)) }, legend: WHOLE_LEGEND },
      shape: { field: 'series', type: 'nominal' as const, title: null, scale: { domain: names, range: lines.map((l) => SHAPES[l.colour % SHAPES.length]!) }, legend: WHOLE_LEGEND },
    },
  };
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CHART_CONFIG,
    width: DEFAULT_WIDTH,
    height: DEFAULT_HEIGHT,
    layer: [
      ...(input.rule === undefined ? [] : [{ data: { values: [{ value: input.rule }] }, mark: { type: 'rule' as const, color: NEUTRAL_GREY, strokeDash: [4, 3] }, encoding: { y: { field: 'value', type: 'quantitative' as const } } }]),
      line,
    ],
  };
  const allYears = [...new Set(years)].sort((a, b) => a - b);
  const table = {
    columns: [{ header: 'Calendar year' }, ...lines.map((l) => ({ header: `${l.name} (${input.unit})`, numeric: true }))],
    rows: allYears.map((year) => [String(year), ...lines.map((l) => {
      const p = l.points.find((q) => q.year === year);
      return p === undefined ? '' : formatQuantity(p.value, input.digits);
    })]),
  };
  const description = lines.length === 0
    ? `Line chart with no ${input.unit} figures.`
    : `Line chart of ${input.unit} by calendar year: ${lines.map((l) => {
      const sorted = [...l.points].sort((a, b) => a.year - b.year);
      const first = sorted[0]!;
      const last = sorted.at(-1)!;
      return first === last ? `${l.name} ${formatQuantity(first.value, input.digits)} in ${String(first.year)}` : `${l.name} from ${formatQuantity(first.value, input.digits)} in ${String(first.year)} to ${formatQuantity(last.value, input.digits)} in ${String(last.year)}`;
    }).join('; ')}.`;
  return { spec, description, table, notes: [] };
}

/**
 * The statistics' sectors in a fixed colour each, from the same colour-blind-safe palettes as
 * every chart, in the order they stack; a sector not named here takes a fallback colour by name.
 */
const SECTOR_COLOURS: ReadonlyMap<string, string> = new Map([
  ['domestic', OKABE_ITO.blue],
  ['transport', OKABE_ITO.skyBlue],
  ['industry', OKABE_ITO.vermillion],
  ['commercial', OKABE_ITO.orange],
  ['public sector', OKABE_ITO.reddishPurple],
  ['agriculture', OKABE_ITO.bluishGreen],
  ['waste management', TOL_MUTED.olive],
  ['lulucf', TOL_MUTED.green],
]);

const sectorKey = (s: string): string => s.trim().toLowerCase();

export function sectorColour(sector: string): string {
  return SECTOR_COLOURS.get(sectorKey(sector)) ?? sourceColour(sector);
}

export function orderSectors(sectors: Iterable<string>): string[] {
  const known = [...SECTOR_COLOURS.keys()];
  const rank = (s: string): number => { const i = known.indexOf(sectorKey(s)); return i < 0 ? known.length : i; };
  return [...new Set(sectors)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b, 'en-GB'));
}

export interface SectorPanel {
  readonly name: string;
  readonly subtitle: string;
  readonly rows: readonly { readonly year: number; readonly sector: string; readonly tCo2e: number }[];
}

/** Panel heading lines that fit the panel: about 7 px a character at 12 px bold, 5.6 px at 11 px. */
function panelTitle(name: string, subtitle: string, width: number) {
  return { text: wrapWords(name, Math.floor(width / 7.2)), subtitle: wrapWords(subtitle, Math.floor(width / 5.6)), fontSize: 12, subtitleFontSize: 11, subtitleColor: '#444', anchor: 'start' as const };
}

const PANEL_WIDTH = 240;
const PANEL_HEIGHT = 130;

/**
 * Small multiples: one panel per authority, its emissions by sector stacked for each year, each
 * panel on its own scale (a city and a district differ tenfold). Net removals (land use) stack
 * below zero.
 */
export function sectorPanelsChart(panels: readonly SectorPanel[]): Chart {
  const sectors = orderSectors(panels.flatMap((p) => p.rows.map((r) => r.sector)));
  const concat = panels.map((p) => {
    const years = [...new Set(p.rows.map((r) => r.year))].sort((a, b) => a - b);
    return {
      title: panelTitle(p.name, p.subtitle, PANEL_WIDTH),
      width: PANEL_WIDTH,
      height: PANEL_HEIGHT,
      data: { values: p.rows.map((r) => ({ year: String(r.year), sector: r.sector, tco2e: r.tCo2e, order: sectors.indexOf(r.sector) })) },
      mark: { type: 'bar' as const },
      encoding: {
        x: { field: 'year', type: 'ordinal' as const, title: null, sort: years.map(String), axis: { labelAngle: 0, labelOverlap: true } },
        y: { aggregate: 'sum' as const, field: 'tco2e', type: 'quantitative' as const, title: 'tCO₂e', axis: { tickCount: 4 } },
        color: { field: 'sector', type: 'nominal' as const, title: null, scale: { domain: sectors, range: sectors.map(sectorColour) } },
        order: { field: 'order', type: 'quantitative' as const, sort: 'ascending' as const },
      },
    };
  });
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: { ...CHART_CONFIG, concat: { spacing: 28 } },
    columns: 2,
    concat,
    resolve: { scale: { x: 'independent', y: 'independent', color: 'shared' }, legend: { color: 'shared' } },
  };
  const table = {
    columns: [{ header: 'Authority' }, { header: 'Calendar year' }, ...sectors.map((s) => ({ header: `${s} (tCO₂e)`, numeric: true })), { header: 'Total (tCO₂e)', numeric: true }],
    rows: panels.flatMap((p) => [...new Set(p.rows.map((r) => r.year))].sort((a, b) => a - b).map((year) => {
      const cells = sectors.map((s) => p.rows.find((r) => r.year === year && r.sector === s)?.tCo2e);
      return [p.name, String(year), ...cells.map((v) => (v === undefined ? '' : formatTco2e(v))), formatTco2e(cells.reduce<number>((sum, v) => sum + (v ?? 0), 0))];
    })),
  };
  const description = panels.length === 0
    ? 'Small multiples with no panels.'
    : `Small multiples, one stacked bar chart per authority with its own scale, of emissions by sector (${sectors.join(', ')}) for each calendar year: ${panels.map((p) => {
      const last = Math.max(...p.rows.map((r) => r.year));
      const top = [...p.rows.filter((r) => r.year === last)].sort((a, b) => b.tCo2e - a.tCo2e)[0];
      return top === undefined ? `${p.name}: no figures` : `${p.name}: largest in ${String(last)} ${top.sector}, ${formatTco2e(top.tCo2e)} tCO₂e`;
    }).join('; ')}.`;
  return { spec, description, table, notes: [] };
}

export interface ScopePanel {
  readonly name: string;
  readonly subtitle: string;
  readonly territorial: readonly YearPoint[];
  /** Empty when the edition gives no within-influence figures. */
  readonly influence: readonly YearPoint[];
}

/**
 * Small multiples: one panel per authority with its territorial emissions and, dashed, those
 * within the scope of influence of local authorities, each panel on its own scale.
 */
export function scopePanelsChart(panels: readonly ScopePanel[], names: { readonly territorial: string; readonly influence: string }): Chart {
  const domain = [names.territorial, names.influence];
  const concat = panels.map((p) => {
    const values = [
      ...p.territorial.map((x) => ({ series: names.territorial, year: x.year, tco2e: x.value })),
      ...p.influence.map((x) => ({ series: names.influence, year: x.year, tco2e: x.value })),
    ].sort((a, b) => a.year - b.year);
    return {
      title: panelTitle(p.name, p.subtitle, PANEL_WIDTH),
      width: PANEL_WIDTH,
      height: PANEL_HEIGHT,
      data: { values },
      mark: { type: 'line' as const, point: { filled: true, size: 20 } },
      encoding: {
        x: { field: 'year', type: 'quantitative' as const, scale: { zero: false, nice: false, domain: yearDomain(values.map((v) => v.year)) }, axis: { ...yearAxis(''), tickCount: 4 } },
        y: { field: 'tco2e', type: 'quantitative' as const, title: 'tCO₂e', scale: { zero: true }, axis: { tickCount: 4 } },
        color: { field: 'series', type: 'nominal' as const, title: null, scale: { domain, range: [OKABE_ITO.black, OKABE_ITO.blue] }, legend: { ...WHOLE_LEGEND, symbolType: 'stroke', symbolSize: 300 } },
        strokeDash: { field: 'series', type: 'nominal' as const, title: null, scale: { domain, range: [[1, 0], [6, 4]] }, legend: { ...WHOLE_LEGEND, symbolType: 'stroke', symbolSize: 300 } },
      },
    };
  });
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: { ...CHART_CONFIG, concat: { spacing: 28 } },
    columns: 2,
    concat,
    resolve: { scale: { x: 'independent', y: 'independent', color: 'shared', strokeDash: 'shared' }, legend: { color: 'shared', strokeDash: 'shared' } },
  };
  const table = {
    columns: [{ header: 'Authority' }, { header: 'Calendar year' }, { header: `${names.territorial} (tCO₂e)`, numeric: true }, { header: `${names.influence} (tCO₂e)`, numeric: true }],
    rows: panels.flatMap((p) => [...new Set(p.territorial.map((x) => x.year))].sort((a, b) => a - b).map((year) => {
      const t = p.territorial.find((x) => x.year === year);
      const i = p.influence.find((x) => x.year === year);
      return [p.name, String(year), t === undefined ? '' : formatTco2e(t.value), i === undefined ? '' : formatTco2e(i.value)];
    })),
  };
  const description = panels.length === 0
    ? 'Small multiples with no panels.'
    : `Small multiples, one line chart per authority with its own scale, of ${names.territorial.toLowerCase()} and, dashed, ${names.influence.toLowerCase()}: ${panels.map((p) => {
      const t = p.territorial.at(-1);
      const i = p.influence.find((x) => x.year === t?.year);
      return t === undefined ? `${p.name}: no figures` : `${p.name} in ${String(t.year)}: ${formatTco2e(t.value)} tCO₂e territorial${i === undefined ? ', no figure within influence' : `, ${formatTco2e(i.value)} tCO₂e within influence`}`;
    }).join('; ')}.`;
  return { spec, description, table, notes: [] };
}

export interface TargetPanel {
  readonly name: string;
  readonly subtitle: string;
  /** The authority's figures on the target's measure, every year held. */
  readonly actuals: readonly YearPoint[];
  /** The target's required pathway, from the baseline year to the target year. */
  readonly pathway: readonly YearPoint[];
}

/**
 * Small multiples: one panel per area target, the authority's emissions on the target's measure
 * and, dashed, the pathway the target asks for, from the baseline year to the target year, each
 * panel on its own scale.
 */
export function targetPanelsChart(panels: readonly TargetPanel[], names: { readonly actual: string; readonly pathway: string }): Chart {
  const domain = [names.actual, names.pathway];
  const legend = { ...WHOLE_LEGEND, symbolType: 'stroke', symbolSize: 300 };
  const concat = panels.map((p) => {
    const values = [
      ...p.actuals.map((x) => ({ series: names.actual, year: x.year, tco2e: x.value })),
      ...p.pathway.map((x) => ({ series: names.pathway, year: x.year, tco2e: x.value })),
    ].sort((a, b) => a.year - b.year);
    const x = { field: 'year', type: 'quantitative' as const, scale: { zero: false, nice: false, domain: yearDomain(values.map((v) => v.year)) }, axis: { ...yearAxis(''), tickCount: 4 } };
    const y = { field: 'tco2e', type: 'quantitative' as const, title: 'tCO₂e', scale: { zero: true }, axis: { tickCount: 4 } };
    const color = { field: 'series', type: 'nominal' as const, title: null, scale: { domain, range: [OKABE_ITO.black, OKABE_ITO.vermillion] }, legend };
    return {
      title: panelTitle(p.name, p.subtitle, PANEL_WIDTH),
      width: PANEL_WIDTH,
      height: PANEL_HEIGHT,
      data: { values },
      layer: [
        {
          mark: { type: 'line' as const },
          encoding: { x, y, color, strokeDash: { field: 'series', type: 'nominal' as const, title: null, scale: { domain, range: [[1, 0], [6, 4]] }, legend } },
        },
        // Points on the figures only: the pathway is a line the target draws, not a measurement.
        { transform: [{ filter: { field: 'series', equal: names.actual } }], mark: { type: 'point' as const, filled: true, size: 20 }, encoding: { x, y, color } },
      ],
    };
  });
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: { ...CHART_CONFIG, concat: { spacing: 28 } },
    columns: 2,
    concat,
    resolve: { scale: { x: 'independent', y: 'independent', color: 'shared', strokeDash: 'shared' }, legend: { color: 'shared', strokeDash: 'shared' } },
  };
  const table = {
    columns: [{ header: 'Authority and target' }, { header: 'Calendar year' }, { header: `${names.actual} (tCO₂e)`, numeric: true }, { header: `${names.pathway} (tCO₂e)`, numeric: true }],
    rows: panels.flatMap((p) => [...new Set([...p.actuals, ...p.pathway].map((x) => x.year))].sort((a, b) => a - b).map((year) => {
      const a = p.actuals.find((x) => x.year === year);
      const w = p.pathway.find((x) => x.year === year);
      return [`${p.name}: ${p.subtitle}`, String(year), a === undefined ? '' : formatTco2e(a.value), w === undefined ? '' : formatTco2e(w.value)];
    })),
  };
  const description = panels.length === 0
    ? 'Small multiples with no panels.'
    : `Small multiples, one line chart per area target with its own scale, of ${names.actual.toLowerCase()} and, dashed, ${names.pathway.toLowerCase()}: ${panels.map((p) => {
      const a = p.actuals.at(-1);
      const w = p.pathway.find((x) => x.year === a?.year);
      const end = p.pathway.at(-1);
      const now = a === undefined ? 'no figures' : `${formatTco2e(a.value)} tCO₂e in ${String(a.year)}${w === undefined ? '' : ` against ${formatTco2e(w.value)} on the pathway`}`;
      return `${p.name} (${p.subtitle}): ${now}${end === undefined ? '' : `; the pathway reaches ${formatTco2e(end.value)} tCO₂e in ${String(end.year)}`}`;
    }).join('; ')}.`;
  return { spec, description, table, notes: [] };
}
