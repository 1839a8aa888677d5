/** A figure's values as text for a person: rounding happens here and only here. */

import { formatPercent, formatQuantity, formatTco2e } from '../../render/html/format-uk.js';
import type { FigureFormat, SecrFigure } from './figures.js';

/** Shown where a year has no value (no supplier factor that year, or no data held). */
export const NO_VALUE = '–';

export function formatValue(value: number | null, format: FigureFormat): string {
  if (value === null) return NO_VALUE;
  switch (format) {
    case 'kwh': return formatQuantity(value, 0);
    case 'tco2e': return formatTco2e(value);
    case 'intensity': return formatQuantity(value, 2);
    case 'denominator': return formatQuantity(value, 1);
    case 'quantity': return formatQuantity(value, 1);
    case 'percent': return formatPercent(value / 100);
    case 'tier': return String(value);
  }
}

/** The cells of a figure's row: measure, this year, previous year, unit. */
export function figureCells(f: SecrFigure): [string, string, string, string] {
  return [f.measure, formatValue(f.thisYear, f.format), formatValue(f.previousYear, f.format), f.unit];
}

/** Column headings: the years, with the previous one marked when nothing is held for it. */
export function yearHeadings(thisYear: string, previousYear: string, previousHeld: boolean): [string, string, string, string] {
  return ['Measure', thisYear, previousHeld ? previousYear : `${previousYear} (no data held)`, 'Unit'];
}
