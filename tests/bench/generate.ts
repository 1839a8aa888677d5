/** Realistic generated files for the benchmarks (written to a temporary folder, never committed). */
import { createWriteStream } from 'node:fs';
import { DateTime } from 'luxon';
import { once } from 'node:events';

/**
 * Interval meter data, one row per half-hour reading: at least `readings` rows across `meters`
 * meters, in whole days (an incomplete day would be rejected). Returns the rows written.
 */
export async function writeIntervalFile(path: string, readings: number, meters = 300): Promise<number> {
  const out = createWriteStream(path);
  out.write('MPAN,Timestamp,kWh,Read Type\r\n');
  const perMeter = Math.ceil(readings / meters / 48) * 48;
  readings = perMeter * meters; // approximately: clock-change days have 46 or 50 readings
  // Every meter reads the same half-hours from 1 April 2024, written as UK wall-clock times
  // (so clock-change days have 46 and 50 readings); the texts are made once and reused.
  const stamps: string[] = [];
  for (let d = 0; d < perMeter / 48; d++) {
    const day = DateTime.fromISO('2024-04-01T00:00', { zone: 'Europe/London' }).plus({ days: d });
    const end = day.plus({ days: 1 }).toMillis();
    for (let t = day.toMillis(); t < end; t += 1_800_000) stamps.push(DateTime.fromMillis(t, { zone: 'Europe/London' }).toFormat('dd/MM/yyyy HH:mm'));
  }
  let written = 0;
  let chunk = '';
  for (let m = 0; m < meters; m++) {
    const mpan = String(1200000000000 + m * 7919);
    for (let i = 0; i < stamps.length; i++, written++) {
      const ts = stamps[i]!;
      chunk += `${mpan},${ts},${(((m * 31 + i * 17) % 400) / 100 + 0.25).toFixed(3)},${i % 97 === 0 ? 'E' : 'A'}\r\n`;
      if (chunk.length > 1 << 16) {
        if (!out.write(chunk)) await once(out, 'drain');
        chunk = '';
      }
    }
  }
  out.write(chunk);
  out.end();
  await once(out, 'finish');
  return written;
}
