/**
 * The shapes the CSV reader hands out. Rows carry the physical line they start on so that every
 * problem a caller finds later can point at the line a person sees in their editor.
 */

/** The delimiters UK exports actually use; anything else is treated as part of a cell. */
export type CsvDelimiter = ',' | ';' | '\t' | '|';

export const DELIMITERS: readonly CsvDelimiter[] = [',', ';', '\t', '|'];

/** How the bytes were decoded (WHATWG labels, as `TextDecoder` takes them). */
export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface CsvRow {
  /** 1-based physical line where the record starts (a quoted newline makes a record span lines). */
  readonly line: number;
  /** The fields as written, quotes removed; trailing empty fields kept; line breaks inside a quoted field are `\n`. */
  readonly cells: string[];
}

/** Something the reader noticed but could read past; returned as data, never printed. */
export interface CsvWarning {
  /** Stable machine-readable code, e.g. `invalid_utf8`. */
  readonly code: string;
  readonly message: string;
  readonly line?: number;
}

export function isDelimiter(value: string): value is CsvDelimiter {
  return (DELIMITERS as readonly string[]).includes(value);
}

/** The printable name of a delimiter, for messages (a tab is invisible). */
export function delimiterName(d: CsvDelimiter): string {
  switch (d) {
    case ',':
      return 'comma';
    case ';':
      return 'semicolon';
    case '\t':
      return 'tab';
    case '|':
      return 'pipe';
  }
}
