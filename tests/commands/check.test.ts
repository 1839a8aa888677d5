/**
 * `tco2e check` and `imports list --verify` on sound ledgers: what they say, in text and JSON,
 * and that they change nothing (an older ledger is not upgraded by a check). Damaged ledgers are
 * in tests/hardening/damage.test.ts.
 */

import { copyFileSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { msg } from '../../src/messages.js';
import { SCHEMA_VERSION } from '../../src/store/schema.js';
import { ROOT, runCli } from '../helpers.js';

const CLI_TESTS_MS = 90_000;

describe('tco2e check', () => {
  let dir: string;
  let ledgerPath: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tco2e-check-cmd-'));
    ledgerPath = join(dir, 'tco2e-ledger.sqlite');
    expect(runCli(dir, 'init', '--org', 'north-acute', '--name', 'North Acute').code).toBe(0);
  });

  it('a sound ledger: exit 0, says so, and --json gives the figures', () => {
    const before = readFileSync(ledgerPath);
    const text = runCli(dir, 'check');
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^The ledger .*tco2e-ledger\.sqlite is sound: SQLite's full integrity check found no problems \(schema \d+, \d+ pages of which 0 free\)\.\n$/);
    const json = runCli(dir, 'check', '--json');
    expect(JSON.parse(json.stdout)).toMatchObject({ ledger: ledgerPath, sound: true, problems: [], schemaVersion: SCHEMA_VERSION, freePages: 0, backups: [] });
    expect(readFileSync(ledgerPath).equals(before)).toBe(true);
  }, CLI_TESTS_MS);

  it('imports list --verify: the list after the full check', () => {
    const r = runCli(dir, 'imports', 'list', '--verify', '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ imports: [], verified: true });
    expect(runCli(dir, 'imports', 'list', '--verify').stdout).toContain('No imports yet');
  }, CLI_TESTS_MS);

  it('an older ledger given with --db, outside any workspace: checked, not upgraded', () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'tco2e-check-old-'));
    const old = join(elsewhere, 'copy.sqlite');
    copyFileSync(join(ROOT, 'tests/fixtures/ledgers/schema-1/tco2e-ledger.sqlite'), old);
    const before = readFileSync(old);
    const r = runCli(elsewhere, 'check', '--db', 'copy.sqlite');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(msg.ledgerOlderSchema(1, SCHEMA_VERSION));
    expect(readFileSync(old).equals(before)).toBe(true);
    expect(readdirSync(elsewhere)).toEqual(['copy.sqlite']);
  }, CLI_TESTS_MS);

  it('no ledger where the workspace says: exit 2 and how to make one', () => {
    const r = runCli(dir, 'check', '--db', 'missing.sqlite');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(msg.noLedger(join(dir, 'missing.sqlite')));
  }, CLI_TESTS_MS);

  it('has a description and examples with long flags', () => {
    const help = runCli(dir, 'check', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('integrity check');
    expect(help.stdout).toContain('check --db tco2e-ledger.sqlite.v2-');
  }, CLI_TESTS_MS);
});
