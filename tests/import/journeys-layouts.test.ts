/**
 * Survey tools' export layouts (tests/fixtures/corpus/manifest-journeys.json) read in full: beyond
 * the responses per mode the corpus test checks, the one-way distances (miles, km, ranges, bounds)
 * and the days on site (days, shares of the week) must add up to the totals worked out by hand.
 * And the answers those layouts brought to light, one by one.
 */

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../src/convert/policy.js';
import { loadFactors } from '../../src/factors/library.js';
import { importJourneys, type JourneysRequest } from '../../src/import/import-journeys.js';
import { loadBuiltinProfiles } from '../../src/map/profiles.js';
import { parseCommuteMode } from '../../src/map/survey.js';
import { Ledger } from '../../src/store/ledger.js';
import { CORPUS } from './corpus-manifest.js';

interface Fixture {
  readonly path: string;
  readonly expect: { readonly oneWayKm?: number; readonly daysPerWeek?: number; readonly responses?: number; readonly note: string };
}

const library = loadFactors();
const builtins = loadBuiltinProfiles();
const org = { id: 'north-acute', name: 'North Acute', kind: 'nhs-trust' as const, sites: [{ id: 'main', name: 'Main Hospital', meters: [] }], denominators: [] };
const fixtures = (JSON.parse(readFileSync(join(CORPUS, 'manifest-journeys.json'), 'utf8')) as { fixtures: Fixture[] }).fixtures;

function workspace() {
  const dir = mkdtempSync(join(tmpdir(), 'tco2e-journey-layouts-'));
  const ledger = Ledger.open(join(dir, 'ledger.sqlite'), { create: true });
  const req = (path: string): JourneysRequest => ({
    path, org, profiles: builtins, library, policy: parsePolicy('financial-year'), now: new Date('2026-06-01T09:00:00Z'), toolVersion: '0.1.0',
  });
  const totals = (): { n: number; km: number; days: number } => {
    const db = new Database(ledger.path, { readonly: true });
    try {
      return db.prepare('SELECT count(*) AS n, coalesce(sum(one_way_km), 0) AS km, coalesce(sum(days_per_week), 0) AS days FROM survey_responses').get() as { n: number; km: number; days: number };
    } finally {
      db.close();
    }
  };
  return { dir, ledger, req, totals };
}

describe('survey layouts: distances and days add up', () => {
  for (const f of fixtures.filter((x) => x.expect.oneWayKm !== undefined)) {
    it(f.path, async () => {
      const { ledger, req, totals } = workspace();
      const summary = await importJourneys(ledger, req(join(CORPUS, f.path)));
      expect(summary.status, f.expect.note).toBe('stored');
      const t = totals();
      expect(t.n, f.expect.note).toBe(f.expect.responses);
      expect(t.km, f.expect.note).toBeCloseTo(f.expect.oneWayKm!, 6);
      expect(t.days, f.expect.note).toBeCloseTo(f.expect.daysPerWeek!, 6);
    });
  }
});

describe('survey layouts: answers and columns', () => {
  it.each([
    ['Cycled', { mode: 'cycle' }],
    ['Walked', { mode: 'walk' }],
    ['Drove alone (car or van)', { mode: 'drive_alone' }],
    ['Car (driver, sharing with others)', { mode: 'car_share', carShareRole: 'driver' }],
    ['Car (passenger, sharing with others)', { mode: 'car_share', carShareRole: 'passenger' }],
    ['Motorcycle/moped', { mode: 'motorbike' }],
  ])('%s → %o', (answer, expected) => {
    expect(parseCommuteMode(answer)).toEqual({ ok: true, answer: expected });
  });

  const header = 'Timestamp,How do you normally get to work?,,How far is your journey to work (miles)?,How many days a week do you travel to work?';

  it('reads the mode typed beside an "Other" choice, and keeps "other" when the text names none', async () => {
    const { dir, ledger, req } = workspace();
    const path = join(dir, 'other.csv');
    writeFileSync(path, [header, '14/03/2025 08:00,Other (please specify),Motorbike,5,5', '15/03/2025 08:00,,Lift from a colleague,4,5', '16/03/2025 08:00,Other,Hovercraft,2,3', '17/03/2025 08:00,Bus,Hovercraft,3,5', ''].join('\n'));
    const summary = await importJourneys(ledger, req(path));
    expect(summary.rows).toMatchObject({ accepted: 4, rejected: 0 });
    const db = new Database(ledger.path, { readonly: true });
    const rows = db.prepare('SELECT line, main_mode AS mode, extra_json AS extra FROM survey_responses ORDER BY line').all() as { line: number; mode: string; extra: string }[];
    db.close();
    expect(rows.map((r) => [r.line, r.mode])).toEqual([[2, 'motorbike'], [3, 'car_share'], [4, 'other'], [5, 'bus']]);
    expect(JSON.parse(rows[2]!.extra)).toMatchObject({ mainModeAnswer: 'Other: Hovercraft', otherModeAnswer: 'Hovercraft' });
    // A choice that names a mode is the answer, whatever is typed beside it.
    expect(JSON.parse(rows[3]!.extra)).not.toHaveProperty('otherModeAnswer');
  });

  it('rejects a choice number with its line, saying to export the choices\' texts', async () => {
    const { dir, ledger, req } = workspace();
    const path = join(dir, 'numbers.csv');
    writeFileSync(path, [header, '14/03/2025 08:00,Bus,,5,5', '15/03/2025 08:00,3,,4,5', ''].join('\n'));
    const summary = await importJourneys(ledger, req(path));
    expect(summary.rows).toMatchObject({ accepted: 1, rejected: 1 });
    expect(summary.problems).toEqual([expect.objectContaining({ line: 3, code: 'mode_choice_number', value: '3' })]);
    expect(summary.problems[0]!.message).toContain('choices\' texts');
  });
});
