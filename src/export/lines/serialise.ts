/**
 * Emission lines as CSV or a JSON array, produced a row at a time: a ledger of a few hundred
 * thousand lines is written without ever holding the whole text in memory (the lines themselves
 * are the one copy held).
 */

import type { EmissionLine } from '../../kernel/emission-line.js';
import { safeCell } from '../../kernel/csv-cell.js';
import { LINE_COLUMNS, lineRecord } from './records.js';

export type LinesFormat = 'csv' | 'json';

function csvValue(v: string | number | boolean | null): string | number | null {
  return typeof v === 'boolean' ? String(v) : v;
}

/** CSV (formula-safe, CRLF as Excel writes), one chunk per row, header first. */
export function* linesCsv(lines: Iterable<EmissionLine>): Generator<string> {
  yield LINE_COLUMNS.join(',') + '\r\n';
  for (const l of lines) {
    const r = lineRecord(l);
    yield LINE_COLUMNS.map((c) => safeCell(csvValue(r[c]))).join(',') + '\r\n';
  }
}

/** A JSON array of records, one chunk per record. */
export function* linesJson(lines: Iterable<EmissionLine>): Generator<string> {
  let first = true;
  yield '[';
  for (const l of lines) {
    yield `${first ? '\n' : ',\n'}${JSON.stringify(lineRecord(l))}`;
    first = false;
  }
  yield first ? ']\n' : '\n]\n';
}

export function linesChunks(format: LinesFormat, lines: Iterable<EmissionLine>): Generator<string> {
  return format === 'json' ? linesJson(lines) : linesCsv(lines);
}
