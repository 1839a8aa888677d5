/**
 * Corrections under contention and out of room: `import --replace`, a gap fill and `imports undo`
 * of a replace, run at the same moment as one another, or where the disk fills (a file-size limit,
 * `ulimit -f`, which every machine allows). Each lands whole or not at all: what counts is always
 * the meter-days of exactly one version, a correction refused for room supersedes nothing, and an
 * undo refused for room leaves the replace in place. Runs the built CLI (`npm run build` first).
 */

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { Ledger } from '../../src/store/ledger.js';
import { writeIntervalFile } from '../bench/generate.js';
import { runCli } from '../helpers.js';
import { startCli, type Run } from './spawn-cli.js';

vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

const ORG = 'north-acute';
/** The generator's first ten meters (its MPANs step by 7,919). */
const FIRST_TEN = new Set(Array.from({ length: 10 }, (_, m) => String(1200000000000 + m * 7919)));

let source: string[];
let header: string;

beforeAll(async () => {
  // 300 meters × 1–21 April 2024, half-hourly, UK wall-clock times: the rows every file here is cut from.
  const path = join(mkdtempSync(join(tmpdir(), 'tco2e-contention-src-')), 'all.csv');
  await writeIntervalFile(path, 300_000);
  [header, ...source] = readFileSync(path, 'utf8').trimEnd().split('\r\n') as [string, ...string[]];
});

/** Rows of the source for the meters and April days asked for, kWh multiplied by `scale`. */
function cut(dir: string, name: string, keep: { meters?: ReadonlySet<string>; days: (day: number) => boolean }, scale = 1): string {
  const rows = source.filter((r) => {
    const [mpan, stamp] = r.split(',') as [string, string];
    return (keep.meters === undefined || keep.meters.has(mpan)) && keep.days(Number(stamp.slice(0, 2)));
  }).map((r) => {
    const cells = r.split(',');
    cells[2] = (Number(cells[2]) * scale).toFixed(3);
    return cells.join(',');
  });
  const path = join(dir, name);
  writeFileSync(path, [header, ...rows].join('\r\n') + '\r\n');
  return path;
}

/** kWh of a file, as the ledger would count it. */
function kwhOf(path: string): number {
  return readFileSync(path, 'utf8').trimEnd().split('\r\n').slice(1).reduce((s, r) => s + Number(r.split(',')[2]), 0);
}

function workspace(prefix: string): { dir: string; ledgerPath: string } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  expect(runCli(dir, 'init', '--org', ORG, '--name', 'North Acute').code).toBe(0);
  return { dir, ledgerPath: join(dir, 'tco2e-ledger.sqlite') };
}

const importArgs = (file: string, ...more: string[]): string[] => ['import', 'energy', file, '--org', ORG, '--profile', 'interval', ...more];

/** What counts (meter-days and kWh not superseded, in active imports), and every row held whatever its state. */
function state(ledgerPath: string): { days: number; kwh: number; rows: Record<string, number>; integrity: string } {
  const ledger = Ledger.open(ledgerPath);
  try {
    const n = (sql: string): number => ledger.select<{ n: number }>(sql)[0]!.n;
    const [c] = ledger.select<{ n: number; kwh: number | null }>(`SELECT count(*) AS n, sum(h.kwh_total) AS kwh FROM hh_days h JOIN batches b ON b.id = h.batch_id
      WHERE b.status = 'active' AND h.superseded_by IS NULL`);
    return {
      days: c!.n, kwh: c!.kwh ?? 0,
      rows: {
        batches: n('SELECT count(*) AS n FROM batches'), hhDays: n('SELECT count(*) AS n FROM hh_days'), activities: n('SELECT count(*) AS n FROM activities'),
        supersessions: n('SELECT count(*) AS n FROM supersessions'), superseded: n('SELECT count(*) AS n FROM hh_days WHERE superseded_by IS NOT NULL'),
      },
      integrity: ledger.integrityCheck(),
    };
  } finally {
    ledger.close();
  }
}

/** The import ids, oldest first. */
function importIds(dir: string): { id: number; file_name: string; status: string }[] {
  return (JSON.parse(runCli(dir, 'imports', 'list', '--json').stdout) as { imports: { id: number; file_name: string; status: string }[] }).imports.sort((a, b) => a.id - b.id);
}

function expectLanded(r: Run): void {
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
}

/** A user error for a full disk: exit 2, what happened and what to do, no stack trace. */
function expectOutOfRoom(r: Run): void {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr).toMatch(/the disk is full or a file-size limit was reached/);
  expect(r.stderr).toContain('What to do:');
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

const near = (a: number, b: number): void => {
  expect(a).toBeCloseTo(b, 3);
};

describe('corrections at the same moment', () => {
  it('two replaces of the same meter-days: both land, one after the other, and what counts is the later one whole', async () => {
    const { dir, ledgerPath } = workspace('tco2e-contention-two-');
    const first = cut(dir, 'first.csv', { meters: FIRST_TEN, days: (d) => d <= 10 });
    expectLanded(await startCli(dir, importArgs(first)).done);
    const x = cut(dir, 'x.csv', { meters: FIRST_TEN, days: (d) => d <= 10 }, 2);
    const y = cut(dir, 'y.csv', { meters: FIRST_TEN, days: (d) => d <= 10 }, 3);
    const [a, b] = await Promise.all([startCli(dir, importArgs(x, '--replace')).done, startCli(dir, importArgs(y, '--replace')).done]);
    expectLanded(a);
    expectLanded(b);
    const ids = importIds(dir);
    expect(ids.map((i) => i.file_name)).toEqual(['first.csv', expect.stringMatching(/^[xy]\.csv$/), expect.stringMatching(/^[xy]\.csv$/)]);
    const later = ids[2]!.file_name === 'x.csv' ? x : y;
    const s = state(ledgerPath);
    // 10 meters × 10 days, each day from the file that committed last, none twice.
    expect(s.days).toBe(100);
    near(s.kwh, kwhOf(later));
    expect(s.rows.superseded).toBe(200);
    expect(s.integrity).toBe('ok');
  });

  it('a gap fill and a replace of other days at once: both land, and every day counts once', async () => {
    const { dir, ledgerPath } = workspace('tco2e-contention-gap-');
    const held = cut(dir, 'held.csv', { meters: FIRST_TEN, days: (d) => d <= 5 || d >= 11 });
    expectLanded(await startCli(dir, importArgs(held)).done);
    const gap = cut(dir, 'gap.csv', { meters: FIRST_TEN, days: (d) => d >= 6 && d <= 10 });
    const fix = cut(dir, 'fix.csv', { meters: FIRST_TEN, days: (d) => d <= 3 }, 4);
    const [a, b] = await Promise.all([startCli(dir, importArgs(gap)).done, startCli(dir, importArgs(fix, '--replace')).done]);
    expectLanded(a);
    expectLanded(b);
    const s = state(ledgerPath);
    expect(s.days).toBe(10 * 21);
    const kept = cut(dir, 'kept.csv', { meters: FIRST_TEN, days: (d) => (d > 3 && d <= 5) || d >= 11 });
    near(s.kwh, kwhOf(kept) + kwhOf(gap) + kwhOf(fix));
    expect(s.integrity).toBe('ok');
  });

  it('an undo of a replace while another import lands: both land, and the superseded days count again', async () => {
    const { dir, ledgerPath } = workspace('tco2e-contention-undo-');
    const first = cut(dir, 'first.csv', { meters: FIRST_TEN, days: (d) => d <= 10 });
    expectLanded(await startCli(dir, importArgs(first)).done);
    const fix = cut(dir, 'fix.csv', { meters: FIRST_TEN, days: (d) => d <= 2 }, 5);
    expectLanded(await startCli(dir, importArgs(fix, '--replace')).done);
    const replaceId = importIds(dir).find((i) => i.file_name === 'fix.csv')!.id;
    const others = cut(dir, 'others.csv', { meters: new Set([...new Set(source.map((r) => r.split(',')[0]!))].filter((m) => !FIRST_TEN.has(m)).slice(0, 50)), days: (d) => d <= 10 });
    const [a, b] = await Promise.all([startCli(dir, ['imports', 'undo', String(replaceId)]).done, startCli(dir, importArgs(others)).done]);
    expectLanded(a);
    expectLanded(b);
    const s = state(ledgerPath);
    expect(s.days).toBe(10 * 10 + 50 * 10);
    near(s.kwh, kwhOf(first) + kwhOf(others));
    expect(s.integrity).toBe('ok');
  });
});

describe('corrections out of room (a file-size limit)', () => {
  let dir: string;
  let ledgerPath: string;
  let held: string;

  beforeAll(async () => {
    ({ dir, ledgerPath } = workspace('tco2e-contention-room-'));
    // The first ten meters for 1–10 and 20–21 April: 120 meter-days, a ledger well under 1 MiB.
    held = cut(dir, 'held.csv', { meters: FIRST_TEN, days: (d) => d <= 10 || d >= 20 });
    expectLanded(await startCli(dir, importArgs(held)).done);
  });

  // 1,024 blocks of 1 KiB: room for the ledger as it is, not for thousands more meter-days.
  const LIMIT = "trap '' XFSZ; ulimit -f 1024";

  it('a --replace that runs out of room supersedes nothing: a clear error, the earlier days still count, the ledger intact', async () => {
    const before = state(ledgerPath);
    const all = cut(dir, 'all.csv', { days: () => true });
    expectOutOfRoom(await startCli(dir, importArgs(all, '--replace'), {}, LIMIT).done);
    expect(state(ledgerPath)).toEqual(before);
    near(before.kwh, kwhOf(held));
  });

  it('a gap fill that runs out of room stores nothing', async () => {
    const before = state(ledgerPath);
    const gap = cut(dir, 'gap.csv', { days: (d) => d >= 11 && d <= 19 });
    expectOutOfRoom(await startCli(dir, importArgs(gap), {}, LIMIT).done);
    expect(state(ledgerPath)).toEqual(before);
  });

  it('an undo of a replace that runs out of room keeps the replace; with room, it restores what was superseded', async () => {
    const fix = cut(dir, 'fix.csv', { meters: FIRST_TEN, days: (d) => d <= 2 }, 5);
    expectLanded(await startCli(dir, importArgs(fix, '--replace')).done);
    const replaced = state(ledgerPath);
    const id = importIds(dir).find((i) => i.file_name === 'fix.csv' && i.status === 'active')!.id;
    // 8 KiB: not even the undo's journal fits.
    expectOutOfRoom(await startCli(dir, ['imports', 'undo', String(id)], {}, "trap '' XFSZ; ulimit -f 8").done);
    expect(state(ledgerPath)).toEqual(replaced);
    expectLanded(await startCli(dir, ['imports', 'undo', String(id)]).done);
    const after = state(ledgerPath);
    expect(after.days).toBe(120);
    near(after.kwh, kwhOf(held));
  });
});
