import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers.js';


function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tco2e-cli-import-'));
  expect(runCli(dir, 'init', '--org', 'north-acute', '--name', 'North Acute').code).toBe(0);
  copyFileSync(join(ROOT, 'tests/fixtures/energy/bills-win1252.csv'), join(dir, 'bills.csv'));
  return dir;
}

describe('tco2e import energy', () => {
  it('prints the summary a person needs, writes the rejects, and a second run changes nothing', () => {
    const dir = workspace();
    const r = runCli(dir, 'import', 'energy', 'bills.csv', '--org', 'north-acute', '--rejects', 'rejects.csv');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Stored as import 1: bills.csv (profile energy-bill)');
    expect(r.stdout).toContain('Rows: 5 read, 3 accepted, 0 excluded, 2 rejected');
    expect(r.stdout).toContain('Period: 2024-03-15 to 2024-04-30');
    expect(r.stdout).toMatch(/Emissions: [\d,.]+ t CO2e/);
    expect(r.stdout).toContain('invalid_date');
    const rejects = readFileSync(join(dir, 'rejects.csv'), 'utf8');
    expect(rejects.split('\r\n')[1]).toMatch(/^8,/);
    const again = runCli(dir, 'import', 'energy', 'bills.csv', '--org', 'north-acute');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Already imported: this file is import 1; nothing changed.');
  });

  it('--json gives the summary as data; an overlap exits 1 and says how to replace', () => {
    const dir = workspace();
    const out = JSON.parse(runCli(dir, 'import', 'energy', 'bills.csv', '--org', 'north-acute', '--json').stdout);
    expect(out).toMatchObject({ status: 'stored', batchId: 1, rows: { read: 5, accepted: 3, rejected: 2 } });
    // Same rows, different bytes: append a blank line so the hash differs.
    const text = readFileSync(join(dir, 'bills.csv'));
    writeFileSync(join(dir, 'bills-copy.csv'), Buffer.concat([text, Buffer.from('\r\n')]));
    const overlap = runCli(dir, 'import', 'energy', 'bills-copy.csv', '--org', 'north-acute');
    expect(overlap.code).toBe(1);
    expect(overlap.stdout).toContain('Refused: it overlaps data already stored');
    expect(overlap.stdout).toContain('--replace');
  });

  it('a file of which not one row can be used is refused and stores nothing, so it can be imported again with the right profile', () => {
    const dir = workspace();
    // No fuel column: the built-in bill profile rejects every row (missing_fuel).
    writeFileSync(join(dir, 'electric.csv'), 'Site,MPAN,Start Date,End Date,kWh\r\nMain,1200000000001,01/04/2024,30/04/2024,1000\r\nMain,1200000000001,01/05/2024,31/05/2024,1200\r\n');
    const first = runCli(dir, 'import', 'energy', 'electric.csv', '--org', 'north-acute', '--rejects', 'rejects.csv');
    expect(first.code).toBe(1);
    expect(first.stdout).toContain('Refused: not one row could be used');
    expect(first.stdout).toContain('Rows: 2 read, 0 accepted, 0 excluded, 2 rejected');
    expect(first.stdout).toContain('missing_fuel');
    expect(first.stdout).toContain('No other energy profile fits its header: fix the file, or describe its layout as a profile in the workspace config');
    expect(readFileSync(join(dir, 'rejects.csv'), 'utf8').split('\r\n').filter((l) => l !== '')).toHaveLength(3);
    expect(runCli(dir, 'imports', 'list').stdout).toContain('No imports yet');
    // The same bytes with a profile that says the fuel: stored, not taken for a repeat.
    const config = JSON.parse(readFileSync(join(dir, 'tco2e.config.json'), 'utf8')) as { profiles: unknown[] };
    config.profiles.push({ id: 'electric-bills', description: 'Electricity bills with no fuel column', kind: 'energy', shape: 'bill', columns: { site: 'Site', meter: 'MPAN', periodStart: 'Start Date', periodEnd: 'End Date', quantity: 'kWh' }, fuel: 'electricity', unit: 'kWh', dateFormat: 'dd/MM/yyyy' });
    writeFileSync(join(dir, 'tco2e.config.json'), JSON.stringify(config));
    const second = runCli(dir, 'import', 'energy', 'electric.csv', '--org', 'north-acute', '--profile', 'electric-bills');
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('Stored as import 1: electric.csv (profile electric-bills)');
    expect(second.stdout).toContain('Rows: 2 read, 2 accepted, 0 excluded, 0 rejected');
    // Tried once more: a repeat, and the way to import it differently is named.
    expect(runCli(dir, 'import', 'energy', 'electric.csv', '--org', 'north-acute').stdout).toContain('Already imported: this file is import 1; nothing changed. To import it again another way (another --profile or --policy), undo it first: `tco2e imports undo 1`.');
  });

  it('a file refused as unusable under the profile named says which profile its header fits', () => {
    const dir = workspace();
    const periods = Array.from({ length: 48 }, (_, i) => `kWh_${i + 1}`);
    writeFileSync(join(dir, 'hh.csv'), `MPAN,Date,${periods.join(',')}\r\n1200001234567,01/06/2024,${periods.map(() => '0.5').join(',')}\r\n`);
    const r = runCli(dir, 'import', 'energy', 'hh.csv', '--org', 'north-acute', '--profile', 'energy-bill');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Its header fits the profile half-hourly-numbered: try --profile half-hourly-numbered.');
    const again = runCli(dir, 'import', 'energy', 'hh.csv', '--org', 'north-acute', '--profile', 'half-hourly-numbered');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Rows: 1 read, 1 accepted, 0 excluded, 0 rejected');
  });

  it('refuses to write the rejects over the input, the ledger or the config, before importing anything', () => {
    const dir = workspace();
    const before = readFileSync(join(dir, 'bills.csv'));
    const ledgerBefore = readFileSync(join(dir, 'tco2e-ledger.sqlite'));
    const r = runCli(dir, 'import', 'energy', 'bills.csv', '--org', 'north-acute', '--rejects', 'bills.csv');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Refusing to write the rejected rows to bills.csv: it is the file being imported, which tco2e never overwrites. Nothing was imported.');
    expect(readFileSync(join(dir, 'bills.csv')).equals(before)).toBe(true);
    for (const [target, what] of [['tco2e-ledger.sqlite', 'the ledger'], ['./tco2e.config.json', 'the workspace config']] as const) {
      const again = runCli(dir, 'import', 'energy', 'bills.csv', '--org', 'north-acute', '--rejects', target);
      expect(again.code).toBe(2);
      expect(again.stderr).toContain(`it is ${what}, which tco2e never overwrites`);
    }
    // Refused before the import: the ledger holds no batch, byte for byte as it was.
    expect(readFileSync(join(dir, 'tco2e-ledger.sqlite')).equals(ledgerBefore)).toBe(true);
    expect(runCli(dir, 'imports', 'list').stdout).toContain('No imports yet');
  });

  it('an unknown organisation names the ones in the config', () => {
    const dir = workspace();
    const r = runCli(dir, 'import', 'energy', 'bills.csv', '--org', 'south');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('The organisations are: north-acute');
  });
});

describe('a user profile from the workspace config', () => {
  it('reads a semicolon file with decimal commas and dotted dates, as the config describes it', () => {
    const dir = workspace();
    const configPath = join(dir, 'tco2e.config.json');
    const config = JSON.parse(readFileSync(configPath, 'utf8')) as { profiles: unknown[] };
    config.profiles.push({
      id: 'supplier-eu',
      description: 'A supplier portal export: semicolons, decimal commas, dd.MM.yyyy dates',
      kind: 'energy',
      shape: 'bill',
      delimiter: ';',
      decimal: ',',
      dateFormat: 'dd.MM.yyyy',
      fuel: 'electricity',
      unit: 'kWh',
      columns: { meter: 'Metering point', periodStart: 'Valid from', periodEnd: 'Valid to', quantity: 'Energy (kWh)' },
    });
    writeFileSync(configPath, JSON.stringify(config, null, 2));
    writeFileSync(join(dir, 'portal.csv'), 'Metering point;Valid from;Valid to;Energy (kWh)\r\n1200001234567;01.04.2024;30.04.2024;1.234,5\r\n');
    const r = runCli(dir, 'import', 'energy', 'portal.csv', '--org', 'north-acute', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ status: 'stored', profile: 'supplier-eu', rows: { read: 1, accepted: 1 } });
    expect(out.totals.quantities).toEqual([{ source: 'electricity', unit: 'kWh', direction: 'import', quantity: 1234.5 }]);
  });

  it('a mistake in a user profile names the config file, the entry and what is allowed', () => {
    const dir = workspace();
    const configPath = join(dir, 'tco2e.config.json');
    const config = JSON.parse(readFileSync(configPath, 'utf8')) as { profiles: unknown[] };
    config.profiles.push({ id: 'Bad Id', description: 'x', kind: 'energy', shape: 'bill', decimal: ';', columns: {} });
    writeFileSync(configPath, JSON.stringify(config, null, 2));
    // Found when the config is read, by any command, not only by the import that uses the profile.
    for (const args of [['import', 'energy', 'bills.csv', '--org', 'north-acute'], ['emissions']]) {
      const r = runCli(dir, ...args);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('tco2e.config.json: profiles.0.id: must be lower-case letters, digits and dashes');
      expect(r.stderr).toMatch(/profiles\.0\.decimal: .*"\."/);
      expect(r.stderr).toMatch(/profiles\.0\.columns\.quantity:/);
    }
  });
});
