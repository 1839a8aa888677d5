/** Realistic generated files for the benchmarks (written to a temporary folder, never committed). */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/**
 * Interval meter data, one row per half-hour reading: at least `readings` rows across `meters`
 * meters, in whole days (an incomplete day would be rejected). Returns the rows written.
 */
export async function writeIntervalFile(path: string, readings: number, meters = 300): Promise<number> {
  const out = createWriteStream(path);
  out.write('MPAN,Timestamp,kWh,Read Type\r\n');
  const perMeter = Math.ceil(readings / meters / 48) * 48;
  readings = perMeter * meters;
  const start = Date.UTC(2024, 3, 1); // 1 April 2024, 00:00 BST is 31 March 23:00 UTC
  let written = 0;
  let chunk = '';
  for (let m = 0; m < meters && written < readings; m++) {
    const mpan = String(1200000000000 + m * 7919);
    for (let i = 0; i < perMeter && written < readings; i++, written++) {
      const t = new Date(start - 3_600_000 + i * 1_800_000);
      // Written as UK local wall-clock time (BST in this range: UTC+1).
      const local = new Date(t.getTime() + 3_600_000);
      const ts = `${String(local.getUTCDate()).padStart(2, '0')}/${String(local.getUTCMonth() + 1).padStart(2, '0')}/${local.getUTCFullYear()} ${String(local.getUTCHours()).padStart(2, '0')}:${String(local.getUTCMinutes()).padStart(2, '0')}`;
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
