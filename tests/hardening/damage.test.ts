/**
 * A ledger damaged on disk: 4 KB of random bytes over pages in the middle of the file (a page of
 * the half-hourly table, as a bad sector or a half-copied file leaves it). Damage is found before
 * anything is written: an import and an undo refuse (exit 2, naming the damage and what to do) and
 * leave the file byte for byte as it was; `tco2e check` and `imports list --verify` find it; a
 * read either works (the damage is not in what it reads) or refuses the same way, never as a bug.
 */

import { closeSync, copyFileSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeIntervalFile } from '../bench/generate.js';
import { runCli } from '../helpers.js';

const ORG = 'north-acute';
const LEDGER = 'tco2e-ledger.sqlite';
const CLI_TESTS_MS = 180_000;

/** 4 KB of bytes that look random, the same on every run (xorshift32). */
function noise(seed: number): Buffer {
  const out = Buffer.alloc(4_096);
  let x = seed;
  for (let i = 0; i < out.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/** The pages of the half-hourly table's rows (leaf pages), from SQLite's own map of the file. */
function hhLeafPages(ledgerPath: string): { pages: number[]; pageSize: number } {
  const db = new Database(ledgerPath, { readonly: true });
  try {
    const pages = db.prepare("SELECT pageno FROM dbstat WHERE name = 'hh_days' AND pagetype = 'leaf' ORDER BY pageno").pluck().all() as number[];
    return { pages, pageSize: db.pragma('page_size', { simple: true }) as number };
  } finally {
    db.close();
  }
}

function overwrite(path: string, offset: number, bytes: Buffer): void {
  const fd = openSync(path, 'r+');
  try {
    writeSync(fd, bytes, 0, bytes.length, offset);
  } finally {
    closeSync(fd);
  }
}

type Result = ReturnType<typeof runCli>;

/** Refused as damaged: exit 2, the message and what to do, nothing printed as a bug. */
function expectDamaged(r: Result, what: string): void {
  expect(r.code, `${what}: ${r.stderr}`).toBe(2);
  expect(r.stderr, what).toMatch(/is damaged/);
  expect(r.stderr, what).toContain('What to do: Restore the ledger from');
  expect(r.stderr, what).not.toMatch(/This is a bug|\n\s+at /);
}

describe('a ledger with 4 KB of random bytes over its pages', () => {
  let pristine: string;
  let second: string;

  beforeAll(async () => {
    pristine = mkdtempSync(join(tmpdir(), 'tco2e-damage-'));
    expect(runCli(pristine, 'init', '--org', ORG, '--name', 'North Acute').code).toBe(0);
    const readings = join(pristine, 'readings.csv');
    await writeIntervalFile(readings, 96_000, 100);
    expect(runCli(pristine, 'import', 'energy', 'readings.csv', '--org', ORG, '--profile', 'interval').code).toBe(0);
    // Another file to import: other meters, so it would be stored, were the ledger sound.
    second = join(pristine, 'more.csv');
    writeFileSync(second, readFileSync(readings, 'utf8').replace(/^12/gm, '19'));
    expect(runCli(pristine, 'check').code).toBe(0);
  }, CLI_TESTS_MS);

  const made: string[] = [];
  afterAll(() => {
    for (const d of [pristine, ...made]) rmSync(d, { recursive: true, force: true });
  });

  /** A copy of the workspace whose ledger has `bytes` written at `offset`. */
  function damagedCopy(offset: (ledgerPath: string) => number, seed: number): { dir: string; ledgerPath: string; bytes: Buffer } {
    const dir = mkdtempSync(join(tmpdir(), 'tco2e-damaged-'));
    made.push(dir);
    for (const f of [LEDGER, 'tco2e.config.json']) copyFileSync(join(pristine, f), join(dir, f));
    const ledgerPath = join(dir, LEDGER);
    overwrite(ledgerPath, offset(ledgerPath), noise(seed));
    return { dir, ledgerPath, bytes: readFileSync(ledgerPath) };
  }

  function everyCommand(dir: string, ledgerPath: string, bytes: Buffer): void {
    const unchanged = (what: string): void => {
      expect(readFileSync(ledgerPath).equals(bytes), `${what} changed the ledger`).toBe(true);
    };
    // Writes: refused before anything is written.
    expectDamaged(runCli(dir, 'import', 'energy', second, '--org', ORG, '--profile', 'interval'), 'import');
    unchanged('import');
    expectDamaged(runCli(dir, 'import', 'energy', second, '--org', ORG, '--profile', 'interval', '--dry-run'), 'import --dry-run');
    unchanged('import --dry-run');
    expectDamaged(runCli(dir, 'imports', 'undo', '1', '--reason', 'test'), 'imports undo');
    unchanged('imports undo');
    // The full check, by itself and before a list.
    const check = runCli(dir, 'check', '--json');
    expect(check.code).toBe(2);
    const error = (JSON.parse(check.stdout) as { error: { code: string; details: { problems: string[] } } }).error;
    expect(error.code).toBe('ledger_damaged');
    expect(error.details.problems.length).toBeGreaterThan(0);
    expectDamaged(runCli(dir, 'check'), 'check');
    expectDamaged(runCli(dir, 'imports', 'list', '--verify'), 'imports list --verify');
    unchanged('check');
    // Reads: they work where the damage is not in what they read, or refuse as damage; never a bug.
    for (const read of [['imports', 'list'], ['emissions'], ['report', 'board', '--org', ORG, '--period', '2024/25', '--out', 'board.html'], ['export', 'lines', '--out', 'lines.csv']]) {
      const r = runCli(dir, ...read);
      if (r.code !== 0) expectDamaged(r, read.join(' '));
      unchanged(read.join(' '));
    }
  }

  it('over a page of the half-hourly table in the middle of the file', () => {
    const { dir, ledgerPath, bytes } = damagedCopy((path) => {
      const { pages, pageSize } = hhLeafPages(path);
      expect(pages.length).toBeGreaterThan(100);
      return (pages[Math.floor(pages.length / 2)]! - 1) * pageSize;
    }, 0x2545f491);
    everyCommand(dir, ledgerPath, bytes);
  }, CLI_TESTS_MS);

  it('over whatever is in the middle of the file, not on a page boundary', () => {
    const { dir, ledgerPath, bytes } = damagedCopy((path) => Math.floor(readFileSync(path).length / 2) + 1_000, 0x1b873593);
    everyCommand(dir, ledgerPath, bytes);
  }, CLI_TESTS_MS);
});
