import { spawnSync } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { msg } from '../../src/messages.js';
import { ROOT } from '../helpers.js';

// Runs the built CLI exactly as a user would (`npm test` builds first).
function tco2e(...args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/run.js'), ...args], { encoding: 'utf8', cwd: ROOT });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('tco2e CLI', () => {
  it('factors show electricity.grid prints 2013–2025 as published', () => {
    const r = tco2e('factors', 'show', 'electricity.grid', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    const values = Object.fromEntries(out.years.map((y: any) => [y.year, y.variants[0].kgCo2e]));
    expect(values).toMatchObject({ 2019: 0.2556, 2020: 0.23314, 2021: 0.21233, 2022: 0.19338, 2023: 0.20707, 2024: 0.20705, 2025: 0.177 });
    expect(out.years).toHaveLength(13);
    expect(out.years.every((y: any) => y.published)).toBe(true);
    expect(out.years[0]).toMatchObject({ year: 2013, publisher: 'DEFRA', edition: 'standard set' });
  });

  it('factors show as a table marks years an edition does not publish', () => {
    const r = tco2e('factors', 'show', 'rail.national');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('not published in that year\'s edition: 2013, 2014, 2015');
  });

  it('factors list filters by year and search', () => {
    const r = tco2e('factors', 'list', '--year', '2019', '--search', 'natural gas', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.year).toBe(2019);
    expect(out.factors.map((f: any) => f.key)).toContain('natural_gas');
    expect(out.factors.every((f: any) => /natural/i.test(f.key + f.description))).toBe(true);
  });

  it('convert prints one calculation with its full trace', () => {
    const r = tco2e('convert', '--activity', 'electricity.grid', '--quantity', '1000', '--unit', 'kWh', '--date', '2023-06-01');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('207.07 kg CO2e');
    expect(r.stdout).toContain('DESNZ');
    expect(r.stdout).toContain('flat file v1.1');
    expect(r.stdout).toContain('UK electricity › Electricity generated › Electricity: UK');
  });

  it('convert --json returns the documented shape', () => {
    const r = tco2e('convert', '--activity', 'natural_gas', '--quantity', '10000', '--unit', 'kWh', '--date', '2019-07-01', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.kgCo2e).toBeCloseTo(1838.5, 10);
    expect(out.trace).toMatchObject({ factorKey: 'natural_gas', factorYear: 2019, policy: 'financial-year', custom: false });
    expect(out.scope).toEqual({ scope: 1, category: null, label: 'Scope 1' });
  });

  it('convert warns when it uses the nearest set', () => {
    const r = tco2e('convert', '--activity', 'electricity.grid', '--quantity', '1000', '--unit', 'kWh', '--date', '2010-06-01');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(msg.nearestSet(2010, 2013));
  });

  it('an unknown key exits 2 with the nearest keys and no stack trace', () => {
    const r = tco2e('convert', '--activity', 'natural_gaz', '--quantity', '1', '--unit', 'kWh', '--date', '2023-06-01');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Did you mean: natural_gas');
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  it('an impossible unit exits 2 naming both units', () => {
    const r = tco2e('convert', '--activity', 'electricity.grid', '--quantity', '1', '--unit', 'litres', '--date', '2023-06-01', '--json');
    expect(r.code).toBe(2);
    const out = JSON.parse(r.stdout);
    expect(out.error.code).toBe('incompatible_unit');
    expect(out.error.details.accepted).toEqual(['kWh']);
  });

  it('a bad custom factor file is refused with its line numbers', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tco2e-'));
    const file = join(dir, 'custom.csv');
    writeFileSync(file, 'key,unit,kg_co2e,source,scope\nelectricity.supplier.a,kWh,zero,Supplier,2\n');
    const r = tco2e('factors', 'list', '--factors', file);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('custom.csv:2 [kg_co2e] "zero"');
  });

  it('convert --file converts the sample and totals by scope', () => {
    const r = tco2e('convert', '--file', 'data/samples/activities.csv', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.problems).toEqual([]);
    expect(out.results.length).toBeGreaterThan(10);
    const sum = out.results.filter((x: any) => x.scope.scope !== null).reduce((s: number, x: any) => s + x.kgCo2e, 0);
    expect(out.totals.kgCo2e).toBeCloseTo(sum, 6);
  });

  it('every command has a description and examples in --help', () => {
    for (const cmd of [['convert'], ['factors', 'list'], ['factors', 'show']]) {
      const r = tco2e(...cmd, '--help');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('EXAMPLES');
      expect(r.stdout).toContain('--json');
    }
  });
});

describe('custom factor and activity files are read like any supplier CSV', () => {
  it('a Windows-1252 custom factor file keeps its £ and ’; a workbook renamed .csv is named as such', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tco2e-'));
    const file = join(dir, 'tariff.csv');
    // "Supplier’s fuel mix £0" in Windows-1252: ’ is 0x92, £ is 0xA3.
    writeFileSync(file, Buffer.concat([
      Buffer.from('key,year,unit,kg_co2e,scope,source\r\nelectricity.supplier.green,2024,kWh,0.01,2,Supplier'),
      Buffer.from([0x92]), Buffer.from('s fuel mix '), Buffer.from([0xa3]), Buffer.from('0 premium\r\n'),
    ]));
    const r = tco2e('factors', 'show', 'electricity.supplier.green', '--factors', file, '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.years.find((y: any) => y.year === 2024).variants[0].labels.level2).toBe('Supplier’s fuel mix £0 premium');
    const xlsx = join(dir, 'factors.csv');
    writeFileSync(xlsx, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 6, 0, 0, 0]));
    const bad = tco2e('factors', 'list', '--factors', xlsx);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Excel/);
  });

  it('a command line oclif cannot parse exits 2; under --json it is one small JSON error, never a dump of the configuration', () => {
    const cases: [string[], RegExp][] = [
      [['emissions', '--bogus', '--json'], /^tco2e emissions has no --bogus flag\.$/],
      [['emissions', '--by', 'weekday', '--json'], /^Expected --by=weekday to be one of: year, quarter, month, source, scope, site, org, quality$/],
      [['imports', 'undo', '--json'], /^Missing 1 required arg: id /],
      [['imports', 'show', 'three', '--json'], /three/],
    ];
    for (const [args, message] of cases) {
      const r = tco2e(...args);
      expect(r.code, args.join(' ')).toBe(2);
      const out = JSON.parse(r.stdout) as { error: Record<string, unknown> };
      expect(Object.keys(out)).toEqual(['error']);
      expect(out.error).toMatchObject({ code: 'bad_usage', details: null });
      expect(out.error.message).toMatch(message);
      expect(out.error.hint).toMatch(new RegExp(`See \`tco2e ${args[0]}${args[0] === 'imports' ? ` ${args[1]}` : ''} --help\` for the flags and their allowed values\\.$`));
      // What oclif would have printed: its parse context, with the package.json and home folder.
      expect(r.stdout).not.toMatch(/"pjson"|"home"|"argv"/);
    }
    const text = tco2e('emissions', '--bogus');
    expect(text.code).toBe(2);
    expect(text.stdout).toBe('');
    expect(text.stderr).toContain('tco2e emissions has no --bogus flag.');
    // A flag typed nearly right is named.
    const near = tco2e('emissions', '--peroid', '2024/25');
    expect(near.code).toBe(2);
    expect(near.stderr).toContain('Did you mean --period?');
  });
});
