/**
 * Maintainer's tool: write the rows of the publication's files that tco2e's factor tables are built
 * from, one extract per source file (see USED_FILES), so the tests can check every shipped figure
 * against the publication on any clone.
 *   npx tsx src/factors/build/reduce-published.ts PATH/TO/uk-ghg-conversion-factors-2013-2025.csv PATH/TO/uk-ghg-conversion-factors-2013-2025-more.csv
 *
 * A row is kept when the build takes a figure from it. Kept rows are copied line for line (labels,
 * figures and quoting as in the source, in the source's order); nothing else is changed. Refuses to
 * write if the build reports a problem, or if building from the kept rows alone does not give the
 * same tables as building from the whole files.
 */

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildTables, type EditionsFile, type PublishedRow } from './build-tables.js';
import { readPublishedRows } from './read-published.js';
import { serialiseYearFile } from './serialise.js';
import type { FactorYearFile } from '../types.js';

export const USED_FILE_NAME = 'uk-ghg-conversion-factors-2013-2025-used.csv';
export const MORE_USED_FILE_NAME = 'uk-ghg-conversion-factors-2013-2025-more-used.csv';

/**
 * Where each source's extract ships, from the project root, in the order the sources are given:
 * the main sheets' rows, and the waste disposal rows (from the reference data's second file),
 * which ship beside the tables built from them.
 */
export const USED_FILES: readonly string[] = [join('data', 'published', USED_FILE_NAME), join('data', 'published', MORE_USED_FILE_NAME)];

function labelId(year: number, scope: string, levels: readonly string[], columnText: string, uom: string, ghgUnit: string): string {
  return JSON.stringify([year, scope, ...levels, columnText, uom, ghgUnit]);
}

/** The label of every published figure the built tables carry. */
function figuresIn(files: readonly FactorYearFile[]): Set<string> {
  const ids = new Set<string>();
  for (const f of files) {
    for (const variants of Object.values(f.factors)) {
      for (const v of variants) {
        const l = v.labels;
        for (const value of Object.values(v.values)) {
          ids.add(labelId(f.year, l.scope, [l.level1, l.level2, l.level3, l.level4], value.columnText ?? l.columnText, l.uom, value.ghgUnit));
        }
      }
    }
  }
  return ids;
}

function rowId(r: PublishedRow): string {
  return labelId(r.year, r.scope, [r.level1, r.level2, r.level3, r.level4], r.column_text, r.uom, r.ghg_unit);
}

function sameTables(a: readonly FactorYearFile[], b: readonly FactorYearFile[]): boolean {
  return a.length === b.length && a.every((f, i) => serialiseYearFile(f) === serialiseYearFile(b[i]!));
}

/**
 * For each source text, the header and, in the source's order, the lines whose row holds a figure
 * that `files` carry; throws unless every such figure is in exactly one row of one source.
 */
export function usedLines(texts: readonly string[], files: readonly FactorYearFile[]): { lines: string[]; rows: number }[] {
  const used = figuresIn(files);
  const found = new Set<string>();
  const extracts = texts.map((text) => {
    const rows = readPublishedRows(text);
    const lines = text.split(/\r?\n/);
    if (lines.at(-1) === '') lines.pop();
    // Rows are numbered by line (header = line 1); a quoted line break or a blank line would shift them.
    if (lines.length !== rows.length + 1) throw new Error(`expected one published row per line: ${lines.length - 1} lines, ${rows.length} rows`);
    const kept = rows.filter((r) => used.has(rowId(r)));
    for (const r of kept) {
      const id = rowId(r);
      if (found.has(id)) throw new Error(`a figure the tables carry is in more than one published row: ${id}`);
      found.add(id);
    }
    return { lines: [lines[0]!, ...kept.map((r) => lines[r.line - 1]!)], rows: rows.length };
  });
  const missing = [...used].filter((id) => !found.has(id));
  if (missing.length > 0) throw new Error(`${missing.length} figure(s) the tables carry are not published rows, e.g. ${missing[0]!}`);
  return extracts;
}

function rowsOf(texts: readonly string[]): PublishedRow[] {
  return texts.flatMap((text) => readPublishedRows(text));
}

/**
 * The used lines of each whole source file in `texts`; throws if the build reports a problem or the
 * kept rows alone would not rebuild the same tables.
 */
export function reducePublished(texts: readonly string[], editions: EditionsFile): { lines: string[]; kept: number; of: number }[] {
  const full = buildTables(rowsOf(texts), editions);
  if (full.problems.length > 0) throw new Error(`the build reports problems with these files:\n${full.problems.join('\n')}`);
  const extracts = usedLines(texts, full.files);
  const reduced = buildTables(rowsOf(extracts.map((e) => e.lines.join('\n') + '\n')), editions);
  if (reduced.problems.length > 0 || !sameTables(full.files, reduced.files)) {
    throw new Error(`building from the kept rows does not reproduce the tables:\n${reduced.problems.join('\n')}`);
  }
  return extracts.map(({ lines, rows }) => ({ lines, kept: lines.length - 1, of: rows }));
}

if (process.argv[1] !== undefined && import.meta.filename === process.argv[1]) {
  const sources = process.argv.slice(2);
  if (sources.length !== USED_FILES.length) {
    process.stderr.write('usage: npx tsx src/factors/build/reduce-published.ts PATH/TO/uk-ghg-conversion-factors-2013-2025.csv PATH/TO/uk-ghg-conversion-factors-2013-2025-more.csv\n');
    process.exit(2);
  }
  const root = join(import.meta.dirname, '..', '..', '..');
  const editions = JSON.parse(readFileSync(join(root, 'data', 'factors', 'editions.json'), 'utf8')) as EditionsFile;
  const extracts = reducePublished(sources.map((source) => readFileSync(source, 'utf8')), editions);
  extracts.forEach(({ lines, kept, of }, i) => {
    const out = USED_FILES[i]!;
    mkdirSync(join(root, dirname(out)), { recursive: true });
    writeFileSync(join(root, out), lines.join('\n') + '\n');
    process.stdout.write(`${kept} of ${of} rows written to ${out}\n`);
  });
}
