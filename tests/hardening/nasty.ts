/**
 * Generators for hostile inputs: files people really send (a truncated export, a workbook saved
 * with the wrong encoding, a clock-change day) and files nobody should, built at test time in a
 * temporary folder so nothing large is committed.
 */

import { closeSync, openSync, writeSync } from 'node:fs';

/** The metered bill layout the built-in `energy-bill` profile recognises. */
export const BILL_HEADER = 'MPAN,Fuel,Start Date,End Date,Consumption (kWh)';

/** A meter the test organisation owns, so a good row is stored. */
export const METER = '1200001234567';

/** One bill row for April 2024 (dates in the profile's dd/MM/yyyy) with the given cells swapped in. */
export function billRow(over: { quantity?: string; start?: string; end?: string; meter?: string; fuel?: string } = {}): string {
  return [over.meter ?? METER, over.fuel ?? 'Electricity', over.start ?? '01/04/2024', over.end ?? '30/04/2024', over.quantity ?? '1000'].join(',');
}

/** A bill file: header, then the rows, CRLF line ends as Excel writes them. */
export function billCsv(...rows: string[]): string {
  return [BILL_HEADER, ...rows].join('\r\n') + '\r\n';
}

/**
 * Writes `totalBytes` of `unit` repeated (after `prefix`) to `path` in 1 MiB pieces, so a 50 MB
 * file costs no 50 MB string. No newline is written unless the caller puts one in.
 */
export function writeRepeated(path: string, prefix: string, unit: string, totalBytes: number, suffix = ''): void {
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, prefix);
    const piece = Buffer.from(unit.repeat(Math.max(1, Math.floor((1024 * 1024) / unit.length))));
    let left = totalBytes - Buffer.byteLength(prefix) - Buffer.byteLength(suffix);
    while (left > 0) {
      const n = Math.min(left, piece.length);
      writeSync(fd, piece, 0, n);
      left -= n;
    }
    writeSync(fd, suffix);
  } finally {
    closeSync(fd);
  }
}

/** A start-labelled half-hourly file (header 00:00…23:30 and two spare columns for the long day). */
export function halfHourlyCsv(rows: readonly { readonly date: string; readonly periods: number; readonly kwh: number }[]): string {
  const labels = Array.from({ length: 48 }, (_, i) => `${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`);
  const header = ['MPAN', 'Date', ...labels, '01:00', '01:30'];
  const lines = rows.map((r) => [METER, r.date, ...Array.from({ length: 50 }, (_, i) => (i < r.periods ? String(r.kwh) : ''))].join(','));
  return [header.join(','), ...lines].join('\r\n') + '\r\n';
}

/** A bill file with `extra` further columns after the five the profile reads, every row filled. */
export function wideBillCsv(extra: number, rows: readonly string[]): string {
  const more = Array.from({ length: extra }, (_, i) => `Extra ${i + 1}`);
  const header = [BILL_HEADER, ...more].join(',');
  const filler = Array.from({ length: extra }, (_, i) => String(i)).join(',');
  return [header, ...rows.map((r) => `${r},${filler}`)].join('\r\n') + '\r\n';
}

/**
 * Interval readings (one row per half-hour, UTC timestamps in January so no clock change) for
 * `days` whole days from 10 January 2024; the reading numbered `nulAt` (0-based) gets a NUL.
 */
export function intervalCsv(days: number, nulAt?: number): string {
  const lines = ['MPAN,Timestamp,kWh'];
  const start = Date.parse('2024-01-10T00:00:00Z');
  for (let i = 0; i < days * 48; i++) {
    const at = new Date(start + i * 30 * 60_000).toISOString().replace('.000Z', 'Z');
    lines.push(`${METER},${at},${i === nulAt ? '1\u0000' : '1'}`);
  }
  return lines.join('\n') + '\n';
}
