/** The first data rows of a file, for what the header cannot say alone (a column's values, the date order). */

import type { CsvFile, CsvRow } from './index.js';

/** Up to `count` data rows from the top of the file; reading stops there. */
export async function sampleRows(csv: Pick<CsvFile, 'batches'>, count: number): Promise<CsvRow[]> {
  const rows: CsvRow[] = [];
  for await (const batch of csv.batches()) {
    for (const row of batch) {
      if (row.cells.every((c) => c.trim() === '')) continue;
      rows.push(row);
      if (rows.length >= count) return rows;
    }
  }
  return rows;
}
