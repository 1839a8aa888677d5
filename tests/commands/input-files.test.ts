/**
 * Every command that reads a file a person names: a file that is not there, a folder given as a
 * file, or a file that cannot be read, is a user error (exit code 2) naming the path and saying
 * what to do, never a raw ENOENT with exit code 1. The config counts too when it is named.
 */

import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { INPUT } from '../../src/cli/input-files.js';
import { inputFileFailure } from '../../src/import/file-identity.js';
import { UserError } from '../../src/kernel/errors.js';
import { msg } from '../../src/messages.js';
import { ROOT, runCli } from '../helpers.js';

const ORG = 'north-acute';
/** Each CLI run is a node process: slow on a loaded machine. */
const CLI_TESTS_MS = 120_000;

/** Each command taking a file, with the file in its place and what the refusal calls it. */
const COMMANDS: readonly { name: string; args: (file: string) => string[]; what: string }[] = [
  { name: 'import energy', args: (f) => ['import', 'energy', f, '--org', ORG], what: 'file to import' },
  { name: 'import fleet', args: (f) => ['import', 'fleet', f, '--org', ORG], what: 'file to import' },
  { name: 'import journeys', args: (f) => ['import', 'journeys', f, '--org', ORG, '--wave', '2024 autumn'], what: 'file to import' },
  { name: 'profiles detect', args: (f) => ['profiles', 'detect', f], what: 'file to examine' },
  { name: 'convert --file', args: (f) => ['convert', '--file', f], what: 'activity file (--file)' },
  { name: 'convert --factors', args: (f) => ['convert', '--activity', 'electricity.grid', '--quantity', '1', '--unit', 'kWh', '--date', '2024-06-01', '--factors', f], what: 'custom factor file (--factors)' },
];

function expectUserError(r: { code: number | null; stderr: string }, message: string, hint: string): void {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr).toContain(`Error: ${message}`);
  expect(r.stderr).toContain(`What to do: ${hint}`);
  expect(r.stderr).not.toMatch(/ENOENT|EISDIR|EACCES|\n\s+at /);
}

describe('a file to read that is missing, a folder or unreadable', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tco2e-inputs-'));
    expect(runCli(dir, 'init', '--org', ORG, '--name', 'North Acute').code).toBe(0);
    copyFileSync(join(ROOT, 'tests/fixtures/energy/bills-win1252.csv'), join(dir, 'bills.csv'));
    mkdirSync(join(dir, 'folder'));
  });

  it.each(COMMANDS)('$name: exit 2, the path and what to do', ({ args, what }) => {
    expectUserError(runCli(dir, ...args('nope.csv')), msg.inputMissing(what, 'nope.csv', resolve(dir, 'nope.csv')), msg.inputMissingHint);
    expectUserError(runCli(dir, ...args('folder')), msg.inputIsFolder(what, 'folder'), msg.inputIsFolderHint);
  }, CLI_TESTS_MS);

  it('profiles detect says so in JSON too, and through a path under a file', () => {
    const json = runCli(dir, 'profiles', 'detect', 'nope.csv', '--json');
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toEqual({
      error: { code: 'input_not_found', message: msg.inputMissing('file to examine', 'nope.csv', resolve(dir, 'nope.csv')), hint: msg.inputMissingHint, details: { file: 'nope.csv' } },
    });
    expectUserError(runCli(dir, 'profiles', 'detect', 'bills.csv/x.csv'), msg.inputMissing('file to examine', 'bills.csv/x.csv', resolve(dir, 'bills.csv/x.csv')), msg.inputMissingHint);
  }, CLI_TESTS_MS);

  it('a config named by --config that is not there is refused, never passed over for the built-in profiles', () => {
    for (const args of [['profiles', 'list'], ['profiles', 'show', 'energy-bill'], ['profiles', 'detect', 'bills.csv']]) {
      const r = runCli(dir, ...args, '--config', 'nope.json', '--json');
      expect(r.code, r.stdout).toBe(2);
      expect((JSON.parse(r.stdout) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'no_workspace', message: `No workspace config at ${resolve(dir, 'nope.json')}.` });
    }
    // Not named: outside a workspace, the built-in profiles.
    const outside = mkdtempSync(join(tmpdir(), 'tco2e-no-ws-'));
    expect(runCli(outside, 'profiles', 'list').code).toBe(0);
  }, CLI_TESTS_MS);

  it('a folder given as the config says it is a folder', () => {
    for (const args of [['emissions', '--org', ORG], ['imports', 'list'], ['import', 'energy', 'bills.csv', '--org', ORG]]) {
      expectUserError(runCli(dir, ...args, '--config', 'folder'), msg.inputIsFolder('workspace config', resolve(dir, 'folder')), msg.configIsFolderHint);
    }
  }, CLI_TESTS_MS);

  // Permission to read cannot be taken from root, which runs these tests on some machines: the
  // refusal is checked on the error opening the file gives, which is what the commands see.
  it('a file that cannot be read (EACCES, EPERM) is a user error naming it; any other failure stays an error', () => {
    for (const code of ['EACCES', 'EPERM']) {
      const e = inputFileFailure(Object.assign(new Error(`${code}: open`), { code }), 'locked.csv', INPUT.import);
      expect(e).toBeInstanceOf(UserError);
      expect((e as UserError).code).toBe('input_not_readable');
      expect((e as UserError).message).toBe(msg.inputNotReadable(INPUT.import, 'locked.csv', code));
    }
    const other = Object.assign(new Error('EIO: i/o error'), { code: 'EIO' });
    expect(inputFileFailure(other, 'x.csv', INPUT.import)).toBe(other);
  });
});
