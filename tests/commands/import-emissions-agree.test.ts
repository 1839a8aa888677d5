/**
 * What an import says it stored and what `tco2e emissions` then totals are one figure drawn
 * within one boundary: location-based Scopes 1–3 without well-to-tank and T&D losses, biogenic
 * CO2 apart. The well-to-tank and T&D the import gives on its own line is what `--wtt` adds.
 */

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ImportSummary } from '../../src/import/summary.js';
import { msg } from '../../src/messages.js';
import { travelMsg } from '../../src/travel/travel-text.js';
import { tonnes } from '../../src/cli/views/tonnes.js';
import { ROOT, runCli } from '../helpers.js';

const ORG = 'northmere-acute';
const SAMPLES = join(ROOT, 'data/samples/ics');
/** Each CLI run is a node process: slow on a loaded machine. */
const CLI_TESTS_MS = 120_000;

interface EmissionsJson { result: { boundary: Record<string, unknown>; total: { kgCo2e: number; outsideScopesKgCo2e: number } } }

/** Equal to a part in a billion: sums of the same figures in another order differ in the last bits. */
function expectSame(a: number, b: number): void {
  expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.max(Math.abs(a), Math.abs(b), 1));
}

function emissionsTotal(dir: string, ...extra: string[]): EmissionsJson['result'] {
  const r = runCli(dir, 'emissions', '--org', ORG, '--json', ...extra);
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as EmissionsJson).result;
}

describe('the import summary and `emissions` agree on the sample data', () => {
  let dir: string;
  const summaries: ImportSummary[] = [];
  const texts: string[] = [];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tco2e-agree-'));
    expect(runCli(dir, 'init', '--org', 'placeholder', '--name', 'Placeholder').code).toBe(0);
    // The sample ICS's own config (it names the same ledger file as `init` made).
    // Estimates that no import stores (staff commuting by the default method, patients' and
    // visitors' travel from patient contacts) are left out: what is compared is what was imported.
    const config = JSON.parse(readFileSync(join(SAMPLES, 'tco2e.config.json'), 'utf8')) as { organisations: { travel?: Record<string, unknown>; denominators?: Record<string, unknown>[] }[] };
    for (const o of config.organisations) {
      o.travel = { ...o.travel, commutingWithoutSurvey: 'leave-out', patientActivity: [] };
      for (const d of o.denominators ?? []) delete d.patientContacts;
    }
    writeFileSync(join(dir, 'tco2e.config.json'), JSON.stringify(config));
    for (const [kind, file] of [
      ['energy', 'energy/acute-bills-2013-2026.csv'],
      ['energy', 'energy/royal-infirmary-hh-2025-26.csv'],
      ['fleet', 'fleet/acute-vehicle-register.csv'],
      ['fleet', 'fleet/acute-fuel-card-2013-2026.csv'],
    ] as const) {
      // The import as a person reads it (checked, not stored), then stored.
      const text = runCli(dir, 'import', kind, join(SAMPLES, file), '--org', ORG, '--dry-run');
      expect(text.code, text.stderr).toBe(0);
      texts.push(text.stdout);
      const r = runCli(dir, 'import', kind, join(SAMPLES, file), '--org', ORG, '--json');
      expect(r.code, r.stderr).toBe(0);
      summaries.push(JSON.parse(r.stdout) as ImportSummary);
    }
  }, CLI_TESTS_MS);

  it('the headline totals add up to the `emissions` total, within the same boundary', () => {
    const plain = emissionsTotal(dir);
    expect(plain.boundary).toEqual({ includeWtt: false, includeTd: false, outsideScopesSeparate: true, scope2Headline: 'location' });
    for (const s of summaries) expect(s.totals.boundary).toEqual(plain.boundary);
    const headline = summaries.reduce((sum, s) => sum + s.totals.headlineKgCo2e, 0);
    expectSame(headline, plain.total.kgCo2e);
    // Biogenic CO2 is beside both totals, and the same.
    expectSame(summaries.reduce((sum, s) => sum + s.totals.outsideScopesKgCo2, 0), plain.total.outsideScopesKgCo2e);

    // What the import gives beside the headline is what --wtt adds, and the old all-in figure is kept.
    const withWtt = emissionsTotal(dir, '--wtt');
    const beside = summaries.reduce((sum, s) => sum + s.totals.wttKgCo2e + s.totals.tdKgCo2e, 0);
    expect(beside).toBeGreaterThan(0);
    expectSame(headline + beside, withWtt.total.kgCo2e);
    for (const s of summaries) expectSame(s.totals.kgCo2e, s.totals.headlineKgCo2e + s.totals.wttKgCo2e + s.totals.tdKgCo2e);
  });

  it('the text names the boundary next to the total and gives well-to-tank and T&D on their own line', () => {
    const bills = summaries[0]!.totals;
    expect(texts[0]).toContain(msg.importHeadline(tonnes(bills.headlineKgCo2e)));
    expect(texts[0]).toContain(msg.importWttTd(tonnes(bills.wttKgCo2e + bills.tdKgCo2e), tonnes(bills.wttKgCo2e), tonnes(bills.tdKgCo2e)));
    // The file's headline reads as `emissions` prints its total when that file is all there is
    // (checked here through the shared rounding: the same tonnes, the same digits).
    expect(texts[0]).not.toContain('including T&D and well-to-tank');
    // A vehicle register converts nothing: no total of nothing.
    expect(texts[2]).not.toMatch(/^Emissions:/m);
    // Biogenic CO2 of the fuel card (its biofuel blend) is outside every total.
    const card = summaries[3]!.totals;
    expect(card.outsideScopesKgCo2).toBeGreaterThan(0);
    expect(texts[3]).toContain(msg.importOutsideScopes(tonnes(card.outsideScopesKgCo2)));
  });

  it('every other total the terminal prints says its boundary', () => {
    const emissions = runCli(dir, 'emissions', '--org', ORG);
    expect(emissions.stdout).toContain('well-to-tank and T&D losses excluded; biogenic CO2 reported separately, never in the total');
    expect(runCli(dir, 'emissions', '--org', ORG, '--wtt').stdout).toContain('well-to-tank and T&D losses included (Scope 3 cat. 3)');
    const progress = runCli(dir, 'progress', '--org', ORG);
    expect(progress.code, progress.stderr).toBe(0);
    expect(progress.stdout).toMatch(/Covers scope [^\n]*without well-to-tank and T&D losses, biogenic CO2 apart/);
    expect(msg.progressBoundary).toBe('without well-to-tank and T&D losses, biogenic CO2 apart');
    const travel = runCli(dir, 'travel', '--org', ORG, '--period', '2024/25');
    expect(travel.code, travel.stderr).toBe(0);
    expect(travel.stdout).toContain(travelMsg.boundary);
    const convert = runCli(dir, 'convert', '--file', join(ROOT, 'data/samples/activities.csv'));
    expect(convert.stdout).toMatch(/Total, Scopes 1–3 of the rows as listed: [\d,.]+ t CO2e from \d+ of \d+ rows \(policy financial-year\)\. Well-to-tank and T&D losses are in it only where a row names their key \(none are added\); biogenic CO2 apart\./);
  }, CLI_TESTS_MS);
});
