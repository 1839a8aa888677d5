/**
 * Paths a person types that cannot be used: an input file that is not there, is a folder or
 * cannot be read, and an output (`--rejects`, `--out`, `--config` for init) that cannot be
 * written. Each is a user error that names the path and says what to do (exit code 2), and each
 * is found before anything is stored or written.
 */

import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/kernel/errors.js';
import { assertInputFile, inputFileFailure } from '../../src/import/file-identity.js';
import { msg } from '../../src/messages.js';
import { outputTargetProblem } from '../../src/render/output-file.js';
import { ROOT, runCli } from '../helpers.js';

const ORG = 'north-acute';
/** For a test that runs the CLI several times: each run is a new node process, slow on a loaded machine. */
const CLI_TESTS_MS = 90_000;

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tco2e-paths-'));
  expect(runCli(dir, 'init', '--org', ORG, '--name', 'North Acute').code).toBe(0);
  copyFileSync(join(ROOT, 'tests/fixtures/energy/bills-win1252.csv'), join(dir, 'bills.csv'));
  mkdirSync(join(dir, 'folder'));
  return dir;
}

/** A user error as the CLI prints it: exit code 2, the message, what to do, no stack. */
function expectUserError(r: { code: number | null; stderr: string }, message: string): void {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr).toContain(`Error: ${message}`);
  expect(r.stderr).toContain('What to do: ');
  expect(r.stderr).not.toMatch(/ENOENT|EISDIR|\n\s+at /);
}

describe('an input file that is not there, or is a folder', () => {
  let dir: string;
  beforeAll(() => {
    dir = workspace();
  });

  it.each(['energy', 'fleet', 'journeys'])('import %s: exit 2, the path and what to do, in text and in JSON', (topic) => {
    const missing = runCli(dir, 'import', topic, 'nope.csv', '--org', ORG);
    expectUserError(missing, msg.inputMissing('file to import', 'nope.csv', resolve(dir, 'nope.csv')));
    expect(missing.stderr).toContain(msg.inputMissingHint);

    const json = runCli(dir, 'import', topic, 'nope.csv', '--org', ORG, '--json');
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toEqual({
      error: { code: 'input_not_found', message: msg.inputMissing('file to import', 'nope.csv', resolve(dir, 'nope.csv')), hint: msg.inputMissingHint, details: { file: 'nope.csv' } },
    });

    expectUserError(runCli(dir, 'import', topic, 'folder', '--org', ORG), msg.inputIsFolder('file to import', 'folder'));
    // A path through a file is no file either.
    expectUserError(runCli(dir, 'import', topic, 'bills.csv/x.csv', '--org', ORG), msg.inputMissing('file to import', 'bills.csv/x.csv', resolve(dir, 'bills.csv/x.csv')));
    expect(runCli(dir, 'imports', 'list').stdout).toContain('No imports yet');
  }, CLI_TESTS_MS);

  it('convert --file, and --factors on every command that takes it', () => {
    expectUserError(runCli(dir, 'convert', '--file', 'nope.csv'), msg.inputMissing('activity file (--file)', 'nope.csv', resolve(dir, 'nope.csv')));
    expectUserError(runCli(dir, 'convert', '--file', 'folder'), msg.inputIsFolder('activity file (--file)', 'folder'));
    const factors = msg.inputMissing('custom factor file (--factors)', 'mine.csv', resolve(dir, 'mine.csv'));
    expectUserError(runCli(dir, 'convert', '--activity', 'electricity.grid', '--quantity', '1', '--unit', 'kWh', '--date', '2024-06-01', '--factors', 'mine.csv'), factors);
    expectUserError(runCli(dir, 'factors', 'list', '--factors', 'mine.csv'), factors);
    expectUserError(runCli(dir, 'factors', 'show', 'natural_gas', '--factors', 'folder'), msg.inputIsFolder('custom factor file (--factors)', 'folder'));
    expectUserError(runCli(dir, 'import', 'energy', 'bills.csv', '--org', ORG, '--factors', 'mine.csv'), factors);
    expect(runCli(dir, 'imports', 'list').stdout).toContain('No imports yet');
  }, CLI_TESTS_MS);
});

describe('what each failure to read an input means (permission cannot be tested as root)', () => {
  const failure = (code: string): Error => Object.assign(new Error(`${code}: failed`), { code });

  it('maps missing, folder and permission to user errors naming the path; anything else stays a bug', () => {
    const path = join('in', 'bills.csv');
    const missing = inputFileFailure(failure('ENOENT'), path, 'file to import') as UserError;
    expect(missing).toBeInstanceOf(UserError);
    expect(missing.code).toBe('input_not_found');
    expect(missing.message).toBe(msg.inputMissing('file to import', path, resolve(path)));
    expect((inputFileFailure(failure('ENOTDIR'), path, 'file to import') as UserError).code).toBe('input_not_found');
    expect((inputFileFailure(failure('EISDIR'), path, 'file to import') as UserError).code).toBe('input_is_folder');
    for (const code of ['EACCES', 'EPERM']) {
      const denied = inputFileFailure(failure(code), path, 'custom factor file (--factors)') as UserError;
      expect(denied.code).toBe('input_not_readable');
      expect(denied.message).toBe(`The custom factor file (--factors), ${path}, cannot be read: permission denied (${code}).`);
      expect(denied.hint).toBe(msg.inputNotReadableHint);
    }
    const bug = failure('EIO');
    expect(inputFileFailure(bug, path, 'file to import')).toBe(bug);
  });

  it('assertInputFile passes a readable file and refuses the rest', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tco2e-input-'));
    writeFileSync(join(dir, 'a.csv'), 'x\n');
    expect(() => { assertInputFile(join(dir, 'a.csv'), 'file to import'); }).not.toThrow();
    expect(() => { assertInputFile(dir, 'file to import'); }).toThrow(msg.inputIsFolder('file to import', dir));
    expect(() => { assertInputFile(join(dir, 'b.csv'), 'file to import'); }).toThrow(/^There is no file to import at /);
  });
});

describe('an output path that cannot be used is refused before anything is stored or written', () => {
  let dir: string;
  let ledgerBytes: Buffer;
  beforeAll(() => {
    dir = workspace();
    ledgerBytes = readFileSync(join(dir, 'tco2e-ledger.sqlite'));
  });

  /** The rejects of bills.csv (it has two bad rows) asked to go to `target`: refused, and nothing imported. */
  function refusedImport(target: string, message: string): void {
    const r = runCli(dir, 'import', 'energy', 'bills.csv', '--org', ORG, '--rejects', target);
    expectUserError(r, `${message} ${msg.nothingImported}`);
    expect(readFileSync(join(dir, 'tco2e-ledger.sqlite')).equals(ledgerBytes)).toBe(true);
  }

  it('--rejects naming a folder, a path under a file, a missing folder, a device', () => {
    refusedImport('folder', msg.outputIsFolder('folder'));
    refusedImport('bills.csv/rejects.csv', msg.outputUnderFile('bills.csv/rejects.csv', join(dir, 'bills.csv')));
    refusedImport('no-such-folder/rejects.csv', msg.outputNoFolder('no-such-folder/rejects.csv', join(dir, 'no-such-folder')));
    refusedImport('/dev/null', msg.outputNotRegular('/dev/null'));
    expect(runCli(dir, 'imports', 'list').stdout).toContain('No imports yet');
    expect(readdirSync(dir).sort()).toEqual(['bills.csv', 'folder', 'tco2e-ledger.sqlite', 'tco2e.config.json']);
  }, CLI_TESTS_MS);

  it('--out of the reports and of export secr, before the report is built', () => {
    const board = ['report', 'board', '--org', ORG, '--period', '2024/25'];
    expectUserError(runCli(dir, ...board, '--out', 'folder'), msg.outputIsFolder(join(dir, 'folder')));
    expectUserError(runCli(dir, ...board, '--out', 'bills.csv/board.html'), msg.outputUnderFile(join(dir, 'bills.csv/board.html'), join(dir, 'bills.csv')));
    expectUserError(runCli(dir, ...board, '--out', 'typo/board.html'), msg.outputNoFolder(join(dir, 'typo/board.html'), join(dir, 'typo')));
    expectUserError(runCli(dir, 'report', 'compare', '--out', 'typo/compare.html'), msg.outputNoFolder(join(dir, 'typo/compare.html'), join(dir, 'typo')));
    expectUserError(runCli(dir, 'export', 'secr', '--org', ORG, '--period', '2024/25', '--out', 'folder'), msg.outputIsFolder('folder'));
    expectUserError(runCli(dir, 'export', 'secr', '--org', ORG, '--period', '2024/25', '--out', 'typo/secr.md'), msg.outputNoFolder('typo/secr.md', join(dir, 'typo')));
    expect(readdirSync(dir).sort()).toEqual(['bills.csv', 'folder', 'tco2e-ledger.sqlite', 'tco2e.config.json']);
    // The default report path's folder is made, as before (the ledger holds nothing: a partial view).
    expect(runCli(dir, ...board, '--partial').code).toBe(0);
    expect(readdirSync(join(dir, 'reports'))).toEqual([`board-${ORG}-2024-25.html`]);
  }, CLI_TESTS_MS);

  it('init: a config or ledger in a folder that is not there leaves nothing behind', () => {
    const empty = mkdtempSync(join(tmpdir(), 'tco2e-paths-init-'));
    expectUserError(runCli(empty, 'init', '--org', ORG, '--name', 'N', '--config', 'typo/tco2e.config.json'), msg.outputNoFolder(join(empty, 'typo/tco2e.config.json'), join(empty, 'typo')));
    expectUserError(runCli(empty, 'init', '--org', ORG, '--name', 'N', '--db', 'typo/ledger.sqlite'), msg.ledgerNoFolder(join(empty, 'typo/ledger.sqlite'), join(empty, 'typo')));
    expect(readdirSync(empty)).toEqual([]);
  }, CLI_TESTS_MS);

  it('the rules, as the library gives them', () => {
    const base = mkdtempSync(join(tmpdir(), 'tco2e-out-'));
    writeFileSync(join(base, 'file.csv'), 'x');
    const keep = [{ path: join(base, 'ledger.sqlite'), what: 'the ledger' }];
    const code = (path: string, makeFolders = false): string | undefined => outputTargetProblem(path, keep, { makeFolders })?.code;
    expect(code(join(base, 'out.csv'))).toBeUndefined();
    expect(code(join(base, 'file.csv'))).toBeUndefined(); // an earlier output is replaced, whole
    expect(code(join(base, 'ledger.sqlite'))).toBe('output_would_overwrite');
    expect(code(base)).toBe('output_is_folder');
    expect(code('/dev/null')).toBe('output_would_overwrite');
    expect(code(join(base, 'file.csv', 'out.csv'))).toBe('output_under_file');
    expect(code(join(base, 'file.csv', 'deeper', 'out.csv'), true)).toBe('output_under_file');
    expect(code(join(base, 'new', 'out.csv'))).toBe('output_no_folder');
    expect(code(join(base, 'new', 'deeper', 'out.csv'), true)).toBeUndefined();
  });
});
