/** Realistic generated files for the benchmarks (written to a temporary folder, never committed). */
import { createWriteStream } from 'node:fs';
import { DateTime } from 'luxon';
import { once } from 'node:events';

/**
 * Interval meter data, one row per half-hour reading: at least `readings` rows across `meters`
 * meters, in whole days (an incomplete day would be rejected). Returns the rows written.
 */
export async function writeIntervalFile(path: string, readings: number, meters = 300): Promise<number> {
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
  const total = meters * stamps.length;
  await writeLines(path, 'MPAN,Timestamp,kWh,Read Type', total, (n) => {
    const m = Math.floor(n / stamps.length);
    const i = n % stamps.length;
    return `${String(1200000000000 + m * 7919)},${stamps[i]!},${(((m * 31 + i * 17) % 400) / 100 + 0.25).toFixed(3)},${i % 97 === 0 ? 'E' : 'A'}`;
  });
  return total;
}

async function writeLines(path: string, header: string, rows: number, line: (i: number) => string): Promise<void> {
  const out = createWriteStream(path);
  out.write(header + '\r\n');
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    chunk += line(i) + '\r\n';
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.write(chunk);
  out.end();
  await once(out, 'finish');
}

const day = (i: number): string => {
  const d = DateTime.fromISO('2024-04-01').plus({ days: i });
  return d.toFormat('dd/MM/yyyy');
};

/** Half-hourly data in the 48-column form: one row per meter-day, periods labelled by start. */
export async function writeWideHalfHourlyFile(path: string, readings: number, meters = 300): Promise<number> {
  const days = Math.ceil(readings / meters / 48);
  const labels = Array.from({ length: 48 }, (_, i) => `${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`);
  // Stay clear of clock-change days so every row has 48 values (the tests cover 46 and 50).
  const dates = Array.from({ length: days }, (_, i) => day(i));
  let written = 0;
  await writeLines(path, ['MPAN', 'Date', ...labels, 'Total Units'].join(','), meters * days, (i) => {
    const m = Math.floor(i / days);
    const values = Array.from({ length: 48 }, (_, p) => (((m * 31 + p * 17 + i) % 400) / 100 + 0.25).toFixed(3));
    written += 48;
    const total = values.reduce((a, v) => a + Number(v), 0).toFixed(3);
    return [String(1200000000000 + m * 7919), dates[i % days]!, ...values, total].join(',');
  });
  return written;
}

/** Fuel-card transactions: 400 vehicles filling up, with AdBlue and car-wash lines mixed in. */
export async function writeFuelCardFile(path: string, rows: number): Promise<number> {
  const products = ['DIESEL', 'ULSD', 'Unleaded', 'DIESEL', 'AdBlue', 'DIESEL', 'Car Wash', 'Super Unleaded'];
  await writeLines(path, 'Card Number,Transaction Date,Registration,Product,Quantity,Net Amount,Odometer,Site', rows, (i) => {
    const v = i % 400;
    const litres = (20 + ((i * 7) % 55) + 0.37).toFixed(2);
    return `7077 ${String(v).padStart(4, '0')},${day(Math.floor(i / 400) % 360)},FL${String(v).padStart(2, '0')} ${String.fromCharCode(65 + (v % 26))}BC,${products[i % products.length]!},${litres},${(Number(litres) * 1.52).toFixed(2)},${10000 + i},`;
  });
  return rows;
}

/** Staff travel survey responses with the question texts as headers. */
export async function writeSurveyFile(path: string, header: string, width: number, rows: number): Promise<number> {
  const modes = ['Car (on my own)', 'Car share (driver)', 'Bus', 'Train', 'Bicycle', 'Walk', 'Work from home', 'Car (on my own)'];
  await writeLines(path, header, rows, (i) => {
    const cells = [String(100000 + i), '10/09/2024 08:01', '10/09/2024 08:05', 'anonymous', '', 'Main Hospital', 'Nursing and midwifery', modes[i % modes.length]!, i % 8 === 1 ? '2' : '', String(1 + (i % 23)), String(1 + (i % 5))];
    while (cells.length < width) cells.push('');
    return cells.join(',');
  });
  return rows;
}
