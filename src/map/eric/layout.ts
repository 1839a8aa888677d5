/** An ERIC header row read as a layout: id columns, figure columns, and the rest with reasons. */

import { classifyEricHeader } from './figures.js';
import { findEricIds } from './ids.js';
import { ericMessages } from './messages.js';
import type { EricColumn, EricIds, EricLayout, EricLayoutProblem, EricSkipped } from './types.js';

/**
 * From the header row (after any heading row above it has been skipped). Returns a problem (as
 * data, not a throw) when the header is not an ERIC header: no trust/organisation code column, or
 * no usable figure columns.
 */
export function ericLayout(header: readonly string[]): EricLayout | EricLayoutProblem {
  const found = findEricIds(header);
  if (found.trustCode === undefined) return { code: 'eric_no_code_column', problem: ericMessages.noCodeColumn };
  const ids: EricIds = { ...found, trustCode: found.trustCode };
  const level = ids.siteCode === undefined ? 'trust' : 'site';
  const idColumns = new Set(Object.values(found));
  const columns: EricColumn[] = [];
  const skipped: EricSkipped[] = [];
  header.forEach((cell, index) => {
    // A blank header cell is padding (the 2014/15 copy pads every line to 194 fields): no column.
    if (idColumns.has(index) || cell.trim() === '') return;
    const m = classifyEricHeader(cell);
    if ('quantity' in m) columns.push({ index, header: cell, quantity: m.quantity, unit: m.unit });
    else skipped.push({ index, header: cell, reason: m.reason });
  });
  if (columns.length === 0) return { code: 'eric_no_figures', problem: ericMessages.noFigures(level) };
  return { level, ids, columns, ignored: skipped.map((s) => s.header), skipped };
}
