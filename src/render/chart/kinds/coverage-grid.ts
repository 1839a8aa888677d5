/** Which months of which sources are metered, estimated or missing: a grid of coloured cells. */

import type { TopLevelSpec } from 'vega-lite';
import { MONTH_NAMES, monthName } from '../axes.js';
import type { Chart, ChartOptions } from '../chart.js';
import { DEFAULT_WIDTH } from '../chart.js';
import { OKABE_ITO } from '../palette.js';
import { CHART_CONFIG } from '../theme.js';

export type CoverageStatus = 'covered' | 'estimated' | 'missing';

export interface SourceMonthCoverage {
  /** `YYYY-MM`. */
  readonly month: string;
  readonly source: string;
  readonly status: CoverageStatus;
}

export interface CoverageGridInput extends ChartOptions {
  readonly rows: readonly SourceMonthCoverage[];
  /** Row order; default the order sources first appear in `rows`. */
  readonly sourceOrder?: readonly string[];
}

const STATUSES: readonly CoverageStatus[] = ['covered', 'estimated', 'missing'];
// Colour is backed by a letter in each cell, so the grid still reads in greyscale print.
const STATUS_COLOURS = [OKABE_ITO.bluishGreen, OKABE_ITO.yellow, OKABE_ITO.vermillion];
const STATUS_MARKS: Readonly<Record<CoverageStatus, string>> = { covered: '', estimated: 'E', missing: '×' };
const STATUS_WORDS: Readonly<Record<CoverageStatus, string>> = { covered: 'covered', estimated: 'estimated', missing: 'missing' };

const YEAR_MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const ROW_PX = 22;

/** `2024-04` → `Apr 2024` at the first column and every January, `May` elsewhere. */
function monthLabel(month: string, first: boolean): string {
  const m = YEAR_MONTH.exec(month);
  if (!m) throw new RangeError(`"${month}" is not a month in the form YYYY-MM`);
  const name = monthName(Number(m[2]));
  return first || m[2] === '01' ? `${name} ${m[1]!}` : name;
}

/** The same labels as `monthLabel`, as a vega expression over the `YYYY-MM` tick value. */
function monthLabelExpr(firstMonth: string): string {
  const name = `${JSON.stringify(MONTH_NAMES)}[toNumber(substring(datum.value, 5, 7)) - 1]`;
  return `datum.value === ${JSON.stringify(firstMonth)} || substring(datum.value, 5, 7) === '01' ? ${name} + ' ' + substring(datum.value, 0, 4) : ${name}`;
}

export function coverageGridChart(input: CoverageGridInput): Chart {
  const months = [...new Set(input.rows.map((r) => r.month))].sort();
  const labels = new Map(months.map((m, i) => [m, monthLabel(m, i === 0)]));
  const sources = input.sourceOrder ? [...input.sourceOrder] : [...new Set(input.rows.map((r) => r.source))];
  const values = input.rows.map((r) => ({ month: r.month, source: r.source, status: r.status, mark: STATUS_MARKS[r.status] }));
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CHART_CONFIG,
    ...(input.title === undefined ? {} : { title: input.title }),
    width: input.width ?? DEFAULT_WIDTH,
    height: input.height ?? Math.max(1, sources.length) * ROW_PX,
    data: { values },
    encoding: {
      x: {
        field: 'month',
        type: 'ordinal',
        title: null,
        sort: months,
        axis: { labelAngle: -90, labelExpr: monthLabelExpr(months[0] ?? '') },
      },
      y: { field: 'source', type: 'nominal', title: null, sort: sources, axis: { labelLimit: 200 } },
    },
    layer: [
      {
        mark: { type: 'rect', stroke: 'white', strokeWidth: 1 },
        encoding: { color: { field: 'status', type: 'nominal', title: null, scale: { domain: [...STATUSES], range: STATUS_COLOURS } } },
      },
      { mark: { type: 'text', fontSize: 12, color: '#1a1a1a' }, encoding: { text: { field: 'mark', type: 'nominal' } } },
    ],
  };
  const status = (source: string, month: string): string => {
    const r = input.rows.find((q) => q.source === source && q.month === month);
    return r === undefined ? '' : STATUS_WORDS[r.status];
  };
  const table = {
    columns: [{ header: 'Source' }, ...months.map((m) => ({ header: monthLabel(m, true) }))],
    rows: sources.map((s) => [s, ...months.map((m) => status(s, m))]),
  };
  const count = (st: CoverageStatus): number => input.rows.filter((r) => r.status === st).length;
  const description =
    months.length === 0
      ? 'Coverage grid with no months.'
      : `Grid of ${sources.length} sources by month, ${labels.get(months[0]!)!} to ${monthLabel(months.at(-1)!, true)}: ${count('covered')} months covered, ${count('estimated')} estimated (E), ${count('missing')} missing (×).`;
  return { spec, description, table, notes: [] };
}
