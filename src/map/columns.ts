/**
 * Finding a profile's columns in a file's header. Names are compared after normalising case,
 * punctuation, spacing, survey numbering and abbreviations ("Consumption (kWh)" = "consumption
 * kwh", "Meter No." = "meter number"); a survey tool that truncates long question texts is
 * matched when the header starts with the spelling or the reverse. A field no spelling finds is
 * looked for by meaning (see `detect/`), so a profile's spellings are examples, not the only names.
 */

import { headerText } from './detect/header-words.js';
import { matchColumns, matchSpelling, type ColumnMatch } from './detect/score.js';

export function normaliseHeader(name: string): string {
  return headerText(name);
}

/** The index of the first header cell matching any spelling, exact matches before prefixes. */
export function findColumn(header: readonly string[], spellings: readonly string[]): number | undefined {
  return matchSpelling(header.map(headerText), spellings)?.index;
}

export type ColumnSpec = Readonly<Record<string, readonly string[] | undefined>>;

/**
 * Resolves every named column of a profile, by spelling or else by meaning; absent ones are
 * left out. `sample` (a few data rows) lets the values settle what the header leaves open.
 */
export function resolveColumns<T extends ColumnSpec>(header: readonly string[], spec: T, sample?: readonly (readonly string[])[]): Partial<Record<keyof T, number>> {
  const out: Partial<Record<keyof T, number>> = {};
  for (const [field, m] of matchColumns(header, spec, sample)) out[field as keyof T] = m.index;
  return out;
}

/** As `resolveColumns`, with how each column was found (the spelling, or the words and score). */
export function explainColumns(header: readonly string[], spec: ColumnSpec, sample?: readonly (readonly string[])[]): Map<string, ColumnMatch> {
  return matchColumns(header, spec, sample);
}
