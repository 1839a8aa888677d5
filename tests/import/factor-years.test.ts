/**
 * Activities in a year after the latest factor set tco2e ships are converted with the nearest
 * set, and said to be, at import and in every query; activities that have not begun are refused.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { footprint } from '../../src/aggregate/footprint.js';
import { standInSets } from '../../src/aggregate/factor-years.js';
import type { EmissionLine } from '../../src/kernel/emission-line.js';
import { parsePolicy } from '../../src/convert/policy.js';
import { loadFactors } from '../../src/factors/library.js';
import { importEnergy } from '../../src/import/import-energy.js';
import { importDay } from '../../src/import/plausible.js';
import { loadBuiltinProfiles } from '../../src/map/profiles.js';
import { Ledger } from '../../src/store/ledger.js';
import { ConfigSchema } from '../../src/workspace/config.js';

const library = loadFactors();
const LATEST = Math.max(...library.years);
const org = { id: 'north-acute', name: 'North Acute', kind: 'nhs-trust' as const, sites: [], denominators: [] };
const HEADER = 'Site Name,MPAN,Fuel,Start Date,End Date,Consumption (kWh),Read Type';

describe('factor years at import', () => {
  it('the import day is the UK date: 23:30 UTC on 31 May is 1 June in London (BST)', () => {
    expect(importDay(new Date('2025-05-31T23:30:00Z'))).toBe('2025-06-01');
    expect(importDay(new Date('2025-12-31T23:30:00Z'))).toBe('2025-12-31');
  });

  it('a year after the latest set: converted with it, counted in one warning per year; a period not yet begun: rejected', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tco2e-factor-years-'));
    const path = join(dir, 'bills.csv');
    const next = LATEST + 1;
    writeFileSync(path, [
      HEADER,
      `Main,1200000000001,Electricity,01/05/${LATEST},31/05/${LATEST},1000,A`,
      `Main,1200000000001,Electricity,01/05/${next},31/05/${next},1000,A`,
      `Main,1200000000001,Electricity,01/06/${next},30/06/${next},2000,A`,
      `Main,1200000000001,Electricity,01/08/${next},31/08/${next},3000,A`,
    ].join('\n') + '\n');
    const ledger = Ledger.open(join(dir, 'ledger.sqlite'), { create: true });
    const s = await importEnergy(ledger, {
      path, org, profiles: loadBuiltinProfiles(), library, policy: parsePolicy('financial-year'), now: new Date(`${next}-07-20T09:00:00Z`), toolVersion: '0.1.0',
    });
    expect(s.status).toBe('stored');
    expect(s.rows).toEqual({ read: 4, accepted: 3, excluded: 0, rejected: 1 });
    expect(s.problems.map((p) => [p.line, p.code, p.value])).toEqual([[5, 'future_date', `${next}-08-01`]]);
    const nearest = s.warnings.filter((w) => w.code === 'nearest_set');
    expect(nearest.map((w) => w.message)).toEqual([
      `tco2e has no ${next} factor set; 2 activities of that year were converted with the ${LATEST} set, the nearest published year (once a version of tco2e with the ${next} set is installed, \`--policy financial-year\` recomputes them)`,
    ]);
    const years = ledger.select<{ y: number; n: number }>("SELECT factor_year AS y, count(*) AS n FROM activities WHERE companion_of IS NULL GROUP BY factor_year");
    expect(years).toEqual([{ y: LATEST, n: 3 }]);

    // Every query over those lines says the same.
    const config = ConfigSchema.parse({ version: 1, ledger: 'ledger.sqlite', organisations: [{ id: 'north-acute', name: 'North Acute', kind: 'nhs-trust' }] });
    const fp = footprint({ ledger, library, config, reads: new Map() }, { orgs: ['north-acute'], commuting: false });
    expect(fp.warnings.filter((w) => w.code === 'nearest_set').map((w) => w.message)).toEqual([
      `tco2e has no ${next} conversion factor set: 2 figures for that year use the ${LATEST} set, the nearest published year.`,
    ]);
    ledger.close();
  });
});

describe('standInSets', () => {
  const line = (over: Partial<EmissionLine>): EmissionLine => ({
    org: 'a', site: null, meter: null, source: 'electricity', periodStart: '2026-05-01', periodEnd: '2026-05-31', kind: 'main', factorKey: 'electricity.grid',
    factorYear: 2025, policy: 'financial-year', ...over,
  }) as EmissionLine;

  it('reads each line by its own policy: calendar, financial and fixed years', () => {
    expect(standInSets([
      line({}), // financial 2026/27 → 2026 asked, 2025 used
      line({ periodStart: '2026-02-01', policy: 'financial-year' }), // 2025/26 → 2025: its own
      line({ periodStart: '2026-02-01', policy: 'calendar-year' }), // 2026 asked
      line({ policy: 'fixed:2025' }), // fixed: its own by definition
      line({ kind: 'wtt' }), // companions follow their main line
      line({ factorKey: '', factorYear: 0, policy: '' }), // an export carries no factor
    ]).map((w) => w.message)).toEqual(['tco2e has no 2026 conversion factor set: 2 figures for that year use the 2025 set, the nearest published year.']);
  });

  it('says nothing when every line uses its own year', () => {
    expect(standInSets([line({ periodStart: '2025-05-01' }), line({ periodStart: '2024-05-01', factorYear: 2024 })])).toEqual([]);
  });
});
