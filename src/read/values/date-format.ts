/**
 * How a column of dates is written, read from its values when the stated format (a profile's)
 * does not read them: `01/04/24` (dd/MM/yy), `01-04-2024` (dd-MM-yyyy), `24-04-01` (yy-MM-dd),
 * with or without a time after the date. Every shape that reads every value is a candidate; when
 * they disagree about what the dates are, the readings are narrowed in turn by:
 *   1. how far apart they put the dates: meter readings run day after day, so a reading that
 *      spreads the same rows over months or years loses to one that keeps them days apart;
 *   2. the stated format's order of day, month and year (a UK profile's `dd/MM/yyyy` settles
 *      `01/04/24` as day first even for a file of one day).
 * A day above 12 settles day against month by itself, since only one order then reads it. If two
 * readings still stand, nothing is guessed: both are named, with the setting that decides.
 */

import { createDateParser, type DateParser } from './date.js';

export type DateFormatFromValues =
  /** The stated format reads every value (or there are none): nothing to change. */
  | { readonly kind: 'as-stated' }
  /** No shape reads every value: the values stay as they are, and the rows that fail are rejected. */
  | { readonly kind: 'unread' }
  | { readonly kind: 'format'; readonly format: string; readonly why: string }
  | { readonly kind: 'ambiguous'; readonly formats: readonly [string, string]; readonly example: string; readonly readings: readonly [string, string] };

const DATE_ORDERS = [
  ['dd', 'MM', 'yyyy'],
  ['MM', 'dd', 'yyyy'],
  ['yyyy', 'MM', 'dd'],
  ['dd', 'MM', 'yy'],
  ['MM', 'dd', 'yy'],
  ['yy', 'MM', 'dd'],
] as const;
const SEPARATORS = ['/', '-', '.'] as const;
const TIMES = ['', ' H:mm', ' H:mm:ss', ' h:mma', ' h:mm a', " H:mm:ss.SSS"] as const;
const DAY_MS = 86_400_000;

interface Reading {
  readonly format: string;
  readonly parse: DateParser;
  readonly isos: readonly string[];
}

/** The order of day, month and year a format writes (`dMy`), or '' when it writes none. */
function orderOf(format: string | undefined): string {
  if (format === undefined) return '';
  const letters = format.replace(/'[^']*'/g, '').replace(/[^dMLy]/g, '');
  return [...new Set(letters.replace(/L/g, 'M'))].join('');
}

function spanDays(isos: readonly string[]): number {
  const times = isos.map((d) => Date.parse(`${d}T00:00:00Z`));
  return (Math.max(...times) - Math.min(...times)) / DAY_MS;
}

/**
 * What a sample of a date (or date-and-time) column says about how it is written. `parse` is how
 * the values would be read otherwise, with `stated` its format.
 */
export function dateFormatFromValues(values: readonly string[], parse: DateParser, stated: string | undefined): DateFormatFromValues {
  const seen = [...new Set(values.map((v) => v.trim().replace(/\s+/g, ' ')).filter((v) => v !== ''))];
  if (seen.length === 0 || seen.every((v) => parse(v).ok)) return { kind: 'as-stated' };
  const readings: Reading[] = [];
  for (const order of DATE_ORDERS) {
    for (const sep of SEPARATORS) {
      for (const time of TIMES) {
        const format = order.join(sep) + time;
        const p = createDateParser({ format });
        const isos: string[] = [];
        for (const v of seen) {
          const r = p(v);
          if (!r.ok || r.value === null) break;
          isos.push(r.value.iso);
        }
        if (isos.length === seen.length) readings.push({ format, parse: p, isos });
      }
    }
  }
  if (readings.length === 0) return { kind: 'unread' };
  // Formats that read the same dates are one reading.
  const distinct = [...new Map(readings.map((r) => [r.isos.join(' '), r])).values()];
  if (distinct.length === 1) return { kind: 'format', format: distinct[0]!.format, why: 'the only shape that reads them' };
  const spans = distinct.map((r) => spanDays(r.isos));
  const least = Math.min(...spans);
  const close = distinct.filter((_, i) => spans[i] === least);
  if (close.length === 1) return { kind: 'format', format: close[0]!.format, why: 'read otherwise, the same rows would lie further apart' };
  const wanted = orderOf(stated);
  const ordered = close.filter((r) => wanted !== '' && orderOf(r.format) === wanted);
  if (ordered.length === 1) return { kind: 'format', format: ordered[0]!.format, why: `the profile's format (${stated ?? ''}) puts them in this order` };
  const [a, b] = close as [Reading, Reading];
  const i = a.isos.findIndex((iso, k) => iso !== b.isos[k]);
  return { kind: 'ambiguous', formats: [a.format, b.format], example: seen[i]!, readings: [a.isos[i]!, b.isos[i]!] };
}
