/**
 * When a survey's responses were given, read from the timestamp a form tool writes beside every
 * response (Microsoft Forms' "Completion time", Google Forms' "Timestamp", Qualtrics'
 * "RecordedDate", SurveyMonkey's "End Date", SmartSurvey's "Ended"), to name a wave nobody named.
 *
 * Form tools write the date in the locale of whoever set the form up: `10/03/2025` (UK),
 * `3/10/25` (US), `2025-03-10` (Qualtrics). A single slash date is often readable both ways, so
 * the order is settled by the column as a whole, as a person would: one day above 12 in the first
 * place makes every date day first, in the second month first. When both orders still fit and
 * give different months, both are returned and the caller asks for the wave rather than guess.
 */

import { MONTH_NAMES } from '../read/values/calendar.js';
import { findColumn } from './columns.js';

/**
 * Columns that date a response, the moment it was sent first; the moment it was begun last.
 * SmartSurvey writes "Started" and "Ended" beside each response; other tools "Completed".
 */
export const RESPONSE_DATE_HEADERS = [
  'Completion time', 'Timestamp', 'Submitted', 'Date submitted', 'Submission date', 'Submitted at', 'RecordedDate', 'Recorded Date',
  'Response date', 'EndDate', 'End Date', 'End time', 'Ended', 'Completed', 'Date completed', 'Completed at', 'Completed on',
  'Date', 'Start time', 'StartDate', 'Start Date', 'Started', 'Date started', 'Started at',
] as const;

/** The column dating each response, if the header has one. */
export function responseDateColumn(header: readonly string[]): number | undefined {
  return findColumn(header, RESPONSE_DATE_HEADERS);
}

/** A calendar month, e.g. `{ year: 2025, month: 3 }` for March 2025. */
export interface YearMonth {
  readonly year: number;
  readonly month: number;
}

/** A wave label for a month as people write one, which `dateWave` dates by its month: "March 2025". */
export function monthLabel(m: YearMonth): string {
  return `${MONTH_NAMES[m.month - 1]!} ${m.year}`;
}

export type ResponseMonths =
  | { readonly kind: 'none' }
  | { readonly kind: 'dated'; readonly first: YearMonth; readonly last: YearMonth; readonly dates: number }
  /** The slash dates read either way and give different months: `dayFirst` and `monthFirst` are both plausible. */
  | { readonly kind: 'two_readings'; readonly dayFirst: YearMonth; readonly monthFirst: YearMonth };

const YEAR_FIRST = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?![\d])/;
const SLASHED = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})(?![\d])/;
const NAMED_DAY_FIRST = /^\d{1,2}[ -]([a-z]{3,9})\.?[ -,]+(\d{4})\b/i;
const NAMED_MONTH_FIRST = /^([a-z]{3,9})\.? \d{1,2},? (\d{4})\b/i;

interface Slashed {
  readonly a: number;
  readonly b: number;
  readonly year: number;
  readonly dotted: boolean;
}

type Cell = { readonly ym: YearMonth } | { readonly slashed: Slashed } | undefined;

function monthNamed(word: string): number | undefined {
  const w = word.toLowerCase();
  if (w.length < 3) return undefined;
  const i = MONTH_NAMES.findIndex((m) => m.toLowerCase().startsWith(w.slice(0, 3)) && (w.length === 3 || m.toLowerCase().startsWith(w) || w === 'sept'));
  return i < 0 ? undefined : i + 1;
}

/** Two-digit years are this century: a response to a survey was not given in 1925. */
const fullYear = (y: string): number => (y.length === 2 ? 2000 + Number(y) : Number(y));

function readCell(text: string): Cell {
  const t = text.trim();
  let m = YEAR_FIRST.exec(t);
  if (m) return { ym: { year: Number(m[1]), month: Number(m[2]) } };
  m = SLASHED.exec(t);
  if (m) return { slashed: { a: Number(m[1]), b: Number(m[3]), year: fullYear(m[4]!), dotted: m[2] === '.' } };
  m = NAMED_DAY_FIRST.exec(t);
  const named = m ? monthNamed(m[1]!) : undefined;
  if (m && named !== undefined) return { ym: { year: Number(m[2]), month: named } };
  m = NAMED_MONTH_FIRST.exec(t);
  const named2 = m ? monthNamed(m[1]!) : undefined;
  if (m && named2 !== undefined) return { ym: { year: Number(m[2]), month: named2 } };
  return undefined;
}

const key = (m: YearMonth): number => m.year * 12 + m.month;
const valid = (m: YearMonth): boolean => m.month >= 1 && m.month <= 12 && m.year >= 1990 && m.year <= 2100;

function span(months: readonly YearMonth[]): { first: YearMonth; last: YearMonth } | undefined {
  if (months.length === 0 || !months.every(valid)) return undefined;
  const sorted = [...months].sort((x, y) => key(x) - key(y));
  return { first: sorted[0]!, last: sorted.at(-1)! };
}

/**
 * The months a column of response dates covers. Cells that are not dates are passed over (a
 * blank, a form tool's label); `none` when no cell is one, or when the dates contradict each
 * other (a day above 12 in both places).
 */
export function responseMonths(texts: Iterable<string>): ResponseMonths {
  const fixed: YearMonth[] = [];
  const slashed: Slashed[] = [];
  for (const text of texts) {
    const c = readCell(text);
    if (c === undefined) continue;
    if ('ym' in c) fixed.push(c.ym);
    else slashed.push(c.slashed);
  }
  // Dotted dates are day first wherever they are written (see read/values/date.ts).
  const dayFirstFits = slashed.every((s) => s.a <= 31 && s.b <= 12);
  const monthFirstFits = slashed.every((s) => !s.dotted && s.a <= 12 && s.b <= 31);
  const dayFirst = dayFirstFits ? span([...fixed, ...slashed.map((s) => ({ year: s.year, month: s.b }))]) : undefined;
  const monthFirst = monthFirstFits ? span([...fixed, ...slashed.map((s) => ({ year: s.year, month: s.a }))]) : undefined;
  const dates = fixed.length + slashed.length;
  if (dayFirst !== undefined && monthFirst !== undefined && key(dayFirst.first) !== key(monthFirst.first)) {
    return { kind: 'two_readings', dayFirst: dayFirst.first, monthFirst: monthFirst.first };
  }
  const one = dayFirst ?? monthFirst;
  return one === undefined ? { kind: 'none' } : { kind: 'dated', ...one, dates };
}
