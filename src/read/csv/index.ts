/**
 * Opening a CSV file as the supplier sent it: encoding, delimiter and header row are worked out
 * from the first 64 KiB and the first rows, then the data rows stream in batches with their
 * physical line numbers. Nothing is printed; what was noticed comes back as `warnings`.
 */

import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { UserError } from '../../kernel/errors.js';
import { detectDialect, dialectSample, type Dialect } from './dialect.js';
import { decodeChunks, decodeSample, detectEncoding, mixedUtf8, SAMPLE_BYTES, type ByteChunks, type EncodingGuess } from './encoding.js';
import { findHeaderRow, headerNames, duplicateNames, type HeaderGuess } from './header.js';
import { readPieces, readRows, type CsvPiece } from './reader.js';
import { assertCsvLike, emptyFile } from './sniff.js';
import { isDelimiter, type CsvDelimiter, type CsvEncoding, type CsvRow, type CsvWarning } from './types.js';

export type { CsvDelimiter, CsvEncoding, CsvRow, CsvWarning } from './types.js';
export type { HeaderGuess } from './header.js';
export type { CsvPiece } from './reader.js';
export { findHeaderRow } from './header.js';

/**
 * Rows handed on at a time. Small enough that a batch's rows and what is made of them die young
 * (10,000 kept them alive past a scavenge: a 200,000-row fuel-card import peaked at 300 MB
 * against 235 MB at 1,000, and ran faster), large enough that hand-overs cost nothing.
 */
export const DEFAULT_BATCH_SIZE = 1_000;

/** Rows read to find the header: the rows it may be among plus enough below to see the data's width. */
const HEADER_SAMPLE_ROWS = 200;

/** Bytes per read; each becomes one piece of text for the parser. */
const READ_BYTES = 64 * 1024;
const READ_AHEAD_BYTES = 1024 * 1024;

/** A warning code stops being listed after this many, so a badly broken file cannot flood the output. */
const MAX_WARNINGS_PER_CODE = 50;

export interface CsvOptions {
  /** Use this delimiter instead of a `sep=` line or sniffing. */
  readonly delimiter?: CsvDelimiter;
  /** The 1-based physical line of the header row, instead of looking for it. */
  readonly headerLine?: number;
  /** Column names the caller expects (compared trimmed, case-insensitively); the row naming most of them is the header. */
  readonly expectedHeaders?: readonly string[];
  /** Rows per batch (default 10,000). */
  readonly batchSize?: number;
}

export interface CsvFile {
  /** The path or name used in messages. */
  readonly name: string;
  readonly encoding: CsvEncoding;
  readonly encodingEvidence: EncodingGuess['evidence'];
  readonly delimiter: CsvDelimiter;
  readonly delimiterSource: Dialect['source'];
  /** Physical line of the header row; data rows are the non-blank records after it. */
  readonly headerLine: number;
  /** The header's names, trimmed; trailing empty names kept, so its length is the header's width. */
  readonly header: readonly string[];
  readonly headerReason: HeaderGuess['reason'] | 'forced';
  /** Header names used for more than one column (callers decide whether that matters). */
  readonly duplicateHeaders: readonly string[];
  /**
   * What was noticed so far: those from opening at once, the rest as `batches()` reads. Complete
   * once a `batches()` iteration has run to the end; a second iteration adds no duplicates.
   */
  readonly warnings: readonly CsvWarning[];
  /**
   * The data rows after the header, in batches of at most `batchSize`; each call reads the file
   * afresh. `tap`, when given, sees every byte of the file in order (BOM included), e.g. to hash
   * the file in the same pass.
   */
  batches(tap?: ByteTap): AsyncIterable<CsvRow[]>;
  /** The same data as quote-free text where possible (see `readPieces`), for the fastest readers. */
  pieces(tap?: ByteTap): AsyncIterable<CsvPiece>;
}

/** Sees the raw bytes of a file as they are read. */
export type ByteTap = (bytes: Uint8Array) => void;

/** The source's bytes from `start`, with every byte of the file (from 0) shown to `tap` on the way. */
async function* tapped(source: ByteSource, start: number, tap: ByteTap | undefined): AsyncGenerator<Uint8Array, void, undefined> {
  if (tap === undefined) {
    yield* source.stream(start);
    return;
  }
  if (start > 0) tap(source.head.subarray(0, start));
  for await (const chunk of source.stream(start)) {
    tap(chunk);
    yield chunk;
  }
}

/** Where the bytes come from: a file, or bytes already in memory. */
interface ByteSource {
  readonly name: string;
  readonly size: number;
  /** The first `SAMPLE_BYTES` (fewer if the file is shorter). */
  readonly head: Uint8Array;
  stream(start: number): ByteChunks;
}

export async function openCsv(path: string, options: CsvOptions = {}): Promise<CsvFile> {
  return openSource(await fileSource(path), options);
}

/** The same as `openCsv`, for bytes already in memory (tests, uploads). */
export async function readCsvBytes(bytes: Uint8Array, options: CsvOptions & { readonly name?: string } = {}): Promise<CsvFile> {
  const source: ByteSource = {
    name: options.name ?? '(input)',
    size: bytes.length,
    head: bytes.subarray(0, SAMPLE_BYTES),
    stream: function* (start) {
      for (let at = start; at < bytes.length; at += READ_BYTES) yield bytes.subarray(at, at + READ_BYTES);
    },
  };
  return openSource(source, options);
}

/** Text already decoded, read as UTF-8 bytes. */
export async function readCsvText(text: string, options: CsvOptions & { readonly name?: string } = {}): Promise<CsvFile> {
  return readCsvBytes(Buffer.from(text, 'utf8'), options);
}

async function fileSource(path: string): Promise<ByteSource> {
  let head: Uint8Array;
  let size: number;
  try {
    const handle = await open(path, 'r');
    try {
      size = (await handle.stat()).size;
      const buffer = Buffer.alloc(SAMPLE_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, SAMPLE_BYTES, 0);
      head = buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (e) {
    throw unreadable(path, e);
  }
  return {
    name: path,
    size,
    head,
    stream: async function* (start) {
      // Reads of 1 MiB keep the disk a step ahead (each read is a round trip through the event
      // loop); the text is still handed on 64 KiB at a time, the size the parser works best on.
      const stream = createReadStream(path, { start, highWaterMark: READ_AHEAD_BYTES });
      try {
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          for (let at = 0; at < chunk.length; at += READ_BYTES) yield chunk.subarray(at, at + READ_BYTES);
        }
      } catch (e) {
        throw unreadable(path, e);
      } finally {
        stream.destroy();
      }
    },
  };
}

function unreadable(path: string, e: unknown): UserError {
  return new UserError('unreadable_file', `Cannot read ${path}: ${(e as Error).message}`, 'Check the path.', { file: path });
}

async function openSource(source: ByteSource, options: CsvOptions): Promise<CsvFile> {
  const { name, head } = source;
  const batchSize = checkOptions(options);

  const guess = detectEncoding(head);
  const sample = decodeSample(head, guess);
  const wholeFileInHead = source.size <= head.length;
  assertCsvLike({ name, head, text: sample, guess, wholeFileInHead });
  const dialect = detectDialect(dialectSample(sample, wholeFileInHead), options.delimiter);

  const warnings = new WarningList();
  const rows = (size: number, tap?: ByteTap): AsyncGenerator<CsvRow[], void, undefined> =>
    readRows(decodeChunks(tapped(source, guess.bomLength, tap), guess.encoding), {
      delimiter: dialect.delimiter,
      skipFirstLine: dialect.sepLine,
      batchSize: size,
      name,
      warn: (w) => {
        warnings.add(w);
      },
    });

  const header = options.headerLine === undefined ? await guessHeader(rows(HEADER_SAMPLE_ROWS), name, options.expectedHeaders) : await forcedHeader(rows(HEADER_SAMPLE_ROWS), name, options.headerLine, dialect.sepLine);
  for (const w of openingWarnings(header, guess, head)) warnings.add(w);

  const headerLine = header.line;
  return {
    name,
    encoding: guess.encoding,
    encodingEvidence: guess.evidence,
    delimiter: dialect.delimiter,
    delimiterSource: dialect.source,
    headerLine,
    header: header.names,
    headerReason: header.reason,
    duplicateHeaders: header.duplicates,
    warnings: warnings.list,
    pieces: (tap) =>
      readPieces(decodeChunks(tapped(source, guess.bomLength, tap), guess.encoding), {
        delimiter: dialect.delimiter,
        skipFirstLine: dialect.sepLine,
        batchSize,
        name,
        warn: (w) => {
          warnings.add(w);
        },
      }, headerLine),
    batches: async function* (tap) {
      for await (const batch of rows(batchSize, tap)) {
        // Only the first batch or two can hold the header and rows above it.
        if (batch[0]!.line > headerLine) yield batch;
        else {
          const data = batch.filter((r) => r.line > headerLine);
          if (data.length > 0) yield data;
        }
      }
    },
  };
}

/** The batch size, once the options are known to be usable. */
function checkOptions(options: CsvOptions): number {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, not ${batchSize}`);
  if (options.delimiter !== undefined && !isDelimiter(options.delimiter)) {
    throw new UserError('bad_delimiter', `"${String(options.delimiter)}" is not a delimiter tco2e reads.`, 'Use a comma, semicolon, tab or pipe (|).');
  }
  if (options.headerLine !== undefined && !(Number.isInteger(options.headerLine) && options.headerLine >= 1)) {
    throw new UserError('bad_header_line', `The header line must be a line number (1 or more), not ${options.headerLine}.`, 'Give the line number your editor shows for the header row.');
  }
  return batchSize;
}

type FoundHeader = Pick<HeaderGuess, 'line' | 'names' | 'duplicates'> & { readonly reason: CsvFile['headerReason'] };

/** What opening the file noticed: a header naming a column twice, bytes in two encodings, a header taken for want of one. */
function openingWarnings(header: FoundHeader, guess: EncodingGuess, head: Uint8Array): CsvWarning[] {
  const warnings: CsvWarning[] = [];
  if (header.duplicates.length > 0) {
    warnings.push({
      code: 'duplicate_header',
      line: header.line,
      message: `the header on line ${header.line} names more than one column ${header.duplicates.map((d) => `"${d}"`).join(', ')}`,
    });
  }
  const mixed = guess.evidence === 'invalid_utf8' ? mixedUtf8(head) : undefined;
  if (mixed) {
    const line = head.subarray(0, mixed.invalidAt).filter((b) => b === 0x0a).length + 1;
    warnings.push({
      code: 'mixed_encoding',
      line,
      message: `the file is mostly UTF-8 but line ${line} has bytes that are not, so it was read as Windows-1252 and accented letters may be garbled (é as Ã©); save it again as "CSV UTF-8"`,
    });
  }
  if (header.reason === 'first_row') {
    warnings.push({ code: 'header_guessed', line: header.line, message: `no row looked like a header, so line ${header.line} was taken as the header` });
  }
  return warnings;
}

async function guessHeader(batches: AsyncGenerator<CsvRow[], void, undefined>, name: string, expected?: readonly string[]): Promise<FoundHeader> {
  const first: CsvRow[] = [];
  for await (const batch of batches) {
    first.push(...batch);
    if (first.length >= HEADER_SAMPLE_ROWS) break;
  }
  const header = findHeaderRow(first, expected);
  if (!header) throw emptyFile(name, 'it has no rows, only blank lines');
  return header;
}

async function forcedHeader(batches: AsyncGenerator<CsvRow[], void, undefined>, name: string, line: number, sepLine: boolean): Promise<FoundHeader> {
  let last = 0;
  for await (const batch of batches) {
    for (const row of batch) {
      if (row.line === line) {
        const names = headerNames(row.cells);
        return { line, names, duplicates: duplicateNames(names), reason: 'forced' };
      }
      if (row.line > line) {
        const why = line === 1 && sepLine ? 'it is Excel\'s "sep=" line' : 'it is blank or inside a quoted field that starts on an earlier line';
        throw new UserError('bad_header_line', `Line ${line} of ${name} is not the start of a row: ${why}.`, 'Give the line number your editor shows for the header row.', { file: name, line });
      }
      last = row.line;
    }
  }
  if (last === 0) throw emptyFile(name, 'it has no rows, only blank lines');
  throw new UserError('bad_header_line', `${name} has no row on line ${line}: its last row starts on line ${last}.`, 'Give the line number your editor shows for the header row.', { file: name, line });
}

/** Warnings without repeats (a file read twice reports each once), and at most a fixed number per code. */
class WarningList {
  readonly list: CsvWarning[] = [];
  private readonly seen = new Set<string>();
  private readonly perCode = new Map<string, number>();

  add(warning: CsvWarning): void {
    const key = `${warning.code}\u0000${warning.line ?? ''}\u0000${warning.message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const count = (this.perCode.get(warning.code) ?? 0) + 1;
    this.perCode.set(warning.code, count);
    if (count <= MAX_WARNINGS_PER_CODE) this.list.push(warning);
    else if (count === MAX_WARNINGS_PER_CODE + 1) {
      this.list.push({ code: warning.code, message: `there are more "${warning.code}" warnings; only the first ${MAX_WARNINGS_PER_CODE} are listed` });
    }
  }
}
