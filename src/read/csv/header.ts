/**
 * Which row is the header. Supplier reports often put a title, a "Generated:" line or the site
 * name above it, so it is not always line 1. Given the column names a profile expects, the row
 * naming most of them wins; without them, the header is the first row as wide as the data below
 * it whose cells are mostly words rather than numbers. Either way, a row naming its questions by
 * short ids (Qualtrics' `Q1`, `Q2_1`, `QID3_TEXT`) gives way to the row of question texts under it.
 */

import { modal } from './dialect.js';
import type { CsvRow } from './types.js';

/** Rows considered as the header. Preambles are a handful of lines; 30 leaves room. */
export const HEADER_SEARCH_ROWS = 30;

/** Rows below a candidate whose widths decide the data's width. */
const WIDTH_SAMPLE_ROWS = 100;

export interface HeaderGuess {
  /** Index of the header in the rows given. */
  readonly index: number;
  /** Its physical line. */
  readonly line: number;
  /** Its cells, trimmed (a stray BOM removed). */
  readonly names: string[];
  /** Names that occur more than once (compared trimmed and case-insensitively), each once, as first written. */
  readonly duplicates: string[];
  /**
   * `expected`: it holds the most expected names; `shape`: width and text matched the data;
   * `first_row`: nothing matched, so the first row is assumed.
   */
  readonly reason: 'expected' | 'shape' | 'first_row';
  /** How many distinct expected names it holds (0 when none were given). */
  readonly matched: number;
}

/** The form header names are compared in: trimmed, lower-case, inner runs of space single. */
export function normaliseName(name: string): string {
  return name.replace(/^\uFEFF/, '').trim().replace(/\s+/g, ' ').toLowerCase();
}

export function findHeaderRow(firstRows: readonly CsvRow[], expectedNames?: readonly string[]): HeaderGuess | undefined {
  if (firstRows.length === 0) return undefined;
  const candidates = firstRows.slice(0, HEADER_SEARCH_ROWS);
  const expected = new Set((expectedNames ?? []).map(normaliseName).filter((n) => n !== ''));
  if (expected.size > 0) {
    let best = -1;
    let bestMatched = 0;
    candidates.forEach((row, i) => {
      const matched = new Set(row.cells.map(normaliseName).filter((c) => expected.has(c))).size;
      if (matched > bestMatched) {
        best = i;
        bestMatched = matched;
      }
    });
    if (best >= 0) {
      const index = textsBelowIds(firstRows, best);
      const matched = index === best ? bestMatched : new Set(firstRows[index]!.cells.map(normaliseName).filter((c) => expected.has(c))).size;
      return guess(firstRows, index, 'expected', matched);
    }
  }
  // Exactly as wide as the data first; then at least as wide, for systems that drop trailing empty fields.
  for (const fits of [(width: number, data: number) => width === data, (width: number, data: number) => width >= data]) {
    const i = candidates.findIndex((row, index) => {
      const below = firstRows.slice(index + 1, index + 1 + WIDTH_SAMPLE_ROWS).map((r) => r.cells.length);
      const dataWidth = below.length > 0 ? modal(below).value : row.cells.length;
      return fits(row.cells.length, dataWidth) && mostlyText(row.cells);
    });
    if (i >= 0) return guess(firstRows, textsBelowIds(firstRows, i), 'shape', 0);
  }
  return guess(firstRows, 0, 'first_row', 0);
}

/**
 * A question id as survey tools write one in place of the question: `Q1`, `Q12a`, `Q2_1`,
 * `QID3`, `QID3_TEXT`, `Q5_7_TEXT`. (Qualtrics writes these in its first header row and the
 * question texts in the second; people read the texts, and so do the profiles.)
 */
const QUESTION_ID = /^q(?:id)?\d{1,4}[a-z]?(?:[_.-][a-z0-9]+)*$/i;

/**
 * Whether a cell reads as a question's text rather than an answer: a question mark or a colon,
 * Qualtrics' ` - ` before a choice's part ("… - Selected Choice"), or at least four words.
 * Answers are mostly a word or two, or a number.
 */
function questionLike(cell: string): boolean {
  const t = cell.trim();
  if (t === '' || looksNumeric(t) || QUESTION_ID.test(t)) return false;
  return /[?:]/.test(t) || t.includes(' - ') || t.split(/\s+/).length >= 4;
}

/**
 * The row of question texts when the row at `index` names its questions by ids and the row under
 * it spells most of them out; else `index`. A text counts only if it does not come again further
 * down its column: answers repeat from one respondent to the next, a question is asked once. So a
 * header of quarters (Q1…Q4) over figures, or a survey exported with ids only over its answers,
 * keeps its own header.
 */
function textsBelowIds(rows: readonly CsvRow[], index: number): number {
  const ids = rows[index]!.cells.flatMap((c, i) => (QUESTION_ID.test(c.trim()) ? [i] : []));
  const below = rows[index + 1];
  if (ids.length < 2 || below === undefined) return index;
  const further = rows.slice(index + 2, index + 2 + WIDTH_SAMPLE_ROWS);
  const spelled = ids.filter((i) => {
    const text = (below.cells[i] ?? '').trim();
    return questionLike(text) && !further.some((r) => (r.cells[i] ?? '').trim() === text);
  }).length;
  return spelled * 2 > ids.length ? index + 1 : index;
}

/** The header at a given index, with its duplicates. */
function guess(rows: readonly CsvRow[], index: number, reason: HeaderGuess['reason'], matched: number): HeaderGuess {
  const row = rows[index]!;
  const names = headerNames(row.cells);
  return { index, line: row.line, names, duplicates: duplicateNames(names), reason, matched };
}

export function headerNames(cells: readonly string[]): string[] {
  return cells.map((c, i) => (i === 0 ? c.replace(/^\uFEFF/, '') : c).trim());
}

/** Non-empty names occurring more than once; empty names (trailing empty columns) are not duplicates. */
export function duplicateNames(names: readonly string[]): string[] {
  const first = new Map<string, { name: string; count: number }>();
  for (const name of names) {
    const key = normaliseName(name);
    if (key === '') continue;
    const seen = first.get(key);
    if (seen) seen.count++;
    else first.set(key, { name, count: 1 });
  }
  return [...first.values()].filter((v) => v.count > 1).map((v) => v.name);
}

/** More than half the cells are text: not empty and not a number. A header names things; data rows count them. */
function mostlyText(cells: readonly string[]): boolean {
  const text = cells.filter((c) => c.trim() !== '' && !looksNumeric(c)).length;
  return text * 2 > cells.length;
}

/**
 * A number as exports write one: sign or brackets, currency, thousands commas, decimals, exponent
 * (Excel shows long meter numbers as 1.23E+12), percent. Times such as `00:30` are not numbers:
 * half-hourly data has them as column names.
 */
export function looksNumeric(cell: string): boolean {
  return /^[-+(]?[£$€]?\s*(\d[\d,]*(\.\d*)?|\.\d+)([eE][-+]?\d+)?\)?%?$/.test(cell.trim());
}
