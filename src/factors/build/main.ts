/**
 * Maintainer's tool: rebuild `data/factors/uk-gov-YYYY.json` from the publication's figures, in
 * its flat-file layout, read from one or more files: the main sheets, and the waste disposal
 * sheet, which the reference data keeps in a second file.
 *   npm run factors:build -- PATH/TO/uk-ghg-conversion-factors-2013-2025.csv PATH/TO/uk-ghg-conversion-factors-2013-2025-more.csv
 * Refuses to write anything if any key fails to resolve where its edition should have it.
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { buildTables, type EditionsFile } from './build-tables.js';
import { readPublishedRows } from './read-published.js';
import { serialiseYearFile } from './serialise.js';

const sources = process.argv.slice(2);
if (sources.length === 0) {
  process.stderr.write('usage: npm run factors:build -- PATH/TO/uk-ghg-conversion-factors.csv [PATH/TO/more.csv ...]\n');
  process.exit(2);
}
const dataDir = join(import.meta.dirname, '..', '..', '..', 'data', 'factors');
const editions = JSON.parse(readFileSync(join(dataDir, 'editions.json'), 'utf8')) as EditionsFile;
const rows = sources.flatMap((source) => readPublishedRows(readFileSync(source, 'utf8'), basename(source)));
const result = buildTables(rows, editions);
if (result.problems.length > 0) {
  process.stderr.write(result.problems.join('\n') + `\n${result.problems.length} problem(s); nothing written.\n`);
  process.exit(1);
}
for (const file of result.files) {
  writeFileSync(join(dataDir, `uk-gov-${file.year}.json`), serialiseYearFile(file));
}
process.stdout.write(Object.entries(result.counts).map(([y, n]) => `${y}: ${n} keys`).join('\n') + '\n');
