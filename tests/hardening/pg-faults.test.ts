/**
 * A ledger an integrated care system shares on a PostgreSQL server: many people importing at
 * once, clients killed part-way, the server restarted under an import, two clients upgrading at
 * once. Each runs the built CLI (`npm run build` first) against a real server. Kills are made at
 * the fault points the import reports (TCO2E_FAULT_POINT), never after a delay.
 */

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Ledger } from '../../src/store/ledger.js';
import { SCHEMA_VERSION } from '../../src/store/schema.js';
import { writeIntervalFile } from '../bench/generate.js';
import { freshDatabase, startPgServer, type PgServer } from '../pg/server.js';
import { faultMarker, startCli, type Run } from './spawn-cli.js';

vi.setConfig({ testTimeout: 180_000, hookTimeout: 60_000 });

const ORGS = Array.from({ length: 8 }, (_, i) => `member-${i + 1}`);
const READINGS_PER_DAY = 48;

/** A workspace whose config names the server's ledger and eight member organisations. */
function workspace(url: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'tco2e-pg-faults-'));
  const config = { version: 1, ledger: url, organisations: ORGS.map((id) => ({ id, name: `Member ${id}`, kind: 'nhs-trust', sites: [], denominators: [] })), profiles: [] };
  writeFileSync(join(dir, 'tco2e.config.json'), JSON.stringify(config, null, 2));
  return dir;
}

function importArgs(file: string, org: string): string[] {
  return ['import', 'energy', file, '--org', org, '--profile', 'interval', '--json'];
}

/** Rows of each table, whatever the batch's state: a rolled-back import leaves none. */
async function rowCounts(url: string): Promise<{ batches: number; activities: number; hhDays: number; problems: number }> {
  const c = new pg.Client(url);
  await c.connect();
  try {
    const n = async (t: string): Promise<number> => Number((await c.query<{ n: string }>(`SELECT count(*) AS n FROM ${t}`)).rows[0]!.n);
    return { batches: await n('batches'), activities: await n('activities'), hhDays: await n('hh_days'), problems: await n('batch_problems') };
  } finally {
    await c.end();
  }
}

/** A copy of an interval file with the meter numbers begun with `prefix` instead of 12, so files do not overlap. */
function withMeters(from: string, to: string, prefix: string): void {
  writeFileSync(to, readFileSync(from, 'utf8').replace(/^12/gm, prefix));
}

function stored(r: Run): { status: string; batchId: number | null; rows: { read: number } } {
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { status: string; batchId: number | null; rows: { read: number } };
}

describe('many hands on one server ledger', () => {
  let url: string;
  let dir: string;
  let file: string;
  let readings: number;

  beforeAll(async () => {
    url = await freshDatabase('pg_faults');
    Ledger.open(url, { create: true }).close();
    dir = workspace(url);
    file = join(dir, 'readings.csv');
    readings = await writeIntervalFile(file, 24_000, 50);
  });

  it('eight imports for eight organisations started at once all land, none lost, none twice', async () => {
    const files = ORGS.map((org, i) => {
      const f = join(dir, `${org}.csv`);
      withMeters(file, f, String(20 + i));
      return f;
    });
    const runs = await Promise.all(ORGS.map((org, i) => startCli(dir, importArgs(files[i]!, org)).done));
    for (const r of runs) expect(stored(r)).toMatchObject({ status: 'stored', rows: { read: readings } });
    const ledger = Ledger.open(url);
    try {
      const batches = ledger.listBatches();
      expect(batches.map((b) => b.org).sort()).toEqual([...ORGS].sort());
      expect(batches.every((b) => b.status === 'active')).toBe(true);
      for (const b of batches) expect(ledger.batchCounts(b.id).hhDays, b.org).toBe(readings / READINGS_PER_DAY);
    } finally {
      ledger.close();
    }
  });

  it('the same file imported twice at the same moment for one organisation is stored once; the other run says it is already there', async () => {
    const org = ORGS[0]!;
    const same = join(dir, 'same.csv');
    withMeters(file, same, '31');
    const before = await rowCounts(url);
    const runs = await Promise.all([startCli(dir, importArgs(same, org)).done, startCli(dir, importArgs(same, org)).done]);
    const statuses = runs.map((r) => stored(r).status).sort();
    expect(statuses).toEqual(['already-imported', 'stored']);
    const after = await rowCounts(url);
    expect(after.batches).toBe(before.batches + 1);
    expect(after.hhDays).toBe(before.hhDays + readings / READINGS_PER_DAY);
  });

  it("an import for an organisation another import holds waits up to the busy timeout, then stops storing nothing, and runs once the other is done", async () => {
    const org = ORGS[3]!;
    const waiting = join(dir, 'waiting.csv');
    withMeters(file, waiting, '51');
    const before = await rowCounts(url);
    // Another import of the same organisation, as the engine takes it: the organisation's lock, held in a transaction.
    const other = new pg.Client(url);
    await other.connect();
    await other.query('BEGIN');
    await other.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`tco2e:org:${org}`]);
    try {
      const r = await startCli(dir, importArgs(waiting, org), { TCO2E_BUSY_TIMEOUT_MS: '500' }).done;
      expect(r.code).toBe(2);
      expect(`${r.stdout}${r.stderr}`).toMatch(/in use by another tco2e command for the same organisation.*nothing was stored/);
      // Another organisation is not held back meanwhile.
      const elsewhere = join(dir, 'elsewhere.csv');
      withMeters(file, elsewhere, '52');
      expect(stored(await startCli(dir, importArgs(elsewhere, ORGS[4]!)).done).status).toBe('stored');
    } finally {
      await other.query('COMMIT');
      await other.end();
    }
    expect((await rowCounts(url)).hhDays).toBe(before.hhDays + readings / READINGS_PER_DAY);
    expect(stored(await startCli(dir, importArgs(waiting, org)).done).status).toBe('stored');
  });

  it('a client killed inside its import leaves nothing behind, and the import can be run again', async () => {
    const org = ORGS[1]!;
    const killedFile = join(dir, 'killed.csv');
    withMeters(file, killedFile, '41');
    const before = await rowCounts(url);
    for (const point of [`rows-read:${readings / 2}`, 'in-transaction', 'before-commit']) {
      const child = startCli(dir, importArgs(killedFile, org), { TCO2E_FAULT_POINT: point });
      try {
        await child.stderrLine(faultMarker(point));
        // Halted with its transaction open: its rows are on the server, seen by no one else.
        expect(await rowCounts(url), point).toEqual(before);
      } finally {
        child.kill();
      }
      expect((await child.done).signal, point).toBe('SIGKILL');
      // The server ends the killed client's session and rolls its transaction back.
      await waitForNoSessionOf(url, 'tco2e');
      expect(await rowCounts(url), point).toEqual(before);
    }
    expect(stored(await startCli(dir, importArgs(killedFile, org)).done).status).toBe('stored');
    expect((await rowCounts(url)).hhDays).toBe(before.hhDays + readings / READINGS_PER_DAY);
  });

  it('two clients creating and upgrading the same empty ledger at once: one migrates, both open it', async () => {
    const empty = await freshDatabase('pg_race');
    const ws = workspace(empty);
    const runs = await Promise.all([0, 1, 2, 3].map(() => startCli(ws, ['imports', 'list', '--json'], {}).done));
    // Without a ledger there, listing is refused (only init creates one): as on a file.
    for (const r of runs) expect(`${r.stdout}${r.stderr}`).toMatch(/no tco2e ledger/i);
    const opened = await Promise.all([0, 1, 2, 3].map(() => startCli(ws, ['init', '--db', empty, '--org', 'x', '--name', 'X', '--config', join(mkdtempSync(join(tmpdir(), 'tco2e-pg-init-')), 'tco2e.config.json')]).done));
    for (const r of opened) expect(r.code, r.stderr).toBe(0);
    const c = new pg.Client(empty);
    await c.connect();
    const meta = (await c.query<{ key: string; value: string }>('SELECT key, value FROM meta ORDER BY key')).rows;
    await c.end();
    expect(meta).toEqual([{ key: 'app', value: 'tco2e' }, { key: 'schema_version', value: String(SCHEMA_VERSION) }]);
  });
});

describe('the server restarted under an import', () => {
  let server: PgServer;

  beforeAll(async () => {
    server = await startPgServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('leaves nothing of the import behind, the client says the connection failed, and the import can be run again', async () => {
    const url = server.url;
    Ledger.open(url, { create: true }).close();
    const dir = workspace(url);
    const file = join(dir, 'readings.csv');
    const readings = await writeIntervalFile(file, 9_600, 20);
    const child = startCli(dir, importArgs(file, ORGS[0]!), { TCO2E_FAULT_POINT: 'in-transaction' });
    try {
      await child.stderrLine(faultMarker('in-transaction'));
      // An immediate stop: no checkpoint, the open transaction never committed.
      await server.restart();
    } finally {
      child.kill();
    }
    await child.done;
    expect(await rowCounts(url)).toEqual({ batches: 0, activities: 0, hhDays: 0, problems: 0 });
    // The next command after the restart: the same import, now whole.
    const again = stored(await startCli(dir, importArgs(file, ORGS[0]!)).done);
    expect(again).toMatchObject({ status: 'stored', rows: { read: readings } });
    expect((await rowCounts(url)).hhDays).toBe(readings / READINGS_PER_DAY);
  });

  it('a server that is down: the import is refused, saying the connection failed and what to do, and nothing is stored', async () => {
    const url = server.url;
    const dir = workspace(url);
    const file = join(dir, 'more.csv');
    await writeIntervalFile(join(dir, 'src.csv'), 4_800, 10);
    withMeters(join(dir, 'src.csv'), file, '55');
    const before = await rowCounts(url);
    await server.stop();
    const r = await startCli(dir, importArgs(file, ORGS[2]!)).done;
    await server.start();
    expect(r.code).toBe(2);
    const said = `${r.stdout}${r.stderr}`;
    expect(said).toMatch(/connection to the ledger at postgres:\/\/.* failed/);
    expect(said).toMatch(/nothing was changed/i);
    expect(said).not.toMatch(/\n\s+at /);
    expect(await rowCounts(url)).toEqual(before);
  });
});

/** Waits until the ledger's database has no session left from an application (a killed client's, ended by the server). */
async function waitForNoSessionOf(url: string, application: string): Promise<void> {
  const c = new pg.Client(url);
  await c.connect();
  try {
    for (let i = 0; i < 200; i++) {
      const n = Number((await c.query<{ n: string }>('SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()', [application])).rows[0]!.n);
      if (n === 0) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`a ${application} session was still open on the server after 5 s`);
  } finally {
    await c.end();
  }
}
