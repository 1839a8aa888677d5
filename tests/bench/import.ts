import { execFileSync } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeIntervalFile } from './generate.js';

interface Run { ms: number; peakRssMb: number; rows: number }

function run(mode: string, file: string): Run {
  const child = fileURLToPath(new URL('./child.ts', import.meta.url));
  return JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', child, mode, file], { encoding: 'utf8', maxBuffer: 1 << 20 })) as Run;
}

/** Import of interval (row-per-reading) files against papaparse's raw streaming parse of the same file. */
export async function benchImport(sizes: readonly number[] = [1_000_000]): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'tco2e-bench-'));
  const rows: string[] = [];
  for (const n of sizes) {
    const file = join(dir, `interval-${n}.csv`);
    const written = await writeIntervalFile(file, n);
    const mb = statSync(file).size / 2 ** 20;
    const base = run('papaparse', file);
    const imp = run('import', file);
    rows.push(`| ${written.toLocaleString('en-GB')} | ${mb.toFixed(0)} MB | ${(base.ms / 1000).toFixed(2)} s | ${(imp.ms / 1000).toFixed(2)} s | ${(imp.ms / base.ms).toFixed(2)}× | ${((written / imp.ms) * 1000 / 1e6).toFixed(2)} M/s | ${imp.peakRssMb.toFixed(0)} MB |`);
  }
  return [
    '## Import: interval meter data (one row per half-hour reading, 300 meters)',
    '',
    'End to end: read, validate, place in meter-days, convert, store in a new ledger; against papaparse streaming the same file with no work per row. Target: at most 2.5× papaparse, peak memory under 300 MB.',
    '',
    '| readings | file | papaparse | import | ratio | readings/s | import peak RSS |',
    '|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}
