/**
 * The CLI on a ledger on a PostgreSQL server, end to end: `init --db URL` creates it and writes
 * the URL (never its password) into the config; imports, queries and checks then find it there;
 * whatever is said, on success or failure, never shows the password in the URL.
 */

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers.js';
import { freshDatabase } from '../pg/server.js';

const PASSWORD = 'pw-secret-9';

function withPassword(url: string): string {
  const u = new URL(url);
  u.password = PASSWORD;
  return u.toString();
}

function run(dir: string, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = runCli(dir, ...args);
  expect(r.stdout + r.stderr, args.join(' ')).not.toContain(PASSWORD);
  return r;
}

describe('the CLI on a server ledger', () => {
  let url: string;
  let dir: string;

  beforeAll(async () => {
    url = await freshDatabase('cli_server');
    dir = mkdtempSync(join(tmpdir(), 'tco2e-cli-server-'));
  });

  it('init --db URL creates the ledger there and keeps the URL in the config without its password', () => {
    const r = run(dir, 'init', '--db', withPassword(url), '--org', 'north-acute', '--name', 'North Acute');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`Created the ledger postgres://tco2e:***@`);
    const config = JSON.parse(readFileSync(join(dir, 'tco2e.config.json'), 'utf8')) as { ledger: string };
    expect(config.ledger).toBe(url);
    const check = run(dir, 'check');
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).toContain(`The ledger at ${url} is whole: every table of schema`);
    const json = JSON.parse(run(dir, 'check', '--json').stdout) as { engine: string; sound: boolean; problems: string[] };
    expect(json).toMatchObject({ engine: 'postgres', sound: true, problems: [] });
  });

  it('imports a bill file, lists it and sums it, from the config alone', () => {
    const bills = join(dir, 'bills.csv');
    writeFileSync(bills, 'Site,MPAN,Fuel,Period Start,Period End,Consumption,Unit\nMain,1200001234567,Electricity,01/04/2024,30/04/2024,1000,kWh\nMain,1200001234567,Electricity,01/05/2024,31/05/2024,1100,kWh\n');
    const imported = run(dir, 'import', 'energy', bills, '--org', 'north-acute', '--profile', 'energy-bill', '--json');
    expect(imported.code, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ status: 'stored', rows: { read: 2, accepted: 2 } });
    const again = run(dir, 'import', 'energy', bills, '--org', 'north-acute', '--profile', 'energy-bill', '--json');
    expect(JSON.parse(again.stdout)).toMatchObject({ status: 'already-imported' });
    const list = run(dir, 'imports', 'list', '--json');
    expect((JSON.parse(list.stdout) as { imports: { file_name: string; status: string }[] }).imports).toMatchObject([{ file_name: 'bills.csv', status: 'active' }]);
    const emissions = run(dir, 'emissions', '--org', 'north-acute', '--json');
    expect(emissions.code, emissions.stderr).toBe(0);
    // 2,100 kWh at the 2024 grid factor, 0.20705 kg a kWh.
    const groups = (JSON.parse(emissions.stdout) as { result: { groups: { key: { period: string }; kgCo2e: number }[] } }).result.groups;
    expect(groups).toHaveLength(1);
    expect(groups[0]!.key.period).toBe('2024/25');
    expect(groups[0]!.kgCo2e).toBeCloseTo(2100 * 0.20705, 9);
  });

  it('a wrong database or an unreachable server is refused with what to do, and the password is not shown', () => {
    const missing = new URL(withPassword(url));
    missing.pathname = '/no_such_database';
    const r = run(dir, 'imports', 'list', '--db', missing.toString());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no such database at postgres:\/\/tco2e:\*\*\*@/);
    const down = new URL(withPassword(url));
    down.port = '1';
    const d = run(dir, 'emissions', '--org', 'north-acute', '--db', down.toString());
    expect(d.code).toBe(2);
    expect(d.stderr).toMatch(/connection to the ledger at postgres:\/\/tco2e:\*\*\*@127\.0\.0\.1:1\/.* failed/);
    expect(d.stderr).toContain('What to do:');
  });
});
