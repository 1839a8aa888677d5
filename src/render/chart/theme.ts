/**
 * The house look of every chart, as vega-lite config. Fixed fonts and sizes so that text is
 * measured the same way everywhere and the SVG is byte-for-byte stable.
 */

import type { Config } from 'vega-lite';

/** The first family is the one vega measures against; Liberation Sans shares Arial's metrics. */
export const CHART_FONT = 'Arial, "Liberation Sans", Helvetica, sans-serif';

/** d3-format locale for the UK: `,` groups thousands, `.` marks decimals, pounds sterling. */
export const UK_NUMBER_LOCALE = { decimal: '.', thousands: ',', grouping: [3], currency: ['£', ''] as [string, string] };

/** Thousands-separated, fixed-point with trailing zeros trimmed: `12,500`, `0.5` (never `1.2e+4`). */
export const AXIS_NUMBER_FORMAT = ',~f';

export const CHART_CONFIG: Config = {
  font: CHART_FONT,
  background: 'white',
  padding: 8,
  // The page describes each chart once (role="img" + aria-label); per-mark labels would make
  // a screen reader read every bar, and would swell the SVG.
  aria: false,
  locale: { number: UK_NUMBER_LOCALE },
  view: { stroke: null },
  // Text at 12 px in a chart no wider than the A4 page's 673 px of text prints at 9 pt, above the
  // 8 pt a printed report needs; two legend columns of whole labels keep the chart that narrow.
  axis: { labelFontSize: 12, titleFontSize: 12, titleFontWeight: 'normal', titleColor: '#333', labelColor: '#333', gridColor: '#e6e6e6', domainColor: '#888', tickColor: '#888' },
  axisQuantitative: { format: AXIS_NUMBER_FORMAT, tickCount: 6 },
  legend: { orient: 'bottom', direction: 'horizontal', labelFontSize: 12, titleFontSize: 12, titleFontWeight: 'normal', columns: 2, symbolStrokeWidth: 2, labelLimit: 300 },
  title: { fontSize: 13, anchor: 'start', color: '#1a1a1a' },
  line: { strokeWidth: 2 },
  bar: { discreteBandSize: { band: 0.8 } },
};
