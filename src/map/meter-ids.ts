/**
 * Meter ids a spreadsheet has damaged. Excel's General format reads an id of digits as a number
 * and shows at most 11 digits, so a 13-digit MPAN core opened in Excel and saved again comes back
 * as `1.2E+12` (or `1.20001E+12`): the digits it stopped showing are gone from the file, and two
 * meters may now share one id. The rows are still read (their quantities are whole), but the
 * import warns, once per damaged id, with how many rows carry it and what to do. A vehicle
 * registration always has letters, so a spreadsheet never reads one as a number; MPRNs and
 * charger ids are read through here like MPANs.
 */

import type { Problem } from '../kernel/problem.js';
import { msg } from '../messages.js';
import { detach, type CellContext } from './cells.js';

/** A number in exponent form as spreadsheets write one (`1.2E+12`, `1,2E+12` in a decimal-comma locale). */
const EXPONENT_FORM = /^\d+(?:[.,]\d+)?[eE]\+\d+$/;

export function isMangledId(id: string): boolean {
  // The `+` first: a file read in time order changes meter every row, and includes() costs a
  // tenth of the pattern on a 13-digit MPAN.
  return id.includes('+') && EXPONENT_FORM.test(id);
}

interface Damaged {
  readonly line: number;
  rows: number;
}

/**
 * Collects the damaged ids of one column. Ids are looked at only when they differ from the row
 * before, and counted by runs of rows, so a reader that compares ids itself (the interval text
 * scanner) need only call `note` when the id changes, and a row costs nothing.
 */
export class MangledIds {
  private last = '';
  private runStart = 0;
  private current: Damaged | undefined;
  private readonly damaged = new Map<string, Damaged>();

  constructor(
    private readonly ctx: CellContext,
    private readonly col: number | undefined,
    /** What the id names, for the warning: meter, charger. */
    private readonly what = 'meter',
  ) {}

  /**
   * The id (trimmed) on `row`, counted from 0 in the order rows are read, and its file line.
   * Call it for every row, or at least whenever the id differs from the row before.
   */
  note(row: number, line: number, id: string): void {
    if (id === this.last) return;
    this.close(row);
    // Not detached: it is replaced when the id changes, so at most one piece of the file stays.
    this.last = id;
    if (!isMangledId(id)) return;
    let d = this.damaged.get(id);
    if (d === undefined) this.damaged.set(detach(id), (d = { line, rows: 0 }));
    this.current = d;
  }

  /** One warning per damaged id, once `rows` rows have been read (the count closes the last run). */
  warnings(rows: number): Problem[] {
    this.close(rows);
    const column = this.col === undefined ? this.what : (this.ctx.header[this.col] ?? `column ${this.col + 1}`);
    return [...this.damaged].map(([id, d]) => ({
      file: this.ctx.file, line: d.line, column, value: id, code: 'meter_id_mangled', message: msg.idMangled(column, id, this.what, d.rows, d.line),
    }));
  }

  private close(row: number): void {
    if (this.current !== undefined) this.current.rows += row - this.runStart;
    this.current = undefined;
    this.runStart = row;
  }
}
