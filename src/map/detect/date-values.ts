/**
 * How a date column is written, read from its values where the header cannot say: an API or a
 * mainframe export writes dates as bare digits (`20240402`, Shell's "Format: yyyyMMdd"), which
 * neither a profile's format nor the recognised shapes read. A sample of the column is tried
 * against the digit-only shapes; the one shape that reads every value is taken. When two read
 * them all (`02042024`: 2 April or 4 February), nothing is guessed: both readings are named.
 */

import { createDateParser, type DateParser } from '../../read/values/date.js';

/**
 * Digit-only shapes, each with the pattern that must hold before it is tried. Month-first is
 * here only to be named when it also fits: alone it is never taken (see `us_date` in
 * `read/values/date.ts`: in a UK tool a lone month-first date is more often a slip than a US export).
 */
const DIGIT_SHAPES: readonly { readonly format: string; readonly digits: number; readonly alone: boolean }[] = [
  { format: 'yyyyMMdd', digits: 8, alone: true },
  { format: 'ddMMyyyy', digits: 8, alone: true },
  { format: 'MMddyyyy', digits: 8, alone: false },
  { format: 'yyyyMMddHHmm', digits: 12, alone: true },
  { format: 'yyyyMMddHHmmss', digits: 14, alone: true },
];

export type DatesFromValues =
  /** The values read as they are (or there were none to look at). */
  | { readonly kind: 'as-written' }
  /** Every value read with this format, and with no other. */
  | { readonly kind: 'format'; readonly format: string }
  /** Two formats read every value: the person must say which. */
  | { readonly kind: 'ambiguous'; readonly formats: readonly [string, string]; readonly example: string; readonly readings: readonly [string, string] };

/**
 * What a sample of a date column's values says about how it is written. `parse` is how the
 * values would be read otherwise (the profile's format, or the recognised shapes); only when it
 * fails on some value are the digit-only shapes tried, and a shape must read every value.
 */
export function datesFromValues(values: readonly string[], parse: DateParser): DatesFromValues {
  const seen = values.map((v) => v.trim()).filter((v) => v !== '');
  if (seen.length === 0 || seen.every((v) => parse(v).ok)) return { kind: 'as-written' };
  const fitting = DIGIT_SHAPES.filter((s) => seen.every((v) => v.length === s.digits && /^\d+$/.test(v)))
    .map((s) => ({ ...s, parse: createDateParser({ format: s.format }) }))
    .filter((s) => seen.every((v) => s.parse(v).ok));
  if (fitting.length === 0 || !fitting.some((s) => s.alone)) return { kind: 'as-written' };
  if (fitting.length === 1) return { kind: 'format', format: fitting[0]!.format };
  const [a, b] = fitting as [(typeof fitting)[number], (typeof fitting)[number]];
  // The first value the two read differently shows the person why it matters; none, no matter.
  const example = seen.find((v) => isoOf(a.parse, v) !== isoOf(b.parse, v));
  if (example === undefined) return { kind: 'format', format: (fitting.find((s) => s.alone) ?? a).format };
  return { kind: 'ambiguous', formats: [a.format, b.format], example, readings: [isoOf(a.parse, example), isoOf(b.parse, example)] };
}

function isoOf(parse: DateParser, text: string): string {
  const r = parse(text);
  return r.ok && r.value !== null ? r.value.iso : '';
}
