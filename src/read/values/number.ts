/**
 * Numbers as people and finance systems write them in CSV exports. The file's decimal separator
 * is a profile setting (`.` in UK exports, `,` in many European ones); everything else is
 * recognised from the cell itself.
 *
 * Accepted (shown for decimal `.`; with decimal `,` swap `.` and `,`):
 * - Plain digits with an optional decimal part: `1234`, `1234.5`, `.5` (a decimal separator needs
 *   a digit after it: `5.` is refused, since a trailing separator usually means a cut-off cell).
 * - Thousands separators: `,` (the separator that is not the decimal one) or a space, a
 *   non-breaking space (U+00A0) or a narrow non-breaking space (U+202F). French locales format
 *   thousands with U+202F (CLDR since v34) and older software with U+00A0. The groups must be
 *   right: 1–3 digits, then groups of exactly 3, one kind of separator per number, and a grouped
 *   number may not start with 0 (`0,123` is far more likely a decimal written the other way).
 *   `1,23,4` and Indian `12,34,567` are refused rather than guessed.
 * - Exponent form as Excel's General format writes very large or small values: `1.2E+03`,
 *   `1e3`, `5E-06`. Only on an ungrouped mantissa: Excel never writes `1,234E+03`.
 * - Signs: leading `+`, `-` or the Unicode minus U+2212 (text pasted from Word or the web);
 *   finance negatives in parentheses `(45.00)`; a trailing minus `45.00-` (SAP and other
 *   ledgers export negatives that way). One sign only: `-(45)` or `(45)-` are refused.
 * - A currency symbol `£`, `€` or `$`, before the number (after any sign or opening parenthesis)
 *   or after it (`12,30 €`); reported in the result so a caller can notice a cost column mapped
 *   as a quantity.
 * - A percentage `12%` or `12 %`: the value is the fraction (0.12) and the result says
 *   `percent: true`. Computed from the decimal text (12e-2), so `7%` is exactly the double
 *   nearest 0.07, not 7 / 100's rounding.
 * - Surrounding whitespace. A blank cell is `{ ok: true, value: null }`: whether a value is
 *   required is the caller's decision, not the number parser's.
 * - `-0` and every other zero come back as 0, never -0 (which prints as "-0" and sorts oddly).
 *
 * Refused, each with its own code: Excel and LibreOffice error values (`#N/A`, `#VALUE!`,
 * `Err:502`, `####`), placeholders (`n/a`, `-`, `tbc`), `NaN` and `Infinity`, values too large
 * for a double (`1e400`), bad grouping, and anything else that is not a number. A value too small
 * for a double (`1e-400`) becomes 0: no meter or ledger reads below 1e-308 of anything.
 */

import { problem, shown, type ValueProblem } from './result.js';

export interface NumberOptions {
  /** The file's decimal separator; the other of `.` and `,` is then a thousands separator. */
  readonly decimal: '.' | ',';
}

export type Currency = '£' | '€' | '$';

export interface NumberValue {
  readonly ok: true;
  /** null for a blank cell. */
  readonly value: number | null;
  /** The cell was a percentage: `value` is already the fraction (12% → 0.12). */
  readonly percent: boolean;
  /** The currency symbol the cell carried, if any. */
  readonly currency: Currency | null;
}

export type NumberProblemCode = 'not_a_number' | 'bad_grouping' | 'excel_error' | 'placeholder' | 'not_finite' | 'too_large';

export type NumberResult = NumberValue | ValueProblem<NumberProblemCode>;

const BLANK: NumberValue = Object.freeze({ ok: true, value: null, percent: false, currency: null });

const DIGIT_0 = 48;
const DIGIT_9 = 57;
const MINUS = 45;

export function parseNumber(text: string, options: NumberOptions): NumberResult {
  const fast = plainNumber(text, options.decimal === '.' ? 46 : 44);
  if (fast !== undefined) return fast;
  return parseWritten(text, options.decimal);
}

/**
 * The fast path: `-?\d+([.,]\d+)?` with the file's decimal separator, which is almost every cell
 * of a machine-written export. A char-code scan and one Number() call, no regex and no trimming:
 * this runs for up to 48 cells × 1M rows. Anything else returns undefined and takes the full path.
 */
function plainNumber(text: string, decimalCode: number): NumberValue | undefined {
  const n = text.length;
  let start = 0;
  if (n > 0 && text.charCodeAt(0) === MINUS) start = 1;
  if (start === n) return undefined;
  let separator = -1;
  for (let i = start; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= DIGIT_0 && c <= DIGIT_9) continue;
    if (c === decimalCode && separator < 0 && i > start && i < n - 1) {
      separator = i;
      continue;
    }
    return undefined;
  }
  // Number() reads '.' only; a ',' decimal is swapped in place.
  const value = separator >= 0 && decimalCode !== 46 ? Number(`${text.slice(0, separator)}.${text.slice(separator + 1)}`) : Number(text);
  // A long run of digits can overflow; let the full path word that problem.
  if (!Number.isFinite(value)) return undefined;
  return { ok: true, value: value === 0 ? 0 : value, percent: false, currency: null };
}

const CURRENCIES: ReadonlySet<string> = new Set(['£', '€', '$']);
const SPACES: ReadonlySet<string> = new Set([' ', '\u00A0', '\u202F']);

/** Cells that say "no value" in words. Refused rather than read as blank: the source should say so. */
const PLACEHOLDERS: ReadonlySet<string> = new Set([
  'n/a', 'na', 'n.a.', 'n.a', 'nil', 'null', 'none', 'tbc', 'tba', 'unknown', '?', 'no data', 'not available', '--', '---', '–', '—', '-', '\u2212',
]);

const NON_FINITE: ReadonlySet<string> = new Set(['nan', 'infinity', '+infinity', '-infinity', 'inf', '+inf', '-inf', '∞', '+∞', '-∞']);

/**
 * Excel's error values, as Microsoft's "How to correct a … error" pages describe them, plus
 * Google Sheets' #ERROR!. A formula failed in the source spreadsheet; the fix is there.
 */
const EXCEL_ERRORS: ReadonlyMap<string, string> = new Map([
  ['#N/A', 'a value was not available, usually a lookup such as VLOOKUP or XLOOKUP that found no match'],
  ['#VALUE!', 'a formula used the wrong kind of value, such as text where a number was needed'],
  ['#DIV/0!', 'a formula divided by zero or by an empty cell'],
  ['#REF!', 'a formula refers to a cell that was deleted'],
  ['#NAME?', 'a formula uses a name or function Excel does not recognise'],
  ['#NUM!', 'a formula produced a number Excel cannot calculate or hold'],
  ['#NULL!', 'a formula refers to two ranges that do not meet'],
  ['#SPILL!', "a formula's results could not spill into the cells next to it"],
  ['#CALC!', 'a calculation Excel could not complete'],
  ['#GETTING_DATA', 'the workbook was saved before Excel finished fetching its data'],
  ['#ERROR!', 'a formula Google Sheets could not read'],
]);

function example(decimal: '.' | ','): string {
  return decimal === '.' ? '1234.5 or 1,234.5' : '1234,5 or 1.234,5';
}

function notANumber(text: string, decimal: '.' | ',', why = 'is not a number'): ValueProblem<NumberProblemCode> {
  return problem('not_a_number', `${shown(text)} ${why}: expected a number such as ${example(decimal)}.`);
}

function excelError(t: string, decimal: '.' | ','): ValueProblem<NumberProblemCode> | undefined {
  const first = t.charAt(0);
  if (first !== '#' && first !== 'E' && first !== 'e') return undefined;
  // Excel shows #### when a value is too wide for its column (or is a negative date or time);
  // a copy or an export of the displayed text carries the hashes instead of the value.
  if (/^#+$/.test(t)) {
    return problem('excel_error', `${shown(t)} is how Excel shows a value too wide for its column, not a number: widen the column in the source spreadsheet and export again.`);
  }
  const upper = t.toUpperCase();
  const why = EXCEL_ERRORS.get(upper);
  if (why !== undefined) return problem('excel_error', `${shown(t)} is an Excel error, not a number: ${why}. Fix the formula in the source spreadsheet and export again.`);
  // Other #…! / #…? values are Excel's newer errors (#FIELD!, #BLOCKED!, #CONNECT!, #BUSY!, #UNKNOWN!, #PYTHON!).
  if (/^#[A-Z_/0-9]+[!?]$/.test(upper)) return problem('excel_error', `${shown(t)} is an Excel error, not a number: fix the formula in the source spreadsheet and export again.`);
  // LibreOffice Calc writes its errors as Err:NNN (e.g. Err:502, invalid argument).
  if (/^ERR:\d{3}$/.test(upper)) return problem('excel_error', `${shown(t)} is a LibreOffice Calc error, not a number: fix the formula in the source spreadsheet and export again.`);
  return t.startsWith('#') ? notANumber(t, decimal) : undefined;
}

function placeholder(t: string): ValueProblem<NumberProblemCode> {
  if (/^[-\u2212–—]+$/.test(t)) {
    // Excel's Accounting format shows zero as a dash, and people use a dash for "no reading":
    // the two cannot be told apart, so neither is guessed.
    return problem(
      'placeholder',
      `${shown(t)} on its own is how Excel's Accounting format shows zero, and also how people mark a missing value, so it cannot be read safely: enter 0 if the value is zero, or leave the cell blank if there is no value.`,
    );
  }
  return problem('placeholder', `${shown(t)} marks a missing value, not a number: leave the cell blank if there is no value, or enter the number.`);
}

/** The full path: affixes, signs and grouping. Not hot: only cells the fast path could not read. */
function parseWritten(text: string, decimal: '.' | ','): NumberResult {
  const t = text.trim();
  if (t === '') return BLANK;
  const error = excelError(t, decimal);
  if (error) return error;
  // Placeholders and NaN/Infinity have no digits; most cells on this path do.
  const lower = /\d/.test(t) ? '' : t.toLowerCase();
  if (PLACEHOLDERS.has(lower)) return placeholder(t);
  if (NON_FINITE.has(lower)) return problem('not_finite', `${shown(t)} is not a quantity: expected a finite number such as ${example(decimal)}.`);

  let s = t;
  let parens = false;
  let lead: '+' | '-' | null = null;
  let trailingMinus = false;
  let currency: Currency | null = null;
  let percent = false;

  // Parentheses already make the number negative; a sign outside them is a second sign.
  if (/^[+\-\u2212]\s*\(|\)\s*[-\u2212]$/.test(s)) return notANumber(t, decimal, 'has more than one sign');
  if (s.startsWith('(')) {
    if (!s.endsWith(')')) return notANumber(t, decimal, 'has an opening parenthesis with no closing one');
    parens = true;
    s = s.slice(1, -1).trim();
  }
  // Prefixes, in either order: a sign and a currency symbol (`-£12`, `£-12`, `€ 12`).
  for (let k = 0; k < 2; k++) {
    const c = s.charAt(0);
    if (c === '+' || c === '-' || c === '\u2212') {
      if (lead !== null) return notANumber(t, decimal, 'has more than one sign');
      lead = c === '+' ? '+' : '-';
      s = s.slice(1);
    } else if (CURRENCIES.has(c)) {
      if (currency !== null) return notANumber(t, decimal, 'has more than one currency symbol');
      currency = c as Currency;
      s = s.slice(1).trimStart();
    }
  }
  // Suffixes, innermost last: a trailing minus, then `%` or a currency symbol.
  if (s.endsWith('-') || s.endsWith('\u2212')) {
    trailingMinus = true;
    s = s.slice(0, -1).trimEnd();
  }
  if (s.endsWith('%')) {
    percent = true;
    s = s.slice(0, -1).trimEnd();
  } else if (CURRENCIES.has(s.charAt(s.length - 1))) {
    if (currency !== null) return notANumber(t, decimal, 'has more than one currency symbol');
    currency = s.charAt(s.length - 1) as Currency;
    s = s.slice(0, -1).trimEnd();
  }
  if ((parens ? 1 : 0) + (lead !== null ? 1 : 0) + (trailingMinus ? 1 : 0) > 1) return notANumber(t, decimal, 'has more than one sign');
  if (percent && currency !== null) return notANumber(t, decimal, 'has both a currency symbol and a percent sign');
  const negative = parens || trailingMinus || lead === '-';

  const core = readCore(s, t, decimal);
  if (!core.ok) return core;
  const exponent = core.exponent - (percent ? 2 : 0);
  // Rebuilt as canonical decimal text so Number() does the one correctly rounded conversion.
  const value = Number(`${negative ? '-' : ''}${core.int === '' ? '0' : core.int}.${core.frac === '' ? '0' : core.frac}e${exponent}`);
  if (!Number.isFinite(value)) return problem('too_large', `${shown(t)} is too large to be a quantity: check the cell in the source; expected a number such as ${example(decimal)}.`);
  return { ok: true, value: value === 0 ? 0 : value, percent, currency };
}

type Core = { readonly ok: true; readonly int: string; readonly frac: string; readonly exponent: number } | ValueProblem<NumberProblemCode>;

/** The digits left once signs and symbols are off: mantissa (maybe grouped) and exponent. */
function readCore(s: string, t: string, decimal: '.' | ','): Core {
  const thousands = decimal === '.' ? ',' : '.';
  let mantissa = s;
  let exponent = 0;
  const e = s.search(/[eE]/);
  if (e >= 0) {
    const m = /^[+-]?\d+$/.exec(s.slice(e + 1));
    if (!m) return notANumber(t, decimal);
    exponent = Number(m[0]);
    mantissa = s.slice(0, e);
  }
  const parts = mantissa.split(decimal);
  if (parts.length > 2) {
    const hint = decimal === '.' ? " If '.' separates thousands in this file, set the file's decimal separator to ','." : '';
    return problem('not_a_number', `${shown(t)} has more than one decimal separator '${decimal}': expected a number such as ${example(decimal)}.${hint}`);
  }
  const intText = parts[0]!;
  const frac = parts[1] ?? '';
  if (parts.length === 2 && !/^\d+$/.test(frac)) {
    if (frac.includes(thousands)) {
      return problem(
        'bad_grouping',
        `${shown(t)} has a '${thousands}' after the decimal separator '${decimal}': if '${thousands}' is the decimal separator in this file, set the file's decimal separator to '${thousands}'.`,
      );
    }
    return notANumber(t, decimal);
  }
  if (/^\d*$/.test(intText)) {
    if (intText === '' && frac === '') return notANumber(t, decimal);
    return { ok: true, int: intText, frac, exponent };
  }
  if (e >= 0) return notANumber(t, decimal, 'mixes an exponent with thousands separators');
  return readGrouped(intText, frac, t, decimal, thousands, exponent);
}

function readGrouped(intText: string, frac: string, t: string, decimal: '.' | ',', thousands: string, exponent: number): Core {
  let kind: 'mark' | 'space' | null = null;
  const groups: string[] = [];
  let group = '';
  for (const c of intText) {
    if (c >= '0' && c <= '9') {
      group += c;
      continue;
    }
    const k = c === thousands ? 'mark' : SPACES.has(c) ? 'space' : null;
    if (k === null) return notANumber(t, decimal);
    if (kind !== null && kind !== k) return problem('bad_grouping', `${shown(t)} mixes two kinds of thousands separator: expected one kind, as in ${decimal === '.' ? '1,234,567.8' : '1.234.567,8'}.`);
    kind = k;
    groups.push(group);
    group = '';
  }
  groups.push(group);
  const [first, ...rest] = groups as [string, ...string[]];
  const good = first.length >= 1 && first.length <= 3 && !first.startsWith('0') && rest.every((g) => g.length === 3);
  if (!good) {
    // One separator and no decimal part, with the wrong group size: most likely the other
    // convention's decimal separator (`12,5` in a file set to decimal '.').
    const hint =
      kind === 'mark' && groups.length === 2 && frac === '' ? ` If '${thousands}' is the decimal separator in this file, set the file's decimal separator to '${thousands}'.` : '';
    return problem(
      'bad_grouping',
      `${shown(t)} has its thousands separators in the wrong places: expected groups of three digits, as in ${decimal === '.' ? '1,234,567.8' : '1.234.567,8'}.${hint}`,
    );
  }
  return { ok: true, int: groups.join(''), frac, exponent };
}
