/**
 * The space a refused import used is given back when it stops. A write the disk refuses (full,
 * or a file-size limit) can leave SQLite unable to finish its rollback at once: the ledger kept
 * the pages the batch had added and its journal stayed beside it, holding the space until the
 * next command opened the ledger. Now the import plays the journal back before it exits: the
 * ledger is the size it was, with no journal and no more free pages than before.
 *
 * The limit is a file-size limit (`ulimit -f`, available everywhere, even without root), set by
 * the shell that starts node, with SIGXFSZ ignored so that the write fails with EFBIG instead of
 * killing the process.
 */

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeIntervalFile } from '../bench/generate.js';
import { ROOT, runCli } from '../helpers.js';

const ORG = 'north-acute';
const CLI_TESTS_MS = 180_000;

interface Space { bytes: number; journal: boolean; freePages: number; pages: number; integrity: string }

/** The ledger's size and journal as the import left them (looked at before SQLite opens it, which would play a journal back), then its pages. */
function space(ledgerPath: string): Space {
  const bytes = statSync(ledgerPath).size;
  const journal = existsSync(`${ledgerPath}-journal`);
  const db = new Database(ledgerPath);
  try {
    return {
      bytes, journal,
      freePages: db.pragma('freelist_count', { simple: true }) as number,
      pages: db.pragma('page_count', { simple: true }) as number,
      integrity: db.pragma('integrity_check', { simple: true }) as string,
    };
  } finally {
    db.close();
  }
}

/** The CLI under a file-size limit of `kib` KiB. */
function runLimited(cwd: string, kib: number, ...args: string[]): { code: number | null; stderr: string } {
  const r = spawnSync('bash', ['-c', `trap '' XFSZ; ulimit -f ${kib}; exec "$0" "$@"`, process.execPath, join(ROOT, 'bin/run.js'), ...args], {
    cwd, encoding: 'utf8', env: { ...process.env, TCO2E_DB: '', TCO2E_CONFIG: '' },
  });
  return { code: r.status, stderr: r.stderr };
}

describe('a refused large import gives its space back', () => {
  let dir: string;
  let ledgerPath: string;
  let before: Space;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tco2e-space-'));
    ledgerPath = join(dir, 'tco2e-ledger.sqlite');
    expect(runCli(dir, 'init', '--org', ORG, '--name', 'North Acute').code).toBe(0);
    // An earlier import on other meters (MPANs 19…), so the ledger has pages the big one changes.
    await writeIntervalFile(join(dir, 'earlier-12.csv'), 4_800, 10);
    writeFileSync(join(dir, 'earlier.csv'), readFileSync(join(dir, 'earlier-12.csv'), 'utf8').replace(/^12/gm, '19'));
    expect(runCli(dir, 'import', 'energy', 'earlier.csv', '--org', ORG, '--profile', 'interval').code).toBe(0);
    // About 23 MB in the ledger: more than SQLite's page cache holds (16 MB as better-sqlite3
    // builds it), so pages spill into the file while the batch is written, and the 2 MiB limit
    // below stops a spill. That is the case that left the journal: a batch that fits in the cache
    // fails at its commit, which SQLite rolls back at once.
    await writeIntervalFile(join(dir, 'big.csv'), 2_000_000);
    before = space(ledgerPath);
    expect(before).toMatchObject({ journal: false, freePages: 0, integrity: 'ok' });
  }, CLI_TESTS_MS);

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true }); // about 100 MB: the file and the ledger
  });

  it('stopped by a full disk (a file-size limit): no journal left, the ledger the size it was, no free pages', () => {
    const r = runLimited(dir, 2_048, 'import', 'energy', 'big.csv', '--org', ORG, '--profile', 'interval');
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/the disk is full or a file-size limit was reached .*Nothing from this import was stored/);
    expect(space(ledgerPath)).toEqual(before);
  }, CLI_TESTS_MS);

  it('refused for what it holds (it overlaps a stored import): the same', () => {
    expect(runCli(dir, 'import', 'energy', 'big.csv', '--org', ORG, '--profile', 'interval').code).toBe(0);
    const stored = space(ledgerPath);
    expect(stored.bytes).toBeGreaterThan(before.bytes + 16_000_000);
    // The same readings in a file of other bytes: read, stored in the open transaction, then refused as an overlap.
    writeFileSync(join(dir, 'again.csv'), `${readFileSync(join(dir, 'big.csv'), 'utf8')}\r\n`);
    const r = runCli(dir, 'import', 'energy', 'again.csv', '--org', ORG, '--profile', 'interval');
    expect(r.code, r.stderr).toBe(1);
    expect(space(ledgerPath)).toEqual(stored);
  }, CLI_TESTS_MS);
});
