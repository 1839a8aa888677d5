import type { ImportSummary } from './summary.js';
import { toCsv } from '../kernel/csv-cell.js';

/**
 * The rejected rows as they were in the file, each with its line number and reasons first, so
 * they can be fixed and imported again as the file stands: the file's own header follows `line`
 * and `reason`, and a profile reads its columns by name and passes over columns it does not know.
 * Cells are written as they were except a cell a spreadsheet would run as a formula, which gets
 * an apostrophe in front (see `safeCell`). Such a cell is never a valid figure, date or unit; in
 * a name (`@Home Team`) the apostrophe would be read as part of it, so it is taken off when the
 * row is fixed. Problems not tied to one row's cells (e.g. a factor missing for the row's year)
 * are listed with the row too.
 */
export function rejectsCsv(s: Pick<ImportSummary, 'header' | 'problems' | 'rejectedCells'>): string {
  const reasons = new Map<number, string[]>();
  for (const p of s.problems) {
    const list = reasons.get(p.line) ?? [];
    list.push(p.column ? `${p.column}: ${p.message}` : p.message);
    reasons.set(p.line, list);
  }
  const lines = [...reasons.keys()].sort((a, b) => a - b);
  return toCsv(['line', 'reason', ...s.header], lines.map((line) => [line, reasons.get(line)!.join('; '), ...(s.rejectedCells.get(line) ?? [])]));
}
