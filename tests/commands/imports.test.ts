import { mkdtempSync, writeFileSync } from 'node:fs';
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

describe('import --replace, imports show and undo, as a person runs them', () => {
  it('replaces one meter of three, shows what it superseded with quantities, and undo brings it back', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tco2e-replace-'));
    expect(runCli(dir, 'init', '--org', 'north-acute', '--name', 'North Acute').code).toBe(0);
    const periods = Array.from({ length: 48 }, (_, i) => `${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 === 0 ? '00' : '30'}`);
    const row = (meter: string, day: number, kwh: number) => `${meter},0${day}/04/2025,${Array.from({ length: 48 }, () => kwh).join(',')}`;
    const meters = ['1200000000001', '1200000000002', '1200000000003'];
    writeFileSync(join(dir, 'april.csv'), [`MPAN,Date,${periods.join(',')}`, ...meters.flatMap((m, i) => [1, 2, 3, 4, 5].map((d) => row(m, d, i + 1)))].join('\n') + '\n');
    writeFileSync(join(dir, 'fix.csv'), [`MPAN,Date,${periods.join(',')}`, ...[1, 2, 3, 4, 5].map((d) => row(meters[0]!, d, 0.5))].join('\n') + '\n');
    expect(runCli(dir, 'import', 'energy', 'april.csv', '--org', 'north-acute').code).toBe(0);
    type Groups = { result: { groups: { quantities: { unit: string; quantity: number }[] }[] } };
    const kwh = (): number => (JSON.parse(runCli(dir, 'emissions', '--org', 'north-acute', '--by', 'source', '--json').stdout) as Groups).result.groups
      .flatMap((g) => g.quantities).filter((q) => q.unit === 'kWh').reduce((s, q) => s + q.quantity, 0);
    const before = kwh();
    const refused = runCli(dir, 'import', 'energy', 'fix.csv', '--org', 'north-acute');
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('--replace');
    const replaced = runCli(dir, 'import', 'energy', 'fix.csv', '--org', 'north-acute', '--replace');
    expect(replaced.code).toBe(0);
    expect(replaced.stdout).toContain('meter 1200000000001, 2025-04-01–2025-04-05, import 1 (april.csv): 5 rows, 240 kWh before, 120 kWh after');
    expect(replaced.stdout).not.toContain('1200000000002');
    const show = JSON.parse(runCli(dir, 'imports', 'show', '1', '--json').stdout);
    expect(show.import.status).toBe('active');
    expect(show.supersededBy).toMatchObject([{ supersededBy: 2, meter: '1200000000001', quantityBefore: 240, quantityAfter: 120 }]);
    expect(before).toBe(240 + 480 + 720);
    expect(kwh()).toBeCloseTo(before - 120, 6);
    expect(runCli(dir, 'imports', 'undo', '2').code).toBe(0);
    expect(kwh()).toBeCloseTo(before, 6);
    expect(runCli(dir, 'imports', 'show', '1').stdout).toContain('Later imports superseded of it:');
  }, 120_000); // ten CLI runs, each a Node start-up
});
