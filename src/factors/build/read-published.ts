import Papa from 'papaparse';
import type { PublishedRow } from './build-tables.js';

const COLUMNS = ['year', 'scope', 'level1', 'level2', 'level3', 'level4', 'column_text', 'uom', 'ghg_unit', 'value'] as const;

/**
 * A figure the publication prints as a bound rather than a number: `< 1` for the GWP of R1234yf and
 * R1234ze in 2016–2022. Such a row is read with no value; any other text is an error.
 */
const TEXT_FIGURE = /^<\s*\d+(\.\d+)?$/;

/**
 * Parses a file in the publication's flat-file layout (`year,scope,level1..level4,column_text,uom,ghg_unit,value`).
 * `file` names it in the rows, for error messages.
 */
export function readPublishedRows(text: string, file = ''): PublishedRow[] {
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
  if (parsed.errors.length > 0) {
    const e = parsed.errors[0]!;
    throw new Error(`published factors: row ${String(e.row)}: ${e.message}`);
  }
  const [header, ...body] = parsed.data;
  if (header?.join(',') !== COLUMNS.join(',')) throw new Error(`published factors: unexpected header ${header?.join(',') ?? '(none)'}`);
  return body.map((cells, i) => {
    const [year, scope, level1, level2, level3, level4, column_text, uom, ghg_unit, value] = cells as [string, string, string, string, string, string, string, string, string, string];
    const v = TEXT_FIGURE.test(value.trim()) ? null : Number(value);
    if (v !== null && (!Number.isFinite(v) || value.trim() === '')) throw new Error(`published factors: ${file === '' ? '' : `${file}: `}line ${i + 2}: value "${value}" is not a number`);
    return { year: Number(year), scope, level1, level2, level3, level4, column_text, uom, ghg_unit, value: v, file, line: i + 2 };
  });
}
