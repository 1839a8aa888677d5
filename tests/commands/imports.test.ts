import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Ledger } from '../../src/store/ledger.js';
import { ROOT } from '../helpers.js';
import { activity, newBatch } from '../store/fixtures.js';

function tco2e(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/run.js'), ...args], { encoding: 'utf8', cwd, env: { ...process.env, TCO2E_DB: '', TCO2E_CONFIG: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('init and imports commands', () => {
  it('init creates a workspace; imports list, show and undo work on it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tco2e-cli-'));
    const init = tco2e(dir, 'init', '--org', 'north-acute', '--name', 'North Acute Hospitals NHS Trust');
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('tco2e.config.json');
    expect(tco2e(dir, 'init', '--org', 'x', '--name', 'X').code).toBe(2);

    expect(tco2e(dir, 'imports', 'list').stdout).toContain('No imports yet');
    const ledger = Ledger.open(join(dir, 'tco2e-ledger.sqlite'));
    const id = ledger.writeBatch(newBatch({ org: 'north-acute' }), {
      activities: [activity({ org: 'north-acute' })],
      problems: [{ severity: 'rejected', line: 7, column: 'kwh', value: 'n/a', code: 'invalid', message: 'kwh is not a number' }],
    });
    ledger.close();

    const list = JSON.parse(tco2e(dir, 'imports', 'list', '--json').stdout);
    expect(list.imports.map((b: { id: number; status: string }) => [b.id, b.status])).toEqual([[id, 'active']]);
    const show = tco2e(dir, 'imports', 'show', String(id));
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/7\s+rejected\s+kwh\s+n\/a\s+kwh is not a number/);
    expect(tco2e(dir, 'imports', 'undo', String(id)).code).toBe(0);
    expect(JSON.parse(tco2e(dir, 'imports', 'show', String(id), '--json').stdout).import.status).toBe('undone');
    const missing = tco2e(dir, 'imports', 'show', '99');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('There is no import 99');
  });

  it('outside a workspace, says how to make one', () => {
    const r = tco2e(mkdtempSync(join(tmpdir(), 'tco2e-none-')), 'imports', 'list');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('tco2e init');
  });
});
