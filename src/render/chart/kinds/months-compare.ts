/** This year's months beside the same months last year, as grouped bars. */

import type { TopLevelSpec } from 'vega-lite';
import { formatQuantity } from '../../html/format-uk.js';
import { monthName, monthOrder } from '../axes.js';
import type { Chart, ChartOptions } from '../chart.js';
import { DEFAULT_HEIGHT, DEFAULT_WIDTH } from '../chart.js';
import { NEUTRAL_GREY, OKABE_ITO } from '../palette.js';
import { CHART_CONFIG } from '../theme.js';

export interface MonthQuantity {
  /** Calendar month, 1–12. */
  readonly month: number;
  readonly quantity: number;
}

export interface MonthSeries {
  /** Legend name, e.g. `2024/25`. */
  readonly label: string;
  readonly months: readonly MonthQuantity[];
}

export interface MonthsCompareInput extends ChartOptions {
  readonly current: MonthSeries;
  readonly previous: MonthSeries;
  /** Axis title with the unit, e.g. `kWh` or `tCO₂e`. */
  readonly unit: string;
  /** First month on the axis; default 4 (April, a financial year). */
  readonly firstMonth?: number;
  /** Decimals in the table; default 0. */
  readonly tableDecimals?: number;
}

export function monthsCompareChart(input: MonthsCompareInput): Chart {
  const order = monthOrder(input.firstMonth ?? 4);
  const names = order.map(monthName);
  const series = [input.previous, input.current];
  const values = series.flatMap((s) => s.months.map((m) => ({ month: monthName(m.month), series: s.label, quantity: m.quantity })));
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CHART_CONFIG,
    ...(input.title === undefined ? {} : { title: input.title }),
    width: input.width ?? DEFAULT_WIDTH,
    height: input.height ?? DEFAULT_HEIGHT,
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'month', type: 'ordinal', title: null, sort: names, scale: { domain: names }, axis: { labelAngle: 0 } },
      xOffset: { field: 'series', type: 'nominal', sort: series.map((s) => s.label) },
      y: { field: 'quantity', type: 'quantitative', title: input.unit },
      // Last year recedes in grey; this year in the palette's strongest blue.
      color: { field: 'series', type: 'nominal', title: null, scale: { domain: series.map((s) => s.label), range: [NEUTRAL_GREY, OKABE_ITO.blue] } },
    },
  };
  const at = (s: MonthSeries, month: number): string => {
    const m = s.months.find((q) => q.month === month);
    return m === undefined ? '' : formatQuantity(m.quantity, input.tableDecimals ?? 0);
  };
  const table = {
    columns: [{ header: 'Month' }, ...series.map((s) => ({ header: `${s.label} (${input.unit})`, numeric: true }))],
    rows: order.map((m) => [monthName(m), ...series.map((s) => at(s, m))]),
  };
  const description = `Grouped bar chart of ${input.unit} by month, ${input.current.label} beside ${input.previous.label}.`;
  return { spec, description, table, notes: [] };
}
