/**
 * `tco2e profiles detect`: what tco2e makes of a file, column by column, and `--save-profile`,
 * which writes that down so the next file from the same system loads by its own column names.
 */

import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LayoutDetection } from '../../src/import/detect-layout.js';
import { ROOT, runCli } from '../helpers.js';

const CORPUS = join(ROOT, 'tests/fixtures/corpus');

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tco2e-detect-'));
  expect(runCli(dir, 'init', '--org', 'north-acute', '--name', 'North Acute').code).toBe(0);
  return dir;
}

function detect(dir: string, ...args: string[]): LayoutDetection & { saved?: string } {
  const r = runCli(dir, 'profiles', 'detect', ...args, '--json');
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as LayoutDetection & { saved?: string };
}

describe('profiles detect', () => {
  it('names the layout and, for every field, the column it was taken from and why', () => {
    const dir = workspace();
    const d = detect(dir, join(CORPUS, 'energy/drax-portal-hh1-hh50.csv'), '--kind', 'energy');
    expect(d).toMatchObject({ file: 'drax-portal-hh1-hh50.csv', delimiter: ',', headerLine: 1 });
    const energy = d.kinds.find((k) => k.kind === 'energy')!;
    expect(energy.chosen).toMatchObject({ profile: 'half-hourly-numbered', sureness: 'certain', periodColumns: 50 });
    expect(energy.chosen!.columns.map((c) => [c.field, c.column, c.header, c.by])).toEqual([
      ['meter', 0, 'MPAN', 'spelling'], ['date', 1, 'Date', 'spelling'], ['total', 2, 'Total', 'spelling'],
    ]);
    // The text a person reads says the same.
    const text = runCli(dir, 'profiles', 'detect', join(CORPUS, 'energy/drax-portal-hh1-hh50.csv'), '--kind', 'energy').stdout;
    expect(text).toContain('layout half-hourly-numbered');
    expect(text).toMatch(/meter\s+column {2}1 "MPAN": listed as "MPAN"/);
  });

  it('says which columns were found by meaning, with the words that decided', () => {
    const d = detect(workspace(), join(CORPUS, 'fleet/ev-energy-charging-sessions.csv'), '--kind', 'fleet');
    const c = d.kinds[0]!.chosen!;
    expect(c).toMatchObject({ profile: 'ev-charging', sureness: 'by meaning' });
    const quantity = c.columns.find((x) => x.field === 'quantity')!;
    expect(quantity).toMatchObject({ header: 'Estimated Energy Delivered', by: 'meaning' });
    expect(quantity.why).toContain('energy delivered');
    expect(quantity.score).toBeGreaterThanOrEqual(0.6);
  });

  it('offers a layout only when the values bear out its columns: a half-hourly file is not also read as EV charging', () => {
    const dir = workspace();
    const file = join(dir, 'hh.csv');
    const times = Array.from({ length: 48 }, (_, i) => `${String(Math.floor((i + 1) / 2)).padStart(2, '0')}:${i % 2 === 0 ? '30' : '00'}`);
    const row = (d: number): string => ['Main Block', '1012345678901', `${String(d).padStart(2, '0')}/10/2025`, 'kWh', ...times.map(() => '1.5')].join(',');
    writeFileSync(file, [['Site Name', 'MPAN', 'Reading Date', 'Units', ...times].join(','), row(1), row(2)].join('\n') + '\n');
    const d = detect(dir, file);
    expect(d.kinds.find((k) => k.kind === 'energy')!.chosen).toMatchObject({ profile: 'half-hourly-end', periodColumns: 48, unused: ['Units'] });
    const fleet = d.kinds.find((k) => k.kind === 'fleet')!;
    expect(fleet.chosen).toBeNull();
    expect(fleet.nearest.find((n) => n.profile === 'ev-charging')!.lacks.join(' ')).toContain('quantity');
    expect(runCli(dir, 'profiles', 'detect', file).stdout).not.toContain('As fleet');
  });

  it('for a file no layout fits, names the nearest layouts and what each still lacks', () => {
    const dir = workspace();
    const file = join(dir, 'odd.csv');
    writeFileSync(file, 'Reference,Colour,Shape\nA1,red,square\nB2,blue,circle\n');
    const d = detect(dir, file, '--kind', 'energy');
    const energy = d.kinds[0]!;
    expect(energy.chosen).toBeNull();
    expect(energy.nearest.length).toBeGreaterThan(1);
    for (const n of energy.nearest) expect(n.lacks.length, n.profile).toBeGreaterThan(0);
    expect(energy.nearest.find((n) => n.profile === 'energy-bill')!.lacks.join(' ')).toMatch(/"/);
  });

  it('--save-profile writes the layout as found into the config; the next file fits it by its own names and imports the same', () => {
    const dir = workspace();
    const file = join(dir, 'sessions.csv');
    copyFileSync(join(CORPUS, 'fleet/ev-energy-charging-sessions.csv'), file);
    const saved = detect(dir, file, '--kind', 'fleet', '--save-profile', 'ev-app');
    expect(saved.saved).toBe('ev-app');
    const config = JSON.parse(readFileSync(join(dir, 'tco2e.config.json'), 'utf8')) as { profiles: { id: string; shape: string; columns: Record<string, string[]> }[] };
    const p = config.profiles.find((x) => x.id === 'ev-app')!;
    expect(p.shape).toBe('ev-charging');
    expect(p.columns.quantity![0]).toBe('Estimated Energy Delivered');
    // Next month's file: found by spelling now, with the saved layout.
    const again = detect(dir, file, '--kind', 'fleet');
    expect(again.kinds[0]!.chosen).toMatchObject({ profile: 'ev-app', sureness: 'certain' });
    const r = runCli(dir, 'import', 'fleet', file, '--org', 'north-acute', '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'stored', profile: 'ev-app' });
    // An id in use is refused, and the config left as it was.
    const before = readFileSync(join(dir, 'tco2e.config.json'), 'utf8');
    const refused = runCli(dir, 'profiles', 'detect', file, '--kind', 'fleet', '--save-profile', 'ev-app');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('already a profile "ev-app"');
    expect(readFileSync(join(dir, 'tco2e.config.json'), 'utf8')).toBe(before);
  });

  it('import … --explain says the same before the summary, and in the JSON', () => {
    const dir = workspace();
    const file = join(dir, 'sessions.csv');
    copyFileSync(join(CORPUS, 'fleet/ev-energy-charging-sessions.csv'), file);
    const text = runCli(dir, 'import', 'fleet', file, '--org', 'north-acute', '--dry-run', '--explain');
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout.indexOf('As fleet: layout ev-charging')).toBeGreaterThanOrEqual(0);
    expect(text.stdout.indexOf('As fleet: layout ev-charging')).toBeLessThan(text.stdout.indexOf('Dry run'));
    const json = runCli(dir, 'import', 'fleet', file, '--org', 'north-acute', '--explain', '--json');
    expect(json.code, json.stderr).toBe(0);
    const out = JSON.parse(json.stdout) as { status: string; explain: LayoutDetection };
    expect(out.status).toBe('stored');
    expect(out.explain.kinds[0]!.chosen!.columns.find((c) => c.field === 'quantity')).toMatchObject({ header: 'Estimated Energy Delivered', by: 'meaning' });
  });
});
