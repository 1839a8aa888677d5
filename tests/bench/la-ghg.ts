/**
 * Issue 16's benchmark: the local authority greenhouse gas statistics, half a million rows in the
 * published long layout (about 80 MB as published), imported end to end into a new ledger
 * against papaparse's plain parse of the same file. Target: within 10 s, peak memory under 300 MB.
 * As in fleet.ts, each import run is paired with a papaparse run just before it and the ratio is
 * the median of the pairs' ratios. The measured import runs in a fresh process of its own (the
 * compiled code in dist/, as the CLI runs it), so its peak memory is its own.
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { pairedRow } from './fleet.js';
import { once, type Run } from './import.js';

const PAIRS = 3;
export const LA_GHG_BENCH_ROWS = 500_000;

const HEADER = ['Country', 'Country Code', 'Region', 'Region Code', 'Second Tier Authority', 'Local Authority', 'Local Authority Code', 'Calendar Year', 'LA GHG Sector', 'LA GHG Sub-sector', 'Greenhouse gas',
  'Territorial emissions (kt CO2e)', 'Emissions within the scope of influence of LAs (kt CO2)', 'Mid-year Population (thousands)', 'Area (km2)'];

/** Sector, sub-sector: a share of the published vocabulary, enough for the rows' width and variety. */
const SUBSECTORS: readonly (readonly [string, string])[] = [
  ['Agriculture', 'Agriculture Electricity'], ['Agriculture', 'Agriculture Gas'], ['Agriculture', "Agriculture 'Other'"], ['Agriculture', 'Agriculture Livestock'], ['Agriculture', 'Agriculture Soils'],
  ['Commercial', 'Commercial Electricity'], ['Commercial', 'Commercial Gas'], ['Commercial', "Commercial 'Other'"], ['Domestic', 'Domestic Electricity'], ['Domestic', 'Domestic Gas'],
  ['Domestic', "Domestic 'Other'"], ['Industry', 'Industry Electricity'], ['Industry', 'Industry Gas'], ['Industry', "Industry 'Other'"], ['Industry', 'Large Industrial Installations'],
  ['LULUCF', 'Cropland'], ['LULUCF', 'Forest land'], ['LULUCF', 'Grassland'], ['Public Sector', 'Public Sector Electricity'], ['Public Sector', 'Public Sector Gas'],
  ['Transport', 'Road Transport (A roads)'], ['Transport', 'Road Transport (Minor roads)'], ['Transport', 'Road Transport (Motorways)'], ['Transport', 'Diesel Railways'],
  ['Waste Management', 'Landfill'], ['Waste Management', 'Waste Management \'Other\''],
];
const GASES = ['CO2', 'CH4', 'N2O'] as const;

/** Writes `rows` rows: authorities × years × sub-sectors × gases, in the published order; a few unallocated rows each year. */
export async function writeLaGhgFile(path: string, rows: number): Promise<number> {
  const out = createWriteStream(path);
  const write = (line: string): Promise<void> | undefined => (out.write(line) ? undefined : new Promise<void>((resolve) => out.once('drain', () => {
    resolve();
  })));
  await write(`${HEADER.map((h) => (h.includes(',') ? `"${h}"` : h)).join(',')}\r\n`);
  const perAuthorityYear = SUBSECTORS.length * GASES.length;
  const years = 18; // 2005–2022
  let n = 0;
  for (let la = 0; n < rows; la++) {
    const code = `E0${la % 2 === 0 ? 6 : 7}${String(la).padStart(6, '0')}`;
    const name = la % 5 === 0 ? `"Authority ${la}, upon Sea"` : `Authority ${la}`;
    const county = la % 2 === 0 ? name : `County ${Math.floor(la / 10)}`;
    for (let y = 0; y < years && n < rows; y++) {
      const pop = (100 + (la % 300)).toFixed(3);
      for (let i = 0; i < perAuthorityYear && n < rows; i++, n++) {
        const [sector, sub] = SUBSECTORS[i % SUBSECTORS.length]!;
        const gas = GASES[Math.floor(i / SUBSECTORS.length)]!;
        const kt = (((la * 7 + y * 13 + i * 17) % 997) / 10 - (sector === 'LULUCF' ? 50 : 0)).toFixed(6);
        const sub2 = sub.includes("'") || sub.includes(',') ? `"${sub}"` : sub;
        const line = la % 97 === 96
          ? `England,E92000001,,,,Unallocated consumption,,${2005 + y},${sector},${sub2},${gas},${kt},${kt},,\r\n`
          : `England,E92000001,South East,E12000008,${county},${name},${code},${2005 + y},${sector},${sub2},${gas},${kt},${gas === 'CO2' ? kt : '0'},${pop},${(50 + (la % 900)).toFixed(2)}\r\n`;
        const wait = write(line);
        if (wait) await wait;
      }
    }
  }
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => {
    if (e) reject(e);
    else resolve();
  }));
  return n;
}

const DIST = (p: string): string => pathToFileURL(fileURLToPath(new URL(`../../dist/${p}`, import.meta.url))).href;

/** One import in a fresh process: wall and CPU time, peak RSS sampled every 20 ms. */
function importOnce(file: string): Run {
  const script = `
    import { mkdtempSync } from 'node:fs'; import { tmpdir } from 'node:os'; import { join } from 'node:path';
    const { Ledger } = await import(${JSON.stringify(DIST('store/ledger.js'))});
    const { importLaGhg } = await import(${JSON.stringify(DIST('import/import-la-ghg.js'))});
    let peak = 0; const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 20);
    const t0 = performance.now(); const cpu0 = process.cpuUsage();
    const ledger = Ledger.open(join(mkdtempSync(join(tmpdir(), 'tco2e-bench-la-')), 'ledger.sqlite'), { create: true });
    const s = await importLaGhg(ledger, { path: ${JSON.stringify(file)}, now: new Date(), toolVersion: 'bench' });
    ledger.close();
    if (s.status !== 'stored' || s.rows.rejected > 0) throw new Error('import did not store cleanly: ' + s.status);
    const ms = performance.now() - t0; const cpu = process.cpuUsage(cpu0); clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    process.stdout.write(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, peakRssMb: peak / 2 ** 20, rows: s.rows.read }) + '\\n');`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', maxBuffer: 1 << 20 })) as Run;
}

export async function benchLaGhg(): Promise<string> {
  const file = join(mkdtempSync(join(tmpdir(), 'tco2e-bench-la-ghg-')), 'la-ghg.csv');
  const rows = await writeLaGhgFile(file, LA_GHG_BENCH_ROWS);
  const pairs = Array.from({ length: PAIRS }, () => ({ base: once('papaparse', file), imp: importOnce(file) }));
  return [
    '## Local authority greenhouse gas statistics',
    '',
    `End to end into a new ledger, each import run paired with papaparse's plain streaming parse of the same file run just before it; ${PAIRS} pairs, medians (ratios are medians of the pairs' ratios; peak RSS is the highest of the import runs). CPU time is user + system, every thread.`,
    '',
    '| file | rows | size | papaparse | import | ratio | import CPU | CPU-time ratio | import peak RSS | issue target |',
    '|---|---|---|---|---|---|---|---|---|---|',
    pairedRow('local authority GHG statistics (long CSV)', rows, file, pairs, 'within 10 s; under 300 MB'),
  ].join('\n');
}
