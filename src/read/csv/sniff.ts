/**
 * Files that are not CSV at all. People pick the wrong download, rename an .xlsx to .csv, or save
 * a portal's error page; parsing those as CSV gives nonsense columns, so they are named for what
 * they are, with what to do instead.
 */

import { UserError } from '../../kernel/errors.js';
import type { EncodingGuess } from './encoding.js';

export type NotCsvKind = 'zip' | 'xls' | 'pdf' | 'gzip' | 'html' | 'xml' | 'binary';

/** How far into the file NUL bytes mean "binary". */
const BINARY_PROBE_BYTES = 4096;

/** What the file looks like when it is not a CSV, from its first bytes and their decoded text. */
export function sniffNotCsv(head: Uint8Array, text: string, guess: EncodingGuess): NotCsvKind | undefined {
  const starts = (...bytes: number[]): boolean => bytes.every((b, i) => head[i] === b);
  // PK\3\4 is a zip entry; PK\5\6 an empty zip and PK\7\8 a spanned one.
  if (starts(0x50, 0x4b) && ((head[2] === 3 && head[3] === 4) || (head[2] === 5 && head[3] === 6) || (head[2] === 7 && head[3] === 8))) return 'zip';
  if (starts(0xd0, 0xcf, 0x11, 0xe0)) return 'xls';
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'pdf';
  if (starts(0x1f, 0x8b)) return 'gzip';
  const markup = /^\s*<(!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|table[\s>]|\?xml[\s?])/i.exec(text);
  if (markup) {
    if (!markup[1]!.startsWith('?')) return 'html';
    // XHTML starts with an XML declaration too; an Excel 2003 "XML Spreadsheet" does not have <html.
    return /<html[\s>]/i.test(text.slice(0, BINARY_PROBE_BYTES)) ? 'html' : 'xml';
  }
  if (!guess.encoding.startsWith('utf-16') && head.subarray(0, BINARY_PROBE_BYTES).includes(0)) return 'binary';
  return undefined;
}

/** Throws a `UserError` naming what the file is when it is empty or not a CSV. */
export function assertCsvLike(args: { readonly name: string; readonly head: Uint8Array; readonly text: string; readonly guess: EncodingGuess; readonly wholeFileInHead: boolean }): void {
  const { name, head, text, guess, wholeFileInHead } = args;
  if (head.length === 0) throw emptyFile(name, 'it has no bytes at all');
  const kind = sniffNotCsv(head, text, guess);
  if (kind) throw notCsv(name, kind);
  if (wholeFileInHead && text.trim() === '') throw emptyFile(name, 'it has only blank space, no text');
}

export function emptyFile(name: string, why: string): UserError {
  return new UserError('empty_file', `${name} is empty: ${why}.`, 'Export the data again and check the file has rows before importing it.', { file: name });
}

const NOT_CSV: Readonly<Record<NotCsvKind, { readonly what: string; readonly hint: string }>> = {
  zip: {
    what: 'an Excel workbook (.xlsx) or other zip file, not a CSV: open it in Excel and Save As CSV',
    hint: 'In Excel choose File › Save As › "CSV UTF-8 (Comma delimited)", then import the saved .csv file.',
  },
  xls: {
    what: 'an old-style Excel workbook (.xls) or other Office document, not a CSV: open it in Excel and Save As CSV',
    hint: 'In Excel choose File › Save As › "CSV UTF-8 (Comma delimited)", then import the saved .csv file.',
  },
  pdf: {
    what: 'a PDF document, not a CSV',
    hint: 'Ask the supplier for the same report as a CSV export; figures copied out of a PDF cannot be traced back to a line.',
  },
  gzip: {
    what: 'a gzip-compressed file, not a CSV',
    hint: 'Decompress it first (for example with `gunzip` or 7-Zip) and import the .csv inside.',
  },
  html: {
    what: 'a web page (HTML), perhaps an error page saved as .csv, not a CSV',
    hint: 'Open it in a browser to see what it says, then download the export again; if it is a table Excel saved as a web page, open it in Excel and Save As CSV.',
  },
  xml: {
    what: 'an XML document (perhaps an Excel "XML Spreadsheet"), not a CSV: open it in Excel and Save As CSV',
    hint: 'In Excel choose File › Save As › "CSV UTF-8 (Comma delimited)", then import the saved .csv file.',
  },
  binary: {
    what: 'a binary file (it contains NUL bytes), not a CSV',
    hint: 'Check this is the export you meant to import: a CSV is plain text that opens readably in Notepad.',
  },
};

export function notCsv(name: string, kind: NotCsvKind): UserError {
  const { what, hint } = NOT_CSV[kind];
  return new UserError(`file_is_${kind}`, `${name} is ${what}.`, hint, { file: name, looksLike: kind });
}
