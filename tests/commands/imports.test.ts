import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Ledger } from '../../src/store/ledger.js';
import { runCli } from '../helpers.js';
import { activity, newBatch } from '../store/fixtures.js';


describe('init and imports commands', () => {
  it('init creates a workspace; imports list, show and undo work on it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tco2e-cli-'));
    const init = runCli(dir, 'init', '--org', 'north-acute', '--name', 'North Acute Hospitals NHS Trust');
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('tco2e.config.json');
    expect(runCli(dir, 'init', '--org', 'x', '--name', 'X').code).toBe(2);

    expect(runCli(dir, 'imports', 'list').stdout).toContain('No imports yet');
    const ledger = Ledger.open(join(dir, 'tco2e-ledger.sqlite'));
    const id = ledger.writeBatch(newBatch({ org: 'north-acute' }), {
      activities: [activity({ org: 'north-acute' })],
      problems: [{ severity: 'rejected', line: 7, column: 'kwh', value: 'n/a', code: 'invalid', message: 'kwh is not a number' }],
    });
    ledger.close();

    const list = JSON.parse(runCli(dir, 'imports', 'list', '--json').stdout);
    expect(list.imports.map((b: { id: number; status: string }) => [b.id, b.status])).toEqual([[id, 'active']]);
    const show = runCli(dir, 'imports', 'show', String(id));
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/7\s+rejected\s+kwh\s+n\/a\s+kwh is not a number/);
    expect(runCli(dir, 'imports', 'undo', String(id)).code).toBe(0);
    expect(JSON.parse(runCli(dir, 'imports', 'show', String(id), '--json').stdout).import.status).toBe('undone');
    const missing = runCli(dir, 'imports', 'show', '99');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('There is no import 99');
  });

  it('outside a workspace, says how to make one', () => {
    const r = runCli(mkdtempSync(join(tmpdir(), 'tco2e-none-')), 'imports', 'list');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('tco2e init');
  });
});
