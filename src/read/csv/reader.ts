/**
 * Decoded text to rows, each with the physical line it starts on.
 *
 * papaparse does the field splitting, but it accepts one line-ending style per parse and reports
 * positions, not lines. So a small splitter in front of it makes every CR, LF and CRLF a `\n`,
 * counts lines, and hands papaparse only whole records (it tracks quotes, so a quoted newline never
 * ends a record). Each record's line is then its start offset's line within that piece. Pieces are
 * about one read (64 KiB) long, so memory stays flat however large the file.
 */

import Papa from 'papaparse';
import { UserError } from '../../kernel/errors.js';
import type { DecodedChunk } from './encoding.js';
import type { CsvDelimiter, CsvRow, CsvWarning } from './types.js';

/**
 * No real cell or record comes near this; a quote that is never closed does, and without a limit
 * it would pull the rest of the file into memory as one cell.
 */
export const MAX_RECORD_CHARS = 1024 * 1024;

export interface ReadRowsOptions {
  readonly delimiter: CsvDelimiter;
  /** Skip the record on line 1 (Excel's `sep=` line). */
  readonly skipFirstLine: boolean;
  /** Rows per yielded batch. */
  readonly batchSize: number;
  /** The file's name, for messages. */
  readonly name: string;
  readonly warn: (warning: CsvWarning) => void;
  readonly maxRecordChars?: number;
}

/** Whole records of text, line endings made `\n`, starting on physical line `line`. */
export interface Segment {
  readonly text: string;
  readonly line: number;
}

/**
 * Rows in batches of at most `batchSize`. Blank rows (every field empty or white space) are left
 * out but still counted as lines. Throws a `UserError` for a quote that is never closed.
 */
export async function* readRows(chunks: AsyncIterable<DecodedChunk> | Iterable<DecodedChunk>, options: ReadRowsOptions): AsyncGenerator<CsvRow[], void, undefined> {
  const splitter = new RecordSplitter(options.delimiter, options.name, options.maxRecordChars ?? MAX_RECORD_CHARS);
  const pending: CsvRow[] = [];
  for await (const chunk of chunks) {
    if (chunk.invalidAt !== undefined) {
      const line = splitter.lineOf(chunk.text, chunk.invalidAt);
      options.warn({
        code: 'invalid_utf8',
        line,
        message: `line ${line} has bytes that are not valid UTF-8; they were read as \uFFFD. The file is read as UTF-8 because of how it starts, and the encoding cannot change part way through: if it was saved as ANSI/Windows-1252, save it again as "CSV UTF-8".`,
      });
    }
    const segment = splitter.push(chunk.text);
    if (segment) parseSegment(segment, options, pending);
    while (pending.length >= options.batchSize) yield pending.splice(0, options.batchSize);
  }
  const last = splitter.finish();
  if (last) parseSegment(last, options, pending);
  while (pending.length > options.batchSize) yield pending.splice(0, options.batchSize);
  if (pending.length > 0) yield pending;
}

/** A piece of the data: plain text of whole records, or rows parsed from quoted text. */
export type CsvPiece =
  | { readonly kind: 'text'; readonly text: string; readonly line: number }
  | { readonly kind: 'rows'; readonly rows: CsvRow[] };

/**
 * The same records as `readRows`, but quote-free text after `afterLine` comes as text, records
 * separated by `\n`, for a caller that can take fields out of it directly (a million-row meter
 * file is read several times faster that way than through arrays of cells). Text may contain
 * blank records, which the caller skips as `readRows` would.
 */
export async function* readPieces(chunks: AsyncIterable<DecodedChunk> | Iterable<DecodedChunk>, options: ReadRowsOptions, afterLine: number): AsyncGenerator<CsvPiece, void, undefined> {
  const splitter = new RecordSplitter(options.delimiter, options.name, options.maxRecordChars ?? MAX_RECORD_CHARS);
  const piece = (segment: Segment): CsvPiece | undefined => {
    if (segment.line > afterLine && !segment.text.includes('"')) return { kind: 'text', text: segment.text, line: segment.line };
    const rows: CsvRow[] = [];
    parseSegment(segment, options, rows);
    const data = rows.filter((r) => r.line > afterLine);
    return data.length > 0 ? { kind: 'rows', rows: data } : undefined;
  };
  for await (const chunk of chunks) {
    if (chunk.invalidAt !== undefined) {
      const line = splitter.lineOf(chunk.text, chunk.invalidAt);
      options.warn({ code: 'invalid_utf8', line, message: `line ${line} has bytes that are not valid UTF-8; they were read as \uFFFD.` });
    }
    const segment = splitter.push(chunk.text);
    const p = segment && piece(segment);
    if (p) yield p;
  }
  const last = splitter.finish();
  const p = last && piece(last);
  if (p) yield p;
}

/** Parses one segment of whole records, appending its non-blank rows with their lines to `out`. */
export function parseSegment(segment: Segment, options: Pick<ReadRowsOptions, 'delimiter' | 'skipFirstLine' | 'name' | 'warn'>, out: CsvRow[]): void {
  const { text } = segment;
  if (!text.includes('"')) {
    splitPlain(segment, options, out);
    return;
  }
  let line = segment.line;
  let counted = 0; // `line` is the line of text[counted]
  let start = 0; // where the next record starts
  Papa.parse<string[]>(text, {
    delimiter: options.delimiter,
    newline: '\n',
    quoteChar: '"',
    escapeChar: '"',
    step: (result) => {
      line += countNewlines(text, counted, start);
      counted = start;
      const rowLine = line;
      start = result.meta.cursor;
      for (const error of result.errors) {
        if (error.code === 'MissingQuotes') throw unterminatedQuote(options.name, rowLine);
        if (error.code === 'InvalidQuotes') {
          options.warn({
            code: 'invalid_quotes',
            line: rowLine,
            message: `the record on line ${rowLine} has a quote inside a quoted field that is not doubled (""); it was kept as part of the cell`,
          });
        }
      }
      const cells = result.data;
      if (cells.every((c) => c.trim() === '')) return;
      if (options.skipFirstLine && rowLine === 1) return;
      out.push({ line: rowLine, cells });
    },
  });
}

/**
 * The common case, a piece with no quote at all: every newline ends a record and every delimiter
 * ends a field, so plain `split` gives exactly what papaparse would, several times faster (this
 * runs for every row of a million-row meter file).
 */
function splitPlain(segment: Segment, options: Pick<ReadRowsOptions, 'delimiter' | 'skipFirstLine'>, out: CsvRow[]): void {
  const records = segment.text.split('\n');
  // A segment ends with its last record's newline, which leaves one empty string at the end.
  const count = records[records.length - 1] === '' ? records.length - 1 : records.length;
  for (let i = 0; i < count; i++) {
    const record = records[i]!;
    const line = segment.line + i;
    if (options.skipFirstLine && line === 1) continue;
    const cells = record.split(options.delimiter);
    // Blank rows (every field empty or white space) are skipped; most rows fail the first test.
    // White space includes non-ASCII (a no-break space, as Excel pastes from the web), so any
    // character above ASCII goes on to the full test, as papaparse's path does.
    const first = cells[0]!;
    const c0 = first.charCodeAt(0);
    if ((first.length === 0 || c0 <= 32 || c0 >= 0x80) && cells.every((c) => c.trim() === '')) continue;
    out.push({ line, cells });
  }
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * `within`: the limit a still-open quote ran past. The quote may close further on (a 10 MB cell
 * does), so the message then says what is known rather than "never closed".
 */
function unterminatedQuote(name: string, line: number, within?: number): UserError {
  const what = within === undefined ? 'is never closed' : `is not closed within ${within.toLocaleString('en-GB')} characters, longer than any cell an export has`;
  return new UserError(
    'unterminated_quote',
    `${name}: the quoted field that starts on line ${line} ${what}, so everything after it would be read as one cell.`,
    `Look for a stray " on line ${line}: a quote inside a cell must be doubled ("") and the cell itself quoted.`,
    { file: name, line },
  );
}

/**
 * Finds where whole records end as text arrives, following papaparse's quote rules: a quote opens
 * a quoted field only at the start of a field; inside, `""` is a quote, and a quote followed (after
 * optional spaces) by the delimiter, a newline or the end closes it; any other quote is kept as text.
 */
export class RecordSplitter {
  /** Text not yet handed out: at most one incomplete record. */
  private buf = '';
  /** Physical line of buf[0]. */
  private bufLine = 1;
  /** Where scanning resumes in buf. */
  private pos = 0;
  private inQuote = false;
  private fieldStart = true;
  /** Index in buf of the quote that opened the current quoted field. */
  private quoteAt = -1;
  /** The last chunk ended with CR, so an LF starting the next one belongs to it. */
  private pendingCR = false;
  private readonly delimiterCode: number;

  constructor(
    delimiter: CsvDelimiter,
    private readonly name: string,
    private readonly maxRecordChars: number = MAX_RECORD_CHARS,
  ) {
    this.delimiterCode = delimiter.charCodeAt(0);
  }

  /** The physical line of `raw[index]`, for a chunk about to be pushed. */
  lineOf(raw: string, index: number): number {
    return this.bufLine + countNewlines(this.buf, 0, this.buf.length) + countNewlines(this.normalise(raw.slice(0, index), false), 0, Infinity);
  }

  /** Adds the next piece of decoded text; returns the records it completes, if any. */
  push(raw: string): Segment | undefined {
    if (raw === '') return undefined;
    this.buf += this.normalise(raw, true);
    return this.take(this.scan(false));
  }

  /** The text after the last record boundary, at the end of the input. */
  finish(): Segment | undefined {
    this.scan(true);
    if (this.inQuote) throw unterminatedQuote(this.name, this.lineAt(this.quoteAt));
    return this.take(this.buf.length);
  }

  private normalise(raw: string, commit: boolean): string {
    let text = raw;
    if (this.pendingCR && text.startsWith('\n')) text = text.slice(1);
    if (commit) this.pendingCR = text.endsWith('\r');
    return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  }

  private lineAt(index: number): number {
    return this.bufLine + countNewlines(this.buf, 0, index);
  }

  /** Hands out buf[0, end) as a segment. */
  private take(end: number): Segment | undefined {
    if (end <= 0) return undefined;
    const text = this.buf.slice(0, end);
    const segment = { text, line: this.bufLine };
    this.bufLine += countNewlines(text, 0, end);
    this.buf = this.buf.slice(end);
    this.pos -= end;
    this.quoteAt -= end;
    return segment;
  }

  /** Scans from `pos`; returns the index just after the last record-ending newline (0 if none). */
  private scan(final: boolean): number {
    const s = this.buf;
    const n = s.length;
    const delim = this.delimiterCode;
    let boundary = 0;
    let i = this.pos;
    if (!this.inQuote && s.indexOf('"', i) < 0) {
      // No quote ahead: records end at newlines, and nothing else needs a character-by-character look.
      const lastNewline = s.lastIndexOf('\n');
      if (lastNewline >= i) boundary = lastNewline + 1;
      if (n > i) this.fieldStart = s.charCodeAt(n - 1) === NEWLINE || s.charCodeAt(n - 1) === delim;
      i = n;
    }
    while (i < n) {
      if (this.inQuote) {
        const q = s.indexOf('"', i);
        if (q < 0) {
          i = n;
          break;
        }
        if (s.charCodeAt(q + 1) === QUOTE) {
          i = q + 2;
          continue;
        }
        let j = q + 1;
        while (j < n && s.charCodeAt(j) !== NEWLINE && s.charCodeAt(j) !== delim && s[j]!.trim() === '') j++;
        if (j >= n && !final) {
          // Whether this quote closes the field depends on text not read yet.
          i = q;
          break;
        }
        if (j >= n || s.charCodeAt(j) === NEWLINE || s.charCodeAt(j) === delim) {
          this.inQuote = false;
          i = j;
        } else {
          i = q + 1;
        }
        continue;
      }
      const c = s.charCodeAt(i);
      if (c === NEWLINE) {
        boundary = i + 1;
        this.fieldStart = true;
      } else if (c === delim) {
        this.fieldStart = true;
      } else if (c === QUOTE && this.fieldStart) {
        this.inQuote = true;
        this.quoteAt = i;
        this.fieldStart = false;
      } else {
        this.fieldStart = false;
      }
      i++;
    }
    this.pos = i;
    const open = n - boundary;
    if (open > this.maxRecordChars) {
      if (this.inQuote) throw unterminatedQuote(this.name, this.lineAt(this.quoteAt), this.maxRecordChars);
      const line = this.lineAt(boundary);
      throw new UserError(
        'record_too_long',
        `${this.name}: the record that starts on line ${line} is over ${this.maxRecordChars.toLocaleString('en-GB')} characters long, which no export row is.`,
        'Check the file is a CSV export with one row per line.',
        { file: this.name, line },
      );
    }
    return boundary;
  }
}

const NEWLINE = 10;
const QUOTE = 34;
