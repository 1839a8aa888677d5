/**
 * Faults a ledger must survive: an import killed part-way, two imports at once, a ledger from a
 * newer version or a damaged file, and a disk that fills up while importing or writing a report.
 * Each runs the built CLI (`npm run build` first) as a person or a scheduled job would. Kills are
 * made at the fault points the import reports (TCO2E_FAULT_POINT), never after a delay.
 */

import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Ledger } from '../../src/store/ledger.js';
import { writeIntervalFile } from '../bench/generate.js';
import { runCli } from '../helpers.js';
import { killCliAt, startCli, writeLockHeld, type Run } from './spawn-cli.js';

// Every case runs the CLI several times, some on a 300,000-reading file: on a loaded machine that
// takes far longer than the defaults allow. A child that stalls still fails at its own limit (see
// spawn-cli.ts), which these are above, with what it printed.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const ORG = 'north-acute';
/** 1 April to 12 May 2024 has no clock change, so every generated meter-day has 48 readings. */
const READINGS_PER_DAY = 48;

function workspace(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  expect(runCli(dir, 'init', '--org', ORG, '--name', 'North Acute').code).toBe(0);
  return dir;
}

/** A copy of an interval file with other meter numbers (MPANs 19… instead of 12…), so it does not overlap. */
function withOtherMeters(from: string, to: string): void {
  writeFileSync(to, readFileSync(from, 'utf8').replace(/^12/gm, '19'));
}

interface Totals { activeBatches: number; hhDays: number; kwh: number; kgCo2e: number }

/** What the active batches add up to: what every report is built from. */
function totals(ledgerPath: string): Totals {
  const ledger = Ledger.open(ledgerPath);
  try {
    const [b] = ledger.select<{ n: number }>("SELECT count(*) AS n FROM batches WHERE status = 'active'");
    const [h] = ledger.select<{ n: number; kwh: number | null }>("SELECT count(*) AS n, sum(h.kwh_total) AS kwh FROM hh_days h JOIN batches b ON b.id = h.batch_id WHERE b.status = 'active'");
    const [a] = ledger.select<{ kg: number | null }>("SELECT sum(a.kg_co2e) AS kg FROM activities a JOIN batches b ON b.id = a.batch_id WHERE b.status = 'active'");
    return { activeBatches: b!.n, hhDays: h!.n, kwh: h!.kwh ?? 0, kgCo2e: a!.kg ?? 0 };
  } finally {
    ledger.close();
  }
}

/** Every row the ledger holds, whatever its batch's status (a rolled-back batch leaves none). */
function rowCounts(ledgerPath: string): { batches: number; hhDays: number; activities: number; integrity: string } {
  const ledger = Ledger.open(ledgerPath);
  try {
    const n = (table: string): number => ledger.select<{ n: number }>(`SELECT count(*) AS n FROM ${table}`)[0]!.n;
    return { batches: n('batches'), hhDays: n('hh_days'), activities: n('activities'), integrity: ledger.integrityCheck() };
  } finally {
    ledger.close();
  }
}

function importArgs(file: string): string[] {
  return ['import', 'energy', file, '--org', ORG, '--profile', 'interval', '--json'];
}

/** A user error as the CLI shows it: exit 2, the message and what to do, no stack trace. */
function expectCleanUserError(r: Pick<Run, 'code' | 'stderr'>, message: RegExp): void {
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).toContain('What to do:');
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

describe('an import killed part-way', () => {
  it('SIGKILL at seven fault points, from the first rows read to the commit: each time the ledger is as it was (an earlier import untouched), stays intact, and the final import equals a clean one', async () => {
    const dir = workspace('tco2e-faults-kill-');
    const earlier = join(dir, 'earlier.csv');
    const file = join(dir, 'readings.csv');
    await writeIntervalFile(join(dir, 'earlier-12.csv'), 4_800, 10);
    withOtherMeters(join(dir, 'earlier-12.csv'), earlier);
    // Where the kills land is told by the import, not the clock, so the file need not be slow to read.
    const readings = await writeIntervalFile(file, 96_000, 100);
    const ledgerPath = join(dir, 'tco2e-ledger.sqlite');
    expect((await startCli(dir, importArgs(earlier)).done).code).toBe(0);

    const clean = workspace('tco2e-faults-clean-');
    expect((await startCli(clean, importArgs(earlier)).done).code).toBe(0);
    expect((await startCli(clean, importArgs(file)).done).code).toBe(0);
    const expected = totals(join(clean, 'tco2e-ledger.sqlite'));
    expect(expected).toMatchObject({ activeBatches: 2, hhDays: (4_800 + readings) / READINGS_PER_DAY });

    const before = rowCounts(ledgerPath);
    const beforeTotals = totals(ledgerPath);
    expect(before).toMatchObject({ batches: 1, hhDays: 4_800 / READINGS_PER_DAY, integrity: 'ok' });
    const points = [...[1, readings / 4, readings / 2, (3 * readings) / 4, readings].map((n) => `rows-read:${n}`), 'in-transaction', 'before-commit'];
    for (const point of points) {
      const killed = await killCliAt(dir, importArgs(file), point, () => writeLockHeld(ledgerPath));
      expect(killed.run.signal, point).toBe('SIGKILL');
      // Halted inside the import's write transaction (the interval import opens it before reading).
      expect(killed.seen, point).toBe(true);
      if (point.startsWith('rows-read:')) expect(killed.count, point).toBeGreaterThanOrEqual(Number(point.slice('rows-read:'.length)));
      // Nothing of the killed batch is left, not even its rows; the earlier batch is as it was.
      expect(rowCounts(ledgerPath), point).toEqual(before);
      expect(totals(ledgerPath), point).toEqual(beforeTotals);
    }

    const again = await startCli(dir, importArgs(file)).done;
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ status: 'stored', rows: { read: readings, rejected: 0 } });
    expect(totals(ledgerPath)).toEqual(expected);
    expect(rowCounts(ledgerPath).integrity).toBe('ok');
  }, 180_000);
});

describe('two imports into one ledger', () => {
  it('at the same moment, of different files: both land (the second waits for the first), nothing is lost', async () => {
    const dir = workspace('tco2e-faults-two-');
    const first = join(dir, 'site-a.csv');
    const second = join(dir, 'site-b.csv');
    const readings = await writeIntervalFile(first, 100_000);
    withOtherMeters(first, second);
    const [a, b] = await Promise.all([startCli(dir, importArgs(first)).done, startCli(dir, importArgs(second)).done]);
    expect(a.stderr).toBe('');
    expect(b.stderr).toBe('');
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(JSON.parse(a.stdout)).toMatchObject({ status: 'stored', rows: { read: readings, rejected: 0 } });
    expect(JSON.parse(b.stdout)).toMatchObject({ status: 'stored', rows: { read: readings, rejected: 0 } });

    const ledger = Ledger.open(join(dir, 'tco2e-ledger.sqlite'));
    const batches = ledger.listBatches();
    expect(batches.map((x) => x.status)).toEqual(['active', 'active']);
    expect(batches.map((x) => x.file_name).sort()).toEqual(['site-a.csv', 'site-b.csv']);
    // 100,800 readings of 48 a day: 2,100 meter-days in each batch.
    for (const x of batches) expect(ledger.batchCounts(x.id).hhDays).toBe(2_100);
    expect(ledger.integrityCheck()).toBe('ok');
    ledger.close();
  });

  it('when the other holds the ledger longer than the busy timeout: a clear error, exit 2, nothing stored, the ledger intact', async () => {
    const dir = workspace('tco2e-faults-busy-');
    const file = join(dir, 'readings.csv');
    await writeIntervalFile(file, 4_800, 10);
    const ledgerPath = join(dir, 'tco2e-ledger.sqlite');
    const before = rowCounts(ledgerPath);

    // Another writer holds the write lock for the whole attempt.
    const holder = new Database(ledgerPath);
    holder.exec('BEGIN IMMEDIATE');
    let r: Run;
    try {
      r = await startCli(dir, importArgs(file).filter((a) => a !== '--json'), { TCO2E_BUSY_TIMEOUT_MS: '300' }).done;
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    expectCleanUserError(r, /in use by another tco2e command.*nothing was stored/);
    expect(rowCounts(ledgerPath)).toEqual(before);
  });
});

describe('reading a ledger another command is writing', () => {
  it('a report or query that cannot read past the busy timeout says so (exit 2, JSON under --json), never a raw SQLite error', async () => {
    const dir = workspace('tco2e-faults-busy-read-');
    const ledgerPath = join(dir, 'tco2e-ledger.sqlite');
    // An import that has spilled its batch to disk holds the exclusive lock: readers wait.
    const holder = new Database(ledgerPath);
    holder.exec('BEGIN EXCLUSIVE');
    let json: Run;
    let text: Run;
    try {
      [json, text] = await Promise.all([
        startCli(dir, ['emissions', '--json'], { TCO2E_BUSY_TIMEOUT_MS: '200' }).done,
        startCli(dir, ['imports', 'list'], { TCO2E_BUSY_TIMEOUT_MS: '200' }).done,
      ]);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { code: 'ledger_busy', hint: expect.stringMatching(/TCO2E_BUSY_TIMEOUT_MS/) as unknown } });
    expectCleanUserError(text, /The ledger .* is in use by another tco2e command/);
    expect(text.stderr).not.toMatch(/SqliteError|SQLITE_BUSY|database is locked/);
    // Once the other has finished, the same commands work.
    expect(runCli(dir, 'imports', 'list').code).toBe(0);
  });
});

describe('ledgers this version must not open', () => {
  let pristine: string;
  beforeAll(() => {
    pristine = workspace('tco2e-faults-pristine-');
  });

  /** A new workspace holding a copy of a freshly made one (cheaper than `init` each time). */
  function copyOfWorkspace(): { dir: string; ledgerPath: string } {
    const dir = mkdtempSync(join(tmpdir(), 'tco2e-faults-refuse-'));
    for (const f of ['tco2e-ledger.sqlite', 'tco2e.config.json']) copyFileSync(join(pristine, f), join(dir, f));
    return { dir, ledgerPath: join(dir, 'tco2e-ledger.sqlite') };
  }

  function refusedUnchanged(dir: string, ledgerPath: string, message: RegExp): void {
    const bytes = readFileSync(ledgerPath);
    const r = runCli(dir, 'imports', 'list');
    expectCleanUserError(r, message);
    expect(readFileSync(ledgerPath).equals(bytes)).toBe(true);
    // Nothing beside it either: no journal, no backup.
    expect(readdirSync(dir).sort()).toEqual(['tco2e-ledger.sqlite', 'tco2e.config.json']);
  }

  it('one written by a newer version (schema 99) is refused and left byte-identical', () => {
    const { dir, ledgerPath } = copyOfWorkspace();
    const db = new Database(ledgerPath);
    db.prepare("UPDATE meta SET value = '99' WHERE key = 'schema_version'").run();
    db.close();
    refusedUnchanged(dir, ledgerPath, /written by a newer version of tco2e \(ledger schema 99/);
  });

  it('a damaged ledger (its header, or its schema page) is refused and left byte-identical', () => {
    const { dir, ledgerPath } = copyOfWorkspace();
    const bytes = readFileSync(ledgerPath);
    // Bytes 16-17 hold the page size, a power of two from 512 to 65536; 3 is none of them.
    bytes.writeUInt16BE(3, 16);
    writeFileSync(ledgerPath, bytes);
    refusedUnchanged(dir, ledgerPath, /is damaged and cannot be read as a tco2e ledger/);

    const { dir: dir2, ledgerPath: ledgerPath2 } = copyOfWorkspace();
    const bytes2 = readFileSync(ledgerPath2);
    // The schema table's page starts after the 100-byte file header: fill it with noise.
    bytes2.fill(0xa5, 100, 4_000);
    writeFileSync(ledgerPath2, bytes2);
    refusedUnchanged(dir2, ledgerPath2, /is damaged and cannot be read as a tco2e ledger/);
  });

  it('a file that is not SQLite at all is refused and left byte-identical', () => {
    const { dir, ledgerPath } = copyOfWorkspace();
    writeFileSync(ledgerPath, 'Site,Meter,kWh\r\nNorth,1200000000000,42\r\n');
    refusedUnchanged(dir, ledgerPath, /is not a tco2e ledger \(it is not an SQLite database\); it was left untouched/);
  });
});

/**
 * Two ways to run out of room: a small tmpfs (where mounting is allowed, e.g. as root) really
 * fills; a file-size limit (`ulimit -f`, always available) makes every write past it fail with
 * EFBIG. Both run where they can.
 */
function canMount(): boolean {
  const probe = mkdtempSync(join(tmpdir(), 'tco2e-faults-probe-'));
  const ok = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe], { stdio: 'ignore' }).status === 0;
  if (ok) spawnSync('umount', [probe], { stdio: 'ignore' });
  rmSync(probe, { recursive: true, force: true });
  return ok;
}

const mounted: string[] = [];
const modes: ('file-size limit' | 'full tmpfs')[] = ['file-size limit', ...(canMount() ? (['full tmpfs'] as const) : [])];

afterAll(() => {
  for (const dir of mounted) spawnSync('umount', [dir], { stdio: 'ignore' });
});

describe.each(modes)('out of room (%s)', (mode) => {
  let dir: string;
  let big: string;
  let small: string;
  let limit: string | undefined;

  beforeAll(async () => {
    const outside = mkdtempSync(join(tmpdir(), 'tco2e-faults-room-'));
    big = join(outside, 'readings.csv');
    small = join(outside, 'earlier.csv');
    await writeIntervalFile(big, 300_000);
    const earlier = join(outside, 'earlier-12.csv');
    await writeIntervalFile(earlier, 4_800, 10);
    withOtherMeters(earlier, small);
    if (mode === 'full tmpfs') {
      dir = join(outside, 'disk');
      mkdirSync(dir);
      // 2 MiB: room for the workspace and a small import, not for 300,000 readings (about 3.5 MB).
      expect(spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', dir]).status).toBe(0);
      mounted.push(dir);
      expect(runCli(dir, 'init', '--org', ORG, '--name', 'North Acute').code).toBe(0);
    } else {
      dir = workspace('tco2e-faults-limit-');
      // 2,048 blocks of 1 KiB: the same 2 MiB, per file.
      limit = "trap '' XFSZ; ulimit -f 2048";
    }
    expect((await startCli(dir, importArgs(small)).done).code).toBe(0);
  });

  it('while importing: a clear error, the earlier import still there, the ledger intact', async () => {
    const ledgerPath = join(dir, 'tco2e-ledger.sqlite');
    const before = rowCounts(ledgerPath);
    expect(before).toMatchObject({ batches: 1, hhDays: 4_800 / READINGS_PER_DAY, integrity: 'ok' });
    const r = await startCli(dir, importArgs(big).filter((a) => a !== '--json'), {}, limit).done;
    expectCleanUserError(r, /could not be written: the disk is full or a file-size limit was reached.*Nothing from this import was stored/);
    expect(rowCounts(ledgerPath)).toEqual(before);
    expect(totals(ledgerPath)).toMatchObject({ activeBatches: 1, hhDays: 100 });
  });

  it('while writing a report: a clear error, the earlier report unchanged, no stray temporary file', async () => {
    const out = join(dir, 'board.html');
    // The earlier report: 2023/24 holds no data, so it is a short page.
    expect((await startCli(dir, ['report', 'board', '--org', ORG, '--period', '2023/24', '--partial', '--out', out]).done).code).toBe(0);
    const earlier = readFileSync(out);
    let filler: string | undefined;
    let prefix: string | undefined;
    if (mode === 'full tmpfs') {
      // Fill what is left of the disk, bar a few KiB: less than the new report needs.
      const s = statfsSync(dir);
      filler = join(dir, 'filler.bin');
      writeFileSync(filler, Buffer.alloc(Math.max(0, s.bavail * s.bsize - 4_096)));
    } else {
      // 8 KiB: the earlier report fits, the 2024/25 one (with its charts) does not.
      expect(earlier.length).toBeLessThan(8_192);
      prefix = "trap '' XFSZ; ulimit -f 8";
    }
    const r = await startCli(dir, ['report', 'board', '--org', ORG, '--period', '2024/25', '--out', out], {}, prefix).done;
    if (filler !== undefined) rmSync(filler);
    expectCleanUserError(r, /The disk is full \(or a file-size limit was reached\): .*board\.html could not be written\. Any earlier copy of it is unchanged\./);
    expect(readFileSync(out).equals(earlier)).toBe(true);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(rowCounts(join(dir, 'tco2e-ledger.sqlite')).integrity).toBe('ok');
  });
});
