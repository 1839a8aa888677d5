/** What every chart builder returns: a spec to render, and what the page says about it. */

import type { TopLevelSpec } from 'vega-lite';
import type { DataTable } from '../html/components.js';

export interface Chart {
  /** A vega-lite spec with its data inline; pure data, rendered by `renderChartSvg`. */
  readonly spec: TopLevelSpec;
  /** What the chart shows, in words, for people who cannot see it. */
  readonly description: string;
  /** The numbers drawn, formatted for the page. */
  readonly table: DataTable;
  /** What the builder left out and why (e.g. a series with no baseline year). */
  readonly notes: readonly string[];
}

/** Options every builder takes. Sizes are the plotting area in CSS pixels. */
export interface ChartOptions {
  readonly title?: string;
  readonly width?: number;
  readonly height?: number;
}

export const DEFAULT_WIDTH = 560;
export const DEFAULT_HEIGHT = 260;
