/**
 * CSV for people to open in a spreadsheet, and for tco2e to read back (a rejects file is fixed
 * and imported again). Fields are quoted when needed; lines end CRLF, as Excel writes.
 *
 * Formula injection. OWASP's "CSV Injection" page (owasp.org/www-community/attacks/CSV_Injection)
 * names the leading characters that make Excel, LibreOffice Calc and Google Sheets read a cell
 * as a formula: `=`, `+`, `-`, `@`, tab and carriage return. What makes such a formula harmful is
 * that it calls a function (`HYPERLINK(`, `WEBSERVICE(`, `IMPORTXML(`), starts a program through
 * DDE (`cmd|' /C calc'!A0`) or reaches into another sheet or workbook (`'[book]Sheet'!A1`): each
 * needs letters followed by `(`, or a `|`, `!` or `[`. A guarded cell gets an apostrophe in front,
 * which the spreadsheet takes as "text" (and which tco2e would read as part of the value, so it is
 * added only where it is needed). The rule:
 *
 * - `=`, `@`, tab or carriage return first: always guarded. `=` and `@` (Lotus style) always start
 *   a formula; a spreadsheet may drop a leading tab or CR and then read what follows.
 * - `+` or `-` first: guarded unless what follows the sign is inert, that is either
 *   - a figure: only digits, `.`, `,`, spaces, `£`, `€`, `$` and `%`, with at most an exponent at
 *     the end (`-12.5`, `-£12.30`, `+1,234.5`, `-1.2e3`, `-12 %`, and `-` or `+` alone). This
 *     covers every signed number tco2e's own number reader accepts (see read/values/number.ts;
 *     a test holds the two together), so negative figures stay numbers and read back as they were;
 *     or
 *   - words after a space: the sign, white space, then only letters, digits, spaces, `.` and `,`
 *     (`- refund`, `+ VAT`).
 *   Anything else after a sign is guarded: an operator (`-2+3`), a letter straight after the sign
 *   (`-A1`, `-cmd|…`), brackets, quotes, `|`, `!`, `:` or `;`.
 *
 * The inert cells can still be read by a spreadsheet, but only as a constant, or (words after a
 * space) as a name it does not know: Excel shows `- refund` as #NAME?. None of them can call a
 * function, follow a link or start a program, and guarding them would change the text tco2e reads
 * back, so they are written as they are. A leading `−` (U+2212) or `(` is never a formula.
 */

/** What may follow a sign in a figure; an exponent (`e+03`) is taken off first. */
const FIGURE_AFTER_SIGN = /^[\d.,\s£€$%]*$/;
/** An exponent at the end of a figure, after a digit, before any percent or currency sign. */
const EXPONENT_AT_END = /(\d)[eE][+-]?\d+(?=[\s%£€$]*$)/;
/** Words after a sign and a space: letters, digits, spaces, `.` and `,`, nothing that computes. */
const WORDS_AFTER_SIGN = /^\s+[\p{L}\p{N}\s.,]*$/u;

/** Whether a spreadsheet could run the text as a formula (and so it needs an apostrophe in front). */
export function needsFormulaGuard(text: string): boolean {
  const first = text.charAt(0);
  if (first === '=' || first === '@' || first === '\t' || first === '\r') return true;
  if (first !== '+' && first !== '-') return false;
  const rest = text.slice(1);
  return !(FIGURE_AFTER_SIGN.test(rest.replace(EXPONENT_AT_END, '$1')) || WORDS_AFTER_SIGN.test(rest));
}

export function safeCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let s = typeof value === 'number' ? String(value) : value;
  if (needsFormulaGuard(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return [header, ...rows].map((r) => r.map(safeCell).join(',')).join('\r\n') + '\r\n';
}
