import Papa from 'papaparse';
import type { PublishedRow } from './build-tables.js';

const COLUMNS = ['year', 'scope', 'level1', 'level2', 'level3', 'level4', 'column_text', 'uom', 'ghg_unit', 'value'] as const;

/** Parses the reference flat file (`year,scope,level1..level4,column_text,uom,ghg_unit,value`). */
export function readPublishedRows(text: string): PublishedRow[] {
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
  if (parsed.errors.length > 0) {
    const e = parsed.errors[0]!;
    throw new Error(`published factors: row ${String(e.row)}: ${e.message}`);
  }
  const [header, ...body] = parsed.data;
  if (header?.join(',') !== COLUMNS.join(',')) throw new Error(`published factors: unexpected header ${header?.join(',') ?? '(none)'}`);
  return body.map((cells, i) => {
    const [year, scope, level1, level2, level3, level4, column_text, uom, ghg_unit, value] = cells as [string, string, string, string, string, string, string, string, string, string];
    const v = Number(value);
    if (!Number.isFinite(v) || value.trim() === '') throw new Error(`published factors: line ${i + 2}: value "${value}" is not a number`);
    return { year: Number(year), scope, level1, level2, level3, level4, column_text, uom, ghg_unit, value: v, line: i + 2 };
  });
}
