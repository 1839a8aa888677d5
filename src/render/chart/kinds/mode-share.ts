/** How journeys split by mode, per site or survey wave: bars stacked to 100%. */

import type { TopLevelSpec } from 'vega-lite';
import { formatPercent, formatQuantity } from '../../html/format-uk.js';
import type { Chart, ChartOptions } from '../chart.js';
import { DEFAULT_WIDTH } from '../chart.js';
import { modeColour, orderModes } from '../palette.js';
import { CHART_CONFIG } from '../theme.js';

export interface GroupModeJourneys {
  /** A site, or a survey wave such as `Autumn 2024`. */
  readonly group: string;
  readonly mode: string;
  /** Journeys (or respondents) by this mode; shares are computed from these. */
  readonly journeys: number;
}

export interface ModeShareInput extends ChartOptions {
  readonly rows: readonly GroupModeJourneys[];
  /** Bar order top to bottom; default the order groups first appear in `rows`. */
  readonly groupOrder?: readonly string[];
  /**
   * Where a group's label breaks onto a second line (a long site name and whose journeys), so
   * it is shown whole in the labels' width rather than cut short.
   */
  readonly labelBreak?: string;
}

const ROW_PX = 28;
/** A row whose label takes two lines. */
const TWO_LINE_ROW_PX = 32;

export function modeShareChart(input: ModeShareInput): Chart {
  const groups = input.groupOrder ? [...input.groupOrder] : [...new Set(input.rows.map((r) => r.group))];
  const modes = orderModes(input.rows.map((r) => r.mode));
  const values = input.rows.map((r) => ({ group: r.group, mode: r.mode, journeys: r.journeys, order: modes.indexOf(r.mode) }));
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CHART_CONFIG,
    ...(input.title === undefined ? {} : { title: input.title }),
    width: input.width ?? DEFAULT_WIDTH,
    height: input.height ?? Math.max(1, groups.length) * (input.labelBreak === undefined ? ROW_PX : TWO_LINE_ROW_PX),
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'group', type: 'nominal', title: null, sort: groups, axis: { labelLimit: 200, ...(input.labelBreak === undefined ? {} : { labelExpr: `split(datum.label, ${JSON.stringify(input.labelBreak)})` }) } },
      x: { aggregate: 'sum', field: 'journeys', type: 'quantitative', stack: 'normalize', title: 'Share of journeys', axis: { format: '.0%' } },
      color: { field: 'mode', type: 'nominal', title: null, scale: { domain: modes, range: modes.map(modeColour) } },
      order: { field: 'order', type: 'quantitative', sort: 'ascending' },
    },
  };
  const totals = new Map(groups.map((g) => [g, input.rows.filter((r) => r.group === g).reduce((s, r) => s + r.journeys, 0)]));
  const share = (g: string, mode: string): string => {
    const total = totals.get(g) ?? 0;
    const n = input.rows.filter((r) => r.group === g && r.mode === mode).reduce((s, r) => s + r.journeys, 0);
    return total === 0 ? '' : formatPercent(n / total);
  };
  const table = {
    columns: [{ header: 'Group' }, ...modes.map((m) => ({ header: m, numeric: true })), { header: 'Journeys', numeric: true }],
    rows: groups.map((g) => [g, ...modes.map((m) => share(g, m)), formatQuantity(totals.get(g) ?? 0, 0)]),
  };
  const notes = groups.filter((g) => (totals.get(g) ?? 0) === 0).map((g) => `${g}: no journeys, so no shares.`);
  const description = `Bars stacked to 100% showing the share of journeys by mode (${modes.join(', ')}) for ${groups.join(', ')}.`;
  return { spec, description, table, notes };
}
