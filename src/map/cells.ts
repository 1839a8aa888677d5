/** Reading typed values out of a row's cells, each failure a located problem. */

import { needsFormulaGuard } from '../kernel/csv-cell.js';
import type { Problem } from '../kernel/problem.js';
import type { createDateParser} from '../read/values/date.js';
import { type DateValue } from '../read/values/date.js';
import { parseNumber } from '../read/values/number.js';

/**
 * A copy of a cell's text that does not keep the file's text alive. Cells are cut from a 64 KiB
 * piece of the file, and V8 keeps that whole piece in memory for as long as any cut of 13 or more
 * characters lives; anything kept past its row (a cache key, a meter id) must be detached, or a
 * long file's memory grows with it.
 */
export function detach(text: string): string {
  return text.length < 13 ? text : Buffer.from(text, 'utf8').toString('utf8');
}

export interface CellContext {
  readonly file: string;
  /** The file's delimiter, for readers that cut fields out of text themselves. */
  readonly delimiter: string;
  readonly header: readonly string[];
  readonly decimal: '.' | ',';
  readonly parseDate: (text: string) => ReturnType<ReturnType<typeof createDateParser>>;
}

export class RowReader {
  readonly problems: Problem[] = [];
  constructor(
    private readonly ctx: CellContext,
    readonly line: number,
    private readonly cells: readonly string[],
  ) {}

  text(col: number | undefined): string {
    return col === undefined ? '' : unguard((this.cells[col] ?? '').trim());
  }

  problem(col: number | undefined, code: string, message: string): void {
    this.problems.push({ file: this.ctx.file, line: this.line, column: col === undefined ? '' : (this.ctx.header[col] ?? `column ${col + 1}`), value: this.text(col), code, message });
  }

  /** A number, or null for a blank; a problem (and undefined) for anything else. */
  number(col: number | undefined): number | null | undefined {
    if (col === undefined) return null;
    const r = parseNumber(this.cells[col] ?? '', { decimal: this.ctx.decimal });
    if (!r.ok) {
      this.problem(col, r.code, r.message);
      return undefined;
    }
    return r.value;
  }

  /** A period from two date columns, the end not before the start. */
  period(startCol: number | undefined, endCol: number | undefined): { start: string; end: string } | undefined {
    const s = this.date(startCol, 'the period start');
    const e = this.date(endCol, 'the period end');
    if (!s || !e) return undefined;
    if (e.iso < s.iso) {
      this.problem(endCol, 'period_reversed', `the period ends (${e.iso}) before it starts (${s.iso})`);
      return undefined;
    }
    return { start: s.iso, end: e.iso };
  }

  date(col: number | undefined, what: string): DateValue | undefined {
    const t = this.text(col);
    if (t === '') {
      this.problem(col, 'missing_date', `${what} is empty`);
      return undefined;
    }
    const r = this.ctx.parseDate(t);
    if (!r.ok) {
      this.problem(col, r.code, r.message);
      return undefined;
    }
    if (r.value === null) {
      this.problem(col, 'missing_date', `${what} is empty`);
      return undefined;
    }
    return r.value;
  }
}

/**
 * A cell as tco2e's own CSV exports guard it (an apostrophe before text a spreadsheet would run:
 * `'=cmd`, `'@Home Team`), read back as it was, so a rejects file re-imports unchanged. The
 * apostrophe is also what a spreadsheet itself treats as "this is text", never as content. An
 * apostrophe before anything that would not have been guarded is kept: that is the cell's own.
 */
export function unguard(text: string): string {
  return text.charCodeAt(0) === 39 && needsFormulaGuard(text.slice(1)) ? text.slice(1) : text;
}
