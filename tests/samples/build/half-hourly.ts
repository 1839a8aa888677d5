/**
 * The Royal Infirmary's half-hourly electricity for 2025/26, one row per day with numbered period
 * columns (HH01…HH50: the 50 are needed for the day the clocks go back), a daily total and a read
 * flag. Covers both clock changes (26 October 2025: 50 half-hours; 29 March 2026: 46). Each month
 * sums to what the meter's bills would have said, shaped by hour and by weekday.
 */

import { daysInMonth, dayFrom, dayNumber, halfHoursIn, ukDate, type Day } from './calendar.js';
import { HH_FROM, meterMonths } from './energy-bills.js';
import { ACUTE, meter, site } from './orgs.js';
import { prngFor } from './prng.js';
import { csvRow, lines, utf8 } from './text.js';
import type { SampleFile } from './types.js';

/** The local clock hour (0–23.5) of period `i` on a day with `periods` half-hours. */
function clockHour(i: number, periods: number): number {
  if (periods === 46) return i < 2 ? i / 2 : (i + 2) / 2; // 01:00–01:59 does not happen
  if (periods === 50) return i < 4 ? i / 2 : (i - 2) / 2; // 01:00–01:59 happens twice
  return i / 2;
}

/** A hospital's day: a high base all night, a daytime peak for clinics, theatres and outpatients. */
function hourShape(hour: number): number {
  if (hour < 6) return 0.82;
  if (hour < 8) return 0.95;
  if (hour < 18) return 1.17;
  if (hour < 22) return 1.02;
  return 0.88;
}

const dayShape = (d: Day): number => (d.weekday === 0 || d.weekday === 6 ? 0.9 : 1.04);

/** A meter comms fault: a week of estimated data. */
const ESTIMATED = { from: dayNumber(2026, 2, 9), to: dayNumber(2026, 2, 15) };

export function halfHourlyFile(): SampleFile {
  const ri = site(ACUTE, 'royal-infirmary');
  const elec = meter(ri, 'electricity');
  const months = meterMonths(ACUTE, ri, elec).filter((u) => u.m.year * 12 + u.m.month >= HH_FROM.year * 12 + HH_FROM.month);
  const rng = prngFor('hh:royal-infirmary');
  const header = ['MPAN Core', 'Settlement Date', 'Data Type', ...Array.from({ length: 50 }, (_, i) => `HH${String(i + 1).padStart(2, '0')}`), 'Daily Total'];
  const rows = [csvRow(header)];
  for (const { m, quantity } of months) {
    const first = dayNumber(m.year, m.month, 1);
    const days = Array.from({ length: daysInMonth(m.year, m.month) }, (_, i) => dayFrom(first + i));
    // Spread the month's use over its half-hours in proportion to the day's and the hour's shape.
    let weight = 0;
    for (const d of days) {
      const n = halfHoursIn(d);
      for (let i = 0; i < n; i++) weight += dayShape(d) * hourShape(clockHour(i, n));
    }
    for (const d of days) {
      const n = halfHoursIn(d);
      // Tenths of a kWh, as integers, so the daily total is exactly the sum of the cells.
      const tenths = Array.from({ length: n }, (_, i) => Math.round(((quantity * dayShape(d) * hourShape(clockHour(i, n))) / weight) * rng.noise(0.04) * 10));
      const total = tenths.reduce((s, t) => s + t, 0);
      const dn = dayNumber(d.year, d.month, d.day);
      const flag = dn >= ESTIMATED.from && dn <= ESTIMATED.to ? 'E' : 'A';
      const cells = [...tenths.map((t) => (t / 10).toFixed(1)), ...Array<string>(50 - n).fill('')];
      rows.push(csvRow([elec.id, ukDate(d.year, d.month, d.day), flag, ...cells, (total / 10).toFixed(1)]));
    }
  }
  return { path: 'energy/royal-infirmary-hh-2025-26.csv', bytes: utf8(lines(rows, '\r\n')) };
}
