/**
 * ERIC cells as numbers. The files write them as displayed: thousands separators (`2,864,738`,
 * quoted in comma files), fixed decimals (`562.5900`, `100.00`), float renderings of integers
 * (`31964018.0` in 2023/24 trust), negatives (`-470,790`, 2016/17 RA301). Missing figures are
 * written `Not Applicable` (2013/14–2016/17), `No Data Provided` (2015/16), `N/A` (2023/24),
 * left blank, or `-`. A real zero is written `0` and is common.
 */

export type EricValue =
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'missing'; readonly text: string }
  | { readonly kind: 'invalid'; readonly text: string };

const MISSING = new Set(['', '-', '–', '—', 'n/a', 'not applicable', 'no data provided']);

/** Digits with commas between every group of three, or none; an optional fraction; an optional minus. */
const NUMBER = /^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$|^-?\.\d+$/;

/** An ERIC cell: a number, missing, or not a number (the text kept). */
export function ericValue(text: string): EricValue {
  const t = text.trim();
  if (MISSING.has(t.toLowerCase().replace(/\s+/g, ' '))) return { kind: 'missing', text };
  if (!NUMBER.test(t)) return { kind: 'invalid', text };
  const value = Number(t.replace(/,/g, ''));
  // `-0` and `0` are the same figure; keep one so sums and comparisons never see the other.
  return { kind: 'number', value: value === 0 ? 0 : value };
}
