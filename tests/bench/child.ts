/**
 * One measured run in its own process, so its peak memory is its own:
 *   tsx tests/bench/child.ts papaparse FILE  |  tsx tests/bench/child.ts import FILE
 * Prints {"ms": …, "peakRssMb": …, "rows": …}.
 */
import { createReadStream, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { parsePolicy } from '../../src/convert/policy.js';
import { loadFactors } from '../../src/factors/library.js';
import { importEnergy } from '../../src/import/import-energy.js';
import { loadBuiltinProfiles } from '../../src/map/profiles.js';
import { Ledger } from '../../src/store/ledger.js';

const [mode, file] = process.argv.slice(2) as [string, string];
let peak = 0;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 20);

async function papaparse(): Promise<number> {
  let rows = 0;
  await new Promise<void>((resolve, reject) => {
    Papa.parse(createReadStream(file, 'utf8') as unknown as File, { step: () => { rows++; }, complete: () => { resolve(); }, error: reject });
  });
  return rows;
}

async function importFile(): Promise<number> {
  const ledger = Ledger.open(join(mkdtempSync(join(tmpdir(), 'tco2e-bench-')), 'ledger.sqlite'), { create: true });
  const s = await importEnergy(ledger, {
    path: file, profileId: 'interval', profiles: loadBuiltinProfiles(), library: loadFactors(), policy: parsePolicy('financial-year'),
    org: { id: 'bench', name: 'Bench', kind: 'nhs-trust', sites: [], denominators: [] }, now: new Date(), toolVersion: 'bench',
  });
  ledger.close();
  if (s.status !== 'stored' || s.rows.rejected > 0) throw new Error(`import did not store cleanly: ${s.status}, ${s.rows.rejected} rejected`);
  return s.rows.read;
}

const t0 = performance.now();
const rows = mode === 'papaparse' ? await papaparse() : await importFile();
const ms = performance.now() - t0;
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss);
process.stdout.write(JSON.stringify({ ms, peakRssMb: peak / 2 ** 20, rows }) + '\n');
