/**
 * `--db` naming a file that is not a ledger: an empty file (SQLite would make it a new
 * database), an empty CSV, an SQLite database with nothing in it, a folder. No command makes a
 * ledger of it, read or write: each is refused with exit code 2 and the file is left byte for byte
 * as it was. Only `tco2e init` creates a ledger, and only where there is no file.
 */

import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { msg } from '../../src/messages.js';
import { Ledger } from '../../src/store/ledger.js';
import { ROOT, runCli, userError } from '../helpers.js';

const ORG = 'north-acute';
const CLI_TESTS_MS = 120_000;

/** Every command that opens the ledger, reading or writing, with `--db` to add. */
const COMMANDS: readonly (readonly string[])[] = [
  ['imports', 'list'],
  ['emissions'],
  ['report', 'board', '--org', ORG, '--period', '2024/25'],
  ['export', 'lines'],
  ['import', 'energy', 'bills.csv', '--org', ORG],
];

describe('--db naming a file that is not a ledger', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tco2e-dbfiles-'));
    expect(runCli(dir, 'init', '--org', ORG, '--name', 'North Acute').code).toBe(0);
    copyFileSync(join(ROOT, 'tests/fixtures/energy/bills-win1252.csv'), join(dir, 'bills.csv'));
  });

  it.each([
    ['an empty file', 'empty.sqlite', msg.ledgerEmptyFile],
    ['an empty CSV', 'empty.csv', msg.ledgerEmptyFile],
  ])('%s: every command refuses it, exit 2, and it stays empty', (_what, name, message) => {
    const path = join(dir, name);
    writeFileSync(path, '');
    for (const command of COMMANDS) {
      const r = runCli(dir, ...command, '--db', name);
      expect(r.code, `${command.join(' ')}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toContain(`Error: ${message(path)}`);
      expect(r.stderr).toContain(`What to do: ${msg.ledgerEmptyFileHint}`);
      expect(readFileSync(path).length, command.join(' ')).toBe(0);
    }
    // Nothing beside it either: no journal, no report.
    expect(readdirSync(dir).filter((f) => f.startsWith(name))).toEqual([name]);
    expect(readdirSync(dir)).not.toContain('reports');
  }, CLI_TESTS_MS);

  it('an SQLite database with nothing in it, and a folder, are refused too; --json says which', () => {
    const blank = join(dir, 'blank.sqlite');
    const db = new Database(blank);
    db.pragma('user_version = 7'); // writes the header: a database, with no table
    db.close();
    const before = readFileSync(blank);
    const r = runCli(dir, 'imports', 'list', '--db', 'blank.sqlite', '--json');
    expect(r.code).toBe(2);
    expect((JSON.parse(r.stdout) as { error: unknown }).error).toMatchObject({ code: 'not_a_ledger', message: msg.ledgerEmptyDatabase(blank) });
    expect(runCli(dir, 'import', 'energy', 'bills.csv', '--org', ORG, '--db', 'blank.sqlite').code).toBe(2);
    expect(readFileSync(blank).equals(before)).toBe(true);

    mkdirSync(join(dir, 'folder'));
    const folder = runCli(dir, 'emissions', '--db', 'folder');
    expect(folder.code).toBe(2);
    expect(folder.stderr).toContain(msg.ledgerIsFolder(join(dir, 'folder')));
    expect(readdirSync(join(dir, 'folder'))).toEqual([]);
  }, CLI_TESTS_MS);
});

describe('Ledger.open', () => {
  const fresh = (): string => mkdtempSync(join(tmpdir(), 'tco2e-open-'));

  it('creates only where there is no file: never in an empty one, which is left as it was', () => {
    const d = fresh();
    const empty = join(d, 'empty.sqlite');
    writeFileSync(empty, '');
    for (const options of [{}, { create: true }, { forWrite: true }]) {
      const e = userError(() => Ledger.open(empty, options));
      expect(e.code).toBe('not_a_ledger');
      expect(e.message).toBe(msg.ledgerEmptyFile(empty));
    }
    expect(readFileSync(empty).length).toBe(0);
    expect(readdirSync(d)).toEqual(['empty.sqlite']);
  });

  it('creating in a folder that is not there names the folder; a ledger made reopens as one', () => {
    const d = fresh();
    const path = join(d, 'missing-folder', 'l.sqlite');
    const e = userError(() => Ledger.open(path, { create: true }));
    expect(e.code).toBe('no_folder');
    expect(e.message).toBe(msg.ledgerNoFolder(path, join(d, 'missing-folder')));
    const made = join(d, 'l.sqlite');
    Ledger.open(made, { create: true }).close();
    const again = Ledger.open(made, { forWrite: true });
    expect(again.integrityProblems()).toEqual([]);
    again.close();
    expect(readdirSync(d)).toEqual(['l.sqlite']);
  });
});
