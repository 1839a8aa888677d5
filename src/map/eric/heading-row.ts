/**
 * The line of section names some ERIC files carry above the header ("Trust Profile", "Energy",
 * "Waste" over merged cells): the 2013/14 to 2015/16 downloads and copies made from the 2016/17
 * workbook. Published CSVs from 2016/17 on start with the header (see tests/fixtures/eric/README.md).
 */

import { findEricIds } from './ids.js';

/**
 * Whether a row is a heading row above the real header: its first cell is empty (the id columns
 * have no section name), at most half its cells are filled, and none of them is the trust code
 * column. A row with nothing in it is not a heading row: it heads nothing.
 */
export function isEricHeadingRow(cells: readonly string[]): boolean {
  const filled = cells.filter((c) => c.trim() !== '').length;
  if (filled === 0 || (cells[0] ?? '').trim() !== '') return false;
  if (filled * 2 > cells.length) return false;
  return findEricIds(cells).trustCode === undefined;
}
