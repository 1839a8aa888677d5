/**
 * Emission lines as CSV, a JSON array, or the `--json` document, produced a row at a time: a
 * ledger of a million lines is written without ever holding its lines or its text.
 */

import type { EmissionLine } from '../../kernel/emission-line.js';
import { safeCell } from '../../kernel/csv-cell.js';
import { LINE_COLUMNS, lineRecord, lineValues, type LineValue } from './records.js';
import type { LinesSelection } from './select.js';

export type LinesFormat = 'csv' | 'json';

/** A value as a formula-safe CSV cell. */
function csvCell(v: LineValue): string {
  if (v === null) return '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  // A finite number's text (digits, `.`, a sign, an exponent) is never a formula nor needs quotes:
  // `safeCell` would give it back as it is, after two regular expressions.
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return safeCell(v);
}

/** CSV (formula-safe, CRLF as Excel writes), one chunk per row, header first. */
export function* linesCsv(lines: Iterable<EmissionLine>): Generator<string> {
  yield LINE_COLUMNS.join(',') + '\r\n';
  // One array of cells, reused: `join` makes each row one flat string (concatenating the cells
  // made ropes of thirty pieces a row, and tripled the garbage collector's work).
  const cells: string[] = LINE_COLUMNS.map(() => '');
  for (const l of lines) {
    const values = lineValues(l);
    for (let i = 0; i < values.length; i++) cells[i] = csvCell(values[i] as LineValue);
    yield cells.join(',') + '\r\n';
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

/** How many lines an export wrote: every line, and how many of them are location- and market-based. */
export interface LinesCounts {
  readonly lines: number;
  readonly location: number;
  readonly market: number;
}

export function linesCounts(s: Pick<LinesSelection, 'taken'>): LinesCounts {
  return { lines: s.taken.location + s.taken.market, location: s.taken.location, market: s.taken.market };
}

/**
 * `export lines --json` without `--out`: one JSON document, as every `--json` is, with the records
 * (one a line) between what is known before the first is read and what is known only after the
 * last (the counts, the warnings): `{ orgs, from, to, format, file, records: [...], counts, warnings }`.
 */
export function* linesJsonDocument(s: LinesSelection): Generator<string> {
  const head = JSON.stringify({ orgs: s.orgs, from: s.from, to: s.to, format: 'json', file: null });
  yield `${head.slice(0, -1)},"records":[`;
  let first = true;
  for (const l of s.lines) {
    yield `${first ? '\n' : ',\n'}${JSON.stringify(lineRecord(l))}`;
    first = false;
  }
  yield `${first ? '' : '\n'}],"counts":${JSON.stringify(linesCounts(s))},"warnings":${JSON.stringify(s.warnings())}}\n`;
}
