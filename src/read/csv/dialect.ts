/**
 * Which delimiter the file uses. Excel in much of Europe (and some UK machines with European
 * regional settings) saves with `;`, finance systems like `|`, and database tools `\t`. Excel's own
 * `sep=;` first line settles it; otherwise the delimiter that splits the first lines into the
 * most consistent number of fields wins.
 */

import Papa from 'papaparse';
import { DELIMITERS, isDelimiter, type CsvDelimiter } from './types.js';

/** Enough lines to see past a preamble, few enough to stay fast. */
export const SNIFF_LINES = 50;

export interface Dialect {
  readonly delimiter: CsvDelimiter;
  /** Where the delimiter came from. `default` means no candidate split the lines at all (one column). */
  readonly source: 'forced' | 'sep_line' | 'sniffed' | 'default';
  /** Line 1 is Excel's `sep=` line: not data, so the reader skips it (it is still line 1). */
  readonly sepLine: boolean;
}

/**
 * The delimiter named by an Excel `sep=` line, or undefined. Tolerates the forms other tools
 * write when they round-trip it: quoted (`"sep=;"`), with trailing delimiters (`sep=;;;`), or a
 * written-out `sep=\t`.
 */
export function parseSepLine(line: string): CsvDelimiter | undefined {
  const m = /^"?sep=(\\t|.)"?/i.exec(line);
  if (!m) return undefined;
  const d = m[1] === '\\t' ? '\t' : m[1]!;
  if (!isDelimiter(d)) return undefined;
  const rest = line.slice(m[0].length);
  return rest.split(d).join('').trim() === '' ? d : undefined;
}

/**
 * The text the dialect is sniffed from: line endings made `\n` and, unless it is the whole file,
 * the last (probably cut-off) line dropped.
 */
export function dialectSample(text: string, wholeFile: boolean): string {
  const normal = text.replace(/\r\n?/g, '\n');
  if (wholeFile) return normal;
  const end = normal.lastIndexOf('\n');
  return end < 0 ? normal : normal.slice(0, end + 1);
}

/**
 * The candidate whose field count per line (quoted delimiters not counted) is most often the same,
 * with more than one field. Ties go to the one making more fields, then to the order `, ; \t |`.
 */
export function sniffDelimiter(sample: string): CsvDelimiter | undefined {
  let best: { delimiter: CsvDelimiter; share: number; fields: number } | undefined;
  for (const delimiter of DELIMITERS) {
    // preview counts blank lines too; a few times SNIFF_LINES is plenty for any sensible preamble.
    const parsed = Papa.parse<string[]>(sample, { delimiter, newline: '\n', quoteChar: '"', preview: SNIFF_LINES * 4 });
    const counts = parsed.data
      .filter((row) => !(row.length === 1 && row[0]!.trim() === ''))
      .slice(0, SNIFF_LINES)
      .map((row) => row.length);
    if (counts.length === 0) continue;
    const { value: fields, frequency } = modal(counts);
    if (fields <= 1) continue;
    const share = frequency / counts.length;
    if (!best || share > best.share || (share === best.share && fields > best.fields)) best = { delimiter, share, fields };
  }
  return best?.delimiter;
}

/** The delimiter to use: forced by the caller, named by a `sep=` line, sniffed, or `,`. */
export function detectDialect(sample: string, forced?: CsvDelimiter): Dialect {
  const nl = sample.indexOf('\n');
  // Not trimmed: the delimiter itself may be a tab.
  const sep = parseSepLine(nl < 0 ? sample : sample.slice(0, nl));
  const sepLine = sep !== undefined;
  if (forced) return { delimiter: forced, source: 'forced', sepLine };
  if (sep) return { delimiter: sep, source: 'sep_line', sepLine };
  const sniffed = sniffDelimiter(sample);
  return sniffed ? { delimiter: sniffed, source: 'sniffed', sepLine } : { delimiter: ',', source: 'default', sepLine };
}

/** The most frequent value; ties go to the larger value. */
export function modal(values: readonly number[]): { value: number; frequency: number } {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let value = 0;
  let frequency = 0;
  for (const [v, f] of counts) {
    if (f > frequency || (f === frequency && v > value)) {
      value = v;
      frequency = f;
    }
  }
  return { value, frequency };
}
