import type { ImportSummary } from './summary.js';
import { toCsv } from '../kernel/csv-cell.js';

/**
 * The rejected rows as they were in the file, each with its line number and reasons first, so
 * they can be fixed and re-imported (drop the first two columns). Problems not tied to one row's
 * cells (e.g. a factor missing for the row's year) are listed with the row too.
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
