/**
 * One measured run in its own process, so its peak memory is its own:
 *   tsx tests/bench/child.ts papaparse FILE
 *   tsx tests/bench/child.ts energy|fleet|journeys PROFILE FILE
 *   tsx tests/bench/child.ts sqlite-read|emissions|export-lines DIR   (a workspace: see scale.ts)
 *   tsx tests/bench/child.ts interval-into LEDGER FILE   (a ledger file's path or a server's URL: see pg.ts)
 * Prints {"ms": …, "cpuMs": …, "peakRssMb": …, "rows": …}: wall time, and the CPU time (user +
 * system, every thread) that other work on a shared machine disturbs far less; `export-lines`
 * adds "firstMs", when its first byte was written.
 */
import { createReadStream, mkdtempSync, writeFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import Database from 'better-sqlite3';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { parsePolicy } from '../../dist/convert/policy.js';
import { loadFactors } from '../../dist/factors/library.js';
import { importEnergy } from '../../dist/import/import-energy.js';
import { importFleet } from '../../dist/import/import-fleet.js';
import { importJourneys } from '../../dist/import/import-journeys.js';
import type { ImportRequest } from '../../dist/import/request.js';
import { loadBuiltinProfiles } from '../../dist/map/profiles.js';
import { Ledger } from '../../dist/store/ledger.js';
import { boardReport } from '../../dist/report/board/index.js';
import { loadWorkspace } from '../../dist/workspace/config.js';
import { emissionsReport } from '../../dist/aggregate/emissions-query.js';
import { emissionsTable } from '../../dist/cli/views/emissions-view.js';
import { exportLines } from '../../dist/export/lines/write.js';

const [mode, a, b] = process.argv.slice(2) as [string, string, string | undefined];
let peak = 0;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 20);

async function papaparse(file: string): Promise<number> {
  let rows = 0;
  await new Promise<void>((resolve, reject) => {
    Papa.parse(createReadStream(file, 'utf8') as unknown as File, {
      step: () => {
        rows++;
      },
      complete: () => {
        resolve();
      },
      error: reject,
    });
  });
  return rows;
}

async function importFile(kind: string, profileId: string, file: string, at?: string): Promise<number> {
  const ledger = Ledger.open(at ?? join(mkdtempSync(join(tmpdir(), 'tco2e-bench-')), 'ledger.sqlite'), { create: true });
  const req: ImportRequest = {
    path: file, profileId, profiles: loadBuiltinProfiles(), library: loadFactors(), policy: parsePolicy('financial-year'),
    org: { id: 'bench', name: 'Bench', kind: 'nhs-trust', sites: [] }, now: new Date(), toolVersion: 'bench',
  };
  const s = kind === 'energy' ? await importEnergy(ledger, req) : kind === 'fleet' ? await importFleet(ledger, req) : await importJourneys(ledger, { ...req, wave: 'bench' });
  ledger.close();
  if (s.status !== 'stored' || s.rows.rejected > 0) throw new Error(`import did not store cleanly: ${s.status}, ${s.rows.rejected} rejected: ${JSON.stringify(s.rejectReasons[0])}`);
  return s.rows.read;
}

/** Imports the benchmark's bills into the workspace's ledger (setup, not measured). */
async function setupBoard(dir: string, bills: string): Promise<number> {
  const ws = loadWorkspace({ cwd: dir, env: {} });
  initLedger(ws.ledgerPath);
  const ledger = Ledger.open(ws.ledgerPath);
  const s = await importEnergy(ledger, {
    path: bills, profileId: 'energy-bill', profiles: loadBuiltinProfiles(), library: loadFactors(), policy: parsePolicy('financial-year'),
    org: ws.config.organisations[0]!, now: new Date(), toolVersion: 'bench',
  });
  if (s.status !== 'stored') throw new Error(`bench bills did not store: ${s.status}`);
  const [count] = ledger.select<{ n: number }>('SELECT count(*) AS n FROM activities');
  ledger.close();
  return count!.n;
}

/** The board report, end to end: read the workspace, query, render every chart, write the file. */
async function board(dir: string): Promise<number> {
  const ws = loadWorkspace({ cwd: dir, env: {} });
  const ledger = Ledger.open(ws.ledgerPath);
  const r = await boardReport({ ledger, library: loadFactors(), config: ws.config, reads: new Map() }, { org: 'bench-trust', period: '2024/25', now: new Date(), toolVersion: 'bench' });
  writeFileSync(join(dir, 'board.html'), r.html);
  ledger.close();
  return r.html.length;
}

/** The baseline: every row of the ledger's activities read with a plain SQLite query, as arrays, a row at a time. */
function sqliteRead(dir: string): number {
  const db = new Database(loadWorkspace({ cwd: dir, env: {} }).ledgerPath, { readonly: true });
  let rows = 0;
  for (const row of db.prepare('SELECT * FROM activities').raw(true).iterate() as IterableIterator<unknown[]>) if (row.length > 0) rows++;
  db.close();
  return rows;
}

/** `tco2e emissions --org ORG` for everything held, as the command runs it: the report, then its table. */
function emissions(dir: string): number {
  const ws = loadWorkspace({ cwd: dir, env: {} });
  const ledger = Ledger.open(ws.ledgerPath);
  const report = emissionsReport({ ledger, library: loadFactors(), config: ws.config, reads: new Map() }, {
    org: ws.config.organisations[0]!.id, by: 'year', yearBasis: 'financial', scope2: 'location', wtt: false, fill: 'none',
  });
  const table = emissionsTable(report);
  ledger.close();
  return table.length;
}

let firstMs: number | undefined;

/** `tco2e export lines` (CSV, every organisation, everything held) into a stream that keeps nothing, as a reader at the end of a pipe would; the lines written. */
async function exportAll(dir: string): Promise<number> {
  const ws = loadWorkspace({ cwd: dir, env: {} });
  const ledger = Ledger.open(ws.ledgerPath);
  const sink = new Writable({
    write(_chunk, _encoding, done) {
      firstMs ??= performance.now() - t0;
      done();
    },
  });
  const summary = await exportLines({ ledger, library: loadFactors(), config: ws.config, reads: new Map() }, {}, 'csv', { stream: sink });
  ledger.close();
  return summary.counts.lines;
}

function initLedger(path: string): void {
  Ledger.open(path, { create: true }).close();
}

const t0 = performance.now();
const cpu0 = process.cpuUsage();
const measured: Record<string, () => Promise<number> | number> = {
  papaparse: () => papaparse(a),
  'board-setup': () => setupBoard(a, b!),
  board: () => board(a),
  'sqlite-read': () => sqliteRead(a),
  emissions: () => emissions(a),
  'export-lines': () => exportAll(a),
  'interval-into': () => importFile('energy', 'interval', b!, a),
};
const rows = await (measured[mode] ?? (() => importFile(mode, a, b!)))();
const ms = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss);
process.stdout.write(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, peakRssMb: peak / 2 ** 20, rows, ...(firstMs === undefined ? {} : { firstMs }) }) + '\n');
