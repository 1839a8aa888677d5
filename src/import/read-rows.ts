/**
 * Reading a file's rows into an import session: every row through its mapper, NUL-damaged rows
 * rejected, rows counted, progress reported.
 */

import { UserError } from '../kernel/errors.js';
import { faultPoint } from '../kernel/fault-point.js';
import type { Mapped, RowMapper } from '../map/mapped.js';
import type { ReadFile } from './open.js';
import type { ImportProgressBytes, ImportRequest } from './request.js';
import type { ImportSession } from './session.js';

/**
 * Watches the bytes of a full read: they go to the file's hash when it is still pending, and
 * are counted, so that progress can say what share of the file is read (and so the time left).
 */
function readTap(opened: ReadFile): { readonly tap: (bytes: Uint8Array) => void; readonly progress: () => ImportProgressBytes } {
  const hash = opened.identity.tap();
  let read = 0;
  return {
    tap: (bytes) => {
      read += bytes.length;
      hash?.(bytes);
    },
    progress: () => ({ read, total: opened.identity.sizeBytes }),
  };
}

/**
 * A NUL byte past the first 4 KB (where the file would have been called binary) marks a damaged
 * row: a cell with one inside looks right when printed but is not what it shows (a meter
 * `1200\u00001234567` matches no site), so the row is rejected, never stored.
 */
function rejectNul(opened: ReadFile, line: number, cells: readonly string[], session: ImportSession): boolean {
  const at = cells.findIndex((c) => c.includes('\0'));
  if (at < 0) return false;
  const column = opened.csv.header[at] ?? '';
  session.reject(line, cells, [{ file: opened.fileName, line, column, value: cells[at]!.replaceAll('\0', '\\0'), code: 'nul_byte', message: 'the cell has a NUL byte (shown as \\0), which no text export has: the row is damaged; check it against the source' }]);
  return true;
}

/** Reads every row through `onRow`, counting rows and reporting progress. */
export async function readAllRows(opened: ReadFile, req: ImportRequest, onRow: (line: number, cells: readonly string[]) => void, session: ImportSession): Promise<void> {
  noteCsvWarnings(opened, session);
  const watch = readTap(opened);
  for await (const batch of opened.csv.batches(watch.tap)) {
    for (const row of batch) if (!rejectNul(opened, row.line, row.cells, session)) onRow(row.line, row.cells);
    session.rowsRead += batch.length;
    req.onProgress?.(session.rowsRead, watch.progress());
    faultPoint('rows-read', session.rowsRead);
  }
  requireRows(opened, session);
}

/**
 * The cells of rows rejected after reading (a refund with no purchase, a factor the year lacks),
 * read again from the file: cheaper than holding every accepted row's cells for the rare case.
 */
export async function fillRejectedCells(opened: ReadFile, session: ImportSession): Promise<void> {
  const missing = new Set(session.rejected.map((p) => p.line).filter((line) => line > 0 && !session.rejectedCells.has(line)));
  if (missing.size === 0) return;
  for await (const batch of opened.csv.batches()) {
    for (const row of batch) if (missing.has(row.line)) session.rejectedCells.set(row.line, row.cells);
  }
}

/**
 * Like `readAllRows`, for a mapper that can take quote-free text directly: `onText` gets such
 * text (and returns how many rows it held); anything quoted still comes row by row.
 */
export async function readAllPieces(
  opened: ReadFile,
  req: ImportRequest,
  onRow: (line: number, cells: readonly string[]) => void,
  onText: (text: string, firstLine: number) => number,
  session: ImportSession,
): Promise<void> {
  noteCsvWarnings(opened, session);
  const watch = readTap(opened);
  for await (const piece of opened.csv.pieces(watch.tap)) {
    if (piece.kind === 'text') session.rowsRead += onText(withoutNulRecords(opened, piece.text, piece.line, session), piece.line);
    else {
      for (const row of piece.rows) if (!rejectNul(opened, row.line, row.cells, session)) onRow(row.line, row.cells);
      session.rowsRead += piece.rows.length;
    }
    req.onProgress?.(session.rowsRead, watch.progress());
    faultPoint('rows-read', session.rowsRead);
  }
  requireRows(opened, session);
}

/**
 * Quote-free text with each record holding a NUL rejected (see `rejectNul`) and blanked, so the
 * records after it keep their line numbers; the blank records are skipped like any blank line.
 */
function withoutNulRecords(opened: ReadFile, text: string, firstLine: number, session: ImportSession): string {
  if (!text.includes('\0')) return text;
  const records = text.split('\n');
  for (let i = 0; i < records.length; i++) {
    if (!records[i]!.includes('\0')) continue;
    rejectNul(opened, firstLine + i, records[i]!.split(opened.csv.delimiter), session);
    session.rowsRead++;
    records[i] = '';
  }
  return records.join('\n');
}

/** The reader's own warnings (encoding, a title row skipped…) join the import's. */
function noteCsvWarnings(opened: ReadFile, session: ImportSession): void {
  session.warnings.push(...opened.csv.warnings.map((w) => ({ file: opened.fileName, line: w.line ?? 0, column: '', value: '', code: w.code, message: w.message })));
}

function requireRows(opened: ReadFile, session: ImportSession): void {
  if (session.rowsRead === 0) {
    throw new UserError('no_rows', `${opened.fileName} has a header but no data rows; nothing was stored.`, 'Check that the export contains the period you meant to download.');
  }
}

/**
 * Reads every row through a mapper that keeps the one contract (`Mapped`): a row it yields from
 * goes to `accept`, an excluded row is counted with its reason, a rejected row keeps its cells for
 * the rejects file.
 */
export async function readMappedRows<T>(opened: ReadFile, req: ImportRequest, session: ImportSession, mapper: RowMapper<T>, accept: (value: T, line: number) => void): Promise<void> {
  await readAllRows(opened, req, (line, cells) => {
    takeMapped(session, line, cells, mapper.map(line, cells), accept);
  }, session);
}

/** One row's `Mapped` result into the session. */
export function takeMapped<T>(session: ImportSession, line: number, cells: readonly string[], m: Mapped<T>, accept: (value: T, line: number) => void): void {
  if (m.kind === 'activity') accept(m.activity, line);
  else if (m.kind === 'excluded') session.excluded.push(m.problem);
  else session.reject(line, cells, m.problems);
}
