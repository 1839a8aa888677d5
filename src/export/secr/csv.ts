/**
 * A SECR disclosure as CSV: one row per figure (section, measure, this year, previous year,
 * unit), at full precision, formula-safe. The first row names the two years. The narrative parts
 * (methodology, energy efficiency measures) are not figures and are left to the Markdown and HTML
 * forms.
 */

import { financialYearLabel } from '../../convert/policy.js';
import { financialYearStart } from '../../aggregate/periods.js';
import { toCsv } from '../../kernel/csv-cell.js';
import type { SecrDisclosure } from './disclosure.js';
import { secrFigures } from './figures.js';

export const SECR_CSV_HEADER = ['section', 'measure', 'this_year', 'previous_year', 'unit'] as const;

export function secrCsv(d: SecrDisclosure): string {
  const previous = financialYearLabel(financialYearStart(d.thisYear.label) - 1);
  const rows: (string | number | null)[][] = [['period', 'Financial year', d.thisYear.label, previous, '']];
  for (const f of secrFigures(d)) rows.push([f.section, f.measure, f.thisYear, f.previousYear, f.unit]);
  return toCsv(SECR_CSV_HEADER, rows);
}
