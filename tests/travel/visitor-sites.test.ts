/**
 * A patient and visitor survey whose answers name sites the config does not have: the travel
 * report names them, with how many answers each, and says what to add, since those answers get
 * no private-car share and no per-site scaling.
 */

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../src/convert/policy.js';
import { loadFactors } from '../../src/factors/library.js';
import { importJourneys } from '../../src/import/import-journeys.js';
import { loadBuiltinProfiles } from '../../src/map/profiles.js';
import { Ledger } from '../../src/store/ledger.js';
import { financialYearPeriod } from '../../src/travel/period.js';
import { travelReport } from '../../src/travel/report.js';
import { ConfigSchema } from '../../src/workspace/config.js';
import { ROOT } from '../helpers.js';

describe('patient and visitor answers at sites the config does not have', () => {
  it('are named in a warning with their counts and what to do, and get no site share', async () => {
    const org = ConfigSchema.parse({ version: 1, organisations: [{ id: 'north-acute', name: 'North Acute', kind: 'nhs-trust' }] }).organisations[0]!;
    const ledger = Ledger.open(join(mkdtempSync(join(tmpdir(), 'tco2e-visitor-sites-')), 'ledger.sqlite'), { create: true });
    const library = loadFactors();
    await importJourneys(ledger, {
      path: join(ROOT, 'tests/fixtures/journeys/visitor-survey-short-headers.csv'), org, profiles: loadBuiltinProfiles(), library, policy: parsePolicy('financial-year'),
      now: new Date('2024-10-01T09:00:00Z'), toolVersion: '0.1.0', wave: '2023 autumn',
    });
    const r = travelReport(ledger, library, org, financialYearPeriod(2023));
    expect(r.siteShares).toEqual([]);
    const w = r.warnings.find((x) => x.code === 'visitor_site_unknown')!;
    // The fixture's seven stored answers: four at "Main Hospital", two at "Community Hospital", one at "main".
    expect(w.count).toBe(7);
    expect(w.message).toContain('"Main Hospital" (4), "Community Hospital" (2), "main" (1)');
    expect(w.message).toMatch(/add each to the organisation's sites/);
    ledger.close();
  });
});
